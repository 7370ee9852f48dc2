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
  /** Only loans with an investment-linkage mode (投贷联动, issue #7's report; a partial index serves it). */
  linkedOnly?: boolean | undefined;
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

export function filterConds(filter: StandingFilter): RawBuilder<unknown>[] {
  const conds: RawBuilder<unknown>[] = [];
  if (filter.loanIds) conds.push(filter.loanIds.length ? sql`l.id in (${sql.join(filter.loanIds.map((id) => sql`${id}::uuid`))})` : sql`false`);
  if (filter.bankOrgId) conds.push(sql`l.bank_org_id = ${filter.bankOrgId}::uuid`);
  if (filter.enterpriseId) conds.push(sql`l.enterprise_id = ${filter.enterpriseId}::uuid`);
  if (filter.bankCode) conds.push(sql`l.bank_org_id = (select o.id from organizations o where o.code = ${filter.bankCode})`);
  if (filter.guarantorOrgId) conds.push(sql`l.guarantor_org_id = ${filter.guarantorOrgId}::uuid`);
  if (filter.insurerOrgId) conds.push(sql`l.insurer_org_id = ${filter.insurerOrgId}::uuid`);
  if (filter.linkedOnly) conds.push(sql`l.linkage_mode is not null`);
  return conds;
}

/** No filter: every loan (the daily run; its result may stand for the whole ledger, migration 0027). */
export const isWholeLedger = (filter: StandingFilter): boolean => filterConds(filter).length === 0;

/**
 * `and <column> in (the filtered loans started on or before asOf)`, or nothing without a filter: per-loan tables
 * (reports, repayments, class history) are then read whole up to the date, in loan order, and merged with the
 * loans — no per-loan subquery; with a filter only the chosen loans' rows are read (index probes).
 */
export function chosenLoans(asOf: string, filter: StandingFilter, column: RawBuilder<unknown>): RawBuilder<unknown> {
  const conds = filterConds(filter);
  return conds.length ? sql`and ${column} in (select l.id from loans l where l.start_date <= ${asOf}::date and ${sql.join(conds, sql` and `)})` : sql``;
}

/** Loan columns a report may carry through the standing rows (saves joining a million loans a second time). */
export type StandingLoanColumn = 'enterprise_id' | 'bank_org_id' | 'product_id' | 'collateral_mode' | 'linkage_mode' | 'first_time_borrower' | 'annual_rate' | 'start_date' | 'principal' | 'loan_no';

/** The floors table in force on a date: the latest effective on or before it, else the earliest. */
export function floorsInForce(asOf: string): RawBuilder<{ id: string; floors: unknown }> {
  const d = sql`${asOf}::date`;
  return sql`
    select id, floors from classification_floors
    order by (effective_from <= ${d}) desc, case when effective_from <= ${d} then effective_from end desc, effective_from
    limit 1`;
}

/**
 * The WITH-query computing standing rows (loan_id, dpd, outstanding, computed_class, reported_class,
 * final_class, floors_id, basis, then `loanColumns`) for the loans started on or before `asOf` that pass the
 * filter. Returned as a fragment so the classification job can feed it into its upserts in the same statement.
 */
export function standingCtes(asOf: string, filter: StandingFilter = {}, loanColumns: readonly StandingLoanColumn[] = []): RawBuilder<unknown> {
  const d = sql`${asOf}::date`;
  const carried = sql.raw(loanColumns.map((c) => `, l.${c}`).join(''));
  const carriedOut = sql.raw(loanColumns.map((c) => `, st.${c}`).join(''));
  const conds = filterConds(filter);
  const chosen = chosenLoans(asOf, filter, sql`r.loan_id`);
  return sql`
    fl as (${floorsInForce(asOf)}),
    ranges as materialized (
      -- The floors as two arrays in ascending minDpd: width_bucket(dpd, min_dpds) is the number of floors reached,
      -- so classes[that] is the class (none reached: normal). Floors ascend and worsen (checkFloors), as the pure rule
      -- takes the highest floor reached.
      select array_agg((f->>'minDpd')::int order by (f->>'minDpd')::int) as min_dpds, array_agg(f->>'class' order by (f->>'minDpd')::int) as classes
      from fl cross join lateral jsonb_array_elements(fl.floors) f
    ),
    paid as (
      -- Repaying loans: principal and total repaid by the date, and the earliest instalment what was paid does not
      -- cover (due_cum: the schedule's running total due; one index probe per repaying loan), from which days past
      -- due count when it fell due before the date.
      select g.loan_id, g.principal, (
          select s.due_on from loan_schedule s
          where s.loan_id = g.loan_id and s.due_cum > g.total
          order by s.due_cum, s.seq limit 1
        ) as first_unpaid
      from (
        select r.loan_id, sum(r.principal)::bigint as principal, sum(r.principal + r.interest)::bigint as total
        from loan_repayments r
        where r.paid_on <= ${d} ${chosen}
        group by r.loan_id
      ) g
    ),
    rep as (
      select distinct on (r.loan_id) r.loan_id, r.outstanding, r.dpd, r.reported_class
      from loan_reports r
      where r.as_of <= ${d} ${chosen}
      order by r.loan_id, r.as_of desc
    ),
    st as (
      select l.id as loan_id,
        case when p.loan_id is null then coalesce(rep.dpd, 0) when p.first_unpaid < ${d} then ${d} - p.first_unpaid else 0 end as dpd,
        case when p.loan_id is not null then greatest(l.principal - p.principal, 0) else coalesce(rep.outstanding, l.principal) end as outstanding,
        rep.reported_class,
        case when p.loan_id is not null then 'repayments' when rep.loan_id is not null then 'report' else 'none' end as basis
        ${carried}
      from loans l
      left join paid p on p.loan_id = l.id
      left join rep on rep.loan_id = l.id
      where ${sql.join([sql`l.start_date <= ${d}`, ...conds], sql` and `)}
    ),
    standing as (
      select st.loan_id, st.dpd::int as dpd, st.outstanding::bigint as outstanding, c.computed_class, st.reported_class,
        case when array_position(${CLASS_ORDER}, st.reported_class) > array_position(${CLASS_ORDER}, c.computed_class) then st.reported_class else c.computed_class end as final_class,
        fl.id as floors_id, st.basis ${carriedOut}
      from st
      cross join fl
      cross join ranges r
      cross join lateral (select coalesce(r.classes[width_bucket(st.dpd, r.min_dpds)], 'normal') as computed_class) c
    )`;
}

/**
 * Loans' standing as of a date (outstanding, days past due, computed/reported/final class), for any date, from
 * the schedule, repayments and bank reports known for that date — not from loan_status, which holds only the
 * latest daily run. The read other modules use (issue #8 indicators, the risk pool); see docs/loans.md.
 */
export async function loanStandings(db: Handle, asOf: string, filter: StandingFilter = {}): Promise<StandingRow[]> {
  return setBased(db, async (trx) => (await sql<StandingRow>`with ${standingCtes(asOf, filter)} select * from standing order by loan_id`.execute(trx)).rows);
}

/**
 * Runs set-based loan statements with PostgreSQL's JIT off and room to sort and hash in memory: their plans are
 * costed high at a million loans, and compiling their ~200 expressions took longer than running them (7 of 9 s
 * in the classification benchmark); with the default 4 MB of work_mem, hashing a million standings spilled to
 * disk. Applies to the transaction only (set local), so PGlite and other statements are unaffected.
 */
export async function setBased<T>(db: Handle, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  const run = async (trx: Transaction<DB>) => {
    await sql`set local jit = off`.execute(trx);
    await sql`set local work_mem = '64MB'`.execute(trx);
    return fn(trx);
  };
  return db.isTransaction ? run(db as Transaction<DB>) : db.transaction().execute(run);
}
