import { Command, CommanderError } from 'commander';
import { processIo, UsageError, type CliIo } from './io';
import { registerAccountCommands } from './commands/accounts';
import { registerApplicationCommands } from './commands/applications';
import { registerAssessmentCommands } from './commands/assessment';
import { registerAuditCommands } from './commands/audit';
import { registerConsentCommands } from './commands/consent';
import { registerEnterpriseCommands } from './commands/enterprises';
import { registerEvaluateCommands } from './commands/evaluate';
import { registerMonitoringCommands } from './commands/monitoring';
import { registerPolicyCommands } from './commands/policy';
import { registerProductCommands } from './commands/products';
import { registerReportCommands } from './commands/reports';
import { registerServeCommands } from './commands/serve';
import { registerJobCommands } from './commands/jobs';
import { registerLoanCommands } from './commands/loans';
import { registerListingCommands } from './commands/listing';
import { runUsccCheck } from './commands/uscc';

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

  registerServeCommands(program, io);
  registerJobCommands(program, io);
  registerAccountCommands(program, io, setExit);
  registerAuditCommands(program, io, setExit);
  registerEnterpriseCommands(program, io, setExit);
  registerConsentCommands(program, io, setExit);
  registerPolicyCommands(program, io, setExit);
  registerApplicationCommands(program, io, setExit);
  registerProductCommands(program, io, setExit);
  registerAssessmentCommands(program, io, setExit);
  registerReportCommands(program, io, setExit);
  registerLoanCommands(program, io, setExit);
  registerListingCommands(program, io, setExit);
  registerEvaluateCommands(program, io, setExit);
  registerMonitoringCommands(program, io, setExit);

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
