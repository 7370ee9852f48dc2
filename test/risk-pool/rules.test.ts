import { describe, expect, it } from 'vitest';
import { checkTransition, CLAIM_ACTIONS, CLAIM_STATUSES, type ClaimActionName, type ClaimActor } from '../../src/server/modules/risk-pool/claim-transitions';
import { coverageProblems, fraction, lossRate, payableFor, recoveryEffect, settleQueue, shareOf } from '../../src/server/modules/risk-pool/pool-rules';

describe('shareOf: fen × share, half up, exact', () => {
  it.each([
    [1_000_000_00, '0.9', 900_000_00],
    [1_000_000_00, '0.9000', 900_000_00],
    [333, '0.55', 183], // 183.15 → 183
    [1, '0.5', 1], // 0.5 → 1 (half up)
    [3, '0.5', 2], // 1.5 → 2
    [29, '0.1', 3], // 2.9 → 3
    [12_345_678_91, '0.55', 6_790_123_40], // 679012340.05 → 679012340
    [100, '1', 100],
  ])('%i × %s = %i', (fen, share, out) => expect(shareOf(fen, share)).toBe(out));
  it('reads decimals as fractions', () => {
    expect(fraction('0.0300')).toEqual({ num: 300n, den: 10000n });
    expect(() => fraction('-1')).toThrow();
  });
});

describe('payableFor: share, then the per-loan cap, then what is left of the bank\'s year cap', () => {
  it.each([
    // 9:1 pool (seed 003), no caps
    [{ assessedLoss: 2_000_000_00, share: '0.9', perLoanCap: null, perBankYearCap: null, bankYearApproved: 0 }, { payable: 1_800_000_00, capped: null }],
    // 前补偿 55% (seed 001)
    [{ assessedLoss: 2_000_000_00, share: '0.55', perLoanCap: null, perBankYearCap: null, bankYearApproved: 0 }, { payable: 1_100_000_00, capped: null }],
    [{ assessedLoss: 2_000_000_00, share: '0.9', perLoanCap: 1_000_000_00, perBankYearCap: null, bankYearApproved: 0 }, { payable: 1_000_000_00, capped: 'per_loan' }],
    [{ assessedLoss: 2_000_000_00, share: '0.9', perLoanCap: 1_000_000_00, perBankYearCap: 5_000_000_00, bankYearApproved: 4_500_000_00 }, { payable: 500_000_00, capped: 'per_bank_year' }],
    [{ assessedLoss: 2_000_000_00, share: '0.9', perLoanCap: null, perBankYearCap: 5_000_000_00, bankYearApproved: 5_000_000_00 }, { payable: 0, capped: 'per_bank_year' }],
    [{ assessedLoss: 2_000_000_00, share: '0.9', perLoanCap: null, perBankYearCap: 5_000_000_00, bankYearApproved: 6_000_000_00 }, { payable: 0, capped: 'per_bank_year' }],
    [{ assessedLoss: 100_00, share: '0.9', perLoanCap: 90_00, perBankYearCap: null, bankYearApproved: 0 }, { payable: 90_00, capped: null }],
  ])('%j → %j', (input, out) => expect(payableFor(input as never)).toEqual(out));
});

describe('settleQueue: first in, first out; a later claim waits while an earlier one is short', () => {
  it.each([
    [100, [{ id: 'a', owed: 60 }, { id: 'b', owed: 30 }], [{ id: 'a', amount: 60, settles: true }, { id: 'b', amount: 30, settles: true }], 10],
    [100, [{ id: 'a', owed: 60 }, { id: 'b', owed: 50 }], [{ id: 'a', amount: 60, settles: true }, { id: 'b', amount: 40, settles: false }], 0],
    [50, [{ id: 'a', owed: 60 }, { id: 'b', owed: 10 }], [{ id: 'a', amount: 50, settles: false }], 0],
    [0, [{ id: 'a', owed: 60 }], [], 0],
    [0, [{ id: 'a', owed: 0 }, { id: 'b', owed: 5 }], [{ id: 'a', amount: 0, settles: true }], 0],
    [10, [], [], 10],
  ])('balance %i over %j', (balance, queue, payments, left) => {
    expect(settleQueue(balance, queue)).toEqual({ payments, balance: left });
  });
});

describe('recoveryEffect: shared back in the claim\'s ratio, first against what is still owed', () => {
  it.each([
    // paid in full (900 of a 1000 loss at 90%): a recovery of 100 returns 90 to the pool
    [{ amount: 100, payable: 900, assessedLoss: 1000, paid: 900, recoveredShare: 0 }, { poolPart: 90, offsetsOwed: 0, refund: 90 }],
    // nothing paid yet: the pool's part only lowers what it owes
    [{ amount: 100, payable: 900, assessedLoss: 1000, paid: 0, recoveredShare: 0 }, { poolPart: 90, offsetsOwed: 90, refund: 0 }],
    // partly paid: 850 paid of 900; owed 50, part 90 → 50 offsets, 40 back
    [{ amount: 100, payable: 900, assessedLoss: 1000, paid: 850, recoveredShare: 0 }, { poolPart: 90, offsetsOwed: 50, refund: 40 }],
    // capped claim: payable 500 of a 1000 loss → ratio 50%
    [{ amount: 100, payable: 500, assessedLoss: 1000, paid: 500, recoveredShare: 0 }, { poolPart: 50, offsetsOwed: 0, refund: 50 }],
    // never more than the pool bears
    [{ amount: 1000, payable: 900, assessedLoss: 1000, paid: 900, recoveredShare: 850 }, { poolPart: 50, offsetsOwed: 0, refund: 50 }],
    // rounding half up: 0.55 × 333 = 183.15
    [{ amount: 333, payable: 550, assessedLoss: 1000, paid: 550, recoveredShare: 0 }, { poolPart: 183, offsetsOwed: 0, refund: 183 }],
  ])('%j → %j', (input, out) => expect(recoveryEffect(input)).toEqual(out));
});

describe('coverageProblems', () => {
  const pool = (collateralModes: string[], productIds: string[] = []) => ({ status: 'active' as const, collateralModes: collateralModes as never, productIds });
  it.each([
    [pool([]), { collateralMode: 'credit', productId: null }, 0],
    [pool(['ip_pledge']), { collateralMode: 'ip_pledge', productId: null }, 0],
    [pool(['ip_pledge']), { collateralMode: 'credit', productId: null }, 1],
    [pool([], ['p1']), { collateralMode: 'credit', productId: 'p1' }, 0],
    [pool([], ['p1']), { collateralMode: 'credit', productId: 'p2' }, 1],
    [pool([], ['p1']), { collateralMode: 'credit', productId: null }, 1],
    [pool(['ip_pledge'], ['p1']), { collateralMode: 'credit', productId: 'p2' }, 2],
  ])('%j × %j → %i problems', (p, loan, n) => expect(coverageProblems({ pool: p, loan: loan as never })).toHaveLength(n));
});

describe('lossRate against the tolerance (exact comparison)', () => {
  it.each([
    [0, 0, '0.03', null, false],
    [3_00, 100_00, '0.03', 0.03, false], // exactly at tolerance is not over
    [3_01, 100_00, '0.03', 0.0301, true],
    [0, 100_00, '0', 0, false],
  ])('%i / %i vs %s', (net, enrolled, tol, rate, over) => expect(lossRate(net, enrolled, tol)).toEqual({ rate, overTolerance: over }));
});

describe('claim transition table', () => {
  const cases: [string, ClaimActionName, ClaimActor, string | null][] = [
    ['filed', 'review', 'staff', 'reviewed'],
    ['filed', 'review', 'bank', null],
    ['reviewed', 'review', 'staff', null],
    ['reviewed', 'approve', 'staff', 'awaiting_funds'],
    ['filed', 'approve', 'staff', null],
    ['reviewed', 'approve', 'bank', null],
    ['awaiting_funds', 'approve', 'staff', null],
    ['awaiting_funds', 'settle', 'system', 'paid'],
    ['awaiting_funds', 'settle', 'staff', null],
    ['paid', 'settle', 'system', null],
    ['filed', 'reject', 'staff', 'rejected'],
    ['reviewed', 'reject', 'staff', 'rejected'],
    ['awaiting_funds', 'reject', 'staff', null],
    ['filed', 'withdraw', 'bank', 'withdrawn'],
    ['reviewed', 'withdraw', 'bank', 'withdrawn'],
    ['awaiting_funds', 'withdraw', 'bank', null],
    ['paid', 'withdraw', 'bank', null],
    ['rejected', 'review', 'staff', null],
    ['withdrawn', 'review', 'staff', null],
  ];
  it.each(cases)('%s —%s by %s→ %s', (from, action, by, to) => {
    const r = checkTransition(from as never, action, by);
    expect(r.ok ? r.to : null).toBe(to);
  });
  it('every status is reachable and every action\'s targets are statuses', () => {
    const reached = new Set(['filed', ...Object.values(CLAIM_ACTIONS).map((a) => a.to)]);
    expect([...reached].sort()).toEqual([...CLAIM_STATUSES].sort());
  });
});
