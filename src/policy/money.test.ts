import { describe, expect, it } from 'vitest';
import { decimalFromNumber, multiply, parseDecimal, roundHalfUp, toPercentString, toPlainString } from './decimal';
import { formatYuan, parseYuan } from './money';
import { addDays, addYears, isIsoDate, wholeYearsBetween } from './dates';

describe('yuan → fen', () => {
  it.each([
    [1200000, 120000000],
    [0.01, 1],
    [0.1, 10],
    [1234567.89, 123456789],
    [0, 0],
  ])('%s yuan is %s fen', (yuan, fen) => expect(parseYuan(yuan)).toEqual({ ok: true, fen }));
  it.each([
    [0.001, 'at most 2 decimals'],
    [-0.01, 'negative'],
    ['100', 'JSON number'],
    [Number.NaN, 'JSON number'],
    [1e13, 'exceed'],
  ])('%s is refused (%s)', (value, message) => {
    const r = parseYuan(value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });
});

describe('rate × base in exact decimals, rounded half-up to the fen once', () => {
  // base in fen × rate; 0.1 + 0.2 style float error would show in these.
  it.each([
    ['3', '0.5', 2n], // 1.5 fen → 2
    ['1', '0.5', 1n], // 0.5 fen → 1 (half-up)
    ['100000100', '0.005', 500001n], // 1,000,001 yuan × 0.5% = 5,000.005 → 5,000.01
    ['123456789', '0.01725', 2129630n], // 2,129,629.61… fen
    ['70', '0.3', 21n],
    ['29', '0.1', 3n], // 2.9 fen → 3
    ['24', '0.1', 2n], // 2.4 fen → 2
  ])('%s fen × %s = %s fen', (fen, rate, expected) => {
    expect(roundHalfUp(multiply(parseDecimal(fen)!, parseDecimal(rate)!))).toBe(expected);
  });
  it('reads JSON numbers as the decimals they were written as', () => {
    expect(toPlainString(decimalFromNumber(0.035)!)).toBe('0.035');
    expect(toPlainString(decimalFromNumber(1e-7)!)).toBe('0.0000001');
    expect(toPercentString(decimalFromNumber(0.005)!)).toBe('0.5%');
    expect(toPercentString(parseDecimal('1')!)).toBe('100%');
  });
});

describe('formatting and dates', () => {
  it.each([
    [120000000, '1,200,000'],
    [123450, '1,234.50'],
    [1, '0.01'],
    [0, '0'],
  ])('%s fen reads %s', (fen, text) => expect(formatYuan(fen)).toBe(text));
  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-13-01', false],
    ['2025-6-1', false],
  ])('%s is a date: %s', (d, ok) => expect(isIsoDate(d)).toBe(ok));
  it('adds years and days on the calendar', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(wholeYearsBetween('2022-06-30', '2025-06-29')).toBe(2);
    expect(wholeYearsBetween('2022-06-30', '2025-06-30')).toBe(3);
  });
});
