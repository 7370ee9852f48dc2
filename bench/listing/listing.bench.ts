// Issue #7 benchmark: the pool page (list, filtered list, dashboard) and the linkage report through the HTTP API on
// PostgreSQL with 100,000 enterprises and 1,000,000 loans (3% linked), 20 concurrent clients, in one process.
//
//   nice npx tsx bench/listing/listing.bench.ts [--duration 10] [--connections 20] [--loans 1000000] [--keep 1] [--reuse 1]
// --loans sizes the ledger for a quicker look at the shape; --keep 1 leaves the database (kcjr_bench_listing) for EXPLAIN;
// --reuse 1 keeps it too and, when a kept one holds the --loans loans already, migrates it and skips the fill.
// The linkage report is a stored result (platform/stored-result.ts): before its mix the bench times computing it
// directly and reading the stored one in this process (A/B), and the first request after a change (which computes);
// the mix then reads the stored reports of both years.
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import { computeLinkageReport, linkageReport } from '../../src/server/modules/equity/linkage-report';
import { hashPassword } from '../../src/server/platform/secrets';
import { dropDatabase, formatTable, machine, numberArg, parseArgs, recreateDatabase, round } from '../registry/common';

const DB_NAME = 'kcjr_bench_listing';
const ENTERPRISES = 100_000;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const connections = numberArg(args, 'connections', 20, 1, 200);
  const duration = numberArg(args, 'duration', 10, 1, 60);
  const LOANS = numberArg(args, 'loans', 1_000_000, 1_000, 1_000_000);
  const reuse = numberArg(args, 'reuse', 0, 0, 1) === 1;
  const keep = reuse || numberArg(args, 'keep', 0, 0, 1) === 1;
  const kept = reuse ? await keptDatabase(args.adminUrl, LOANS) : null;
  const url = kept ?? (await recreateDatabase(args.adminUrl, DB_NAME));
  const opened = await openDatabase({ databaseUrl: url, dataDir: '' });
  const db = opened.db;
  await migrateToLatest(db);
  const t0 = Date.now();
  if (!kept) await fill(db, LOANS);
  const loadSeconds = kept ? 0 : round((Date.now() - t0) / 1000, 1);
  const officers = await db.selectFrom('users').select('id').where('role', '=', 'officer').orderBy('username').execute();
  const counts = await sql<{ e: number; l: number; linked: number; pool: number; services: number }>`
    select (select count(*)::int from enterprises) e, (select count(*)::int from loans) l, (select count(*)::int from loans where linkage_mode is not null) linked,
      (select count(*)::int from listing_pool) pool, (select count(*)::int from listing_services) services`.execute(db);
  const ab = await linkageAB(db);

  const config = loadConfig({}, { databaseUrl: url, dataDir: '', logLevel: 'silent', webDir: '/nonexistent' });
  const app = await buildApp({ db, config, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as { port: number }).port;
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'officer1', password: 'bench-password-1' } });
  const c = login.cookies.find((x) => x.name === 'kcjr_session')!;
  const cookie = `${c.name}=${c.value}`;
  const mixes: [string, string[]][] = [
    ['pool list (pages 1–10)', Array.from({ length: 10 }, (_, k) => `/api/v1/listing/pool?page=${k + 1}`)],
    ['pool filtered (tier, sector, officer, name)', [`/api/v1/listing/pool?tier=cultivating,tutoring&sector=${encodeURIComponent('人工智能')}`, `/api/v1/listing/pool?officer=${officers[1]!.id}`, `/api/v1/listing/pool?q=${encodeURIComponent('基准企业1')}`]],
    ['pool dashboard', ['/api/v1/listing/dashboard?from=2025-01-01&to=2025-12-31']],
    ['linkage report', ['/api/v1/reports/linkage?year=2025', '/api/v1/reports/linkage?year=2024']],
  ];
  const rows: (string | number)[][] = [];
  for (const [name, paths] of mixes) {
    const r = await autocannon({ url: `http://127.0.0.1:${port}`, connections, duration, timeout: 30, headers: { cookie }, requests: paths.map((p) => ({ method: 'GET' as const, path: p })) });
    rows.push([name, r.requests.total, round(r.requests.average, 1), r.latency.p50, r.latency.p99, r.latency.max, r.non2xx + r.errors + r.timeouts]);
  }
  console.log(`linkage report, in process (ms): ${JSON.stringify(ab)}`);
  console.log(`data: ${JSON.stringify(counts.rows[0])}, loaded in ${loadSeconds} s${kept ? ' (reused)' : ''}; ${connections} connections, ${duration} s per mix; ${JSON.stringify(machine())}`);
  console.log(formatTable(['mix', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'failed'], rows));
  await app.close();
  await opened.close();
  if (keep) console.log(`kept database ${DB_NAME}`);
  else await dropDatabase(args.adminUrl, DB_NAME);
}

async function fill(db: Database, LOANS: number) {
  const office = (await db.insertInto('organizations').values({ code: 'OFFICE', name: '区科技经济委', kind: 'office', enterprise_id: null }).returning('id').executeTakeFirstOrThrow()).id;
  const hash = await hashPassword('bench-password-1');
  const officers = await db.insertInto('users').values([1, 2, 3, 4, 5].map((k) => ({ organization_id: office, username: `officer${k}`, display_name: `专管员${k}`, role: 'officer' as const, password_hash: hash, locked_until: null }))).returning('id').execute();
  await sql`insert into organizations (code, name, kind) select 'BANK' || g, '银行' || g, 'bank' from generate_series(1, 10) g`.execute(db);
  await sql`
    insert into enterprises (uscc, name, district, street, sector, founded_on)
    select lpad(g::text, 17, '0') || 'X', '基准企业' || g, case when g % 5 = 0 then '浦东新区' else '杨浦区' end, '五角场街道',
      (array['数字经济','人工智能','生命健康','绿色低碳','智能制造','其他'])[1 + g % 6], date '2010-01-01' + (g % 4000)
    from generate_series(1, ${ENTERPRISES}::int) g`.execute(db);
  await sql`
    insert into loans (loan_no, bank_org_id, enterprise_id, collateral_mode, principal, annual_rate, term_months, start_date, maturity_date, repayment_method, linkage_mode)
    select 'L' || g, b.ids[1 + g % 10], e.ids[1 + g % ${ENTERPRISES}::int], 'credit', 1000000 + (g % 500) * 10000, 0.04, 24,
      date '2023-01-01' + (g % 1000), date '2025-01-01' + (g % 1000), 'interest_only',
      case when g % 33 = 0 then (array['loan_direct_equity','loan_warrant','loan_warrant','loan_external_equity_warrant','other'])[1 + (g / 33) % 5] end
    from generate_series(1, ${LOANS}::int) g,
      (select array_agg(id order by code) as ids from organizations where kind = 'bank') b,
      (select array_agg(id order by uscc) as ids from enterprises) e`.execute(db);
  await sql`insert into loan_reports (loan_id, as_of, outstanding, dpd, source) select id, date '2025-06-30', principal / 2, 0, 'import' from loans where linkage_mode is not null and loan_no::text like '%6'`.execute(db);
  await sql`
    insert into enterprise_rounds (enterprise_id, round, date, amount)
    select id, (array['seed','angel','pre_a','a','a_plus','b','b_plus','c','c_plus','after_c'])[1 + (row_number() over ()) % 10], date '2022-01-01' + ((row_number() over ()) % 900)::int, 100000000
    from enterprises where uscc like '%3X' or uscc like '%7X'`.execute(db);
  // The pool: 3,000 enterprises over the tiers and officers, 20,000 service logs.
  await sql`
    insert into listing_pool (enterprise_id, tier, target_board, entry_source, entry_reason, entered_on, tier_since, officer_user_id)
    select e.id, (array['reserve','cultivating','tutoring','filed','listed'])[1 + n % 5], (array['star','chinext','bse','neeq_base','main_board'])[1 + n % 5],
      'nomination', '基准', date '2024-01-01' + (n % 600)::int, date '2024-06-01' + (n % 300)::int, (${sql.raw(`array[${officers.map((o) => `'${o.id}'::uuid`).join(',')}]`)})[1 + n % 5]
    from (select id, row_number() over (order by uscc) as n from enterprises where uscc like '%1X' limit 3000) e`.execute(db);
  await sql`
    insert into listing_services (enterprise_id, officer_user_id, kind, mode, served_on, summary, follow_up_on)
    select p.enterprise_id, p.officer_user_id, (array['contact','consulting','training','financing_matchmaking','administrative_coordination'])[1 + g % 5],
      (array['phone','visit','online','meeting'])[1 + g % 4], date '2025-01-01' + (g % 300), '基准服务', case when g % 7 = 0 then date '2025-11-01' + (g % 30) end
    from listing_pool p cross join generate_series(1, 7) g where p.officer_user_id is not null`.execute(db);
  // As autovacuum leaves tables in service (index-only scans need pages marked all-visible).
  await sql`vacuum analyze`.execute(db);
}

/** The kept database's URL when it holds `loans` loans already (a finished fill), else null. */
async function keptDatabase(adminUrl: string, loans: number): Promise<string | null> {
  const url = new URL(adminUrl);
  url.pathname = `/${DB_NAME}`;
  const c = new pg.Client({ connectionString: url.toString() });
  try {
    await c.connect();
  } catch {
    return null;
  }
  try {
    const r = await c.query<{ n: number }>(`select (select count(*) from loans)::int as n, (select count(*) from listing_services)::int as s`);
    return r.rows[0]!.n === loans && Number((r.rows[0] as unknown as { s: number }).s) > 0 ? url.toString() : null;
  } catch {
    return null;
  } finally {
    await c.end();
  }
}

/**
 * Computing the linkage report for 2025 directly against reading the stored one, alternating, in this process; then
 * the first request after a change (a write to loans makes it stale: it computes and stores). Medians in ms.
 */
async function linkageAB(db: Database) {
  const time = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  await linkageReport(db, 2025);
  const computed: number[] = [];
  const stored: number[] = [];
  for (let i = 0; i < 5; i++) {
    computed.push(await time(() => computeLinkageReport(db, 2025)));
    for (let j = 0; j < 4; j++) stored.push(await time(() => linkageReport(db, 2025)));
  }
  const same = JSON.stringify((({ computedAt: _, ...r }) => r)(await linkageReport(db, 2025))) === JSON.stringify(await computeLinkageReport(db, 2025));
  const firstAfterChange: number[] = [];
  for (let i = 0; i < 3; i++) {
    await sql`update loans set linkage_mode = linkage_mode where loan_no = 'L33'`.execute(db);
    firstAfterChange.push(await time(() => linkageReport(db, 2025)));
  }
  // The mix below reads both years' stored reports; the first request after a change is the figure above.
  await linkageReport(db, 2024);
  const median = (xs: number[]) => round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!, 1);
  return { computeMedian: median(computed), storedReadMedian: median(stored), firstRequestAfterChangeMedian: median(firstAfterChange), storedEqualsComputed: same };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
