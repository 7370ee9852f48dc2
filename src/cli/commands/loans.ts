import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { runClassification, tidyLoanStatus } from '../../server/modules/loan/classify.service';
import { importLoans } from '../../server/modules/loan/loans.import';
import { isCalendarDate } from '../../server/platform/dates';
import { formatImportReport } from '../../server/platform/tabular';
import { cliActor, formatOption, UsageError, withDatabase, type CliIo } from '../io';

const group = (program: Command, name: string, description: string) =>
  program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);

const asOfOption = (value: string | undefined) => {
  if (value !== undefined && !isCalendarDate(value)) throw new UsageError(`--as-of must be a calendar date YYYY-MM-DD, got '${value}'`);
  return value;
};

/** `kcjr import loans FILE` and `kcjr loans classify` (issue #5). */
export function registerLoanCommands(program: Command, io: CliIo, setExit: (code: number) => void) {
  group(program, 'import', 'import records from CSV or XLSX files')
    .command('loans')
    .description('import a bank report of loans as of a date: new loans are created with their schedule, each row records outstanding and days past due on that date; nothing is written unless every row is valid')
    .argument('<file>', 'CSV or XLSX file')
    .option('--as-of <date>', 'the report date (default: today in Shanghai)')
    .option('--dry-run', 'check the file and report, write nothing')
    .option('--skip-invalid', 'import the valid rows and report the invalid ones')
    .addOption(formatOption(['text', 'json'], 'text'))
    .action(async (file: string, opts: { asOf?: string; dryRun?: boolean; skipInvalid?: boolean; format: string }) => {
      const asOf = asOfOption(opts.asOf);
      let buffer: Buffer;
      try {
        buffer = fs.readFileSync(file);
      } catch (err) {
        throw new UsageError(`<file>: cannot read '${file}': ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      }
      const report = await withDatabase(io, (db) =>
        importLoans(db, cliActor(), { filename: path.basename(file), buffer }, { asOf, dryRun: Boolean(opts.dryRun), skipInvalid: Boolean(opts.skipInvalid) }));
      if (opts.format === 'json') io.out(`${JSON.stringify({ ok: report.ok, imported: report.imported, asOf: report.asOf, errors: report.errors })}\n`);
      else {
        io.out(formatImportReport(report));
        if (report.dryRun && report.ok) io.out('dry run: the file is valid; nothing was written\n');
        else if (!report.dryRun && report.imported > 0) {
          io.out(`as of ${report.asOf}: created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, reports ${report.reports}; new enterprises ${report.enterprisesCreated}\n`);
        }
      }
      setExit(report.errors.length > 0 ? 2 : 0);
    });

  group(program, 'loans', 'the loan ledger')
    .command('classify')
    .description('recompute every loan\'s days past due and five-category class as of a date (what the daily loan-classification job does)')
    .option('--as-of <date>', 'the date (default: today in Shanghai)')
    .addOption(formatOption(['text', 'json'], 'text'))
    .action(async (opts: { asOf?: string; format: string }) => {
      const asOf = asOfOption(opts.asOf);
      const r = await withDatabase(io, async (db) => {
        const result = await runClassification(db, cliActor(), { asOf });
        await tidyLoanStatus(db, result);
        return result;
      });
      if (opts.format === 'json') io.out(`${JSON.stringify(r)}\n`);
      else io.out(`classified ${r.loans} loans as of ${r.asOf}: ${r.statusWritten} standings changed, ${r.classChanges} class changes recorded\n`);
    });
}
