import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { assessBanks, type BankAssessment } from '../../server/modules/assessment/assessment.service';
import { importEvents } from '../../server/modules/assessment/events.import';
import { formatImportReport } from '../../server/platform/tabular';
import { cliActor, formatOption, UsageError, withDatabase, type CliIo } from '../io';
import { parseYear } from '../report-output';

const group = (program: Command, name: string, description: string) =>
  program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);

/** A plain-text table of the assessment, one line per bank: each indicator's value and score, then the total. */
export function assessmentText(a: BankAssessment): string {
  const head = ['bank', 'credit total (yuan)', 'pts', 'applicants', 'pts', 'fulfilment', 'pts', 'growth', 'pts', 'activities', 'pts', 'micro-loan', 'pts', 'total'];
  const rows = a.banks.map((b) => {
    const i = b.indicators;
    const f = i.fulfilment;
    const g = i.growth;
    return [
      b.bank, i.creditTotal.value.toFixed(2), String(i.creditTotal.score), String(i.applicants.value), String(i.applicants.score),
      `${f.approved}/${f.recommended}×${f.coefficient}`, String(f.score),
      g.firstYear ? `first year` : `${g.prevApproved}→${g.approved}`, String(g.score),
      String(i.activities.value), String(i.activities.score), String(i.microLoan.value), String(i.microLoan.score), String(b.total),
    ];
  });
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ').trimEnd();
  const title = `科技信贷合作银行考核 ${a.year}${a.product ? ` (product ${a.product}, indicators 1–4)` : ''}`;
  return `${[title, line(head), ...rows.map(line)].join('\n')}\n`;
}

/** `kcjr assess banks` and `kcjr import events` (issue #5, seed 003 appendix 六). */
export function registerAssessmentCommands(program: Command, io: CliIo, setExit: (code: number) => void) {
  group(program, 'assess', 'assessments')
    .command('banks')
    .description('科技信贷合作银行考核: every bank\'s indicators (value and score) and total, 110 at most')
    .requiredOption('--year <year>', 'the assessed year (applications by submitted_on, events by date)')
    .option('--product <code>', 'indicators 1–4 count this product only')
    .addOption(formatOption(['text', 'json'], 'text'))
    .action(async (opts: { year: string; product?: string; format: string }) => {
      const year = parseYear(opts.year);
      const a = await withDatabase(io, (db) => assessBanks(db, cliActor(), { year, product: opts.product }));
      io.out(opts.format === 'json' ? `${JSON.stringify(a)}\n` : assessmentText(a));
    });

  group(program, 'import', 'import records from CSV or XLSX files')
    .command('events')
    .description('import events co-hosted by banks (date,title,bank_code,station,attendees; upsert by date, title, bank and station); nothing is written unless every row is valid')
    .argument('<file>', 'CSV or XLSX file')
    .option('--dry-run', 'check the file and report, write nothing')
    .option('--skip-invalid', 'import the valid rows and report the invalid ones')
    .addOption(formatOption(['text', 'json'], 'text'))
    .action(async (file: string, opts: { dryRun?: boolean; skipInvalid?: boolean; format: string }) => {
      let buffer: Buffer;
      try {
        buffer = fs.readFileSync(file);
      } catch (err) {
        throw new UsageError(`<file>: cannot read '${file}': ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      }
      const report = await withDatabase(io, (db) =>
        importEvents(db, cliActor(), { filename: path.basename(file), buffer }, { dryRun: Boolean(opts.dryRun), skipInvalid: Boolean(opts.skipInvalid) }),
      );
      if (opts.format === 'json') io.out(`${JSON.stringify({ ok: report.ok, imported: report.imported, errors: report.errors })}\n`);
      else {
        io.out(formatImportReport(report));
        if (report.dryRun && report.ok) io.out('dry run: the file is valid; nothing was written\n');
        else if (!report.dryRun && report.imported > 0) io.out(`created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}\n`);
      }
      setExit(report.errors.length > 0 ? 2 : 0);
    });
}
