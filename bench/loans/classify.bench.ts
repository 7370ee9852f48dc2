// Daily five-category classification at scale (issue #5, "Performance"): 1,000,000 loans on PostgreSQL in under 60 s.
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres nice npx tsx bench/loans/classify.bench.ts [loans]
// Creates its own database, fills it set-based (generate_series), runs the job's function (runClassification:
// one statement computing every loan's standing and upserting loan_status + loan_class_history), then drops it.
// Data: 12-month loans started over 2.5 years; every loan has its schedule (12 instalments) and a bank report,
// a fifth a second report; 30 % have platform repayments (the first k instalments, some late or short), so
// both paths of the rule — schedule + repayments, and the latest bank report — are exercised.
// Runs measured: (1) the first classification (every loan_status row and a first history row inserted),
// (2) the next day (every status row's as_of moves; a few classes change), (3) a rerun of that day (no change).
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import { runClassification } from '../../src/server/modules/loan/classify.service';

const N = Number(process.argv[2] ?? 1_000_000);
const ENTERPRISES = Math.max(1, Math.floor(N / 5));
const BANKS = 20;
const AS_OF = '2025-06-30';
const pgUrl = process.env.BENCH_DATABASE_URL;
if (!pgUrl) {
  console.error('set BENCH_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres): the target is on PostgreSQL');
  process.exit(2);
}
const ctx = { principal: null, requestId: null, systemActor: 'bench' };
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const timed = async <T>(label: string, fn: () => Promise<T>) => {
  const t = performance.now();
  const r = await fn();
  const ms = performance.now() - t;
  console.log(`${label}: ${(ms / 1000).toFixed(1)} s`);
  return { r, ms };
};

const name = `kcjr_bench_loans_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: pgUrl });
await admin.connect();
await admin.query(`create database ${name}`);
const url = new URL(pgUrl);
url.pathname = `/${name}`;
const opened = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
const db = opened.db;
const results: Record<string, unknown>[] = [];
try {
  await migrateToLatest(db);
  console.log(`load average before seeding: ${load()}`);
  await timed(`seed ${N.toLocaleString()} loans`, async () => {
    await sql`insert into organizations (code, name, kind) select 'BB' || b, '基准银行' || b, 'bank' from generate_series(1, ${BANKS}::int) b`.execute(db);
    await sql`insert into enterprises (uscc, name, district, sector)
      select lpad(e::text, 18, '0'), '基准企业' || e, '杨浦区', '人工智能' from generate_series(1, ${ENTERPRISES}::int) e`.execute(db);
    await sql`create temp table bench_banks as select row_number() over (order by code) - 1 as n, id from organizations where kind = 'bank'`.execute(db);
    await sql`create temp table bench_ents as select row_number() over (order by uscc) - 1 as n, id from enterprises`.execute(db);
    await sql`insert into loans (loan_no, bank_org_id, enterprise_id, collateral_mode, principal, annual_rate, term_months, start_date, maturity_date, repayment_method, source)
      select 'L' || i, b.id, e.id, (array['credit','ip_pledge','guarantee','performance_insurance','other'])[1 + i % 5],
        (100000 + (i::bigint * 7919) % 4900000) * 100, 0.0435, 12, date '2023-01-01' + (i % 900), (date '2023-01-01' + (i % 900)) + interval '12 months', 'equal_principal', 'import'
      from generate_series(1, ${N}::int) i
      join bench_banks b on b.n = i % ${BANKS}::int
      join bench_ents e on e.n = i % ${ENTERPRISES}::int`.execute(db);
    // 等额本金 in SQL for the bench (the platform generates schedules with schedule.ts): principal/12, the last
    // instalment the rest; interest on the balance at 4.35 % / 12.
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
    // 30 % of loans repay through the platform: the first k instalments (k = 0..12), some 20 days late, some a yuan short.
    await sql`insert into loan_repayments (loan_id, external_id, paid_on, principal, interest)
      select s.loan_id, 'R' || s.seq, s.due_on + case when x.h % 7 = 0 then 20 else 0 end, greatest(s.principal - case when x.h % 11 = 0 then 100 else 0 end, 0), s.interest
      from (select id, abs(hashtext(id::text || 'r')) as h from loans) x
      join loan_schedule s on s.loan_id = x.id and s.seq <= x.h % 13
      where x.h % 10 < 3 and s.due_on <= ${AS_OF}::date`.execute(db);
    // Vacuumed as autovacuum leaves a table in service (the standing read scans covering indexes without
    // visiting the heap once pages are marked all-visible); a freshly loaded, never-vacuumed table is slower.
    await sql`vacuum analyze`.execute(db);
  });
  const counts = (await sql<{ loans: number; schedule: number; reports: number; repayments: number }>`
    select (select count(*) from loans)::int as loans, (select count(*) from loan_schedule)::int as schedule,
      (select count(*) from loan_reports)::int as reports, (select count(*) from loan_repayments)::int as repayments`.execute(db)).rows[0]!;
  console.log(counts);

  const runs: [string, string][] = [['first classification', AS_OF], ['next day', '2025-07-01'], ['rerun of the same day', '2025-07-01']];
  for (const [label, asOf] of runs) {
    const before = load();
    const { r, ms } = await timed(`${label} (${asOf})`, () => runClassification(db, ctx, { asOf }));
    results.push({ run: label, asOf, loans: r.loans, 'status written': r.statusWritten, 'class changes': r.classChanges, seconds: Number((ms / 1000).toFixed(1)), 'under 60 s': ms < 60_000, 'load before': before });
  }
  const byClass = (await sql<{ final_class: string; n: number }>`select final_class, count(*)::int as n from loan_status group by 1 order by 1`.execute(db)).rows;
  console.log('loans per final class:', Object.fromEntries(byClass.map((c) => [c.final_class, c.n])));
} finally {
  await opened.close();
  if (process.env.BENCH_KEEP) console.log(`kept database ${name}`);
  else await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
console.table(results);
console.log(`load average after: ${load()}`);
