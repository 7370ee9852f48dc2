// The SQL behind the indicators (issue #8). Loan figures come from the ledger's standing as of the date
// (schedule, repayments and bank reports known for that date — clarifications.md, "Imported loans: as of which
// date"): the maintained loan_status rows when they are that standing, else computed (loan/standing-source.ts);
// this file only aggregates them, in one pass with grouping sets.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { withStanding } from '../loan/standing-source';

type Handle = Kysely<DB> | Transaction<DB>;

export const SLICES = ['bank', 'product', 'district', 'street', 'sector', 'stage'] as const;
export type Slice = (typeof SLICES)[number];

export interface PortfolioRow {
  slice: Slice | 'total';
  key: string | null;
  name: string | null;
  loans: number;
  borrowers: number;
  first_time_borrowers: number;
  outstanding: number;
  npl: number;
  normal: number;
  special_mention: number;
  substandard: number;
  doubtful: number;
  loss: number;
  credit: number;
  ip_pledge: number;
  linked: number;
  /** Σ outstanding × annual rate, as an exact decimal string (fen × rate). */
  rate_weighted: string;
}

/** Whether a table exists (modules that land separately: enterprise evaluations give the lifecycle stage). */
export async function tableExists(db: Handle, table: string): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select to_regclass(${table}) is not null as ok`.execute(db);
  return Boolean(r.rows[0]?.ok);
}

/**
 * Loans outstanding on `asOf` aggregated in total and per slice. Lifecycle stage is the enterprise's latest
 * lifecycle evaluation of a year ≤ the year of asOf (enterprise_evaluations kind 'lifecycle', issue #6), when
 * that table exists; otherwise the stage slice is empty.
 */
export async function portfolioAsOf(db: Handle, asOf: string, opts: { bankOrgId?: string; computed?: boolean } = {}): Promise<PortfolioRow[]> {
  const withStage = await tableExists(db, 'enterprise_evaluations');
  const stage = withStage
    ? sql`(select ev.result->>'stage' from enterprise_evaluations ev where ev.enterprise_id = per.enterprise_id and ev.kind = 'lifecycle' and ev.year <= ${Number(asOf.slice(0, 4))} order by ev.year desc limit 1)`
    : sql`null::text`;
  // Two levels: the standings (a million rows) are summed per enterprise, bank and product by hashing; the grouping
  // sets, whose distinct borrower counts sort once per set, then run over those few rows, and the enterprise's
  // district, street, sector and stage are looked up once per row there instead of once per loan.
  const r = await withStanding(db, asOf, (trx, standing) => sql<PortfolioRow & { g_bank: number; g_product: number; g_district: number; g_street: number; g_sector: number; g_stage: number }>`
    with ${standing.ctes(opts.bankOrgId ? { bankOrgId: opts.bankOrgId } : {}, ['enterprise_id', 'bank_org_id', 'product_id', 'collateral_mode', 'linkage_mode', 'first_time_borrower', 'annual_rate'])},
    per as (
      select s.enterprise_id, s.bank_org_id, s.product_id,
        count(*)::int as loans,
        bool_or(s.first_time_borrower) as first_time_borrower,
        sum(s.outstanding)::bigint as outstanding,
        sum(s.outstanding) filter (where s.final_class in ('substandard','doubtful','loss'))::bigint as npl,
        sum(s.outstanding) filter (where s.final_class = 'normal')::bigint as normal,
        sum(s.outstanding) filter (where s.final_class = 'special_mention')::bigint as special_mention,
        sum(s.outstanding) filter (where s.final_class = 'substandard')::bigint as substandard,
        sum(s.outstanding) filter (where s.final_class = 'doubtful')::bigint as doubtful,
        sum(s.outstanding) filter (where s.final_class = 'loss')::bigint as loss,
        sum(s.outstanding) filter (where s.collateral_mode = 'credit')::bigint as credit,
        sum(s.outstanding) filter (where s.collateral_mode = 'ip_pledge')::bigint as ip_pledge,
        sum(s.outstanding) filter (where s.linkage_mode is not null)::bigint as linked,
        sum(s.outstanding * s.annual_rate) as rate_weighted
      from standing s
      where s.outstanding > 0
      group by s.enterprise_id, s.bank_org_id, s.product_id
    ),
    cur as (
      select per.*, e.district, coalesce(e.street, '') as street, e.sector, ${stage} as stage
      from per join enterprises e on e.id = per.enterprise_id
    ),
    agg as (
      select grouping(bank_org_id) as g_bank, grouping(product_id) as g_product, grouping(district) as g_district,
        grouping(street) as g_street, grouping(sector) as g_sector, grouping(stage) as g_stage,
        bank_org_id, product_id, district, street, sector, stage,
        coalesce(sum(loans), 0)::int as loans,
        count(distinct enterprise_id)::int as borrowers,
        count(distinct enterprise_id) filter (where first_time_borrower)::int as first_time_borrowers,
        sum(outstanding)::bigint as outstanding,
        coalesce(sum(npl), 0)::bigint as npl,
        coalesce(sum(normal), 0)::bigint as normal,
        coalesce(sum(special_mention), 0)::bigint as special_mention,
        coalesce(sum(substandard), 0)::bigint as substandard,
        coalesce(sum(doubtful), 0)::bigint as doubtful,
        coalesce(sum(loss), 0)::bigint as loss,
        coalesce(sum(credit), 0)::bigint as credit,
        coalesce(sum(ip_pledge), 0)::bigint as ip_pledge,
        coalesce(sum(linked), 0)::bigint as linked,
        sum(rate_weighted)::text as rate_weighted
      from cur
      group by grouping sets ((), (bank_org_id), (product_id), (district), (street), (sector), (stage))
    )
    select agg.*,
      case when g_bank = 0 then (select o.code from organizations o where o.id = agg.bank_org_id)
           when g_product = 0 then (select p.code from products p where p.id = agg.product_id)
           when g_district = 0 then agg.district when g_street = 0 then nullif(agg.street, '')
           when g_sector = 0 then agg.sector when g_stage = 0 then agg.stage end as key,
      case when g_bank = 0 then (select o.name from organizations o where o.id = agg.bank_org_id)
           when g_product = 0 then (select p.name from products p where p.id = agg.product_id) end as name
    from agg`.execute(trx), opts);
  return r.rows.map((x) => {
    const slice: PortfolioRow['slice'] =
      x.g_bank === 0 ? 'bank' : x.g_product === 0 ? 'product' : x.g_district === 0 ? 'district' : x.g_street === 0 ? 'street' : x.g_sector === 0 ? 'sector' : x.g_stage === 0 ? 'stage' : 'total';
    return {
      slice, key: x.key, name: x.name, loans: x.loans, borrowers: x.borrowers, first_time_borrowers: x.first_time_borrowers,
      outstanding: Number(x.outstanding), npl: Number(x.npl), normal: Number(x.normal), special_mention: Number(x.special_mention),
      substandard: Number(x.substandard), doubtful: Number(x.doubtful), loss: Number(x.loss), credit: Number(x.credit),
      ip_pledge: Number(x.ip_pledge), linked: Number(x.linked), rate_weighted: x.rate_weighted ?? '0',
    };
  });
}

/** Outstanding, loans and borrowers on a date (the year-before comparison needs no slices). */
export async function totalsAsOf(db: Handle, asOf: string, opts: { computed?: boolean } = {}): Promise<{ loans: number; borrowers: number; outstanding: number; npl: number }> {
  const r = await withStanding(db, asOf, (trx, standing) => sql<{ loans: number; borrowers: number; outstanding: string | null; npl: string | null }>`
    with ${standing.ctes({}, ['enterprise_id'])},
    per as (
      select s.enterprise_id, count(*) as loans, sum(s.outstanding) as outstanding,
        sum(s.outstanding) filter (where s.final_class in ('substandard','doubtful','loss')) as npl
      from standing s where s.outstanding > 0 group by s.enterprise_id
    )
    select coalesce(sum(loans), 0)::int as loans, count(*)::int as borrowers, sum(outstanding)::bigint as outstanding, sum(npl)::bigint as npl
    from per`.execute(trx), opts);
  const x = r.rows[0]!;
  return { loans: x.loans, borrowers: x.borrowers, outstanding: Number(x.outstanding ?? 0), npl: Number(x.npl ?? 0) };
}

/**
 * The totals of a stored month-end snapshot of asOf — its latest version (a restatement when the monthly job found a
 * correction, else as reported) — or null when none is stored. Year-on-year growth compares with these rather than
 * computing a second million standings.
 */
export async function storedTotals(db: Handle, asOf: string): Promise<{ loans: number; borrowers: number; outstanding: number; npl: number } | null> {
  const r = await sql<{ loans: number; borrowers: number; outstanding: number; npl: number }>`
    select (data->>'loans')::int as loans, (data->>'borrowers')::int as borrowers,
      round((data->>'outstanding')::numeric * 100)::bigint::text as outstanding, round((data->>'nplOutstanding')::numeric * 100)::bigint::text as npl
    from indicator_snapshots where kind = 'month_end' and as_of = ${asOf}::date
    order by version desc limit 1`.execute(db);
  const x = r.rows[0];
  return x ? { loans: x.loans, borrowers: x.borrowers, outstanding: Number(x.outstanding), npl: Number(x.npl) } : null;
}

/** Loans started in [from, to]: count and principal, and the principal-weighted rate (exact decimal string). */
export async function newLoans(db: Handle, from: string, to: string): Promise<{ count: number; amount: number; rateWeighted: string }> {
  const r = await sql<{ count: number; amount: string | null; rw: string | null }>`
    select count(*)::int as count, sum(principal)::bigint as amount, sum(principal * annual_rate)::text as rw
    from loans where start_date >= ${from}::date and start_date <= ${to}::date`.execute(db);
  const x = r.rows[0]!;
  return { count: x.count, amount: Number(x.amount ?? 0), rateWeighted: x.rw ?? '0' };
}

/**
 * Days from the platform's recommendation to the bank's decision, for applications a bank decided in
 * [from, to]: the latest recommendation on or before the decision (after a reassignment, the new bank's clock).
 */
export async function recommendationToDecision(db: Handle, from: string, to: string): Promise<{ decided: number; averageDays: number | null; medianDays: number | null }> {
  const r = await sql<{ decided: number; avg: string | null; median: string | null }>`
    select count(*)::int as decided, round(avg(d), 1)::text as avg, (percentile_cont(0.5) within group (order by d))::text as median
    from (
      select a.decided_on - (select max(x.recommended_on) from application_assignments x where x.application_id = a.id and x.recommended_on <= a.decided_on) as d
      from applications a
      where a.decided_on >= ${from}::date and a.decided_on <= ${to}::date
    ) t where d is not null`.execute(db);
  const x = r.rows[0]!;
  return { decided: x.decided, averageDays: x.avg === null ? null : Number(x.avg), medianDays: x.median === null ? null : Number(x.median) };
}

export interface SubsidyRow {
  measure: string;
  determined_count: number;
  determined_amount: number;
  paid_count: number;
  paid_amount: number;
  allocated: number | null;
}

/**
 * Subsidies determined (认定) and paid (拨付) in the year of asOf up to asOf, per measure (Shanghai calendar
 * days of determined_at / paid_at); determined counts claims that were not later rejected or withdrawn.
 * `allocated` is the measure's budget for the year (subsidy_budgets).
 */
export async function subsidiesByMeasure(db: Handle, asOf: string): Promise<SubsidyRow[]> {
  const year = Number(asOf.slice(0, 4));
  const from = `${year}-01-01`;
  const r = await sql<{ measure: string; dc: number; da: string; pc: number; pa: string; allocated: string | null }>`
    with c as (
      select measure, amount, (determined_at at time zone 'Asia/Shanghai')::date as det, (paid_at at time zone 'Asia/Shanghai')::date as paid, status
      from subsidy_claims where determined_at is not null
    ),
    m as (
      select measure,
        (count(*) filter (where det between ${from}::date and ${asOf}::date and status not in ('rejected','withdrawn')))::int as dc,
        coalesce(sum(amount) filter (where det between ${from}::date and ${asOf}::date and status not in ('rejected','withdrawn')), 0)::bigint as da,
        (count(*) filter (where paid between ${from}::date and ${asOf}::date))::int as pc,
        coalesce(sum(amount) filter (where paid between ${from}::date and ${asOf}::date), 0)::bigint as pa
      from c group by measure
    )
    select coalesce(m.measure, b.measure) as measure, coalesce(m.dc, 0) as dc, coalesce(m.da, 0)::text as da, coalesce(m.pc, 0) as pc,
      coalesce(m.pa, 0)::text as pa, b.allocated::text as allocated
    from m full join (select measure, allocated from subsidy_budgets where year = ${year}) b on b.measure = m.measure
    order by 1`.execute(db);
  return r.rows
    .map((x) => ({ measure: x.measure, determined_count: x.dc, determined_amount: Number(x.da), paid_count: x.pc, paid_amount: Number(x.pa), allocated: x.allocated === null ? null : Number(x.allocated) }))
    .filter((x) => x.determined_count > 0 || x.paid_count > 0 || x.allocated !== null);
}
