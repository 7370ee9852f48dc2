// Loans' standing as of a date, set-based: the same rule as classification.ts (standingOn), in one SQL
// statement over any number of loans, so the daily job and every report read it without a row-at-a-time loop.
// test/loan/standing.db.test.ts checks that this SQL and the pure rule agree.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { LoanClass } from '../../db/schema-loan';

type Handle = Kysely<DB> | Transaction<DB>;

export interface StandingFilter {
  loanIds?: readonly string[] | undefined;
  bankOrgId?: string | undefined;
  enterpriseId?: string | undefined;
  guarantorOrgId?: string | undefined;
  insurerOrgId?: string | undefined;
  bankCode?: string | undefined;
}

export interface StandingRow {
  loan_id: string;
  dpd: number;
  outstanding: number;
  computed_class: LoanClass;
  reported_class: LoanClass | null;
  final_class: LoanClass;
  floors_id: string;
  basis: 'repayments' | 'report' | 'none';
}

const CLASS_ORDER = sql.raw(`array['normal','special_mention','substandard','doubtful','loss']`);

/**
 * The WITH-query computing standing rows (loan_id, dpd, outstanding, computed_class, reported_class,
 * final_class, floors_id, basis) for the loans started on or before `asOf` that pass the filter.
 * Returned as a fragment so the classification job can feed it into its upserts in the same statement.
 */
export function standingCtes(asOf: string, filter: StandingFilter = {}): RawBuilder<unknown> {
  const d = sql`${asOf}::date`;
  const conds: RawBuilder<unknown>[] = [sql`l.start_date <= ${d}`];
  if (filter.loanIds) conds.push(filter.loanIds.length ? sql`l.id in (${sql.join(filter.loanIds.map((id) => sql`${id}::uuid`))})` : sql`false`);
  if (filter.bankOrgId) conds.push(sql`l.bank_org_id = ${filter.bankOrgId}::uuid`);
  if (filter.enterpriseId) conds.push(sql`l.enterprise_id = ${filter.enterpriseId}::uuid`);
  if (filter.bankCode) conds.push(sql`l.bank_org_id = (select o.id from organizations o where o.code = ${filter.bankCode})`);
  if (filter.guarantorOrgId) conds.push(sql`l.guarantor_org_id = ${filter.guarantorOrgId}::uuid`);
  if (filter.insurerOrgId) conds.push(sql`l.insurer_org_id = ${filter.insurerOrgId}::uuid`);
  return sql`
    fl as (
      -- The floors table in force: the latest effective on or before the date, else the earliest.
      select id, floors from classification_floors
      order by (effective_from <= ${d}) desc, case when effective_from <= ${d} then effective_from end desc, effective_from
      limit 1
    ),
    ranges as materialized (
      select (f->>'minDpd')::int as min_dpd, f->>'class' as cls,
        lead((f->>'minDpd')::int) over (order by (f->>'minDpd')::int) as next_min
      from fl cross join lateral jsonb_array_elements(fl.floors) f
    ),
    l as (select l.id, l.principal from loans l where ${sql.join(conds, sql` and `)}),
    paid as (
      select r.loan_id, sum(r.principal)::bigint as principal, sum(r.principal + r.interest)::bigint as total
      from loan_repayments r join l on l.id = r.loan_id
      where r.paid_on <= ${d}
      group by r.loan_id
    ),
    late as (
      -- The earliest instalment due before the date that what was paid does not cover.
      select c.loan_id, min(c.due_on) as first_unpaid
      from (
        select s.loan_id, s.due_on, sum(s.principal + s.interest) over (partition by s.loan_id order by s.seq) as cum
        from loan_schedule s join paid p on p.loan_id = s.loan_id
        where s.due_on < ${d}
      ) c join paid p on p.loan_id = c.loan_id
      where c.cum > p.total
      group by c.loan_id
    ),
    rep as (
      select distinct on (r.loan_id) r.loan_id, r.outstanding, r.dpd, r.reported_class
      from loan_reports r join l on l.id = r.loan_id
      where r.as_of <= ${d}
      order by r.loan_id, r.as_of desc
    ),
    st as (
      select l.id as loan_id,
        case when p.loan_id is not null then coalesce(${d} - late.first_unpaid, 0) when rep.loan_id is not null then rep.dpd else 0 end as dpd,
        case when p.loan_id is not null then greatest(l.principal - p.principal, 0) when rep.loan_id is not null then rep.outstanding else l.principal end as outstanding,
        rep.reported_class,
        case when p.loan_id is not null then 'repayments' when rep.loan_id is not null then 'report' else 'none' end as basis
      from l
      left join paid p on p.loan_id = l.id
      left join late on late.loan_id = l.id
      left join rep on rep.loan_id = l.id
    ),
    standing as (
      select st.loan_id, st.dpd::int as dpd, st.outstanding::bigint as outstanding, coalesce(r.cls, 'normal') as computed_class, st.reported_class,
        case when array_position(${CLASS_ORDER}, st.reported_class) > array_position(${CLASS_ORDER}, coalesce(r.cls, 'normal')) then st.reported_class else coalesce(r.cls, 'normal') end as final_class,
        fl.id as floors_id, st.basis
      from st
      cross join fl
      left join ranges r on st.dpd >= r.min_dpd and (r.next_min is null or st.dpd < r.next_min)
    )`;
}

/**
 * Loans' standing as of a date (outstanding, days past due, computed/reported/final class), for any date, from
 * the schedule, repayments and bank reports known for that date — not from loan_status, which holds only the
 * latest daily run. The read other modules use (issue #8 indicators, the risk pool); see docs/loans.md.
 */
export async function loanStandings(db: Handle, asOf: string, filter: StandingFilter = {}): Promise<StandingRow[]> {
  return withoutJit(db, async (trx) => (await sql<StandingRow>`with ${standingCtes(asOf, filter)} select * from standing order by loan_id`.execute(trx)).rows);
}

/**
 * Runs set-based loan statements with PostgreSQL's JIT off: their plans are costed high at a million loans, and
 * compiling their ~200 expressions took longer than running them (7 of 9 s in the classification benchmark).
 */
export async function withoutJit<T>(db: Handle, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  const run = async (trx: Transaction<DB>) => {
    await sql`set local jit = off`.execute(trx);
    return fn(trx);
  };
  return db.isTransaction ? run(db as Transaction<DB>) : db.transaction().execute(run);
}
