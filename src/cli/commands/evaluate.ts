import fs from 'node:fs';
import type { Command } from 'commander';
import { runTechSmeCli } from '../../evaluation';
import { defaultEvaluationYear, runEvaluations } from '../../server/modules/evaluation/evaluation.service';
import { cliActor, formatOption, UsageError, withDatabase, type CliIo } from '../io';

// `kcjr evaluate …`: enterprise evaluations (issue #6, docs/evaluation.md).
export function registerEvaluateCommands(program: Command, io: CliIo, setExit: (code: number) => void) {
  const evaluate = program.command('evaluate').description('enterprise evaluations: 科技型中小企业, high-tech readiness, innovation points, lifecycle, listing readiness');

  evaluate
    .command('tech-sme')
    .description('科技型中小企业 (国科发政〔2017〕115号) for given figures; stdout: the result JSON (an array for an array); exit 2 naming a bad field')
    .requiredOption('--input <file>', 'JSON file: one enterprise object or an array ("-" for stdin)')
    .action(async (opts: { input: string }) => {
      let text: string;
      if (opts.input === '-') text = await io.readStdin();
      else {
        try {
          text = fs.readFileSync(opts.input, 'utf8');
        } catch (err) {
          throw new UsageError(`--input: cannot read '${opts.input}': ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
        }
      }
      const r = runTechSmeCli(text);
      if (r.stdout) io.out(r.stdout);
      if (r.stderr) io.err(r.stderr);
      setExit(r.exitCode);
    });

  evaluate
    .command('run')
    .description('evaluate every enterprise in the registry for a year and store the results; only what changed is rewritten (what the nightly job does)')
    .option('--year <year>', 'year of the financials (default: the latest year with financials, at most last calendar year)')
    .option('--force', 'rewrite every result even when nothing changed')
    .addOption(formatOption(['text', 'json'], 'text'))
    .action(async (opts: { year?: string; force?: boolean; format: string }) => {
      if (opts.year !== undefined && (!/^\d{4}$/.test(opts.year) || Number(opts.year) < 1900 || Number(opts.year) > 2200)) throw new UsageError(`--year must be a four-digit year, got '${opts.year}'`);
      const s = await withDatabase(io, async (db) => {
        const year = opts.year ? Number(opts.year) : await defaultEvaluationYear(db);
        return runEvaluations(db, cliActor(), { year, trigger: 'cli', force: Boolean(opts.force) });
      });
      if (opts.format === 'json') io.out(`${JSON.stringify(s)}\n`);
      else io.out(`evaluated ${s.enterprises} enterprise(s) for ${s.year}: ${s.changed} changed, ${s.unchanged} unchanged; compute ${s.computeMs} ms\nmodels: ${Object.entries(s.modelVersions).map(([k, v]) => `${k}=${v}`).join(', ')}\n`);
    });
}
