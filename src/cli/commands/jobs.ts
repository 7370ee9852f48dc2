import type { Command } from 'commander';
import pino from 'pino';
import '../../server/jobs';
import { registeredJobs, startJobRunner } from '../../server/platform/jobs';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/connect';
import { migrateToLatest } from '../../server/db/migrate';
import { UsageError, withDatabase, type CliIo } from '../io';

export function registerJobCommands(program: Command, io: CliIo) {
  program
    .command('worker')
    .description('run background-job workers and schedules without serving HTTP (any number of hosts may run one)')
    .action(async () => {
      const config = loadConfig(io.env);
      const opened = await openDatabase(config);
      await migrateToLatest(opened.db);
      const log = pino({ level: config.logLevel });
      const runner = await startJobRunner(opened, log);
      io.out(`worker running ${registeredJobs().length} job kinds\n`);
      const stop = async () => {
        await runner.stop();
        await opened.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await new Promise(() => {});
    });

  const jobs = program.command('jobs').description('background jobs');
  jobs
    .command('list')
    .description('list registered jobs and their schedules')
    .action(() => {
      const list = registeredJobs();
      io.out(list.length ? list.map((j) => `${j.name}\t${j.cron ?? 'on demand'}`).join('\n') + '\n' : 'no jobs registered\n');
    });
  jobs
    .command('run')
    .description('run one job now, in this process, and print its result (jobs are idempotent)')
    .argument('<name>', 'job name')
    .option('--data <json>', 'job data as JSON', '{}')
    .action(async (name: string, opts: { data: string }) => {
      const def = registeredJobs().find((j) => j.name === name);
      if (!def) throw new UsageError(`<name>: no job '${name}' (known: ${registeredJobs().map((j) => j.name).join(', ') || 'none'})`);
      let data: Record<string, unknown>;
      try {
        data = JSON.parse(opts.data);
      } catch {
        throw new UsageError('--data must be JSON');
      }
      const result = await withDatabase(io, (db) => def.handler(db, data));
      io.out(`${JSON.stringify(result ?? null)}\n`);
    });
}
