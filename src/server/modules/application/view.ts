import type { ApplicationStatus } from '../../db/schema-financing';
import { fenToYuanOrNull } from '../../platform/money';
import { parseDecimal } from '../../platform/tabular';
import type { Principal } from '../../platform/principal';
import type {
  ApplicationRow, applicationAssignments, applicationDocuments, applicationHistory, applicationLoan, applicationReviews, applicationWarnings,
} from './applications.repository';
import { actionsFrom, type ApplicationActor } from './transitions';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
/** numeric(9,6) comes back as '0.038500'; the API shows the exact decimal as entered: '0.0385'. */
const rateText = (v: string | null) => {
  if (v === null) return null;
  const r = parseDecimal(v);
  return r.ok ? r.value : v;
};

export function applicationActor(p: Principal): ApplicationActor {
  if (p.role === 'admin' || p.role === 'officer') return 'officer';
  if (p.role === 'reviewer') return 'reviewer';
  if (p.role === 'institution_user') return 'bank';
  if (p.role === 'enterprise_user') return 'enterprise';
  // Auditors read; no action in the table is theirs.
  return 'reviewer';
}

export function applicationSummary(r: ApplicationRow) {
  return {
    id: r.id,
    applicationNo: r.application_no,
    status: r.status as ApplicationStatus,
    enterprise: { id: r.enterprise_id, uscc: r.enterprise_uscc, name: r.enterprise_name, district: r.district },
    product: r.product_code ? { code: r.product_code, name: r.product_name, version: r.product_version } : null,
    requestedAmount: fenToYuanOrNull(r.requested_amount),
    requestedTermMonths: r.requested_term_months,
    purpose: r.purpose,
    submittedOn: r.submitted_on,
    recommendation: r.recommended_on
      ? { bank: r.bank_code ? { code: r.bank_code, name: r.bank_name } : null, productCode: r.recommended_product_code, productVersion: r.recommended_product_version, amount: fenToYuanOrNull(r.recommended_amount), on: r.recommended_on }
      : null,
    approval: r.approved_amount !== null
      ? { amount: fenToYuanOrNull(r.approved_amount), rate: rateText(r.approved_rate), termMonths: r.approved_term_months, on: r.decided_on }
      : null,
    decidedOn: r.decided_on,
    disbursedOn: r.disbursed_on,
    deferralReason: r.deferral_reason,
    imported: r.imported,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

export function applicationDetail(
  r: ApplicationRow,
  extra: {
    history: Awaited<ReturnType<typeof applicationHistory>>;
    assignments: Awaited<ReturnType<typeof applicationAssignments>>;
    reviews: Awaited<ReturnType<typeof applicationReviews>>;
    documents: Awaited<ReturnType<typeof applicationDocuments>>;
    warnings: Awaited<ReturnType<typeof applicationWarnings>>;
    loan: Awaited<ReturnType<typeof applicationLoan>> | null;
    viewer: Principal;
  },
) {
  const bank = extra.viewer.role === 'institution_user';
  // A bank's story starts where the application was recommended to it.
  const lastRecommend = extra.history.map((h) => h.action).lastIndexOf('recommend');
  const history = bank && lastRecommend >= 0 ? extra.history.slice(lastRecommend) : extra.history;
  return {
    ...applicationSummary(r),
    history: history.map((h) => ({
      at: iso(h.at)!, action: h.action, from: h.from_status, to: h.to_status, reason: h.reason, actor: h.actor, data: h.data, imported: h.imported,
    })),
    // A bank sees its own part of the story, not which banks refused before it.
    assignments: extra.assignments
      .filter((s) => !bank || s.bank_code === r.bank_code)
      .map((s) => ({ seq: s.seq, bank: { code: s.bank_code, name: s.bank_name }, productCode: s.product_code, productVersion: s.product_version, amount: fenToYuanOrNull(s.amount), recommendedOn: s.recommended_on, endedOn: s.ended_on, endReason: s.end_reason })),
    reviews: bank || extra.viewer.role === 'enterprise_user'
      ? []
      : extra.reviews.map((v) => ({ id: v.id, meetingId: v.meeting_id, reviewer: v.reviewer, score: v.score, opinion: v.opinion, decision: v.decision, at: iso(v.created_at)! })),
    documents: extra.documents.map((d) => ({ id: d.id, filename: d.filename, contentType: d.content_type, size: d.size, uploadedAt: iso(d.uploaded_at)! })),
    warnings: extra.warnings
      .filter((w) => !bank || w.bank_code === r.bank_code)
      .map((w) => ({ assignmentSeq: w.assignment_seq, lineDays: w.line_days, bankCode: w.bank_code, recommendedOn: w.recommended_on, dueOn: w.due_on, markedAt: iso(w.marked_at)!, resolvedAt: iso(w.resolved_at) })),
    loan: extra.loan
      ? {
          id: extra.loan.id, loanNo: extra.loan.loan_no, principal: fenToYuanOrNull(extra.loan.principal), annualRate: rateText(extra.loan.annual_rate), termMonths: extra.loan.term_months,
          startDate: extra.loan.start_date, maturityDate: extra.loan.maturity_date, collateralMode: extra.loan.collateral_mode, repaymentMethod: extra.loan.repayment_method,
          firstTimeBorrower: extra.loan.first_time_borrower,
        }
      : null,
    nextActions: extra.viewer.role === 'auditor' ? [] : actionsFrom(r.status as ApplicationStatus, applicationActor(extra.viewer)),
  };
}
