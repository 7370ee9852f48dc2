import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';

/** 'pg' when the suite runs in the PostgreSQL project (vitest.config.ts), else embedded PGlite. */
export const TEST_DB_KIND: 'pglite' | 'pg' = process.env.KCJR_TEST_DB === 'pg' ? 'pg' : 'pglite';

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new PostgreSQL database created
 * from TEST_DATABASE_URL and dropped again on close. Both are copies of the run's templates (test/global-setup.ts):
 * migrated, or with `demo` migrated and demo-seeded; `fromScratch` migrates an empty database instead.
 */
export async function freshDatabase(opts: { fromScratch?: boolean; demo?: boolean } = {}): Promise<OpenedDatabase> {
  if (opts.fromScratch && opts.demo) throw new Error('freshDatabase: fromScratch and demo exclude each other');
  if (TEST_DB_KIND === 'pglite') {
    const templateFile = opts.fromScratch ? undefined : inject(opts.demo ? 'pgliteDemoTemplate' : 'pgliteTemplate');
    const template = templateFile ? new Blob([readFileSync(templateFile)]) : undefined;
    const opened = await openDatabase({ dataDir: 'memory://', template });
    await migrateToLatest(opened.db);
    return opened;
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('KCJR_TEST_DB=pg needs TEST_DATABASE_URL');
  const name = `kcjr_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const templates = inject('pgTemplates');
  const template = opts.fromScratch || !templates ? null : opts.demo ? templates.demo : templates.migrated;
  if (opts.demo && !template) throw new Error('freshDatabase({ demo }) needs the pg project\'s global set-up');
  await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const opened = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
  await migrateToLatest(opened.db);
  return {
    ...opened,
    close: async () => {
      await opened.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
