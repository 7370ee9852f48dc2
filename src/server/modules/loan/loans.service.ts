import type { Database } from '../../db/connect';
import type { LoanClass } from '../../db/schema-loan';
import { todayInShanghai } from '../../platform/dates';
import { notFound } from '../../platform/errors';
import { fenToYuan } from '../../platform/money';
import type { ActorContext, Principal } from '../../platform/principal';
import { allocateRepayments, LOAN_CLASSES } from './classification';
import { classificationFloors, findLoan, interestPaidInYear, listLoans, loanDetails, repaidByYear, type LoanRow } from './loans.repository';
import type { ListLoansQuery } from './loans.schemas';
import { loanScope, standingFilterOf } from './scope';
import { loanStandings } from './standing.repository';

export type Ctx = ActorContext & { principal: Principal };

const rate = (v: string | null) => (v === null ? null : String(Number(v)));

export function loanView(r: LoanRow) {
  return {
    id: r.id,
    loanNo: r.loan_no,
    bank: { id: r.bank_org_id, code: r.bank_code, name: r.bank_name },
    enterprise: { id: r.enterprise_id, name: r.enterprise_name, uscc: r.enterprise_uscc },
    product: r.product_code ? { code: r.product_code, name: r.product_name! } : null,
    applicationId: r.application_id,
    collateralMode: r.collateral_mode,
    guarantor: r.guarantor_code ? { code: r.guarantor_code, name: r.guarantor_name! } : null,
    insurer: r.insurer_code ? { code: r.insurer_code, name: r.insurer_name! } : null,
    guaranteeFeeRate: rate(r.guarantee_fee_rate),
    principal: fenToYuan(r.principal),
    annualRate: rate(r.annual_rate)!,
    termMonths: r.term_months,
    startDate: r.start_date,
    maturityDate: r.maturity_date,
    repaymentMethod: r.repayment_method,
    firstTimeBorrower: r.first_time_borrower,
    linkageMode: r.linkage_mode,
    source: r.source,
    /** The latest daily classification (loan_status); null until the loan is first classified. */
    status: r.final_class
      ? { asOf: r.status_as_of!, dpd: r.dpd!, outstanding: fenToYuan(r.outstanding!), computedClass: r.computed_class!, reportedClass: r.reported_class, finalClass: r.final_class }
      : null,
  };
}

export async function listLoansFor(db: Database, ctx: Ctx, query: ListLoansQuery) {
  const { page, pageSize, bank, product, class: finalClass, ...rest } = query;
  const { rows, total } = await listLoans(db, loanScope(ctx.principal), { ...rest, bankCode: bank, productCode: product, finalClass }, { limit: pageSize, offset: (page - 1) * pageSize });
  return { items: rows.map(loanView), total, page, pageSize };
}

/** A loan with its schedule (what was paid against each instalment), repayments, bank reports and class history. */
export async function getLoan(db: Database, ctx: Ctx, id: string) {
  const row = await findLoan(db, loanScope(ctx.principal), id);
  if (!row) throw notFound('loan');
  const [d, byYear] = await Promise.all([loanDetails(db, id), repaidByYear(db, id)]);
  const today = todayInShanghai();
  const tracked = d.repayments.some((r) => r.paid_on <= today);
  const allocation = allocateRepayments(
    d.schedule.map((s) => ({ seq: s.seq, dueOn: s.due_on, principal: s.principal, interest: s.interest })),
    d.repayments.map((r) => ({ paidOn: r.paid_on, principal: r.principal, interest: r.interest })),
    today,
  );
  return {
    ...loanView(row),
    /** Whether the platform records this loan's repayments (then they drive days past due), else bank reports do. */
    repaymentsTracked: tracked,
    schedule: allocation.map((s) => ({
      seq: s.seq, dueOn: s.dueOn, principal: fenToYuan(s.principal), interest: fenToYuan(s.interest), paid: fenToYuan(s.paid),
      // Without recorded repayments the platform does not know what was paid: no state is invented.
      state: tracked ? s.state : null,
    })),
    repayments: d.repayments.map((r) => ({ id: r.id, repaymentId: r.external_id, paidOn: r.paid_on, principal: fenToYuan(r.principal), interest: fenToYuan(r.interest), recordedBy: r.recorded_by, recordedAt: r.created_at })),
    repaidByYear: byYear.map((y) => ({ year: y.year, principal: fenToYuan(y.principal), interest: fenToYuan(y.interest) })),
    reports: d.reports.map((r) => ({ asOf: r.as_of, outstanding: fenToYuan(r.outstanding), dpd: r.dpd, reportedClass: r.reported_class, source: r.source, updatedAt: r.updated_at })),
    classHistory: d.history.map((h) => ({ effectiveOn: h.effective_on, dpd: h.dpd, outstanding: fenToYuan(h.outstanding), computedClass: h.computed_class, reportedClass: h.reported_class, finalClass: h.final_class })),
  };
}

/** Standing of the caller's loans on any date, with totals per final class. */
export async function standingFor(db: Database, ctx: Ctx, q: { asOf: string; bank?: string | undefined; enterpriseId?: string | undefined }) {
  const filter = standingFilterOf(loanScope(ctx.principal));
  const rows = filter === null ? [] : await loanStandings(db, q.asOf, { ...filter, ...(q.enterpriseId ? { enterpriseId: q.enterpriseId } : {}), ...(q.bank ? { bankCode: q.bank } : {}) });
  const byClass = Object.fromEntries(LOAN_CLASSES.map((c) => [c, { loans: 0, outstanding: 0 }])) as Record<LoanClass, { loans: number; outstanding: number }>;
  for (const r of rows) {
    byClass[r.final_class].loans += 1;
    byClass[r.final_class].outstanding += r.outstanding;
  }
  return {
    asOf: q.asOf,
    totals: Object.fromEntries(LOAN_CLASSES.map((c) => [c, { loans: byClass[c].loans, outstanding: fenToYuan(byClass[c].outstanding) }])),
    items: rows.map((r) => ({ loanId: r.loan_id, dpd: r.dpd, outstanding: fenToYuan(r.outstanding), computedClass: r.computed_class, reportedClass: r.reported_class, finalClass: r.final_class, basis: r.basis })),
  };
}

export async function interestPaidFor(db: Database, ctx: Ctx, q: { year: number; collateralMode?: string | undefined; bank?: string | undefined }) {
  const rows = await interestPaidInYear(db, loanScope(ctx.principal), q.year, { collateralMode: q.collateralMode, bankCode: q.bank });
  return {
    year: q.year,
    total: fenToYuan(rows.reduce((s, r) => s + r.interest, 0)),
    items: rows.map((r) => ({
      loanId: r.loan_id, loanNo: r.loan_no, bank: r.bank_code, collateralMode: r.collateral_mode, enterprise: { id: r.enterprise_id, uscc: r.uscc, name: r.enterprise_name },
      interest: fenToYuan(r.interest), principal: fenToYuan(r.principal), lastPaidOn: r.last_paid_on,
    })),
  };
}

export async function listFloors(db: Database) {
  const rows = await classificationFloors(db);
  return { items: rows.map((r) => ({ id: r.id, effectiveFrom: r.effective_from, floors: r.floors, source: r.source, createdBy: r.created_by, createdAt: r.created_at })) };
}
