import os from 'node:os';
import { Option } from 'commander';
import { loadConfig, type AppConfig } from '../server/config';
import { openDatabase, type OpenedDatabase } from '../server/db/connect';
import { migrateToLatest } from '../server/db/migrate';
import type { ActorContext } from '../server/platform/principal';

/** Where a command writes; tests pass a capturing one. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  readStdin(): Promise<string>;
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

/** Bad input or usage: exit code 2, message names the argument or field. */
export class UsageError extends Error {}

/**
 * Opens the database the server would use (DATABASE_URL, else PGlite under KCJR_DATA_DIR or ./data),
 * runs pending migrations and never seeds demo data.
 */
export async function withDatabase<T>(io: CliIo, fn: (db: OpenedDatabase['db'], config: AppConfig) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  const opened = await openDatabase(config);
  try {
    await migrateToLatest(opened.db);
    return await fn(opened.db, config);
  } finally {
    await opened.close();
  }
}

export function cliActor(): ActorContext {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    /* containers without a passwd entry */
  }
  return { principal: null, requestId: null, systemActor: `cli:${user}` };
}

export const formatOption = (choices: string[], fallback: string) =>
  new Option('--format <format>', `output format (${choices.join('|')})`).choices(choices).default(fallback);
