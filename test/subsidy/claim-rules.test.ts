import { describe, expect, it } from 'vitest';
import { offeredActions, refusal, type ClaimFacts } from '../../src/server/modules/subsidy/claim-rules';

// The rules a claim's next move checks beyond its status, as a table: the claim, who asks, today → what the
// claim page offers. The services refuse with the same function, so what is offered is what goes through.

const ME = 'officer-1';
const OTHER = 'officer-2';
const TODAY = '2026-07-08';
const staff = { userId: ME, actor: 'staff' as const };
const claimant = { userId: 'ent-user', actor: 'claimant' as const };

const claim = (over: Partial<ClaimFacts>): ClaimFacts => ({
  status: 'draft', amount: null, needsSecondApproval: false, secondApprovedBy: null, determinedBy: null, noticeEnd: null, openObjections: 0, ...over,
});
const determined = (over: Partial<ClaimFacts> = {}) => claim({ status: 'determined', amount: 60_000_000, determinedBy: OTHER, ...over });
const inNotice = (over: Partial<ClaimFacts> = {}) => claim({ status: 'in_public_notice', amount: 100_000, determinedBy: OTHER, noticeEnd: TODAY, ...over });

describe('actions offered to office staff', () => {
  it.each([
    ['a draft', claim({}), ['submit', 'withdraw']],
    ['a submitted claim', claim({ status: 'submitted' }), ['start_review', 'withdraw']],
    ['a claim under review', claim({ status: 'under_review' }), ['determine', 'reject', 'withdraw']],
    ['a determination within the threshold', determined(), ['adjust', 'publish', 'withdraw']],
    ['a determination above the threshold, determined by another officer', determined({ needsSecondApproval: true }), ['adjust', 'approve_determination', 'withdraw']],
    ['a determination above the threshold, determined by the caller', determined({ needsSecondApproval: true, determinedBy: ME }), ['adjust', 'withdraw']],
    ['a determination approved by a second officer', determined({ needsSecondApproval: true, secondApprovedBy: ME }), ['adjust', 'publish', 'withdraw']],
    ['a notice on its last day', inNotice(), ['withdraw', 'record_objection']],
    ['a notice on its last day with an open objection', inNotice({ openObjections: 1 }), ['withdraw', 'record_objection', 'resolve_objection']],
    ['a notice that has ended', inNotice({ noticeEnd: '2026-07-07' }), ['approve_payment', 'withdraw', 'record_objection']],
    ['a notice that has ended with an open objection', inNotice({ noticeEnd: '2026-07-07', openObjections: 2 }), ['withdraw', 'record_objection', 'resolve_objection']],
    ['a claim approved for payment', claim({ status: 'approved_for_payment', amount: 100_000 }), ['pay', 'withdraw']],
    ['a paid claim', claim({ status: 'paid' }), []],
    ['a rejected claim', claim({ status: 'rejected' }), []],
    ['a withdrawn claim', claim({ status: 'withdrawn', openObjections: 1 }), []],
  ] as const)('%s → %j', (_name, c, expected) => {
    expect(offeredActions(c, staff, TODAY)).toEqual(expected);
  });

  it('never offers reopen: it has no route, an upheld objection takes it', () => {
    expect(offeredActions(inNotice({ openObjections: 1 }), staff, TODAY)).not.toContain('reopen');
    expect(refusal('reopen', inNotice(), staff, TODAY)).toBeNull();
  });
});

describe('actions offered to the claimant', () => {
  it.each([
    ['a draft', claim({}), ['submit', 'withdraw']],
    ['a claim under review', claim({ status: 'under_review' }), ['withdraw']],
    ['a determination awaiting a second approval', determined({ needsSecondApproval: true }), ['withdraw']],
    ['a notice that has ended', inNotice({ noticeEnd: '2026-07-01', openObjections: 1 }), ['withdraw']],
    ['a paid claim', claim({ status: 'paid' }), []],
  ] as const)('%s → %j', (_name, c, expected) => {
    expect(offeredActions(c, claimant, TODAY)).toEqual(expected);
  });
});

describe('refusals name the rule (the 409 or 403 the server answers)', () => {
  it.each([
    ['approve_determination', determined(), staff, 409, 'needs no second approval'],
    ['approve_determination', determined({ needsSecondApproval: true, secondApprovedBy: OTHER }), staff, 409, 'already approved'],
    ['approve_determination', determined({ needsSecondApproval: true, determinedBy: ME }), staff, 409, 'four-eyes rule'],
    ['publish', determined({ needsSecondApproval: true }), staff, 409, 'the amount 600000 is above the second-approval threshold'],
    ['approve_payment', inNotice(), staff, 409, `the public notice runs until ${TODAY}`],
    ['approve_payment', inNotice({ noticeEnd: '2026-07-07', openObjections: 2 }), staff, 409, '2 objection(s) to this claim are unresolved'],
    ['approve_payment', claim({ status: 'determined' }), staff, 409, 'cannot approve payment a claim that is determined'],
    ['record_objection', claim({ status: 'approved_for_payment' }), staff, 409, 'objections are recorded during the public notice; this claim is approved_for_payment'],
    ['resolve_objection', inNotice(), staff, 409, 'no objection to this claim is open'],
    ['resolve_objection', claim({ status: 'under_review', openObjections: 1 }), staff, 409, 'objections are resolved during the public notice'],
    ['record_objection', inNotice(), claimant, 403, 'taken by staff'],
    ['start_review', claim({ status: 'submitted' }), claimant, 403, 'start_review is taken by staff'],
  ] as const)('%s on %j by %j → %i', (action, c, caller, status, message) => {
    const r = refusal(action, c, caller, TODAY);
    expect(r?.status).toBe(status);
    expect(r?.message).toContain(message);
  });
});
