import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { BANK_APPROVED } from '../application/transitions';

// The facts the cooperating-bank assessment scores (docs/bank-assessment.md#definitions). Each query returns rows
// per bank organisation; the service assembles them into scoring.ts's BankFacts. An application counts in the
// year of its submitted_on, as in the funnel report (src/server/modules/application/funnel.ts).

const approvedStatuses = () => sql.join(BANK_APPROVED.map((s) => sql.lit(s)));
const inYear = (column: string, year: number) => sql`${sql.ref(column)} >= ${`${year}-01-01`}::date and ${sql.ref(column)} <= ${`${year}-12-31`}::date`;
const productFilter = (productId: string | null) => (productId ? sql`and a.product_id = ${productId}` : sql``);

export const listBanks = (db: Kysely<DB>) =>
  db.selectFrom('organizations').select(['id', 'code', 'name']).where('kind', '=', 'bank').orderBy('code').execute();

/**
 * Indicators 1, 3 (numerator) and 4: per bank and year (the assessed one and the one before), the enterprises
 * the bank approved (status approved or disbursed, the bank the application is with) and the approved amounts.
 */
export async function approvedByBank(db: Kysely<DB>, year: number, productId: string | null) {
  const r = await sql<{ bank_org_id: string; year: number; enterprises: number; amount: string }>`
    select a.bank_org_id, extract(year from a.submitted_on)::int as year,
      count(distinct a.enterprise_id)::int as enterprises, coalesce(sum(a.approved_amount), 0)::bigint as amount
    from applications a
    where a.status in (${approvedStatuses()}) and a.bank_org_id is not null
      and a.submitted_on >= ${`${year - 1}-01-01`}::date and a.submitted_on <= ${`${year}-12-31`}::date
      ${productFilter(productId)}
    group by 1, 2`.execute(db);
  return r.rows.map((x) => ({ ...x, amount: Number(x.amount) }));
}

/**
 * Indicators 2 and 3 (denominator): per bank, the enterprises the platform recommended to it (any recommendation
 * of the year's applications, including one later reassigned away), and the enterprises that applied to it: those
 * recommended to it plus those that applied for a product the bank itself owns.
 */
export async function applicantsByBank(db: Kysely<DB>, year: number, productId: string | null) {
  const r = await sql<{ bank_org_id: string; applicants: number; recommended: number }>`
    select t.bank_org_id, count(distinct t.enterprise_id)::int as applicants,
      count(distinct t.enterprise_id) filter (where t.recommended)::int as recommended
    from (
      select x.bank_org_id, a.enterprise_id, true as recommended
      from applications a join application_assignments x on x.application_id = a.id
      where ${inYear('a.submitted_on', year)} ${productFilter(productId)}
      union all
      select p.owner_org_id, a.enterprise_id, false
      from applications a join products p on p.id = a.product_id
      where ${inYear('a.submitted_on', year)} ${productFilter(productId)}
    ) t
    group by 1`.execute(db);
  return r.rows;
}

/** Indicator 5(1): events of the year each bank co-hosted. */
export async function activitiesByBank(db: Kysely<DB>, year: number) {
  const r = await sql<{ bank_org_id: string; n: number }>`
    select e.bank_org_id, count(*)::int as n from events e
    where e.bank_org_id is not null and ${inYear('e.held_on', year)}
    group by 1`.execute(db);
  return r.rows;
}

/**
 * Indicator 5(2), always over products of type micro_loan (科技微贷通), whatever product the other indicators are
 * restricted to: enterprises each bank approved for one (as indicator 3 counts them), and the micro-loans it
 * disbursed in the year (loans starting in the year; any such loan earns the 0.5 minimum).
 */
export async function microLoanByBank(db: Kysely<DB>, year: number) {
  const approved = await sql<{ bank_org_id: string; n: number }>`
    select a.bank_org_id, count(distinct a.enterprise_id)::int as n
    from applications a join products p on p.id = a.product_id
    where p.type = 'micro_loan' and a.status in (${approvedStatuses()}) and a.bank_org_id is not null and ${inYear('a.submitted_on', year)}
    group by 1`.execute(db);
  const loans = await sql<{ bank_org_id: string; n: number }>`
    select l.bank_org_id, count(*)::int as n
    from loans l join products p on p.id = l.product_id
    where p.type = 'micro_loan' and ${inYear('l.start_date', year)}
    group by 1`.execute(db);
  return { approved: approved.rows, loans: loans.rows };
}
