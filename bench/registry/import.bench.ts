// Issue #2 benchmark: import N enterprises from CSV through the real importEnterprises path, into
// PostgreSQL and into PGlite, next to the database's own COPY of the same file measured in the same run.
//
//   npx tsx bench/registry/import.bench.ts [--rows 100000] [--targets postgres,pglite] [--admin-url postgres://…]
//
// Each target runs in its own child process so that its peak RSS is its own.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import { PGliteDialect } from '../../src/server/db/pglite-dialect';
import type { DB } from '../../src/server/db/schema';
import { importEnterprises } from '../../src/server/modules/enterprise/enterprise.import';
import { dropDatabase, formatTable, machine, numberArg, parseArgs, peakRssMiB, recreateDatabase, round, type BenchArgs, type Target } from './common';
import { registryCsv } from './data';

const started = performance.now();
/** Progress on stderr, so a slow phase shows while it runs. */
const progress = (message: string) => process.stderr.write(`  [${((performance.now() - started) / 1000).toFixed(1)} s] ${message}\n`);

const IMPORT_DB = 'kcjr_bench_import';

interface Phase {
  seconds: number;
  rowsPerSecond: number;
  /** CPU time of this Node process during the phase (the database server's CPU is not in it for PostgreSQL). */
  nodeCpuSeconds: number;
  peakRssMiB: number;
}

type PhaseName = 'parseOnly' | 'import' | 'copyStaging' | 'copyIntoTables' | 'reimport';

type WorkerMessage =
  /** Before the first import: the database (PGlite: in this process) is open and migrated, the file read. */
  | { kind: 'beforeImport'; rssMiB: number; peakRssMiB: number }
  | { kind: 'phase'; name: PhaseName; phase: Phase }
  | { kind: 'check'; enterprises: number; financials: number; auditRows: number }
  | { kind: 'reimportStarted' }
  | { kind: 'done' };

interface TargetResult {
  target: Target;
  phases: Partial<Record<PhaseName, Phase>>;
  /** Set when the re-import ran past its time budget and the worker was stopped. */
  reimportTimedOutAfter: number | null;
  check: { enterprises: number; financials: number; auditRows: number } | null;
  beforeImport: { rssMiB: number; peakRssMiB: number } | null;
}

// ---- the child: one target ------------------------------------------------------------------------

async function timed<T>(rows: number, run: () => Promise<T>): Promise<{ phase: Phase; value: T }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await run();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { value, phase: { seconds: round(seconds, 2), rowsPerSecond: Math.round(rows / seconds), nodeCpuSeconds: round((cpu.user + cpu.system) / 1e6, 2), peakRssMiB: peakRssMiB() } };
}

const STAGING_DDL = `create table bench_staging (
  uscc char(18), name text, district text, street text, founded_on date, sector text, employees int, rd_staff int,
  revenue numeric(20,2), rd_expense numeric(20,2), total_cost numeric(20,2), net_profit numeric(20,2),
  total_assets numeric(20,2), total_liabilities numeric(20,2), year int)`;

// The set-based equivalent of the import's writes (no per-row diff, no audit): staging → the real tables.
const STAGING_TO_TABLES = [
  `insert into enterprises (uscc, name, district, street, founded_on, sector)
   select uscc, name, district, street, founded_on, sector from bench_staging`,
  `insert into enterprise_financials (enterprise_id, year, revenue, rd_expense, total_cost, net_profit, total_assets, total_liabilities, employees, rd_staff)
   select e.id, s.year, (s.revenue * 100)::bigint, (s.rd_expense * 100)::bigint, (s.total_cost * 100)::bigint, (s.net_profit * 100)::bigint,
          (s.total_assets * 100)::bigint, (s.total_liabilities * 100)::bigint, s.employees, s.rd_staff
   from bench_staging s join enterprises e on e.uscc = s.uscc`,
];

const ctx = { principal: null, requestId: null, systemActor: 'bench:registry-import' };

// The baseline's tables: the same columns, defaults, checks, indexes (GIN trigram included) and foreign
// key as the migrated ones, in their own schema of the same database, so nothing already imported interferes.
const BASELINE_DDL = [
  'create schema bench_copy',
  'create table bench_copy.enterprises (like public.enterprises including all)',
  `create table bench_copy.enterprise_financials (like public.enterprise_financials including all,
     foreign key (enterprise_id) references bench_copy.enterprises (id) on delete cascade)`,
  STAGING_DDL.replace('create table bench_staging', 'create table bench_copy.bench_staging'),
  // This connection only; the import's connections keep using public.
  'set search_path = bench_copy, public',
];

type Emit = (message: WorkerMessage) => void;

/**
 * On a migrated database: parse only, import, the COPY baseline, and the re-import last, because the
 * parent may stop it at its time budget. Each phase is sent to the parent as soon as it ends.
 */
async function runTarget(
  args: BenchArgs,
  db: Database,
  file: { filename: string; buffer: Buffer },
  baseline: { exec(statement: string): Promise<unknown>; copy(): Promise<number> },
  emit: Emit,
): Promise<void> {
  const rows = args.rows;
  await migrateToLatest(db);
  emit({ kind: 'beforeImport', rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20), peakRssMiB: peakRssMiB() });

  progress('parse + validate (dry run)');
  const dry = await timed(rows, () => importEnterprises(db, ctx, file, { dryRun: true, skipInvalid: false }));
  if (!dry.value.ok) throw new Error(`the generated file does not validate: ${JSON.stringify(dry.value.errors.slice(0, 3))}`);
  emit({ kind: 'phase', name: 'parseOnly', phase: dry.phase });

  progress('import');
  const first = await timed(rows, () => importEnterprises(db, ctx, file, { dryRun: false, skipInvalid: false }));
  if (first.value.created !== rows) throw new Error(`import created ${first.value.created} of ${rows}`);
  emit({ kind: 'phase', name: 'import', phase: first.phase });
  const count = async (table: 'enterprises' | 'enterprise_financials' | 'audit_log') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  emit({ kind: 'check', enterprises: await count('enterprises'), financials: await count('enterprise_financials'), auditRows: await count('audit_log') });

  progress('COPY baseline');
  for (const statement of BASELINE_DDL) await baseline.exec(statement);
  const copy = await timed(rows, () => baseline.copy());
  if (copy.value !== rows) throw new Error(`COPY loaded ${copy.value} rows`);
  const load = await timed(rows, async () => {
    await baseline.exec('begin');
    for (const statement of STAGING_TO_TABLES) await baseline.exec(statement);
    await baseline.exec('commit');
  });
  await baseline.exec('set search_path = public');
  emit({ kind: 'phase', name: 'copyStaging', phase: copy.phase });
  emit({ kind: 'phase', name: 'copyIntoTables', phase: addPhases(copy.phase, load.phase, rows) });

  progress('re-import');
  emit({ kind: 'reimportStarted' });
  const again = await timed(rows, () => importEnterprises(db, ctx, file, { dryRun: false, skipInvalid: false }));
  if (again.value.unchanged !== rows) throw new Error(`re-import left ${again.value.unchanged} of ${rows} unchanged (expected all)`);
  emit({ kind: 'phase', name: 'reimport', phase: again.phase });
}

async function postgresWorker(args: BenchArgs, csvPath: string, emit: Emit): Promise<void> {
  const buffer = fs.readFileSync(csvPath);
  const url = await recreateDatabase(args.adminUrl, IMPORT_DB);
  const opened = await openDatabase({ databaseUrl: url, dataDir: '' });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Server-side COPY: the PostgreSQL server reads the same file from disk.
    await runTarget(args, opened.db, { filename: path.basename(csvPath), buffer }, {
      exec: (statement) => client.query(statement),
      copy: async () => (await client.query(`copy bench_staging from '${csvPath}' with (format csv, header true)`)).rowCount ?? 0,
    }, emit);
  } finally {
    await client.end();
    await opened.close();
    await dropDatabase(args.adminUrl, IMPORT_DB);
  }
}

async function pgliteWorker(args: BenchArgs, csvPath: string, emit: Emit): Promise<void> {
  const buffer = fs.readFileSync(csvPath);
  // openDatabase() does not expose its PGlite, and the baseline needs it for COPY FROM '/dev/blob': built
  // here the way connect.ts builds it (pg_trgm; dates stay strings, int8 → number, numeric → string, which
  // the import's no-op detection relies on) with the project's dialect.
  const parsers = { 1082: (v: string) => v, 20: (v: string) => Number(v), 1700: (v: string) => v };
  const pglite = new PGlite({ extensions: { pg_trgm }, parsers });
  await pglite.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  try {
    await runTarget(args, db, { filename: path.basename(csvPath), buffer }, {
      exec: (statement) => pglite.exec(statement),
      copy: async () => (await pglite.query(`copy bench_staging from '/dev/blob' with (format csv, header true)`, [], { blob: new Blob([buffer]) })).affectedRows ?? 0,
    }, emit);
  } finally {
    await db.destroy();
  }
}

function addPhases(a: Phase, b: Phase, rows: number): Phase {
  const seconds = round(a.seconds + b.seconds, 2);
  return { seconds, rowsPerSecond: Math.round(rows / seconds), nodeCpuSeconds: round(a.nodeCpuSeconds + b.nodeCpuSeconds, 2), peakRssMiB: Math.max(a.peakRssMiB, b.peakRssMiB) };
}

async function worker(args: BenchArgs) {
  progress(`${args.worker} worker started`);
  const csvPath = args.values.file;
  if (!csvPath) throw new Error('--worker needs --file');
  const emit: Emit = (m) => process.send!(m);
  if (args.worker === 'postgres') await postgresWorker(args, csvPath, emit);
  else await pgliteWorker(args, csvPath, emit);
  await new Promise<void>((resolve) => process.send!({ kind: 'done' } satisfies WorkerMessage, () => resolve()));
}

// ---- the parent: generate the file, run each target, print --------------------------------------

function runChild(target: Target, args: BenchArgs, csvPath: string, reimportBudget: number): Promise<TargetResult> {
  const self = fileURLToPath(import.meta.url);
  const child = fork(self, ['--worker', target, '--file', csvPath, '--rows', String(args.rows), '--admin-url', args.adminUrl], { stdio: 'inherit' });
  const result: TargetResult = { target, phases: {}, reimportTimedOutAfter: null, check: null, beforeImport: null };
  return new Promise((resolve, reject) => {
    let done = false;
    let budget: NodeJS.Timeout | undefined;
    // Bounds: the re-import gets `reimportBudget` seconds; the whole target 15 minutes.
    const guard = setTimeout(() => child.kill('SIGKILL'), 15 * 60_000);
    child.on('message', (raw) => {
      const m = raw as WorkerMessage;
      if (m.kind === 'phase') {
        result.phases[m.name] = m.phase;
        if (m.name === 'reimport') clearTimeout(budget);
      }
      else if (m.kind === 'check') result.check = { enterprises: m.enterprises, financials: m.financials, auditRows: m.auditRows };
      else if (m.kind === 'beforeImport') result.beforeImport = { rssMiB: m.rssMiB, peakRssMiB: m.peakRssMiB };
      else if (m.kind === 'reimportStarted') {
        budget = setTimeout(() => {
          result.reimportTimedOutAfter = reimportBudget;
          progress(`re-import still running after its budget of ${reimportBudget} s: stopping the ${target} worker`);
          child.kill('SIGKILL');
        }, reimportBudget * 1000);
      } else if (m.kind === 'done') done = true;
    });
    child.on('exit', async (code) => {
      clearTimeout(guard);
      clearTimeout(budget);
      // A killed PostgreSQL worker leaves its database behind.
      if (target === 'postgres' && !done) await dropDatabase(args.adminUrl, IMPORT_DB).catch(() => undefined);
      if (done || result.reimportTimedOutAfter !== null) resolve(result);
      else reject(new Error(`${target} worker exited with code ${code} before it finished`));
    });
  });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.worker) return worker(args);
  const reimportBudget = numberArg(args, 'reimport-budget', 90, 1, 1800);

  const t0 = performance.now();
  const buffer = registryCsv(args.rows);
  const generateSeconds = (performance.now() - t0) / 1000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcjr-bench-'));
  fs.chmodSync(dir, 0o755); // the PostgreSQL server reads the file for its COPY
  const csvPath = path.join(dir, `registry-${args.rows}.csv`);
  fs.writeFileSync(csvPath, buffer, { mode: 0o644 });
  console.log(`Generated ${args.rows.toLocaleString('en-US')} rows (${(buffer.length / 2 ** 20).toFixed(1)} MiB CSV) in ${generateSeconds.toFixed(1)} s: ${csvPath}`);

  const results: TargetResult[] = [];
  try {
    for (const target of args.targets) {
      console.log(`Running ${target}…`);
      results.push(await runChild(target, args, csvPath, reimportBudget));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  report(args, results);
}

const PHASES: [PhaseName, string][] = [
  ['import', 'importEnterprises (new rows)'],
  ['reimport', 're-import (no-op upsert)'],
  ['parseOnly', 'parse + validate only (dry run)'],
  ['copyStaging', 'COPY → staging table'],
  ['copyIntoTables', 'COPY + INSERT…SELECT → tables'],
];

function report(args: BenchArgs, results: TargetResult[]) {
  const pgCopy = results.find((r) => r.target === 'postgres')?.phases.copyStaging;
  const times = (a: Phase | undefined, p: Phase) => (a ? `${round(a.rowsPerSecond / p.rowsPerSecond, 1)}×` : 'n/a');
  const rows: (string | number)[][] = [];
  for (const r of results) {
    for (const [name, label] of PHASES) {
      const p = r.phases[name];
      if (p) rows.push([`${r.target}: ${label}`, p.seconds, p.rowsPerSecond, p.nodeCpuSeconds, p.peakRssMiB, times(pgCopy, p), times(r.phases.copyStaging, p)]);
      else if (name === 'reimport' && r.reimportTimedOutAfter !== null) {
        const bound = Math.round(args.rows / r.reimportTimedOutAfter);
        rows.push([`${r.target}: ${label}`, `> ${r.reimportTimedOutAfter} (stopped)`, `< ${bound.toLocaleString('en-US')}`, 'n/a', 'n/a',
          pgCopy ? `> ${round(pgCopy.rowsPerSecond / bound, 1)}×` : 'n/a', r.phases.copyStaging ? `> ${round(r.phases.copyStaging.rowsPerSecond / bound, 1)}×` : 'n/a']);
      }
    }
  }
  const m = machine();
  console.log(`\nEnterprise import, ${args.rows.toLocaleString('en-US')} rows (machine: ${m.cpus} cores, ${m.cpuModel}, load average ${m.loadAverage.join(' ')})`);
  console.log(formatTable(['phase', 'seconds', 'rows/s', 'node CPU s', 'peak RSS MiB', 'PG COPY is … faster', 'own COPY is … faster'], rows));
  for (const r of results) {
    const before = r.beforeImport ? `RSS before the first import ${r.beforeImport.rssMiB} MiB (peak so far ${r.beforeImport.peakRssMiB} MiB)` : '';
    const check = r.check ? `; after the import ${r.check.enterprises} enterprises, ${r.check.financials} financial rows, ${r.check.auditRows} audit rows` : '';
    console.log(`${r.target}: ${before}${check}`);
  }
  const json = {
    bench: 'registry-import', date: new Date().toISOString(), rows: args.rows, machine: m,
    targets: Object.fromEntries(results.map((r) => {
      const p = r.phases;
      const rate = (x: Phase | undefined) => x?.rowsPerSecond ?? null;
      return [r.target, {
        importRowsPerSecond: rate(p.import), importSeconds: p.import?.seconds ?? null,
        reimportRowsPerSecond: rate(p.reimport), reimportSeconds: p.reimport?.seconds ?? null, reimportTimedOutAfterSeconds: r.reimportTimedOutAfter,
        parseOnlyRowsPerSecond: rate(p.parseOnly), copyStagingRowsPerSecond: rate(p.copyStaging), copyIntoTablesRowsPerSecond: rate(p.copyIntoTables),
        rssBeforeImportMiB: r.beforeImport?.rssMiB ?? null, importPeakRssMiB: p.import?.peakRssMiB ?? null, reimportPeakRssMiB: p.reimport?.peakRssMiB ?? null,
        pgCopyOverImport: pgCopy && p.import ? round(pgCopy.rowsPerSecond / p.import.rowsPerSecond, 2) : null,
        pgCopyOverReimport: pgCopy && p.reimport ? round(pgCopy.rowsPerSecond / p.reimport.rowsPerSecond, 2) : null,
        check: r.check,
      }];
    })),
  };
  console.log(JSON.stringify(json));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
