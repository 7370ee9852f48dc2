import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { isIssue, packPeriod, type PackKind } from '../../server/modules/report/pack-period';
import { generatePack, getPack, packFile, requestPack, type PackView } from '../../server/modules/report/packs.service';
import { productStatistics, productStatisticsFile, productStatisticsJson } from '../../server/modules/report/product-statistics';
import { todayInShanghai } from '../../server/platform/dates';
import { cliActor, formatOption, UsageError, withDatabase, type CliIo } from '../io';
import { checkOut, parseYear, writeReportOutput } from '../report-output';

const group = (program: Command, name: string, description: string) =>
  program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);

/** The report module's commands (`kcjr report products`; issue #8 adds more here). */
export function registerReportCommands(program: Command, io: CliIo, setExit: (code: number) => void) {
  const report = group(program, 'report', 'reports');
  report
    .command('pack')
    .description('queue a monthly (--period YYYY-MM) or annual (--year YYYY) report pack; a worker (the server or `kcjr worker`) generates its XLSX and PDF, or this command with --wait')
    .option('--period <month>', 'a monthly pack: YYYY-MM')
    .option('--year <year>', 'an annual pack: YYYY')
    .addOption(new Option('--basis <basis>', 'month-end snapshots as first reported, or with their restatements').choices(['reported', 'latest']).default('reported'))
    .option('--wait', 'generate the pack in this process (or wait for the worker that claimed it) and report the outcome; exit 1 if it failed')
    .option('--out <dir>', 'with --wait: write the pack\'s XLSX and PDF into this directory')
    .action(async (opts: { period?: string; year?: string; basis: 'reported' | 'latest'; wait?: boolean; out?: string }) => {
      if ((opts.period === undefined) === (opts.year === undefined)) throw new UsageError('give either --period YYYY-MM (a monthly pack) or --year YYYY (an annual pack)');
      const kind: PackKind = opts.period !== undefined ? 'monthly' : 'annual';
      const option = kind === 'monthly' ? '--period' : '--year';
      const p = packPeriod(kind, (opts.period ?? opts.year)!, todayInShanghai());
      if (isIssue(p)) throw new UsageError(`${option}: ${p.message}`);
      if (opts.out && !opts.wait) throw new UsageError('--out needs --wait (the files exist once the pack is generated)');
      const pack = await withDatabase(io, async (db, config): Promise<PackView> => {
        const queued = await requestPack(db, cliActor(), { kind, period: p.period, basis: opts.basis });
        if (!opts.wait) return queued;
        const worker = `${cliActor().systemActor}@${os.hostname()}:${process.pid}`;
        await generatePack(db, queued.id, { worker, pdfFont: config.pdfFont });
        let view = await getPack(db, queued.id);
        // Another worker claimed it first: wait for that one.
        while (view.status === 'queued' || view.status === 'running') {
          await new Promise((r) => setTimeout(r, 1000));
          view = await getPack(db, queued.id);
        }
        if (opts.out && view.status === 'done') {
          fs.mkdirSync(opts.out, { recursive: true });
          for (const format of ['xlsx', 'pdf'] as const) {
            const f = await packFile(db, view.id, format);
            fs.writeFileSync(path.join(opts.out, f.filename), f.body);
          }
        }
        return view;
      });
      io.out(`${JSON.stringify(pack)}\n`);
      if (pack.status === 'failed') {
        io.err(`kcjr: the pack failed: ${pack.error}\n`);
        setExit(1);
      } else if (opts.out && pack.status === 'done') {
        for (const format of ['xlsx', 'pdf']) io.out(`wrote ${path.join(opts.out, `kcjr-${pack.kind}-${pack.period}.${format}`)}\n`);
      }
    });

  report
    .command('products')
    .description('科技信贷产品统计表 (seed 003 表4): per product, loan amount and enterprises this year and last, yoy, cumulative, total row')
    .requiredOption('--year <year>', 'year of the loans\' start_date')
    .option('--out <file>', 'write csv/xlsx to this file instead of standard output')
    .addOption(formatOption(['json', 'csv', 'xlsx'], 'json'))
    .action(async (opts: { year: string; out?: string; format: 'json' | 'csv' | 'xlsx' }) => {
      const year = parseYear(opts.year);
      checkOut(opts.format, opts.out);
      const body = await withDatabase(io, async (db) => {
        const s = await productStatistics(db, { year });
        return opts.format === 'json' ? Buffer.from(`${JSON.stringify(productStatisticsJson(s))}\n`) : productStatisticsFile(s, opts.format);
      });
      writeReportOutput(io, opts.out, body);
    });
}
