import type { ClaimResult } from '../../../policy';
import { explainResult } from '../../../policy';
import type { SubsidyClaimStatus } from '../../db/schema';
import { fenToYuanOrNull } from '../../platform/money';
import type { Principal } from '../../platform/principal';
import { offeredActions, type ClaimFacts } from './claim-rules';
import type { ClaimActor } from './claim-transitions';
import type { ClaimRow } from './claims.repository';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function claimActor(p: Principal): ClaimActor {
  return p.role === 'admin' || p.role === 'officer' ? 'staff' : 'claimant';
}

/** What the action rules read about a claim (claim-rules.ts). */
export function claimFacts(r: ClaimRow, openObjections: number): ClaimFacts {
  return {
    status: r.status as SubsidyClaimStatus, amount: r.amount, needsSecondApproval: r.needs_second_approval, secondApprovedBy: r.second_approved_by,
    determinedBy: r.determined_by, noticeEnd: r.notice_end, openObjections,
  };
}

export interface UserRef {
  id: string;
  username: string;
  displayName: string;
}

export function claimSummary(r: ClaimRow) {
  return {
    id: r.id,
    number: r.number,
    measure: r.measure,
    origin: r.origin,
    status: r.status,
    beneficiary: {
      uscc: r.beneficiary_uscc, name: r.beneficiary_name, kind: r.beneficiary_kind, enterpriseId: r.enterprise_id, organizationId: r.organization_id,
      registeredInYangpu: r.registered_in_yangpu, registeredInShanghai: r.registered_in_shanghai,
    },
    eventDate: r.event_date,
    year: Number(r.event_date.slice(0, 4)),
    matter: r.matter,
    amount: fenToYuanOrNull(r.amount),
    engineAmount: fenToYuanOrNull(r.engine_amount),
    noticeTo: r.notice_end,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

export function claimDetail(
  r: ClaimRow,
  extra: {
    files: Array<{ id: string; filename: string; content_type: string; size: number; sha256: string; uploaded_at: Date }>;
    objections: Array<{
      id: string; raised_by_name: string; content: string; recorded_at: Date; upheld: boolean | null; resolution: string | null; resolved_by: string | null; resolved_at: Date | null;
    }>;
    history: Array<{ action: string; from_status: string | null; to_status: string; actor_name: string; reason: string | null; at: Date }>;
    users: Array<{ id: string; username: string; display_name: string }>;
    viewer: Principal;
    today: string;
  },
) {
  const result = r.engine_result as ClaimResult | null;
  const byId = new Map(extra.users.map((u) => [u.id, u]));
  // A user row is never deleted while a claim names it; the bare id stands in should one be missing.
  const user = (id: string | null): UserRef | null => {
    if (!id) return null;
    const u = byId.get(id);
    return { id, username: u?.username ?? id, displayName: u?.display_name ?? u?.username ?? id };
  };
  const open = extra.objections.filter((o) => !o.resolved_by).length;
  return {
    ...claimSummary(r),
    facts: r.facts,
    determination: r.engine_status
      ? {
          engineStatus: r.engine_status,
          engineAmount: fenToYuanOrNull(r.engine_amount),
          amount: fenToYuanOrNull(r.amount),
          adjustmentReason: r.adjustment_reason,
          rulesetVersion: r.ruleset_version,
          inputHash: r.input_hash,
          determinedBy: user(r.determined_by),
          determinedAt: iso(r.determined_at),
          needsSecondApproval: r.needs_second_approval,
          secondApprovedBy: user(r.second_approved_by),
          secondApprovedAt: iso(r.second_approved_at),
          explanation: result ? explainResult(result, 'zh') : null,
          result,
        }
      : null,
    notice: r.notice_start ? { from: r.notice_start, to: r.notice_end } : null,
    payment: r.paid_at ? { reference: r.payment_reference, paidAt: iso(r.paid_at), paidBy: user(r.paid_by) } : null,
    closingReason: r.closing_reason,
    files: extra.files.map((f) => ({ id: f.id, filename: f.filename, contentType: f.content_type, size: f.size, sha256: f.sha256, uploadedAt: iso(f.uploaded_at) })),
    objections: extra.objections.map((o) => ({
      id: o.id, raisedBy: o.raised_by_name, content: o.content, recordedAt: iso(o.recorded_at), upheld: o.upheld, resolution: o.resolution, resolvedAt: iso(o.resolved_at),
    })),
    history: extra.history.map((h) => ({ action: h.action, from: h.from_status, to: h.to_status, actor: h.actor_name, reason: h.reason, at: iso(h.at) })),
    // Auditors read everything and change nothing.
    actions: extra.viewer.role === 'auditor' ? [] : offeredActions(claimFacts(r, open), { userId: extra.viewer.userId, actor: claimActor(extra.viewer) }, extra.today),
  };
}
