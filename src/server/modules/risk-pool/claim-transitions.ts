// The one transition table of a risk-pool claim (代偿申请). Pure: no I/O. Services ask it for the next status;
// anything it does not list is a 409. Tested as a table in test/risk-pool/rules.test.ts.
import type { RiskPoolClaimStatus } from '../../db/schema-risk-pool';

export const CLAIM_STATUSES = ['filed', 'reviewed', 'awaiting_funds', 'paid', 'rejected', 'withdrawn'] as const satisfies readonly RiskPoolClaimStatus[];

/** The bank that holds the loan files and withdraws; office staff review and approve; `system` settles from the pool. */
export type ClaimActor = 'bank' | 'staff' | 'system';

interface ClaimAction {
  from: readonly RiskPoolClaimStatus[];
  to: RiskPoolClaimStatus;
  by: readonly ClaimActor[];
}

export const CLAIM_ACTIONS = {
  // Officer checks the filing and fixes the loss it accepts (at most the filed loss): filed → reviewed.
  review: { from: ['filed'], to: 'reviewed', by: ['staff'] },
  // A second officer (never the reviewer, never the filer) approves: the payable amount is fixed and queued for payment.
  approve: { from: ['reviewed'], to: 'awaiting_funds', by: ['staff'] },
  // The pool paid the last fen owed (at approval, on a contribution or a recovery): awaiting_funds → paid.
  settle: { from: ['awaiting_funds'], to: 'paid', by: ['system'] },
  reject: { from: ['filed', 'reviewed'], to: 'rejected', by: ['staff'] },
  withdraw: { from: ['filed', 'reviewed'], to: 'withdrawn', by: ['bank'] },
} as const satisfies Record<string, ClaimAction>;

export type ClaimActionName = keyof typeof CLAIM_ACTIONS;

/** Recoveries are reported on approved claims only: before approval the bank files (or re-files) the net loss. */
export const RECOVERY_STATUSES: readonly RiskPoolClaimStatus[] = ['awaiting_funds', 'paid'];
/** Claims that count as the pool's losses (approved, paid or waiting for capital). */
export const APPROVED_STATUSES: readonly RiskPoolClaimStatus[] = ['awaiting_funds', 'paid'];
export const OPEN_STATUSES: readonly RiskPoolClaimStatus[] = ['filed', 'reviewed', 'awaiting_funds'];

export type TransitionCheck = { ok: true; to: RiskPoolClaimStatus } | { ok: false; reason: 'state' | 'actor'; message: string };

export function checkTransition(from: RiskPoolClaimStatus, action: ClaimActionName, by: ClaimActor): TransitionCheck {
  const a: ClaimAction = CLAIM_ACTIONS[action];
  if (!a.by.includes(by)) return { ok: false, reason: 'actor', message: `${action} is taken by ${a.by.join(' or ')}, not by ${by}` };
  if (!a.from.includes(from)) return { ok: false, reason: 'state', message: `cannot ${action} a claim that is ${from} (allowed from: ${a.from.join(', ')})` };
  return { ok: true, to: a.to };
}
