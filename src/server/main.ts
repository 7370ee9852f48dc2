import { buildApp } from './app';
import { loadConfig, type AppConfig } from './config';
import { openDatabase } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { seedDemoIfEmpty } from './seed/demo';
import { lateJobQueue, startJobRunner, type JobRunner } from './platform/jobs';
import './jobs';

export interface StartOptions {
  port?: number;
  host?: string;
  /** PGlite directory, or 'memory://'. Ignored when databaseUrl is set. */
  dataDir?: string;
  databaseUrl?: string;
  seedDemo?: boolean;
  webDir?: string;
  logLevel?: string;
  /** Run background-job workers and schedules in this process (default true). */
  jobs?: boolean;
  /** In-memory PGlite only: start from this dumped data directory (the browser tests' seeded template). */
  pgliteTemplate?: Blob;
}

/** config → database → migrate → (demo seed on an empty database) → listen. */
export async function startServer(options: StartOptions = {}): Promise<{ url: string; close(): Promise<void>; config: AppConfig }> {
  const overrides: Partial<AppConfig> = {};
  if (options.port !== undefined) overrides.port = options.port;
  if (options.host !== undefined) overrides.host = options.host;
  if (options.dataDir !== undefined) overrides.dataDir = options.dataDir;
  if (options.databaseUrl !== undefined) overrides.databaseUrl = options.databaseUrl;
  if (options.webDir !== undefined) overrides.webDir = options.webDir;
  if (options.logLevel !== undefined) overrides.logLevel = options.logLevel;
  const config = loadConfig(process.env, overrides);
  const opened = await openDatabase({ ...config, template: options.pgliteTemplate });
  try {
    await migrateToLatest(opened.db);
    if (options.seedDemo ?? true) await seedDemoIfEmpty(opened.db);
  } catch (err) {
    await opened.close();
    throw err;
  }
  const queue = lateJobQueue();
  const app = await buildApp({ db: opened.db, config, jobs: queue });
  const address = await app.listen({ port: config.port, host: config.host });
  let jobs: JobRunner | undefined;
  if (options.jobs ?? true) {
    try {
      jobs = await startJobRunner(opened, app.log);
      queue.attach(jobs);
    } catch (err) {
      await app.close();
      await opened.close();
      throw err;
    }
  }
  const url = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  return {
    url,
    config,
    close: async () => {
      await jobs?.stop();
      await app.close();
      await opened.close();
    },
  };
}
