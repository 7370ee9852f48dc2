import { describe, expect, it } from 'vitest';
import {
  addMonths, canTransition, consentStatus, expiryProblem, isMonth, lookbackStart, maxExpiry, periodBounds, periodInWindow,
} from '../../src/server/modules/consent/consent-rules';

describe('calendar months', () => {
  it.each([
    ['2025-06-15', 1, '2025-07-15'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2025-06-15', -6, '2024-12-15'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2025-06-15', -120, '2015-06-15'],
    ['2025-12-31', 1, '2026-01-31'],
  ])('%s %+d months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('expiry: after today, at most a year away', () => {
  it.each([
    ['2025-06-15', '2025-06-15', 'must be after today (2025-06-15)'],
    ['2025-06-14', '2025-06-15', 'must be after today (2025-06-15)'],
    ['2025-06-16', '2025-06-15', null],
    ['2026-06-15', '2025-06-15', null],
    ['2026-06-16', '2025-06-15', 'must be at most one year away (on or before 2026-06-15)'],
    ['2025-02-28', '2024-02-29', null],
    ['2025-03-01', '2024-02-29', 'must be at most one year away (on or before 2025-02-28)'],
  ])('expires %s, today %s → %s', (expiresOn, today, problem) => {
    expect(expiryProblem(expiresOn, today)).toBe(problem);
  });
  it('maxExpiry is a year ahead', () => expect(maxExpiry('2025-06-15')).toBe('2026-06-15'));
});

describe('status is computed from today', () => {
  it.each([
    [null, '2025-06-15', '2025-06-15', 'active'],
    [null, '2025-06-14', '2025-06-15', 'expired'],
    [null, '2025-12-31', '2025-06-15', 'active'],
    ['2025-06-01T00:00:00Z', '2025-12-31', '2025-06-15', 'revoked'],
    ['2025-06-01T00:00:00Z', '2025-06-01', '2025-06-15', 'revoked'],
  ])('revoked %s, expires %s, today %s → %s', (revokedAt, expiresOn, today, status) => {
    expect(consentStatus({ revokedAt, expiresOn }, today)).toBe(status);
  });
  it.each([
    ['active', true],
    ['expired', true],
    ['revoked', false],
  ] as const)('revoke from %s allowed: %s', (status, ok) => {
    expect(canTransition('revoke', status)).toBe(ok);
  });
});

describe('periods and the lookback window', () => {
  it.each([
    ['2024', { start: '2024-01-01', end: '2024-12-31' }],
    ['2024-Q1', { start: '2024-01-01', end: '2024-03-31' }],
    ['2024-Q4', { start: '2024-10-01', end: '2024-12-31' }],
    ['2024-02', { start: '2024-02-01', end: '2024-02-29' }],
    ['2023-02', { start: '2023-02-01', end: '2023-02-28' }],
    ['2024-13', null],
    ['2024-00', null],
    ['2024-Q5', null],
    ['24-01', null],
    ['2024-1', null],
  ])('%s → %j', (period, bounds) => {
    expect(periodBounds(period)).toEqual(bounds);
  });
  it.each([
    // lookback 12 months from 2025-06-15: the window starts 2024-06-15.
    ['2024-06', true],
    ['2024-05', false],
    ['2024-Q2', true],
    ['2024-Q1', false],
    ['2024', true],
    ['2023', false],
    ['2025-06', true],
    ['garbage', false],
  ])('with the window from 2024-06-15, %s shown: %s', (period, shown) => {
    expect(periodInWindow(period, lookbackStart('2025-06-15', 12))).toBe(shown);
  });
  it.each([
    ['2025-06', true],
    ['2025-6', false],
    ['2025', false],
    ['2025-Q1', false],
    ['2025-13', false],
  ])('month %s valid: %s', (text, ok) => expect(isMonth(text)).toBe(ok));
});
