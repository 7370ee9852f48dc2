import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { linkageReport, linkageXlsx } from '../../server/modules/equity/linkage-report';
import { importRounds } from '../../server/modules/equity/rounds.import';
import { assessmentText, assessStations } from '../../server/modules/station/assessment.service';
import { formatImportReport } from '../../server/platform/tabular';
import { cliActor, formatOption, UsageError, withDatabase, type CliIo } from '../io';

const group = (program: Command, name: string, description: string) =>
  program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);

function year(text: string): number {
  if (!/^\d{4}$/.test(text) || Number(text) < 2000 || Number(text) > 2200) throw new UsageError(`--year must be a year from 2000 to 2200, got '${text}'`);
  return Number(text);
}

/** Issue #7's commands: import rounds, report linkage, assess stations. */
export function registerListingCommands(program: Command, io: CliIo, setExit: (code: number) => void) {
  group(program, 'import', 'import records from CSV or XLSX files')
    .command('rounds')
    .description('import financing rounds: uscc,round,date,amount,investors (round: seed, angel, pre_a, a, a_plus, b, b_plus, c, c_plus, after_c); nothing is written unless every row is valid')
    .argument('<file>', 'CSV or XLSX file')
    .option('--dry-run', 'check the file and report, write nothing')
    .option('--skip-invalid', 'import the valid rows and report the others')
    .addOption(formatOption(['text', 'json'], 'text'))
    .action(async (file: string, opts: { dryRun?: boolean; skipInvalid?: boolean; format: string }) => {
      let buffer: Buffer;
      try {
        buffer = fs.readFileSync(file);
      } catch (err) {
        throw new UsageError(`<file>: cannot read '${file}': ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      }
      const r = await withDatabase(io, (db) => importRounds(db, cliActor(), { filename: path.basename(file), buffer }, { dryRun: Boolean(opts.dryRun), skipInvalid: Boolean(opts.skipInvalid) }));
      if (opts.format === 'json') io.out(`${JSON.stringify({ ok: r.ok, imported: r.imported, created: r.created, updated: r.updated, unchanged: r.unchanged, skipped: r.skipped, errors: r.errors })}\n`);
      else {
        io.out(formatImportReport(r));
        if (r.dryRun && r.errors.length === 0) io.out(`dry run: the file is valid (would create ${r.created}, update ${r.updated}); nothing was written\n`);
        else if (!r.dryRun && r.imported > 0) io.out(`created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}${r.skipped ? `, skipped ${r.skipped} invalid rows` : ''}\n`);
      }
      setExit(r.errors.length > 0 && !(opts.skipInvalid && r.imported > 0) ? 2 : 0);
    });

  group(program, 'report', 'reports')
    .command('linkage')
    .description('投贷联动: linked loans by mode (enterprises, loans, balance at year end) and 表3 rounds completed before the first linked loan')
    .requiredOption('--year <year>', 'the year whose end the stock is taken at')
    .option('--out <file>', 'write xlsx to this file (required with --format xlsx)')
    .addOption(formatOption(['json', 'xlsx'], 'json'))
    .action(async (opts: { year: string; out?: string; format: 'json' | 'xlsx' }) => {
      const y = year(opts.year);
      if (opts.format === 'xlsx' && !opts.out) throw new UsageError('--format xlsx needs --out FILE');
      // The issue's JSON: the report without when it was computed.
      const { computedAt: _, ...report } = await withDatabase(io, (db) => linkageReport(db, y));
      if (opts.format === 'json') {
        const text = `${JSON.stringify(report)}\n`;
        if (opts.out) { fs.writeFileSync(opts.out, text); io.out(`wrote ${opts.out}\n`); } else io.out(text);
        return;
      }
      fs.writeFileSync(opts.out!, await linkageXlsx(report));
      io.out(`wrote ${opts.out}\n`);
    });

  group(program, 'assess', 'assessments')
    .command('stations')
    .description('科技金融服务站考核 (seed 003 appendix 七): every station\'s items with their source and score')
    .requiredOption('--year <year>', 'assessment year')
    .addOption(formatOption(['text', 'json'], 'text'))
    .action(async (opts: { year: string; format: string }) => {
      const y = year(opts.year);
      const a = await withDatabase(io, (db) => assessStations(db, y));
      io.out(opts.format === 'json' ? `${JSON.stringify(a)}\n` : assessmentText(a));
    });
}
