import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { runPolicyEvaluate, runPolicyList } from '../../policy';
import { currentRuleset } from '../../server/modules/policy/policy.ruleset';
import { registerLoanFactSources } from '../../server/modules/loan/loan-facts';
import { registerSubsidyFactSources } from '../../server/modules/subsidy/register';
import { listEntitlements, runScan } from '../../server/modules/subsidy/scan.service';
import { cliActor, formatOption, UsageError, withDatabase, type CliIo } from '../io';

// `kcjr policy …`: the same ruleset as the server (policies/ + officer-approved values from the database).
export function registerPolicyCommands(program: Command, io: CliIo, setExit: (code: number) => void) {
  const policy = program.command('policy').description('policy engine: evaluate claims, list measures, scan for 免申即享 entitlements');

  policy
    .command('evaluate')
    .description('evaluate a request (policy-catalog.md evaluation contract); stdout: the response JSON; exit 2 on bad input')
    .requiredOption('--input <file>', 'request JSON file ("-" for stdin)')
    .action(async (opts: { input: string }) => {
      const text = opts.input === '-' ? await io.readStdin() : readInput(opts.input);
      const r = await withDatabase(io, async (db) => runPolicyEvaluate(text, await currentRuleset(db)));
      if (r.stdout) io.out(r.stdout);
      if (r.stderr) io.err(r.stderr);
      setExit(r.exitCode);
    });

  policy
    .command('list')
    .description('documents, measures and parameters with their current values (officer-approved included)')
    .addOption(formatOption(['text', 'json'], 'text'))
    .action(async (opts: { format: 'text' | 'json' }) => {
      const r = await withDatabase(io, async (db) => runPolicyList(await currentRuleset(db), opts.format));
      io.out(r.stdout);
      setExit(r.exitCode);
    });

  policy
    .command('scan')
    .description('scan a year for proactive entitlements (免申即享) and store them for officers to confirm; idempotent')
    .addOption(new Option('--year <year>', 'calendar year, e.g. 2025').makeOptionMandatory())
    .addOption(formatOption(['text', 'json'], 'text'))
    .action(async (opts: { year: string; format: string }) => {
      if (!/^\d{4}$/.test(opts.year)) throw new UsageError(`--year must be a four-digit year, got '${opts.year}'`);
      const year = Number(opts.year);
      registerSubsidyFactSources();
      registerLoanFactSources();
      const { summary, top } = await withDatabase(io, async (db) => {
        const summary = await runScan(db, cliActor(), year);
        const top = await listEntitlements(db, { year, status: 'granted', page: 1, pageSize: 20 });
        return { summary, top };
      });
      if (opts.format === 'json') {
        io.out(`${JSON.stringify(summary, null, 2)}\n`);
        return;
      }
      const lines = [
        `免申即享 scan ${year}: ${summary.candidates} candidates for ${summary.beneficiaries} beneficiaries, ruleset ${summary.rulesetVersion}`,
        `  ${Object.entries(summary.byStatus).map(([k, v]) => `${k} ${v}`).join(', ') || 'nothing found'}`,
        `  estimated total ${summary.total.toLocaleString('en-US')} 元`,
        '',
        ...summary.byMeasure.map((m) => `  ${m.measure.padEnd(12)} ${String(m.candidates).padStart(7)} candidates ${String(m.granted).padStart(7)} granted ${m.amount.toLocaleString('en-US').padStart(16)} 元  ${m.title}`),
      ];
      if (top.items.length) {
        lines.push('', 'largest granted entitlements:');
        for (const e of top.items) lines.push(`  ${e.beneficiary.uscc} ${e.measure.padEnd(12)} ${e.amount.toLocaleString('en-US').padStart(14)} 元 (${e.basis})  ${e.beneficiary.name}`);
      }
      io.out(`${lines.join('\n')}\n`);
    });
}

function readInput(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--input: cannot read '${file}': ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}
