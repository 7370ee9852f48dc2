import { Command, CommanderError } from 'commander';
import { processIo, UsageError, type CliIo } from './io';
import { runUsccCheck } from './commands/uscc';

type Register = (program: Command, io: CliIo, setExit: (code: number) => void) => void;

// Every command module with the commands it adds — a top-level command, or a group and one of its subcommands
// ('report indicators') — in the order they register (a group such as `import` or `report` is created by the first
// and found by the rest). A run loads only the modules adding its command: tsx compiles each module the first time
// a process loads it, and loading all of them (every service of the platform) was most of a command's start-up.
// A group without a known subcommand (`kcjr report --help`) loads every module adding to it; `kcjr`, `kcjr --help`,
// `kcjr help` and an unknown command load all, so help lists every command.
const COMMANDS: [readonly string[], () => Promise<Register>][] = [
  [['serve', 'migrate'], async () => (await import('./commands/serve')).registerServeCommands],
  [['worker', 'jobs'], async () => (await import('./commands/jobs')).registerJobCommands],
  [['user', 'org'], async () => (await import('./commands/accounts')).registerAccountCommands],
  [['audit'], async () => (await import('./commands/audit')).registerAuditCommands],
  [['import enterprises', 'export'], async () => (await import('./commands/enterprises')).registerEnterpriseCommands],
  [['import'], async () => (await import('./commands/consent')).registerConsentCommands],
  [['policy'], async () => (await import('./commands/policy')).registerPolicyCommands],
  [['import applications', 'report funnel'], async () => (await import('./commands/applications')).registerApplicationCommands],
  [['import'], async () => (await import('./commands/products')).registerProductCommands],
  [['assess banks', 'import events'], async () => (await import('./commands/assessment')).registerAssessmentCommands],
  [['report pack', 'report products'], async () => (await import('./commands/reports')).registerReportCommands],
  [['import loans', 'loans'], async () => (await import('./commands/loans')).registerLoanCommands],
  [['import rounds', 'report linkage', 'assess stations'], async () => (await import('./commands/listing')).registerListingCommands],
  [['evaluate'], async () => (await import('./commands/evaluate')).registerEvaluateCommands],
  [['report indicators', 'report snapshot', 'alerts'], async () => (await import('./commands/monitoring')).registerMonitoringCommands],
];

/** The command modules a run needs (see COMMANDS). */
function commandsFor(argv: readonly string[]) {
  const [name, sub] = argv.filter((a) => !a.startsWith('-'));
  if (name === 'uscc') return [];
  const exact = COMMANDS.filter(([names]) => names.includes(name ?? '') || names.includes(`${name} ${sub}`));
  if (exact.length) return exact;
  const group = COMMANDS.filter(([names]) => names.some((n) => n.startsWith(`${name} `)));
  return group.length ? group : COMMANDS;
}

/**
 * `kcjr` — thin over the same services as the API. Exit codes: 0 success, 1 the check failed
 * (an invalid code, a broken audit chain), 2 bad input or usage (the message names the field).
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = Math.max(exitCode, code);
  };
  const program = new Command('kcjr')
    .description('KCJR 科创金融服务平台 — platform server and administration')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError(false);

  for (const [, load] of commandsFor(argv)) (await load())(program, io, setExit);

  program
    .command('uscc')
    .description('统一社会信用代码 tools')
    .command('check')
    .description('check codes against GB 32100-2015; exit 0 when all are valid, 1 otherwise')
    .argument('<code...>', 'codes to check')
    .action((codes: string[]) => {
      const r = runUsccCheck(codes);
      io.out(r.stdout);
      setExit(r.exitCode);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return 2;
    }
    if (err instanceof UsageError) {
      io.err(`kcjr: ${err.message}\n`);
      return 2;
    }
    const maybe = err as { status?: number; message?: string; issues?: { path: string; message: string }[] };
    if (maybe.status && maybe.status >= 400 && maybe.status < 500) {
      io.err(`kcjr: ${maybe.message}\n`);
      return 2;
    }
    io.err(`kcjr: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
  return exitCode;
}
