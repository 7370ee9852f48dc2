// Issue #8 benchmark: an annual report pack with 1,000,000 loans and 200,000 applications on PostgreSQL in under 60 s.
//
//   nice npx tsx bench/monitoring/report-pack.bench.ts [--loans 1000000] [--applications 200000] [--keep 1]
//     [--admin-url postgres://postgres@127.0.0.1:5432/test]
//
// Fills a throw-away database (bench/monitoring/pack-data.ts), then times what a worker does for
// POST /monitoring/report-packs {kind: annual, period: 2025}, through the service the job calls (generatePack):
//  1. the first annual pack: neither year end has a snapshot, so both (2025-12-31 and 2024-12-31) are computed and
//     stored first — the worst case, a pack asked for before the monthly job ran;
//  2. the same pack regenerated: both snapshots are stored, as they are once the monthly job has run — the usual case;
//  3. a monthly pack (2025-12) on stored year ends: its previous month end (2025-11-30) is computed.
// Each line prints the load average, since other work on the machine slows it.
import { sql } from 'kysely';
import { DEFAULT_PDF_FONT } from '../../src/server/config';
import { openDatabase } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import { generatePack, getPack, requestPack } from '../../src/server/modules/report/packs.service';
import { dropDatabase, formatTable, machine, numberArg, parseArgs, recreateDatabase, round } from '../registry/common';
import { fillPackData } from './pack-data';

const DB_NAME = 'kcjr_bench_report_pack';
const ctx = { principal: null, requestId: null, systemActor: 'bench' };

async function timed<T>(label: string, fn: () => Promise<T>): Promise<{ r: T; s: number; load: string }> {
  const t = performance.now();
  const r = await fn();
  const s = round((performance.now() - t) / 1000, 2);
  const load = machine().loadAverage.join(' ');
  console.log(`${label}: ${s} s (load ${load})`);
  return { r, s, load };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const loans = numberArg(args, 'loans', 1_000_000, 1_000, 1_000_000);
  const applications = numberArg(args, 'applications', 200_000, 1_000, 1_000_000);
  const keep = numberArg(args, 'keep', 0, 0, 1) === 1;
  const font = process.env.KCJR_PDF_FONT || DEFAULT_PDF_FONT;
  console.log(`load average before: ${machine().loadAverage.join(' ')}`);
  const url = await recreateDatabase(args.adminUrl, DB_NAME);
  const opened = await openDatabase({ databaseUrl: url, dataDir: '' });
  const db = opened.db;
  const rows: (string | number)[][] = [];
  try {
    await migrateToLatest(db);
    const fill = await timed(`fill ${loans.toLocaleString()} loans, ${applications.toLocaleString()} applications`, () => fillPackData(db, { loans, applications }));
    console.log(JSON.stringify(fill.r));
    const pack = async (label: string, kind: 'monthly' | 'annual', period: string) => {
      const queued = await requestPack(db, ctx, { kind, period });
      const t = await timed(label, () => generatePack(db, queued.id, { worker: 'bench', pdfFont: font }));
      if (t.r.outcome !== 'done') throw new Error(`${label}: ${t.r.outcome} ${t.r.error ?? ''}`);
      const v = await getPack(db, queued.id);
      rows.push([label, t.s, round((v.files.xlsx?.bytes ?? 0) / 1024), round((v.files.pdf?.bytes ?? 0) / 1024), t.load]);
    };
    await pack('annual 2025, year ends computed first', 'annual', '2025');
    await pack('annual 2025, regenerated from snapshots', 'annual', '2025');
    await pack('monthly 2025-12, previous month end computed', 'monthly', '2025-12');
    const stored = await sql<{ n: number }>`select count(*)::int as n from indicator_snapshots where kind = 'month_end'`.execute(db);
    console.log(`\n${loans.toLocaleString()} loans, ${applications.toLocaleString()} applications; month ends stored: ${stored.rows[0]!.n}; target: annual pack < 60 s`);
    console.log(formatTable(['pack', 'seconds', 'xlsx KiB', 'pdf KiB', 'load average'], rows));
    console.log(JSON.stringify({ machine: machine() }));
  } finally {
    await opened.close();
    if (!keep) await dropDatabase(args.adminUrl, DB_NAME);
  }
}

await main();
