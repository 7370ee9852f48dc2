import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase, type OpenedDatabase } from '../src/server/db/connect';
import { migrateToLatest } from '../src/server/db/migrate';
import { seedDemoIfEmpty } from '../src/server/seed/demo';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dumped PGlite data directory (file path): migrated; for the e2e project also demo-seeded. */
    pgliteTemplate: string;
    /** A dumped PGlite data directory (file path), migrated and demo-seeded: what the demo tests start from. */
    pgliteDemoTemplate: string;
    /** In the pg project: PostgreSQL databases to create test databases from (`create database … template …`). */
    pgTemplates: { migrated: string; demo: string } | null;
  }
}

/**
 * Runs once per test project before its files: builds the databases every test file starts from — migrated, and
 * migrated plus the demo seed — so that a file copies one instead of running every migration (or the whole demo
 * seed) itself. PGlite templates are dumped to files the workers load; on PostgreSQL they are template databases.
 * The schema-snapshot test still migrates from scratch, so a template cannot hide a migration bug, and building the
 * demo template is itself the run's check that the demo seed works on an empty database.
 */
export default async function setup(project: TestProject) {
  if (project.name === 'pg') return setupPostgres(project);
  const dir = mkdtempSync(path.join(tmpdir(), 'kcjr-template-'));
  const plain = path.join(dir, 'pglite.tar');
  const demo = path.join(dir, 'pglite-demo.tar');
  await withPglite(async (opened) => {
    await migrateToLatest(opened.db);
    writeFileSync(plain, Buffer.from(await (await opened.pglite!.dumpDataDir('none')).arrayBuffer()));
    if (!(await seedDemoIfEmpty(opened.db))) throw new Error('the demo seed did not run on an empty database');
    writeFileSync(demo, Buffer.from(await (await opened.pglite!.dumpDataDir('none')).arrayBuffer()));
  });
  project.provide('pgliteTemplate', project.name === 'e2e' ? demo : plain);
  project.provide('pgliteDemoTemplate', demo);
  project.provide('pgTemplates', null);
  return () => rmSync(dir, { recursive: true, force: true });
}

async function withPglite(fn: (opened: OpenedDatabase) => Promise<void>): Promise<void> {
  const opened = await openDatabase({ dataDir: 'memory://' });
  try {
    await fn(opened);
  } finally {
    await opened.close();
  }
}

async function setupPostgres(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('the pg project needs TEST_DATABASE_URL');
  const suffix = randomBytes(4).toString('hex');
  const names = { migrated: `kcjr_tpl_${suffix}`, demo: `kcjr_tpl_demo_${suffix}` };
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  const build = async (name: string, fill: (opened: OpenedDatabase) => Promise<void>) => {
    await admin(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const opened = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
    try {
      await fill(opened);
    } finally {
      // A template must have no open connections when it is copied.
      await opened.close();
    }
  };
  const drop = async () => {
    for (const name of Object.values(names)) await admin(`drop database if exists ${name} with (force)`);
  };
  try {
    await build(names.migrated, async (opened) => {
      await migrateToLatest(opened.db);
    });
    await build(names.demo, async (opened) => {
      await migrateToLatest(opened.db);
      if (!(await seedDemoIfEmpty(opened.db))) throw new Error('the demo seed did not run on an empty database');
    });
  } catch (err) {
    await drop();
    throw err;
  }
  project.provide('pgliteTemplate', '');
  project.provide('pgliteDemoTemplate', '');
  project.provide('pgTemplates', names);
  return drop;
}
