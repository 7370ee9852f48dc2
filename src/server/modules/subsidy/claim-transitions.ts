// The one transition table of a subsidy claim (申请 → 认定 → 公示 → 拨付). Pure: no I/O. Services ask it
// for the next status; anything it does not list is a 409. The rules an action checks on the claim's own data
// are in claim-rules.ts, which also lists the buttons. Tested as a table in test/subsidy.
import type { SubsidyClaimStatus } from '../../db/schema';

export const CLAIM_STATUSES = [
  'draft', 'submitted', 'under_review', 'determined', 'rejected', 'in_public_notice', 'approved_for_payment', 'paid', 'withdrawn',
] as const satisfies readonly SubsidyClaimStatus[];

/** Who may take an action: the claimant (the enterprise or institution the claim belongs to) or office staff. */
export type ClaimActor = 'claimant' | 'staff';

export interface ClaimAction {
  from: readonly SubsidyClaimStatus[];
  to: SubsidyClaimStatus;
  by: readonly ClaimActor[];
  /** The audit row and the claim history carry a reason for these. */
  needsReason: boolean;
}

const BEFORE_PAYMENT = ['draft', 'submitted', 'under_review', 'determined', 'in_public_notice', 'approved_for_payment'] as const;

export const CLAIM_ACTIONS = {
  submit: { from: ['draft'], to: 'submitted', by: ['claimant', 'staff'], needsReason: false },
  start_review: { from: ['submitted'], to: 'under_review', by: ['staff'], needsReason: false },
  determine: { from: ['under_review'], to: 'determined', by: ['staff'], needsReason: false },
  reject: { from: ['under_review'], to: 'rejected', by: ['staff'], needsReason: true },
  // Downward only, with a reason; the status stays `determined`.
  adjust: { from: ['determined'], to: 'determined', by: ['staff'], needsReason: true },
  // Second officer's approval of an amount above the threshold; the status stays `determined`.
  approve_determination: { from: ['determined'], to: 'determined', by: ['staff'], needsReason: false },
  publish: { from: ['determined'], to: 'in_public_notice', by: ['staff'], needsReason: false },
  // An upheld objection sends the claim back for a new determination.
  reopen: { from: ['in_public_notice'], to: 'under_review', by: ['staff'], needsReason: true },
  approve_payment: { from: ['in_public_notice'], to: 'approved_for_payment', by: ['staff'], needsReason: false },
  pay: { from: ['approved_for_payment'], to: 'paid', by: ['staff'], needsReason: false },
  withdraw: { from: BEFORE_PAYMENT, to: 'withdrawn', by: ['claimant', 'staff'], needsReason: true },
} as const satisfies Record<string, ClaimAction>;

export type ClaimActionName = keyof typeof CLAIM_ACTIONS;
export const CLAIM_ACTION_NAMES = Object.keys(CLAIM_ACTIONS) as ClaimActionName[];

export type TransitionCheck =
  | { ok: true; to: SubsidyClaimStatus }
  | { ok: false; reason: 'state' | 'actor'; message: string };

export function checkTransition(from: SubsidyClaimStatus, action: ClaimActionName, by: ClaimActor): TransitionCheck {
  const a: ClaimAction = CLAIM_ACTIONS[action];
  if (!a.by.includes(by)) return { ok: false, reason: 'actor', message: `${action} is taken by ${a.by.join(' or ')}, not by the ${by}` };
  if (!a.from.includes(from)) {
    return { ok: false, reason: 'state', message: `cannot ${action.replace(/_/g, ' ')} a claim that is ${from} (allowed from: ${a.from.join(', ')})` };
  }
  return { ok: true, to: a.to };
}

/** Claims whose amount counts against caps and budgets (determined and later, until withdrawn). */
export const COMMITTED_STATUSES = ['determined', 'in_public_notice', 'approved_for_payment'] as const satisfies readonly SubsidyClaimStatus[];
export const GRANTED_STATUSES = [...COMMITTED_STATUSES, 'paid'] as const satisfies readonly SubsidyClaimStatus[];
