// Repayments and bank reports on one loan, posted by its bank (API token) or office staff. A repayment is
// idempotent by the bank's repayment id: the same post again returns the recorded one; a different one under
// the same id is a 409. After each, the loan's standing is recomputed as of today.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/connect';
import type { DB } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { todayInShanghai } from '../../platform/dates';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { fenToYuan, yuanToFen } from '../../platform/money';
import { classifyLoans } from './classify.service';
import { upsertReports } from './create-loan';
import type { RepaymentInput, ReportInput } from './loans.schemas';
import type { Ctx } from './loans.service';
import { assertMayWrite, inScope, loanScope } from './scope';

async function lockLoan(trx: Transaction<DB>, ctx: Ctx, id: string) {
  const loan = await trx.selectFrom('loans as l').select(['l.id', 'l.bank_org_id', 'l.principal', 'l.start_date', 'l.loan_no'])
    .where(inScope(loanScope(ctx.principal))).where('l.id', '=', id).forUpdate().executeTakeFirst();
  if (!loan) throw notFound('loan');
  assertMayWrite(ctx.principal, loan);
  return loan;
}

const repaymentView = (r: { id: string; external_id: string; paid_on: string; principal: number; interest: number }) =>
  ({ id: r.id, repaymentId: r.external_id, paidOn: r.paid_on, principal: fenToYuan(r.principal), interest: fenToYuan(r.interest) });

export async function recordRepayment(db: Database, ctx: Ctx, loanId: string, input: RepaymentInput) {
  return db.transaction().execute(async (trx) => {
    const loan = await lockLoan(trx, ctx, loanId);
    const principal = yuanToFen(input.principal)!;
    const interest = yuanToFen(input.interest)!;
    const existing = await trx.selectFrom('loan_repayments').selectAll().where('loan_id', '=', loanId).where('external_id', '=', input.repaymentId).executeTakeFirst();
    if (existing) {
      const same = existing.paid_on === input.paidOn && existing.principal === principal && existing.interest === interest;
      if (!same) throw conflict(`repayment ${input.repaymentId} is already recorded (${existing.paid_on}, principal ${fenToYuan(existing.principal)}, interest ${fenToYuan(existing.interest)})`);
      return { created: false, repayment: repaymentView(existing) };
    }
    if (principal + interest === 0) throw badRequest([{ path: 'body.principal', message: 'a repayment pays some principal or interest' }]);
    if (input.paidOn < loan.start_date) throw badRequest([{ path: 'body.paidOn', message: `is before the loan started on ${loan.start_date}` }]);
    const today = todayInShanghai();
    if (input.paidOn > today) throw badRequest([{ path: 'body.paidOn', message: `is after today (${today}): record a repayment once paid` }]);
    const repaid = await trx.selectFrom('loan_repayments').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('principal'), eb.lit(0)).as('p')).where('loan_id', '=', loanId).executeTakeFirstOrThrow();
    const left = loan.principal - Number(repaid.p);
    if (principal > left) throw badRequest([{ path: 'body.principal', message: `${fenToYuan(principal)} is more than the principal outstanding, ${fenToYuan(left)}` }]);
    const row = await trx.insertInto('loan_repayments')
      .values({ loan_id: loanId, external_id: input.repaymentId, paid_on: input.paidOn, principal, interest, recorded_by: ctx.principal.userId })
      .returningAll().executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'loan.repayment', entityType: 'loan', entityId: loanId, after: { loanNo: loan.loan_no, ...input } });
    await classifyLoans(trx, today, { loanIds: [loanId] });
    return { created: true, repayment: repaymentView(row) };
  });
}

/** A bank's report on one loan as of a date; a later report for the same date replaces it, other dates are kept. */
export async function recordReport(db: Database, ctx: Ctx, loanId: string, input: ReportInput) {
  return db.transaction().execute(async (trx) => {
    const loan = await lockLoan(trx, ctx, loanId);
    const outstanding = yuanToFen(input.outstanding)!;
    const today = todayInShanghai();
    if (input.asOf < loan.start_date) throw badRequest([{ path: 'body.asOf', message: `is before the loan started on ${loan.start_date}` }]);
    if (input.asOf > today) throw badRequest([{ path: 'body.asOf', message: `is after today (${today})` }]);
    if (outstanding > loan.principal) throw badRequest([{ path: 'body.outstanding', message: `is more than the principal ${fenToYuan(loan.principal)}` }]);
    const before = await trx.selectFrom('loan_reports').select(['outstanding', 'dpd', 'reported_class']).where('loan_id', '=', loanId).where('as_of', '=', input.asOf).executeTakeFirst();
    await upsertReports(trx, [{ loanId, asOf: input.asOf, outstanding, dpd: input.dpd, reportedClass: input.reportedClass ?? null, source: 'api' }]);
    await writeAudit(trx, ctx, { action: before ? 'loan.report.update' : 'loan.report', entityType: 'loan', entityId: loanId, before: before ?? null, after: { loanNo: loan.loan_no, ...input } });
    await classifyLoans(trx, input.asOf, { loanIds: [loanId] });
    if (input.asOf < today) await classifyLoans(trx, today, { loanIds: [loanId] });
    return { asOf: input.asOf, outstanding: input.outstanding, dpd: input.dpd, reportedClass: input.reportedClass ?? null };
  });
}
