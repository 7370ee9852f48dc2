// What a claim's next move depends on beyond its status: the four-eyes rule on a second approval, the public
// notice still running, objections left open. Pure: no I/O. The action services refuse with `refusal` and the
// claim detail offers exactly the moves `refusal` lets through, so the buttons never offer what the server
// refuses. Tested as a table in test/subsidy/claim-rules.test.ts.
import type { SubsidyClaimStatus } from '../../db/schema';
import { fenToYuan } from '../../platform/money';
import { checkTransition, CLAIM_ACTION_NAMES, type ClaimActionName, type ClaimActor } from './claim-transitions';

/** What the rules read about a claim (amount in fen). */
export interface ClaimFacts {
  status: SubsidyClaimStatus;
  amount: number | null;
  needsSecondApproval: boolean;
  secondApprovedBy: string | null;
  determinedBy: string | null;
  noticeEnd: string | null;
  openObjections: number;
}

export interface Caller {
  userId: string;
  actor: ClaimActor;
}

/** Moves on a claim in public notice that change no status, so they are not in the transition table. */
const OBJECTION_MOVES = {
  record_objection: 'objections are recorded during the public notice',
  resolve_objection: 'objections are resolved during the public notice',
} as const;
type ObjectionMove = keyof typeof OBJECTION_MOVES;

/**
 * What `actions` lists: every transition that has a route of its own, and the objection moves. `reopen` has
 * no route: resolving an objection as upheld takes it.
 */
export type OfferedAction = Exclude<ClaimActionName, 'reopen'> | ObjectionMove;
export const OFFERED_ACTIONS: readonly OfferedAction[] = [
  ...CLAIM_ACTION_NAMES.filter((a): a is Exclude<ClaimActionName, 'reopen'> => a !== 'reopen'),
  'record_objection',
  'resolve_objection',
];

export interface Refusal {
  /** 403: not this caller's move; 409: not now, for this claim. */
  status: 403 | 409;
  message: string;
}

/** Why `action` would be refused now, or null when it may go ahead. `today` is a YYYY-MM-DD date in Shanghai. */
export function refusal(action: ClaimActionName | ObjectionMove, claim: ClaimFacts, caller: Caller, today: string): Refusal | null {
  if (action === 'record_objection' || action === 'resolve_objection') {
    if (caller.actor !== 'staff') return { status: 403, message: `${action.replace(/_/g, ' ')} is taken by staff, not by the ${caller.actor}` };
    if (claim.status !== 'in_public_notice') return { status: 409, message: `${OBJECTION_MOVES[action]}; this claim is ${claim.status}` };
    if (action === 'resolve_objection' && claim.openObjections === 0) return { status: 409, message: 'no objection to this claim is open' };
    return null;
  }
  const check = checkTransition(claim.status, action, caller.actor);
  if (!check.ok) return { status: check.reason === 'actor' ? 403 : 409, message: check.message };
  const awaitingSecond = claim.needsSecondApproval && !claim.secondApprovedBy;
  switch (action) {
    case 'approve_determination':
      if (!claim.needsSecondApproval) return { status: 409, message: 'this amount is within the threshold and needs no second approval' };
      if (claim.secondApprovedBy) return { status: 409, message: 'the determination is already approved by a second officer' };
      if (claim.determinedBy === caller.userId) {
        return { status: 409, message: 'four-eyes rule: the officer who determined the amount cannot give the second approval' };
      }
      return null;
    case 'publish':
      if (awaitingSecond) {
        return { status: 409, message: `the amount ${fenToYuan(claim.amount ?? 0)} is above the second-approval threshold: another officer must approve the determination first` };
      }
      return null;
    case 'approve_payment':
      // The last day of the notice is still a notice day.
      if (claim.noticeEnd && today <= claim.noticeEnd) return { status: 409, message: `the public notice runs until ${claim.noticeEnd}; payment can be approved from the next day` };
      if (claim.openObjections > 0) return { status: 409, message: `${claim.openObjections} objection(s) to this claim are unresolved` };
      return null;
    default:
      return null;
  }
}

/** The moves the caller may make now, for the claim page's buttons. */
export function offeredActions(claim: ClaimFacts, caller: Caller, today: string): OfferedAction[] {
  return OFFERED_ACTIONS.filter((a) => refusal(a, claim, caller, today) === null);
}
