import { describe, expect, it } from 'vitest';
import { checkThreshold, nextAlertStatus, severityOf, thresholdOn } from './alert-rules';

const rows = [
  { rule: 'bank_npl_ratio', effectiveFrom: '2020-01-01', value: 0.03 },
  { rule: 'bank_npl_ratio', effectiveFrom: '2025-07-01', value: 0.02 },
  { rule: 'loan_dpd', effectiveFrom: '2024-01-01', value: 30 },
];

describe('dated thresholds', () => {
  it.each([
    ['bank_npl_ratio', '2025-06-30', 0.03],
    ['bank_npl_ratio', '2025-07-01', 0.02],
    ['bank_npl_ratio', '2019-12-31', null],
    ['loan_dpd', '2023-12-31', null],
    ['loan_dpd', '2030-01-01', 30],
    ['sla_backlog', '2025-01-01', null],
  ] as const)('%s on %s → %s', (rule, date, want) => expect(thresholdOn(rows, rule, date)).toBe(want));

  it.each([
    ['bank_npl_ratio', 0.03, null],
    ['bank_npl_ratio', 1.5, 'must be a ratio from 0 to 1 (0.03 = 3%)'],
    ['loan_dpd', 2.5, 'must be a whole number of days'],
    ['loan_dpd', -1, 'must be a number ≥ 0'],
    ['certification_expiring', 4000, 'must be at most 3650 days'],
    ['repeated_declines', 3, null],
  ] as const)('checkThreshold(%s, %s) → %s', (rule, value, want) => expect(checkThreshold(rule, value)).toBe(want));
});

describe('severity', () => {
  it.each([
    ['loan_dpd', 90, 0, {}, 'warning'],
    ['loan_dpd', 91, 0, {}, 'critical'],
    ['class_downgrade', 0, 30, { toClass: 'special_mention' }, 'warning'],
    ['class_downgrade', 0, 30, { toClass: 'substandard' }, 'critical'],
    ['certification_expiring', 7, 60, {}, 'critical'],
    ['certification_expiring', 8, 60, {}, 'warning'],
    ['bank_npl_ratio', 0.059, 0.03, {}, 'warning'],
    ['bank_npl_ratio', 0.06, 0.03, {}, 'critical'],
  ] as const)('%s measured %s (threshold %s) → %s', (rule, m, t, extra, want) => expect(severityOf(rule, m, t, extra)).toBe(want));
});

describe('alert transitions', () => {
  it.each([
    ['acknowledge', 'open', 'acknowledged'],
    ['acknowledge', 'acknowledged', null],
    ['acknowledge', 'resolved', null],
    ['resolve', 'open', 'resolved'],
    ['resolve', 'acknowledged', 'resolved'],
    ['resolve', 'resolved', null],
  ] as const)('%s from %s → %s', (action, from, want) => expect(nextAlertStatus(action, from)).toBe(want));
});
