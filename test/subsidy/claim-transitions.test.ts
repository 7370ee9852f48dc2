import { describe, expect, it } from 'vitest';
import { checkTransition, CLAIM_ACTION_NAMES, CLAIM_STATUSES, type ClaimActionName } from '../../src/server/modules/subsidy/claim-transitions';
import { noticeWindow, weekday } from '../../src/server/modules/subsidy/working-days';

// The whole table, written out: status × action → next status, or '-' for a 409. Any change to the transition
// table has to change this table too.
const S = 'staff' as const;
const EXPECTED: Record<(typeof CLAIM_STATUSES)[number], Partial<Record<ClaimActionName, string>>> = {
  draft: { submit: 'submitted', withdraw: 'withdrawn' },
  submitted: { start_review: 'under_review', withdraw: 'withdrawn' },
  under_review: { determine: 'determined', reject: 'rejected', withdraw: 'withdrawn' },
  determined: { adjust: 'determined', approve_determination: 'determined', publish: 'in_public_notice', withdraw: 'withdrawn' },
  rejected: {},
  in_public_notice: { reopen: 'under_review', approve_payment: 'approved_for_payment', withdraw: 'withdrawn' },
  approved_for_payment: { pay: 'paid', withdraw: 'withdrawn' },
  paid: {},
  withdrawn: {},
};

const cases = CLAIM_STATUSES.flatMap((from) => CLAIM_ACTION_NAMES.map((action) => [from, action, EXPECTED[from][action] ?? '-'] as const));

describe('claim transition table (staff)', () => {
  it.each(cases)('%s + %s → %s', (from, action, to) => {
    const r = checkTransition(from, action, S);
    if (to === '-') {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toBe('state');
    } else expect(r).toEqual({ ok: true, to });
  });
});

describe('claimants', () => {
  const claimantActions: ClaimActionName[] = ['submit', 'withdraw'];
  it.each(CLAIM_ACTION_NAMES)('%s is for the claimant only if listed', (action) => {
    const from = CLAIM_STATUSES.find((s) => EXPECTED[s][action])!;
    const r = checkTransition(from, action, 'claimant');
    expect(r.ok).toBe(claimantActions.includes(action));
    if (!r.ok) expect(r.reason).toBe('actor');
  });
});

describe('public notice window in working days', () => {
  it.each([
    // start, days, holidays, from, to
    ['2025-06-02', 5, [], '2025-06-02', '2025-06-06'], // Monday: Mon–Fri
    ['2025-06-04', 5, [], '2025-06-04', '2025-06-10'], // Wednesday: skips the weekend
    ['2025-06-07', 5, [], '2025-06-09', '2025-06-13'], // Saturday: starts Monday
    ['2025-09-30', 5, ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'], '2025-09-30', '2025-10-14'],
    ['2024-02-28', 2, [], '2024-02-28', '2024-02-29'], // leap day
    ['2025-12-31', 2, ['2026-01-01'], '2025-12-31', '2026-01-02'],
  ] as const)('%s + %i working days (holidays %j) → %s … %s', (start, days, holidays, from, to) => {
    expect(noticeWindow(start, days, holidays)).toEqual({ from, to });
  });
  it('knows weekdays', () => {
    expect(weekday('2025-06-02')).toBe(0);
    expect(weekday('2025-06-08')).toBe(6);
    expect(weekday('1970-01-01')).toBe(3);
  });
});
