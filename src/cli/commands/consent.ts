import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { importSocialInsurance, importTaxFilings } from '../../server/modules/consent/data-feeds.import';
import { formatImportReport } from '../../server/platform/tabular';
import { cliActor, formatOption, UsageError, withDatabase, type CliIo } from '../io';

/**
 * `kcjr import tax-filings FILE` and `kcjr import social-insurance FILE`: the tax bureau's and the social insurance
 * feeds behind 银税互动 (沪科提复〔2025〕42号 §4), the data clusters institutions read under an enterprise's consent.
 * Same report and exit codes as `kcjr import enterprises`: 0 imported, 2 when any row is invalid (nothing written).
 */
export function registerConsentCommands(program: Command, io: CliIo, setExit: (code: number) => void) {
  const imp = program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('import records from CSV or XLSX files');
  const feeds = [
    ['tax-filings', importTaxFilings, 'tax filings (columns uscc,period,tax_type,taxable_revenue,tax_paid,filed_on; period YYYY, YYYY-Qn or YYYY-MM; yuan)'],
    ['social-insurance', importSocialInsurance, 'social insurance headcounts (columns uscc,month,headcount; month YYYY-MM)'],
  ] as const;
  for (const [name, run, what] of feeds) {
    imp
      .command(name)
      .description(`import ${what}; upsert per enterprise and period; nothing is written unless every row is valid and every USCC is registered`)
      .argument('<file>', 'CSV or XLSX file')
      .option('--dry-run', 'check the file and report, write nothing')
      .addOption(formatOption(['text', 'json'], 'text'))
      .action(async (file: string, opts: { dryRun?: boolean; format: string }) => {
        const buffer = readInput(file);
        const report = await withDatabase(io, (db) => run(db, cliActor(), { filename: path.basename(file), buffer }, { dryRun: Boolean(opts.dryRun) }));
        if (opts.format === 'json') io.out(`${JSON.stringify({ ok: report.ok, imported: report.imported, errors: report.errors })}\n`);
        else {
          io.out(formatImportReport(report));
          if (report.dryRun && report.ok) io.out('dry run: the file is valid; nothing was written\n');
          else if (report.imported > 0) io.out(`created ${report.created}, updated ${report.updated}\n`);
        }
        setExit(report.errors.length > 0 ? 2 : 0);
      });
  }
}

function readInput(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new UsageError(`<file>: cannot read '${file}': ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}
