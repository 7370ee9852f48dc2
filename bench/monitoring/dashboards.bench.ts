// Issue #8 benchmark: with 1,000,000 loans and 200,000 applications on PostgreSQL, every dashboard panel at p99 under
// 300 ms with 20 concurrent users, and `kcjr report indicators` under 5 s.
//
//   nice npx tsx bench/monitoring/dashboards.bench.ts [--loans 1000000] [--applications 200000] [--duration 10]
//     [--connections 20] [--keep 1] [--reuse 1] [--db kcjr_bench_monitoring] [--admin-url postgres://postgres@127.0.0.1:5432/postgres]
//
// --keep 1 leaves the filled database in place; --reuse 1 then starts from it (migrations brought up to date, no
// refill; the nightly steps run again). --db names the database (kcjr_bench*), so two benches do not share one.
//
// Fills a throw-away database (bench/monitoring/data.ts), then, as the nightly jobs would: classifies every loan
// (loan-classification), stores the daily snapshot and three month ends (the dashboards' cache), and times
// `kcjr report indicators` as a separate process (start, migrations check, computation, JSON). Then drives each
// panel through the HTTP API with --connections concurrent clients for --duration seconds and prints p50/p99.
// The live indicators for a date (`GET /monitoring/indicators?asOf=`, the overview's date picker) compute a million
// standings per request; they are driven with 2 clients and reported beside the panels, not as one of them.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { openDatabase } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import { runClassification, tidyLoanStatus } from '../../src/server/modules/loan/classify.service';
import { standingMaintainedOn } from '../../src/server/modules/loan/standing-source';
import { storeDaily, storeMonthEnd } from '../../src/server/modules/monitoring/snapshots.service';
import { databaseUrl, dropDatabase, formatTable, machine, numberArg, parseArgs, recreateDatabase, round } from '../registry/common';
import { BENCH_PASSWORD, fillMonitoringData } from './data';

const DEFAULT_DB = 'kcjr_bench_monitoring';
const AS_OF = '2025-06-30';
// The year before AS_OF first: the monthly job stores every month end, so after a year in service the indicators'
// year-on-year comparison finds it stored.
const MONTH_ENDS = ['2024-06-30', '2025-04-30', '2025-05-31', '2025-06-30'];
const ctx = { principal: null, requestId: null, systemActor: 'bench' };
const run = promisify(execFile);

async function timed<T>(label: string, fn: () => Promise<T>): Promise<{ r: T; s: number }> {
  const t = performance.now();
  const r = await fn();
  const s = round((performance.now() - t) / 1000, 2);
  console.log(`${label}: ${s} s (load ${machine().loadAverage.join(' ')})`);
  return { r, s };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const loans = numberArg(args, 'loans', 1_000_000, 1_000, 1_000_000);
  const applications = numberArg(args, 'applications', 200_000, 1_000, 1_000_000);
  const connections = numberArg(args, 'connections', 20, 1, 200);
  const duration = numberArg(args, 'duration', 10, 1, 60);
  const keep = numberArg(args, 'keep', 0, 0, 1) === 1;
  const reuse = numberArg(args, 'reuse', 0, 0, 1) === 1;
  const DB_NAME = args.values.db ?? DEFAULT_DB;
  if (!/^kcjr_bench[a-z0-9_]*$/.test(DB_NAME)) throw new Error('--db must be a kcjr_bench* name');
  const url = reuse ? databaseUrl(args.adminUrl, DB_NAME) : await recreateDatabase(args.adminUrl, DB_NAME);
  const opened = await openDatabase({ databaseUrl: url, dataDir: '' });
  const db = opened.db;
  const steps: (string | number)[][] = [];
  try {
    await migrateToLatest(db);
    const existing = reuse ? (await sql<{ n: number }>`select count(*)::int as n from loans`.execute(db)).rows[0]!.n : 0;
    const fill = existing > 0
      ? { r: { loans: existing, reused: true }, s: 0 }
      : await timed(`fill ${loans.toLocaleString()} loans, ${applications.toLocaleString()} applications`, () => fillMonitoringData(db, { loans, applications, asOf: AS_OF }));
    console.log(JSON.stringify(fill.r));
    steps.push([existing > 0 ? `reused ${DB_NAME} (${existing} loans)` : 'fill', fill.s]);
    const cls = await timed(`classify as of ${AS_OF}`, () => runClassification(db, ctx, { asOf: AS_OF }));
    steps.push([`classification ${AS_OF} (${cls.r.loans} loans)`, cls.s]);
    // What the nightly job does next (classify.job.ts): vacuum and analyse loan_status when the run rewrote it.
    const tidy = await timed('vacuum (analyze) loan_status', () => tidyLoanStatus(db, cls.r));
    steps.push([`vacuum (analyze) loan_status (${tidy.r ? 'run' : 'not needed'})`, tidy.s]);
    for (const d of MONTH_ENDS) steps.push([`month-end snapshot ${d}`, (await timed(`month-end snapshot ${d}`, () => storeMonthEnd(db, ctx, d))).s]);
    steps.push([`daily snapshot ${AS_OF}`, (await timed(`daily snapshot ${AS_OF}`, () => storeDaily(db, ctx, AS_OF))).s]);
    console.log(`maintained standing holds for ${AS_OF}: ${await standingMaintainedOn(db, AS_OF)}`);
    for (const k of [1, 2]) {
      const cli = await timed(`kcjr report indicators (${k})`, () => run(process.execPath, ['bin/kcjr.mjs', 'report', 'indicators', '--as-of', AS_OF], { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' }, maxBuffer: 64 << 20 }));
      const body = JSON.parse(cli.r.stdout) as { loans: number; outstanding: number };
      steps.push([`kcjr report indicators --as-of ${AS_OF} (run ${k}; ${body.loans} loans outstanding)`, cli.s]);
    }

    const config = loadConfig({}, { databaseUrl: url, dataDir: '', logLevel: 'silent', webDir: '/nonexistent' });
    const app = await buildApp({ db, config, logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;
    const cookieOf = async (username: string) => {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: BENCH_PASSWORD } });
      const c = login.cookies.find((x) => x.name === 'kcjr_session');
      if (!c) throw new Error(`sign-in of ${username} failed: ${login.statusCode} ${login.body}`);
      return `${c.name}=${c.value}`;
    };
    const officer = await cookieOf('officer');
    const bank = await cookieOf('bank');
    const ent = (await sql<{ id: string }>`select enterprise_id as id from loans order by loan_no limit 1`.execute(db)).rows[0]!.id;
    const P = '/api/v1/monitoring';
    const panels: [string, string, string[], number][] = [
      ...(['summary', 'trend', 'funnel', 'sla', 'alerts', 'subsidies', 'pools'] as const).map((p): [string, string, string[], number] => [`office ${p}`, officer, [`${P}/dashboard/office/${p}`], connections]),
      ['bank dashboard (the bank itself)', bank, [`${P}/dashboard/bank`], connections],
      ['bank dashboard (officer, ?bank=)', officer, [`${P}/dashboard/bank?bank=BANK02`], connections],
      ['enterprise dashboard (officer)', officer, [`${P}/dashboard/enterprise?enterpriseId=${ent}`], connections],
      ['drill-down: a bank\'s loans on the snapshot date', officer, [`${P}/drilldown/loans?asOf=${AS_OF}&bank=BANK03`], connections],
      ['drill-down: NPL loans on the snapshot date', officer, [`${P}/drilldown/loans?asOf=${AS_OF}&class=npl`], connections],
      ['live indicators, the nightly run\'s date (2 clients)', officer, [`${P}/indicators?asOf=${AS_OF}`], 2],
      ['live indicators for another date (2 clients)', officer, [`${P}/indicators?asOf=2025-03-31`], 2],
    ];
    const rows: (string | number)[][] = [];
    for (const [name, cookie, paths, conns] of panels) {
      const probe = await app.inject({ method: 'GET', url: paths[0]!, headers: { cookie } });
      if (probe.statusCode !== 200) throw new Error(`${name}: ${probe.statusCode} ${probe.body.slice(0, 300)}`);
      const r = await autocannon({ url: `http://127.0.0.1:${port}`, connections: conns, duration, timeout: 60, headers: { cookie }, requests: paths.map((p) => ({ method: 'GET' as const, path: p })) });
      // No request finished within the run: autocannon reports 0 ms latencies, which must not read as a pass.
      const done = r.requests.total > 0;
      rows.push([name, conns, r.requests.total, round(r.requests.average, 1), done ? r.latency.p50 : '—', done ? r.latency.p99 : '—', done ? r.latency.max : '—', r.non2xx + r.errors + r.timeouts, done && r.latency.p99 < 300 ? 'yes' : done ? 'no' : `none within ${duration} s`]);
      console.log(`${name}: p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms (load ${machine().loadAverage.join(' ')})`);
    }
    await app.close();
    console.log(`\ndata: ${JSON.stringify(fill.r)}; ${duration} s per panel; ${JSON.stringify(machine())}`);
    console.log(formatTable(['step', 'seconds'], steps));
    console.log(formatTable(['panel', 'clients', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'failed', 'p99 < 300'], rows));
  } finally {
    await opened.close();
    if (keep) console.log(`kept database ${DB_NAME}`);
    else await dropDatabase(args.adminUrl, DB_NAME);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
