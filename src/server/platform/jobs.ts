import PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { Database, OpenedDatabase } from '../db/connect';

/**
 * Background jobs on pg-boss: queues and schedules live in PostgreSQL (schema `pgboss`), so any app server
 * or worker host may pick a job up and a cron schedule fires once across all of them. On embedded PGlite the
 * same pg-boss runs through an adapter that takes the single connection's lock for each statement.
 *
 * Handlers must be idempotent: a job can run again after a crash, and a sweep may find work another run did.
 */
export interface JobDefinition {
  name: string;
  /** Cron expression (pg-boss syntax, Asia/Shanghai) for recurring jobs; omit for on-demand jobs. */
  cron?: string;
  handler(db: Database, data: Record<string, unknown>): Promise<unknown>;
}

const definitions = new Map<string, JobDefinition>();

/** Modules call this at import time; the runner starts a worker and schedule for every registered job. */
export function registerJob(def: JobDefinition): void {
  if (definitions.has(def.name)) throw new Error(`job ${def.name} registered twice`);
  definitions.set(def.name, def);
}

export function registeredJobs(): JobDefinition[] {
  return [...definitions.values()];
}

/** pg-boss's `db` option over the embedded PGlite: statements wait for the Kysely connection lock. */
function pgliteAdapter(opened: OpenedDatabase) {
  const pglite = opened.pglite!;
  return {
    executeSql: (text: string, values?: unknown[]) =>
      opened.db.connection().execute(async () => {
        if (!values || values.length === 0) {
          // Migrations send several statements at once, which only the simple protocol accepts.
          const results = await pglite.exec(text);
          const last = results[results.length - 1];
          return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? last?.rows.length ?? 0 };
        }
        const r = await pglite.query(text, values as unknown[]);
        return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
      }),
  };
}

/** What a route needs to queue a job. */
export interface JobQueue {
  send(name: string, data?: Record<string, unknown>): Promise<string | null>;
}

/**
 * The app's queue before its runner exists: main.ts builds the app first and attaches the runner once started.
 * Without one (a server started without jobs, the tests' app) `send` queues nothing and returns null; work whose
 * state lives in its own table (report packs) is then picked up by a worker host's sweep.
 */
export function lateJobQueue(): JobQueue & { attach(runner: JobRunner | undefined): void } {
  let target: JobRunner | undefined;
  return {
    attach: (runner) => {
      target = runner;
    },
    send: async (name, data = {}) => (target ? target.send(name, data) : null),
  };
}

export interface JobRunner {
  boss: PgBoss;
  /** Queue an on-demand job; returns its id (null when a singleton is already queued). */
  send(name: string, data?: Record<string, unknown>, options?: PgBoss.SendOptions): Promise<string | null>;
  stop(): Promise<void>;
}

export async function startJobRunner(opened: OpenedDatabase, log: FastifyBaseLogger, opts: { work?: boolean; pollingSeconds?: number } = {}): Promise<JobRunner> {
  const boss =
    opened.kind === 'postgres'
      ? new PgBoss({ connectionString: opened.databaseUrl!, max: 3 })
      : new PgBoss({ db: pgliteAdapter(opened) } as PgBoss.ConstructorOptions);
  boss.on('error', (err) => log.error({ err }, 'job runner error'));
  await boss.start();
  for (const def of definitions.values()) {
    await boss.createQueue(def.name);
    if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: 'Asia/Shanghai' });
    if (opts.work ?? true) {
      await boss.work(def.name, { pollingIntervalSeconds: opts.pollingSeconds ?? 2 }, async (jobs) => {
        for (const job of jobs) {
          const started = Date.now();
          const result = await def.handler(opened.db, (job.data ?? {}) as Record<string, unknown>);
          log.info({ job: def.name, id: job.id, ms: Date.now() - started, result }, 'job done');
        }
      });
    }
  }
  return {
    boss,
    send: (name, data = {}, options = {}) => boss.send(name, data, options),
    stop: () => boss.stop({ graceful: true, wait: true }),
  };
}
