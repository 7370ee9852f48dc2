import type { Command } from 'commander';
import { startServer } from '../../server/main';
import { migrateToLatest } from '../../server/db/migrate';
import { UsageError, withDatabase, type CliIo } from '../io';

export function registerServeCommands(program: Command, io: CliIo) {
  program
    .command('serve')
    .description('serve the web app and the API (what `npm start` runs); seeds demo data on an empty database')
    .option('--port <port>', 'port (default PORT or 3000)')
    .option('--no-demo', 'do not seed demo data even on an empty database')
    .action(async (opts: { port?: string; demo: boolean }) => {
      if (opts.port !== undefined && !/^\d+$/.test(opts.port)) throw new UsageError(`--port must be a number, got '${opts.port}'`);
      const server = await startServer({ ...(opts.port ? { port: Number(opts.port) } : {}), seedDemo: opts.demo });
      io.out(`KCJR serving at ${server.url} (database: ${server.config.databaseUrl ? 'PostgreSQL' : `PGlite at ${server.config.dataDir}`})\n`);
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await new Promise(() => {});
    });

  program
    .command('migrate')
    .description('apply pending database migrations and exit')
    .action(async () => {
      const applied = await withDatabase(io, (db) => migrateToLatest(db));
      io.out(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
    });
}
