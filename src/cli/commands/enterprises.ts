import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { exportEnterprises } from '../../server/modules/enterprise/enterprise.export';
import { importEnterprises } from '../../server/modules/enterprise/enterprise.import';
import { formatImportReport } from '../../server/platform/tabular';
import { cliActor, formatOption, UsageError, withDatabase, type CliIo } from '../io';

export function registerEnterpriseCommands(program: Command, io: CliIo, setExit: (code: number) => void) {
  const imp = program.command('import').description('import records from CSV or XLSX files');
  imp
    .command('enterprises')
    .description('import enterprises (upsert by USCC); nothing is written unless every row is valid')
    .argument('<file>', 'CSV or XLSX file')
    .option('--dry-run', 'check the file and report, write nothing')
    .option('--skip-invalid', 'import the valid rows and report the invalid ones')
    .addOption(formatOption(['text', 'json'], 'text'))
    .action(async (file: string, opts: { dryRun?: boolean; skipInvalid?: boolean; format: string }) => {
      const buffer = readInput(file);
      const report = await withDatabase(io, (db) =>
        importEnterprises(db, cliActor(), { filename: path.basename(file), buffer }, { dryRun: Boolean(opts.dryRun), skipInvalid: Boolean(opts.skipInvalid) }),
      );
      if (opts.format === 'json') io.out(`${JSON.stringify({ ok: report.ok, imported: report.imported, errors: report.errors })}\n`);
      else {
        io.out(formatImportReport(report));
        if (report.dryRun && report.ok) io.out('dry run: the file is valid; nothing was written\n');
        else if (!report.dryRun && report.imported > 0) io.out(`created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}\n`);
      }
      setExit(report.errors.length > 0 ? 2 : 0);
    });

  program
    .command('export')
    .description('export records')
    .command('enterprises')
    .description('export the enterprise registry in the import columns (latest year of financials)')
    .argument('<file>', 'output file (.csv or .xlsx)')
    .action(async (file: string) => {
      const format = file.toLowerCase().endsWith('.xlsx') ? 'xlsx' : file.toLowerCase().endsWith('.csv') ? 'csv' : null;
      if (!format) throw new UsageError(`<file> must end in .csv or .xlsx, got '${file}'`);
      const buffer = await withDatabase(io, (db) => exportEnterprises(db, {}, format));
      fs.writeFileSync(file, buffer);
      io.out(`wrote ${file}\n`);
    });
}

function readInput(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new UsageError(`<file>: cannot read '${file}': ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}
