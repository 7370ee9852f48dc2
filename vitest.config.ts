import { defineConfig } from 'vitest/config';

// Test tiers (docs/ARCHITECTURE.md#tests):
//  unit — pure tests and database/API tests on a fresh in-memory PGlite per file;
//  pg   — the database/API tests (*.db.test.ts) again on PostgreSQL, only when TEST_DATABASE_URL is set;
//  e2e  — browser flows with playwright-core driving Debian's Chromium against the built web app.
const pg = process.env.TEST_DATABASE_URL
  ? [
      {
        extends: true as const,
        test: {
          name: 'pg',
          include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
          env: { KCJR_TEST_DB: 'pg' },
          globalSetup: ['./test/global-setup.ts'],
        },
      },
    ]
  : [];

export default defineConfig({
  test: {
    // Vitest's default is one worker per CPU less one: a single worker on this 2-CPU machine, idle while PostgreSQL
    // answers. Two keep both CPUs busy (each file has its own database, so files do not share state).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'policies/**/*.test.ts'],
          globalSetup: ['./test/global-setup.ts'],
        },
      },
      ...pg,
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['./test/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          // expect.poll waits for what the page loads; one second (vitest's default) is short on a busy CI machine.
          expect: { poll: { timeout: 20_000 } },
        },
      },
    ],
  },
});
