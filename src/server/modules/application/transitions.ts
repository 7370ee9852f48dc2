// The one transition table of a financing application (issue #4; seed 003 第三章: 申请 → 初审 → 评审会 → 推荐银行 →
// 银行受理 → 授信 → 放款, with 更换银行 after a refusal or a missed 30/60/90-day approval warning line). Pure: no
// I/O. Services ask it for the next status; anything it does not list is a 409. Tested as a table in test/application.
import type { ApplicationStatus } from '../../db/schema-financing';

export const APPLICATION_STATUSES = [
  'draft', 'submitted', 'screening', 'review', 'recommended', 'deferred', 'rejected',
  'accepted', 'approved', 'declined', 'disbursed', 'reassigned', 'withdrawn',
] as const satisfies readonly ApplicationStatus[];

/** Who takes an action: the applying enterprise, office staff, an expert reviewer, or the bank it is recommended to. */
export type ApplicationActor = 'enterprise' | 'officer' | 'reviewer' | 'bank';

export interface ApplicationAction {
  from: readonly ApplicationStatus[];
  to: ApplicationStatus;
  by: readonly ApplicationActor[];
  /** The event and the audit row carry a reason for these. */
  needsReason: boolean;
  /** Only after a review-meeting decision: the meeting is named (评审会 record with the decision). */
  needsMeetingFrom?: readonly ApplicationStatus[];
  /** Allowed from these statuses only when a warning line of the current recommendation was crossed. */
  needsSlaBreachFrom?: readonly ApplicationStatus[];
}

export const APPLICATION_ACTIONS = {
  submit: { from: ['draft'], to: 'submitted', by: ['enterprise'], needsReason: false },
  withdraw: { from: ['draft', 'submitted', 'screening'], to: 'withdrawn', by: ['enterprise'], needsReason: false },
  // 初审: an officer takes the application up.
  screen: { from: ['submitted'], to: 'screening', by: ['officer'], needsReason: false },
  send_to_review: { from: ['screening'], to: 'review', by: ['officer'], needsReason: false },
  // A reviewer's score keeps the application in review; it is in the table so scoring anything else is a 409.
  score: { from: ['review'], to: 'review', by: ['reviewer'], needsReason: false },
  // 推荐: to one bank and product with an amount; again after 更换银行.
  recommend: { from: ['review', 'reassigned'], to: 'recommended', by: ['officer'], needsReason: false, needsMeetingFrom: ['review'] },
  // 暂缓 and rejection: at screening (初审 does not pass) or by the review meeting.
  defer: { from: ['screening', 'review'], to: 'deferred', by: ['officer'], needsReason: true, needsMeetingFrom: ['review'] },
  reject: { from: ['screening', 'review'], to: 'rejected', by: ['officer'], needsReason: true, needsMeetingFrom: ['review'] },
  accept: { from: ['recommended'], to: 'accepted', by: ['bank'], needsReason: false },
  approve: { from: ['accepted'], to: 'approved', by: ['bank'], needsReason: false },
  decline: { from: ['accepted'], to: 'declined', by: ['bank'], needsReason: true },
  disburse: { from: ['approved'], to: 'disbursed', by: ['bank'], needsReason: false },
  // 更换银行: after a refusal, or when the bank let a warning line pass without deciding (seed 003: 超60天未审批).
  reassign: { from: ['declined', 'recommended', 'accepted'], to: 'reassigned', by: ['officer'], needsReason: true, needsSlaBreachFrom: ['recommended', 'accepted'] },
} as const satisfies Record<string, ApplicationAction>;

export type ApplicationActionName = keyof typeof APPLICATION_ACTIONS;
export const APPLICATION_ACTION_NAMES = Object.keys(APPLICATION_ACTIONS) as ApplicationActionName[];

export interface TransitionFacts {
  /** A warning line of the current recommendation has been crossed (an application_sla_warnings row). */
  slaBreached?: boolean;
  meetingId?: string | null;
  reason?: string | null;
}

export type TransitionCheck =
  | { ok: true; to: ApplicationStatus }
  | { ok: false; reason: 'state' | 'actor' | 'input'; message: string; field?: string };

export function checkTransition(from: ApplicationStatus, action: ApplicationActionName, by: ApplicationActor, facts: TransitionFacts = {}): TransitionCheck {
  const a: ApplicationAction = APPLICATION_ACTIONS[action];
  const verb = action.replace(/_/g, ' ');
  if (!a.by.includes(by)) return { ok: false, reason: 'actor', message: `${verb} is done by the ${a.by.join(' or ')}, not by the ${by}` };
  if (!a.from.includes(from)) {
    return { ok: false, reason: 'state', message: `cannot ${verb} an application that is ${from} (allowed from: ${a.from.join(', ')})` };
  }
  if (a.needsSlaBreachFrom?.includes(from) && !facts.slaBreached) {
    return { ok: false, reason: 'state', message: `an application that is ${from} is reassigned only after the bank declines or lets a warning line pass` };
  }
  if (a.needsReason && !facts.reason?.trim()) return { ok: false, reason: 'input', field: 'body.reason', message: `a reason is required to ${verb}` };
  if (a.needsMeetingFrom?.includes(from) && !facts.meetingId) {
    return { ok: false, reason: 'input', field: 'body.meetingId', message: `the review meeting that decided is required to ${verb} an application in review` };
  }
  return { ok: true, to: a.to };
}

/** Actions an actor could take from a status (for the UI's buttons; guards on facts are checked when taken). */
export function actionsFrom(status: ApplicationStatus, by: ApplicationActor): ApplicationActionName[] {
  return APPLICATION_ACTION_NAMES.filter((n) => {
    const a: ApplicationAction = APPLICATION_ACTIONS[n];
    return a.by.includes(by) && a.from.includes(status);
  });
}

/** Recommended to a bank and waiting for its decision: the SLA warning lines run in these. */
export const AWAITING_BANK: readonly ApplicationStatus[] = ['recommended', 'accepted'];
/** A bank approved the credit (授信), whatever happened after. */
export const BANK_APPROVED: readonly ApplicationStatus[] = ['approved', 'disbursed'];
