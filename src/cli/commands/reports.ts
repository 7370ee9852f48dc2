import type { Command } from 'commander';
import { productStatistics, productStatisticsFile, productStatisticsJson } from '../../server/modules/report/product-statistics';
import { formatOption, withDatabase, type CliIo } from '../io';
import { checkOut, parseYear, writeReportOutput } from '../report-output';

const group = (program: Command, name: string, description: string) =>
  program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);

/** The report module's commands (`kcjr report products`; issue #8 adds more here). */
export function registerReportCommands(program: Command, io: CliIo) {
  group(program, 'report', 'reports')
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
