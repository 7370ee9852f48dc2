// Daily five-category classification at scale (issue #5, "Performance"): 1,000,000 loans on PostgreSQL in under 60 s.
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres nice npx tsx bench/loans/classify.bench.ts [loans]
// Creates its own database, fills it set-based (bench/loans/data.ts: 20 banks, loans ÷ 5 enterprises, 12-month
// loans started over 2.5 years, each with its schedule and a bank report, a fifth a second report, 30 % repaying
// through the platform), runs the job's function (runClassification: one statement computing every loan's
// standing and writing what changed to loan_status + loan_class_history), then drops it.
// Runs measured: (1) the first classification (every loan_status row and a first history row inserted),
// (2) the next day (every status row's as_of moves; a few classes change), (3) a rerun of that day (no change).
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import { runClassification } from '../../src/server/modules/loan/classify.service';
import { fillLoans } from './data';

const N = Number(process.argv[2] ?? 1_000_000);
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
  const { r: counts } = await timed(`seed ${N.toLocaleString()} loans`, async () => {
    const c = await fillLoans(db, N, { asOf: AS_OF });
    // Vacuumed as autovacuum leaves a table in service (the standing read scans covering indexes without
    // visiting the heap once pages are marked all-visible); a freshly loaded, never-vacuumed table is slower.
    await sql`vacuum analyze`.execute(db);
    return c;
  });
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
