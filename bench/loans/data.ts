// A loan ledger for the benchmarks, filled set-based in SQL (generate_series; a million loans in minutes, not hours).
// Used by bench/loans/classify.bench.ts and bench/monitoring/data.ts (the dashboards and report benches).
//
// Loans: 12 months, equal principal (等额本金) at 4.35 %, started over 900 days from 2023-01-01, over the banks and
// enterprises already in the database (or `banks` banks and loans ÷ 5 enterprises created here when there are none);
// every third loan carries the first product found, if any; collateral modes in turn; 2 % first-time borrowers, 3 %
// linked to an investment (投贷联动). Every loan has its schedule (with due_cum, the running total due) and a bank
// report 30 days after its start (15 % overdue, 2 % reported substandard); a fifth a second report at day 200; 30 %
// repay through the platform (the first k instalments up to `asOf`, some 20 days late, some a yuan short), so both
// paths of the standing rule — the latest bank report, and schedule + repayments — are exercised.
import { sql } from 'kysely';
import type { Database } from '../../src/server/db/connect';

export interface LoanFill {
  /** Repayments are recorded up to this date. */
  asOf: string;
  /** Banks to create when the database has none (default 20). */
  banks?: number;
}

export async function fillLoans(db: Database, n: number, opts: LoanFill): Promise<{ loans: number; schedule: number; reports: number; repayments: number }> {
  const haveBanks = (await sql<{ n: number }>`select count(*)::int as n from organizations where kind = 'bank'`.execute(db)).rows[0]!.n;
  if (haveBanks === 0) await sql`insert into organizations (code, name, kind) select 'BB' || b, '基准银行' || b, 'bank' from generate_series(1, ${opts.banks ?? 20}::int) b`.execute(db);
  const haveEnterprises = (await sql<{ n: number }>`select count(*)::int as n from enterprises`.execute(db)).rows[0]!.n;
  if (haveEnterprises === 0) {
    await sql`insert into enterprises (uscc, name, district, street, sector)
      select 'L' || lpad(e::text, 17, '0'), '基准企业' || e, (array['杨浦区','杨浦区','杨浦区','浦东新区','徐汇区'])[1 + e % 5],
        (array['五角场街道','殷行街道','大桥街道'])[1 + e % 3], (array['数字经济','人工智能','生命健康','绿色低碳','智能制造','其他'])[1 + e % 6]
      from generate_series(1, ${Math.max(1, Math.floor(n / 5))}::int) e`.execute(db);
  }
  await sql`create temp table bench_banks as select (row_number() over (order by code) - 1)::int as n, id from organizations where kind = 'bank'`.execute(db);
  await sql`create temp table bench_ents as select (row_number() over (order by uscc) - 1)::int as n, id from enterprises`.execute(db);
  const counts = (await sql<{ b: number; e: number; p: string | null }>`
    select (select count(*)::int from bench_banks) as b, (select count(*)::int from bench_ents) as e, (select id::text from products order by code limit 1) as p`.execute(db)).rows[0]!;
  await sql`insert into loans (loan_no, bank_org_id, enterprise_id, product_id, collateral_mode, principal, annual_rate, term_months, start_date, maturity_date,
      repayment_method, first_time_borrower, linkage_mode, source)
    select 'L' || i, b.id, e.id, case when i % 3 = 0 then ${counts.p}::uuid end, (array['credit','ip_pledge','guarantee','performance_insurance','other'])[1 + i % 5],
      (100000 + (i::bigint * 7919) % 4900000) * 100, 0.0435, 12, date '2023-01-01' + (i % 900), (date '2023-01-01' + (i % 900)) + interval '12 months',
      'equal_principal', i % 50 = 7, case when i % 33 = 0 then (array['loan_direct_equity','loan_warrant','loan_external_equity_warrant','other'])[1 + (i / 33) % 4] end, 'import'
    from generate_series(1, ${n}::int) i
    join bench_banks b on b.n = i % ${counts.b}::int
    join bench_ents e on e.n = i % ${counts.e}::int`.execute(db);
  // 等额本金 in SQL (the platform generates schedules with schedule.ts): principal/12, the last instalment the rest;
  // interest on the balance at 4.35 % / 12.
  await sql`insert into loan_schedule (loan_id, seq, due_on, principal, interest, due_cum)
    select id, k, due_on, principal, interest, sum(principal + interest) over (partition by id order by k)
    from (
      select l.id, k, (l.start_date + make_interval(months => k))::date as due_on,
        case when k = 12 then l.principal - 11 * round(l.principal / 12.0) else round(l.principal / 12.0) end as principal,
        round((l.principal - (k - 1) * round(l.principal / 12.0)) * 0.0435 / 12) as interest
      from loans l cross join generate_series(1, 12) k
    ) x`.execute(db);
  await sql`insert into loan_reports (loan_id, as_of, outstanding, dpd, reported_class, source)
    select id, start_date + 30, principal, case when h % 100 < 85 then 0 else h % 500 end,
      case when h % 50 = 0 then 'substandard' end, 'import'
    from (select id, start_date, principal, abs(hashtext(id::text)) as h from loans) x`.execute(db);
  await sql`insert into loan_reports (loan_id, as_of, outstanding, dpd, reported_class, source)
    select id, start_date + 200, principal / 2, case when h % 100 < 80 then 0 else h % 400 end, null, 'api'
    from (select id, start_date, principal, abs(hashtext(id::text)) as h from loans) x where h % 5 = 0`.execute(db);
  await sql`insert into loan_repayments (loan_id, external_id, paid_on, principal, interest)
    select s.loan_id, 'R' || s.seq, s.due_on + case when x.h % 7 = 0 then 20 else 0 end, greatest(s.principal - case when x.h % 11 = 0 then 100 else 0 end, 0), s.interest
    from (select id, abs(hashtext(id::text || 'r')) as h from loans) x
    join loan_schedule s on s.loan_id = x.id and s.seq <= x.h % 13
    where x.h % 10 < 3 and s.due_on <= ${opts.asOf}::date`.execute(db);
  await sql`drop table bench_banks`.execute(db);
  await sql`drop table bench_ents`.execute(db);
  return (await sql<{ loans: number; schedule: number; reports: number; repayments: number }>`
    select (select count(*) from loans)::int as loans, (select count(*) from loan_schedule)::int as schedule,
      (select count(*) from loan_reports)::int as reports, (select count(*) from loan_repayments)::int as repayments`.execute(db)).rows[0]!;
}
