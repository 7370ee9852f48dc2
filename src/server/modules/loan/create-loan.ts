// Writing a new loan: the loan row, its generated schedule and its first report, however it arrives
// (disbursement of an application, a bank's API post, an import). The caller classifies it afterwards.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { CollateralMode } from '../../db/schema-financing';
import type { LoanReportTable } from '../../db/schema-loan';
import type { LinkageModeCode } from '../../../shared/loan';
import { generateSchedule, type RepaymentMethod } from './schedule';

export interface NewLoan {
  loanNo: string;
  bankOrgId: string;
  enterpriseId: string;
  applicationId: string | null;
  productId: string | null;
  collateralMode: CollateralMode;
  guarantorOrgId: string | null;
  insurerOrgId: string | null;
  guaranteeFeeRate: string | null;
  /** Fen. */
  principal: number;
  annualRate: string;
  termMonths: number;
  startDate: string;
  maturityDate: string;
  repaymentMethod: RepaymentMethod;
  firstTimeBorrower: boolean;
  linkageMode: LinkageModeCode | null;
  source: 'application' | 'api' | 'import';
}

/** The first report of a loan: the bank's figures (import, API report) or, at disbursement, the principal and no arrears. */
export interface FirstReport {
  asOf: string;
  outstanding: number;
  dpd: number;
  reportedClass: LoanReportTable['reported_class'];
  source: LoanReportTable['source'];
}

const BATCH = 1000;

export function loanRow(l: NewLoan) {
  return {
    loan_no: l.loanNo, bank_org_id: l.bankOrgId, enterprise_id: l.enterpriseId, application_id: l.applicationId, product_id: l.productId,
    collateral_mode: l.collateralMode, guarantor_org_id: l.guarantorOrgId, insurer_org_id: l.insurerOrgId, guarantee_fee_rate: l.guaranteeFeeRate,
    principal: l.principal, annual_rate: l.annualRate, term_months: l.termMonths, start_date: l.startDate, maturity_date: l.maturityDate,
    repayment_method: l.repaymentMethod, first_time_borrower: l.firstTimeBorrower, linkage_mode: l.linkageMode, source: l.source,
  };
}

export function scheduleRows(loanId: string, l: Pick<NewLoan, 'principal' | 'annualRate' | 'termMonths' | 'startDate' | 'repaymentMethod'>) {
  let cum = 0;
  return generateSchedule({ principal: l.principal, annualRate: l.annualRate, termMonths: l.termMonths, startDate: l.startDate, method: l.repaymentMethod })
    .map((i) => ({ loan_id: loanId, seq: i.seq, due_on: i.dueOn, principal: i.principal, interest: i.interest, due_cum: (cum += i.principal + i.interest) }));
}

async function insertBatched<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/** Inserts loans with their schedules and first reports; returns the new ids in input order. */
export async function insertLoans(trx: Transaction<DB>, loans: { loan: NewLoan; report: FirstReport }[]): Promise<string[]> {
  const byKey = new Map<string, string>();
  await insertBatched(loans, async (chunk) => {
    const rows = await trx.insertInto('loans').values(chunk.map((x) => loanRow(x.loan))).returning(['id', 'bank_org_id', 'loan_no']).execute();
    for (const r of rows) byKey.set(`${r.bank_org_id}|${r.loan_no}`, r.id);
  });
  // RETURNING's row order is not promised: match by the unique (bank, loan number).
  const ids = loans.map((x) => byKey.get(`${x.loan.bankOrgId}|${x.loan.loanNo}`)!);
  const schedule = loans.flatMap((x, i) => scheduleRows(ids[i]!, x.loan));
  await insertBatched(schedule, (chunk) => trx.insertInto('loan_schedule').values(chunk).execute());
  await upsertReports(trx, loans.map((x, i) => ({ loanId: ids[i]!, ...x.report })));
  return ids;
}

/** A later report for the same loan and date replaces that date's figures; other dates are kept. */
export async function upsertReports(trx: Transaction<DB>, reports: ({ loanId: string } & FirstReport)[]): Promise<void> {
  await insertBatched(reports, (chunk) =>
    trx.insertInto('loan_reports')
      .values(chunk.map((r) => ({ loan_id: r.loanId, as_of: r.asOf, outstanding: r.outstanding, dpd: r.dpd, reported_class: r.reportedClass, source: r.source })))
      .onConflict((oc) => oc.columns(['loan_id', 'as_of']).doUpdateSet((eb) => ({
        outstanding: eb.ref('excluded.outstanding'), dpd: eb.ref('excluded.dpd'), reported_class: eb.ref('excluded.reported_class'),
        source: eb.ref('excluded.source'), updated_at: new Date(),
      })))
      .execute());
}

/** 首贷户: the enterprise has no loan on the platform that started on or before this one. */
export async function isFirstTimeBorrower(trx: Transaction<DB>, enterpriseId: string, startDate: string): Promise<boolean> {
  const earlier = await trx.selectFrom('loans').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('enterprise_id', '=', enterpriseId).where('start_date', '<=', startDate).executeTakeFirstOrThrow();
  return Number(earlier.n) === 0;
}
