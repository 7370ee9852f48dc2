import type { Command } from 'commander';
import { verifyAuditChain } from '../../server/platform/audit';
import { formatOption, withDatabase, type CliIo } from '../io';

export function registerAuditCommands(program: Command, io: CliIo, setExit: (code: number) => void) {
  program
    .command('audit')
    .description('audit log')
    .command('verify')
    .description('verify the audit hash chain; exit 1 and name the first broken link if any row was altered or removed')
    .addOption(formatOption(['text', 'json'], 'text'))
    .action(async (opts: { format: string }) => {
      const result = await withDatabase(io, (db) => verifyAuditChain(db));
      if (opts.format === 'json') io.out(`${JSON.stringify(result)}\n`);
      else if (result.ok) io.out(`audit chain intact: ${result.checked} rows verified\n`);
      else io.out(`audit chain BROKEN at row ${result.firstBroken!.seq}: ${result.firstBroken!.reason} (${result.checked} rows verified before it)\n`);
      setExit(result.ok ? 0 : 1);
    });
}
