import fs from 'node:fs';
import type { Command } from 'commander';
import { isCalendarDate } from '../../server/platform/dates';
import { runAlertRules } from '../../server/modules/monitoring/alert-run.service';
import { computeIndicators } from '../../server/modules/monitoring/indicators.service';
import { runMonthEndSnapshots, storeMonthEnd } from '../../server/modules/monitoring/snapshots.service';
import { cliActor, formatOption, UsageError, withDatabase, type CliIo } from '../io';

const group = (program: Command, name: string, description: string) =>
  program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);

const asOfDate = (v: string | undefined, flag = '--as-of') => {
  if (v !== undefined && !isCalendarDate(v)) throw new UsageError(`${flag} must be a calendar date YYYY-MM-DD, got '${v}'`);
  return v;
};

/** `kcjr report indicators`, `kcjr report snapshot`, `kcjr alerts run` (issue #8; docs/monitoring.md). */
export function registerMonitoringCommands(program: Command, io: CliIo, setExit: (code: number) => void) {
  const report = group(program, 'report', 'reports');
  report
    .command('indicators')
    .description('the monitoring indicators as of a date (borrowers, loans, outstanding, NPL, slices by bank, product, district, street, sector, lifecycle stage …)')
    .requiredOption('--as-of <date>', 'YYYY-MM-DD')
    .option('--out <file>', 'write to this file instead of standard output (needed for xlsx)')
    .addOption(formatOption(['json', 'xlsx'], 'json'))
    .action(async (opts: { asOf: string; out?: string; format: 'json' | 'xlsx' }) => {
      asOfDate(opts.asOf);
      if (opts.format === 'xlsx' && !opts.out) throw new UsageError('--format xlsx needs --out FILE');
      const body = await withDatabase(io, async (db) => {
        const ind = await computeIndicators(db, opts.asOf);
        if (opts.format === 'json') return Buffer.from(`${JSON.stringify(ind)}\n`);
        // Loaded only for xlsx: the workbook writer is a good part of the command's start-up otherwise.
        const [{ indicatorTables }, { tablesToXlsx }] = await Promise.all([import('../../server/modules/monitoring/indicator-tables'), import('../../server/modules/monitoring/tables-xlsx')]);
        return tablesToXlsx(indicatorTables(ind));
      });
      if (opts.out) {
        fs.writeFileSync(opts.out, body);
        io.out(`wrote ${opts.out}\n`);
      } else io.out(body.toString('utf8'));
    });

  report
    .command('snapshot')
    .description('store the month-end indicators (a differing recomputation of a stored month is kept as a restatement); without --as-of: the monthly job (last month end and a re-check of the 12 before)')
    .option('--as-of <date>', 'a month end YYYY-MM-DD')
    .action(async (opts: { asOf?: string }) => {
      asOfDate(opts.asOf);
      const r = await withDatabase(io, async (db): Promise<unknown> => (opts.asOf ? storeMonthEnd(db, cliActor(), opts.asOf) : runMonthEndSnapshots(db, cliActor())));
      io.out(`${JSON.stringify(r)}\n`);
      setExit(0);
    });

  group(program, 'alerts', 'early warning (预警)')
    .command('run')
    .description('run every early-warning rule as of a date (default today) with the thresholds in force then; idempotent')
    .option('--as-of <date>', 'YYYY-MM-DD')
    .action(async (opts: { asOf?: string }) => {
      asOfDate(opts.asOf);
      const r = await withDatabase(io, (db) => runAlertRules(db, cliActor(), { asOf: opts.asOf }));
      io.out(`${JSON.stringify(r)}\n`);
    });
}
