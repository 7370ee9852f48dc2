import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/server/db/connect';
import { migrateToLatest } from '../src/server/db/migrate';
import { seedDemoIfEmpty } from '../src/server/seed/demo';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dumped PGlite data directory (file path): migrated; for the e2e project also demo-seeded. */
    pgliteTemplate: string;
  }
}

/**
 * Runs once per test project before its files: builds the database every test file starts from — in-memory
 * PGlite, migrated (and, for browser tests, seeded with the demo data) — and dumps it to a file the workers load.
 * Creating a PGlite database (initdb) and migrating it took most of a database test file's set-up; now it happens
 * once per run. The schema-snapshot test still migrates from scratch, so the template cannot hide a migration bug.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kcjr-template-'));
  const file = path.join(dir, 'pglite.tar');
  const opened = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrateToLatest(opened.db);
    if (project.name === 'e2e') await seedDemoIfEmpty(opened.db);
    const dump = await opened.pglite!.dumpDataDir('none');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await opened.close();
  }
  project.provide('pgliteTemplate', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
