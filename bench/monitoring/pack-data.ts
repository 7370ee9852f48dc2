// Data for the report-pack benchmark (issue #8: 1,000,000 loans and 200,000 applications). Applications, banks,
// the office and 20,000 enterprises come from bench/applications/data.ts; the loans are generated here in SQL
// (set-based, three minutes for a million under load: bank reports only, no schedules). Written before the
// dashboards' fill (bench/monitoring/data.ts, with schedules and repayments) reached main; the pack bench can move to
// it, at the cost of a longer fill.
import { sql } from 'kysely';
import type { Database } from '../../src/server/db/connect';
import { loadApplications } from '../applications/data';

/**
 * Loans over the applications' banks and enterprises, starting from 2023-01-01 over three years (so 2024 and 2025
 * each have a year-end stock and new loans), 12–36 months, every collateral mode, every third on the programme
 * product, 2 % 投贷联动. Each loan has a bank report six months in (half repaid; days past due by i % 97 — about 4 %
 * non-performing) and every tenth a second one a year in, so the as-of rule reads real history.
 */
export async function fillPackData(db: Database, opts: { loans: number; applications: number }) {
  await loadApplications(db, opts.applications);
  await sql`update enterprises set street = (array['五角场街道','殷行街道','大桥街道','平凉路街道'])[1 + abs(hashtext(uscc)) % 4],
    sector = (array['数字经济','人工智能','生命健康','绿色低碳','智能制造','其他'])[1 + abs(hashtext(uscc || 's')) % 6]`.execute(db);
  await sql`create temp table bench_banks as select row_number() over (order by code) - 1 as n, id from organizations where kind = 'bank'`.execute(db);
  await sql`create temp table bench_ents as select row_number() over (order by uscc) - 1 as n, id from enterprises`.execute(db);
  const banks = (await sql<{ n: number }>`select count(*)::int as n from bench_banks`.execute(db)).rows[0]!.n;
  const ents = (await sql<{ n: number }>`select count(*)::int as n from bench_ents`.execute(db)).rows[0]!.n;
  const product = (await sql<{ id: string }>`select id from products where code = 'LYD'`.execute(db)).rows[0]!.id;
  await sql`
    insert into loans (loan_no, bank_org_id, enterprise_id, product_id, collateral_mode, principal, annual_rate, term_months, start_date, maturity_date,
      repayment_method, source, first_time_borrower, linkage_mode)
    select 'PK' || lpad(i::text, 8, '0'), b.id, e.id, case when i % 3 = 0 then ${product}::uuid end,
      (array['credit','ip_pledge','guarantee','performance_insurance','other'])[1 + i % 5]::text,
      (100000 + (i::bigint * 7919) % 4900000) * 100, 0.0350 + (i % 20) * 0.001, 12 * (1 + i % 3),
      date '2023-01-01' + (i % 1095), (date '2023-01-01' + (i % 1095)) + make_interval(months => 12 * (1 + i % 3)),
      'equal_principal', 'import', i % 7 = 0, case when i % 50 = 0 then 'loan_warrant' end
    from generate_series(1, ${opts.loans}::int) i
    join bench_banks b on b.n = i % ${banks}::int
    join bench_ents e on e.n = i % ${ents}::int`.execute(db);
  await sql`
    insert into loan_reports (loan_id, as_of, outstanding, dpd, reported_class, source)
    select l.id, l.start_date + 182, l.principal / 2, case when n % 97 < 4 then 100 + n % 300 when n % 97 < 8 then 30 else 0 end, null, 'import'
    from (select id, start_date, principal, row_number() over (order by loan_no) as n from loans) l`.execute(db);
  await sql`
    insert into loan_reports (loan_id, as_of, outstanding, dpd, reported_class, source)
    select l.id, l.start_date + 365, l.principal / 4, case when n % 89 < 3 then 200 else 0 end, null, 'import'
    from (select id, start_date, principal, row_number() over (order by loan_no) as n from loans) l where n % 10 = 0`.execute(db);
  await sql`vacuum analyze`.execute(db);
  const count = async (t: string) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(db)).rows[0]!.n;
  return { loans: await count('loans'), reports: await count('loan_reports'), applications: await count('applications'), enterprises: await count('enterprises') };
}
