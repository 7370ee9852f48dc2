import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { funnelFile, funnelJson, funnelReport } from '../../server/modules/application/funnel';
import { importApplications } from '../../server/modules/application/import';
import { formatImportReport } from '../../server/platform/tabular';
import { cliActor, formatOption, UsageError, withDatabase, type CliIo } from '../io';
import { checkOut, parseYear, writeReportOutput } from '../report-output';

const group = (program: Command, name: string, description: string) =>
  program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);

export function registerApplicationCommands(program: Command, io: CliIo, setExit: (code: number) => void) {
  group(program, 'import', 'import records from CSV or XLSX files')
    .command('applications')
    .description('import historical financing applications in their final state (upsert by application_no); nothing is written unless every row is valid')
    .argument('<file>', 'CSV or XLSX file')
    .option('--dry-run', 'check the file and report, write nothing')
    .addOption(formatOption(['text', 'json'], 'text'))
    .action(async (file: string, opts: { dryRun?: boolean; format: string }) => {
      let buffer: Buffer;
      try {
        buffer = fs.readFileSync(file);
      } catch (err) {
        throw new UsageError(`<file>: cannot read '${file}': ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      }
      const report = await withDatabase(io, (db) => importApplications(db, cliActor(), { filename: path.basename(file), buffer }, { dryRun: Boolean(opts.dryRun) }));
      if (opts.format === 'json') io.out(`${JSON.stringify({ ok: report.ok, imported: report.imported, errors: report.errors })}\n`);
      else {
        io.out(formatImportReport(report));
        if (report.dryRun && report.ok) io.out('dry run: the file is valid; nothing was written\n');
        else if (!report.dryRun && report.imported > 0) {
          io.out(`created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, kept as moved on the platform ${report.keptPlatform}; new enterprises ${report.enterprisesCreated}\n`);
        }
      }
      setExit(report.errors.length > 0 ? 2 : 0);
    });

  group(program, 'report', 'reports')
    .command('funnel')
    .description('审核进度统计表: per district (or bank) — applications, recommended, deferred, bank-approved, with a total row')
    .requiredOption('--year <year>', 'year of submitted_on')
    .option('--product <code>', 'only applications for this product')
    .option('--by <dimension>', 'district or bank', 'district')
    .option('--out <file>', 'write csv/xlsx to this file instead of standard output')
    .addOption(formatOption(['json', 'csv', 'xlsx'], 'json'))
    .action(async (opts: { year: string; product?: string; by: string; out?: string; format: 'json' | 'csv' | 'xlsx' }) => {
      const year = parseYear(opts.year);
      if (opts.by !== 'district' && opts.by !== 'bank') throw new UsageError(`--by must be district or bank, got '${opts.by}'`);
      checkOut(opts.format, opts.out);
      const by = opts.by;
      const body = await withDatabase(io, async (db) => {
        const report = await funnelReport(db, { year, product: opts.product, by });
        return opts.format === 'json' ? Buffer.from(`${JSON.stringify(funnelJson(report))}\n`) : funnelFile(report, by, opts.format);
      });
      writeReportOutput(io, opts.out, body);
    });
}
