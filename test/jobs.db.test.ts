import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OpenedDatabase } from '../src/server/db/connect';
import { registerJob, startJobRunner, type JobRunner } from '../src/server/platform/jobs';
import { freshDatabase } from './helpers/db';

// pg-boss runs on both engines: on PGlite through the adapter that shares the serialised connection.
const seen: unknown[] = [];
registerJob({
  name: 'test-echo',
  handler: async (db, data) => {
    const r = await db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    seen.push({ data, seq: r.seq });
    return { ok: true };
  },
});

registerJob({ name: 'test-nightly', cron: '5 1 * * *', handler: async () => null });

let opened: OpenedDatabase;
let runner: JobRunner;
beforeAll(async () => {
  opened = await freshDatabase();
  runner = await startJobRunner(opened, pino({ level: 'silent' }), { pollingSeconds: 0.5 });
}, 120_000);
afterAll(async () => {
  await runner?.stop();
  await opened?.close();
});

it('runs a queued job once on a worker, sharing the database with the app', async () => {
  const id = await runner.send('test-echo', { n: 42 });
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  // Ordinary queries keep working while pg-boss polls the same database.
  for (let i = 0; i < 20 && seen.length === 0; i++) {
    await opened.db.selectFrom('meta').selectAll().execute();
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(seen).toEqual([{ data: { n: 42 }, seq: 0 }]);
  const job = await runner.boss.getJobById('test-echo', id!);
  expect(job?.state).toBe('completed');
});

it('registers the cron schedule of a recurring job, in Shanghai time', async () => {
  const schedules = await runner.boss.getSchedules();
  expect(schedules).toContainEqual(expect.objectContaining({ name: 'test-nightly', cron: '5 1 * * *', timezone: 'Asia/Shanghai' }));
});
