import fs from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import type { DB } from './schema';
import { PGliteDialect } from './pglite-dialect';

export type Database = Kysely<DB>;

// Type handling shared by both drivers: calendar dates stay 'YYYY-MM-DD' strings (never a Date shifted by a
// time zone), int8 (fen amounts, counts) become numbers (safe below 2^53 fen ≈ 90 trillion yuan), numeric
// stays an exact string.
const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const parsers = {
  [DATE_OID]: (v: string) => v,
  [INT8_OID]: (v: string) => Number(v),
  [NUMERIC_OID]: (v: string) => v,
};

export interface OpenedDatabase {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** PostgreSQL connection string (kind 'postgres'), for clients that open their own pool (pg-boss). */
  databaseUrl?: string;
  /** The embedded instance (kind 'pglite'); use it only inside db.connection() so the single connection stays serialised. */
  pglite?: PGlite;
  close(): Promise<void>;
}

/**
 * Opens PostgreSQL when a URL is given, else PGlite at dataDir ('memory://' for in-memory). An in-memory PGlite
 * may start from `template`, a data directory dumped by PGlite (`dumpDataDir`): tests and browser tests load a
 * migrated (and seeded) database that way instead of running initdb and every migration each time.
 */
export async function openDatabase(opts: { databaseUrl?: string | undefined; dataDir: string; template?: Blob | undefined }): Promise<OpenedDatabase> {
  // Each driver is loaded when it is used: a `kcjr` run against PostgreSQL does not load PGlite (and its
  // WebAssembly glue) at start, nor the reverse.
  if (opts.databaseUrl) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: 10,
      types: {
        getTypeParser: ((oid: number, format?: string) =>
          (parsers as Record<number, (v: string) => unknown>)[oid] ??
          pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
    // An idle client the server drops (a restart, a failover, an administrator) is reported on the pool; without a
    // listener Node treats it as an uncaught exception and the app server dies. The pool replaces the client.
    pool.on('error', (err) => process.stderr.write(`kcjr: idle PostgreSQL connection lost: ${err.message}\n`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', databaseUrl: opts.databaseUrl, close: () => db.destroy() };
  }
  const inMemory = opts.dataDir === 'memory://';
  if (!inMemory) fs.mkdirSync(opts.dataDir, { recursive: true });
  if (opts.template && !inMemory) throw new Error('a PGlite template can only be loaded into an in-memory database');
  const [{ PGlite }, { pg_trgm }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite/contrib/pg_trgm')]);
  const pglite = new PGlite({ ...(inMemory ? {} : { dataDir: opts.dataDir }), ...(opts.template ? { loadDataDir: opts.template } : {}), parsers, extensions: { pg_trgm } });
  await pglite.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: 'pglite', pglite, close: () => db.destroy() };
}
