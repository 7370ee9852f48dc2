// The loan ledger's queries (only repositories build SQL). Money comes back in fen.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { LoanClass } from '../../db/schema-loan';
import { inScope, type LoanScope } from './scope';

type Handle = Kysely<DB> | Transaction<DB>;

export interface LoanFilters {
  bankCode?: string | undefined;
  productCode?: string | undefined;
  finalClass?: LoanClass | undefined;
  collateralMode?: string | undefined;
  enterpriseId?: string | undefined;
  q?: string | undefined;
}

function loanSelect(db: Handle) {
  return db
    .selectFrom('loans as l')
    .innerJoin('organizations as b', 'b.id', 'l.bank_org_id')
    .innerJoin('enterprises as e', 'e.id', 'l.enterprise_id')
    .leftJoin('products as p', 'p.id', 'l.product_id')
    .leftJoin('organizations as g', 'g.id', 'l.guarantor_org_id')
    .leftJoin('organizations as i', 'i.id', 'l.insurer_org_id')
    .leftJoin('loan_status as s', 's.loan_id', 'l.id')
    .select([
      'l.id', 'l.loan_no', 'l.bank_org_id', 'l.enterprise_id', 'l.application_id', 'l.collateral_mode', 'l.guarantee_fee_rate', 'l.principal', 'l.annual_rate',
      'l.term_months', 'l.start_date', 'l.maturity_date', 'l.repayment_method', 'l.first_time_borrower', 'l.linkage_mode', 'l.source', 'l.created_at',
      'b.code as bank_code', 'b.name as bank_name', 'e.name as enterprise_name', 'e.uscc as enterprise_uscc', 'p.code as product_code', 'p.name as product_name',
      'g.code as guarantor_code', 'g.name as guarantor_name', 'i.code as insurer_code', 'i.name as insurer_name',
      's.as_of as status_as_of', 's.dpd', 's.outstanding', 's.computed_class', 's.reported_class', 's.final_class',
    ]);
}
export type LoanRow = Awaited<ReturnType<ReturnType<typeof loanSelect>['executeTakeFirstOrThrow']>>;

export async function listLoans(db: Handle, scope: LoanScope, f: LoanFilters, page: { limit: number; offset: number }) {
  let q = loanSelect(db).where(inScope(scope));
  if (f.bankCode) q = q.where('b.code', '=', f.bankCode);
  if (f.productCode) q = q.where('p.code', '=', f.productCode);
  if (f.finalClass) q = q.where('s.final_class', '=', f.finalClass);
  if (f.collateralMode) q = q.where('l.collateral_mode', '=', f.collateralMode as never);
  if (f.enterpriseId) q = q.where('l.enterprise_id', '=', f.enterpriseId);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('l.loan_no', 'ilike', like), eb('e.name', 'ilike', like), eb('e.uscc', 'ilike', like)]));
  }
  const rows = await q
    .select(sql<number>`count(*) over ()`.as('total'))
    .orderBy('l.start_date', 'desc').orderBy('l.loan_no')
    .limit(page.limit).offset(page.offset)
    .execute();
  const total = rows.length ? Number(rows[0]!.total) : Number((await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { rows, total };
}

export function findLoan(db: Handle, scope: LoanScope, id: string) {
  return loanSelect(db).where(inScope(scope)).where('l.id', '=', id).executeTakeFirst();
}

export function findLoanByNumber(db: Handle, bankOrgId: string, loanNo: string) {
  return loanSelect(db).where('l.bank_org_id', '=', bankOrgId).where('l.loan_no', '=', loanNo).executeTakeFirst();
}

export async function loanDetails(db: Handle, loanId: string) {
  const [schedule, repayments, reports, history] = await Promise.all([
    db.selectFrom('loan_schedule').select(['seq', 'due_on', 'principal', 'interest']).where('loan_id', '=', loanId).orderBy('seq').execute(),
    db.selectFrom('loan_repayments as r').leftJoin('users as u', 'u.id', 'r.recorded_by')
      .select(['r.id', 'r.external_id', 'r.paid_on', 'r.principal', 'r.interest', 'r.created_at', 'u.username as recorded_by'])
      .where('r.loan_id', '=', loanId).orderBy('r.paid_on').orderBy('r.created_at').execute(),
    db.selectFrom('loan_reports').select(['as_of', 'outstanding', 'dpd', 'reported_class', 'source', 'updated_at']).where('loan_id', '=', loanId).orderBy('as_of').execute(),
    db.selectFrom('loan_class_history').selectAll().where('loan_id', '=', loanId).orderBy('effective_on').execute(),
  ]);
  return { schedule, repayments, reports, history };
}

/** Interest paid per loan in a calendar year (what YP2025-8.2 reads for IP-pledge loans), in fen. */
export async function interestPaidInYear(db: Handle, scope: LoanScope, year: number, f: { collateralMode?: string | undefined; bankCode?: string | undefined } = {}) {
  let q = db
    .selectFrom('loan_repayments as r')
    .innerJoin('loans as l', 'l.id', 'r.loan_id')
    .innerJoin('organizations as b', 'b.id', 'l.bank_org_id')
    .innerJoin('enterprises as e', 'e.id', 'l.enterprise_id')
    .where(inScope(scope))
    .where('r.paid_on', '>=', `${year}-01-01`)
    .where('r.paid_on', '<=', `${year}-12-31`);
  if (f.collateralMode) q = q.where('l.collateral_mode', '=', f.collateralMode as never);
  if (f.bankCode) q = q.where('b.code', '=', f.bankCode);
  return q
    .select(['l.id as loan_id', 'l.loan_no', 'l.collateral_mode', 'b.code as bank_code', 'e.id as enterprise_id', 'e.uscc', 'e.name as enterprise_name'])
    .select((eb) => [sql<number>`sum(r.interest)::bigint`.as('interest'), sql<number>`sum(r.principal)::bigint`.as('principal'), eb.fn.max('r.paid_on').as('last_paid_on')])
    .groupBy(['l.id', 'l.loan_no', 'l.collateral_mode', 'b.code', 'e.id', 'e.uscc', 'e.name'])
    .orderBy('b.code').orderBy('l.loan_no')
    .execute();
}

/** Interest and principal repaid per calendar year of one loan. */
export async function repaidByYear(db: Handle, loanId: string) {
  return (await sql<{ year: number; principal: number; interest: number }>`
    select extract(year from paid_on)::int as year, sum(principal)::bigint as principal, sum(interest)::bigint as interest
    from loan_repayments where loan_id = ${loanId} group by 1 order by 1`.execute(db)).rows;
}

export function classificationFloors(db: Handle) {
  return db.selectFrom('classification_floors as f').leftJoin('users as u', 'u.id', 'f.created_by')
    .select(['f.id', 'f.effective_from', 'f.floors', 'f.source', 'f.created_at', 'u.username as created_by'])
    .orderBy('f.effective_from').execute();
}
