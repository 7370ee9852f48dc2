// A report computed once and read until its inputs change (migration 0026 explains how staleness is decided).
// Reading is one indexed statement; a stale or missing result is recomputed by one caller at a time per key
// across every process on the database (a session advisory lock), the others waiting and then reading what it
// stored. Nothing here assumes one process: the lock, the snapshot and the change rows all live in PostgreSQL.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema';

/** Tables a migration-0026 (or 0028: loan_status) trigger watches; a stored kind may only depend on these. */
export type StoredSource =
  | 'loans' | 'loan_repayments' | 'loan_reports' | 'loan_schedule' | 'classification_floors' | 'enterprise_rounds'
  | 'organizations' | 'applications' | 'application_assignments' | 'products' | 'events' | 'loan_status';

export interface StoredKind<K, T> {
  /** Names the report; with the key, the stored row. */
  kind: string;
  /** Every table `compute` reads, directly or through the functions it calls. */
  sources: readonly StoredSource[];
  key(k: K): string;
  /** Runs in one repeatable-read transaction, so everything it reads is the snapshot the result is stored with. */
  compute(trx: Transaction<DB>, k: K): Promise<T>;
}

export interface Stored<T> {
  result: T;
  /** When the snapshot the result was computed from was taken (ISO 8601). */
  computedAt: string;
}

type Conn = Kysely<DB>;

const LOCK_CLASS = sql`hashtext('kcjr.stored_result')`;
// Computations hold it shared; pruning change rows takes it exclusively (try only), so rows a computation in
// flight has not seen are never removed from under it.
const PRUNE_LOCK = sql`hashtext('kcjr.stored_result.prune')::bigint`;

async function readFresh<T>(db: Conn, kind: string, key: string): Promise<Stored<T> | null> {
  const r = await sql<{ result: T; computed_at: Date | string }>`
    select s.result, s.computed_at from stored_results s
    where s.kind = ${kind} and s.key = ${key}
      and not exists (
        select 1 from stored_result_changes c
        where c.source = any(s.sources) and not pg_visible_in_snapshot(c.xid, s.snapshot)
      )`.execute(db);
  const row = r.rows[0];
  return row ? { result: row.result, computedAt: new Date(row.computed_at).toISOString() } : null;
}

/**
 * The stored result for `k`, computed and stored first if there is none or its inputs changed since. The result
 * is exactly what `compute` returns on the data committed when it ran (JSON: plain objects, numbers, strings).
 */
export async function storedResult<K, T>(db: Kysely<DB>, spec: StoredKind<K, T>, k: K): Promise<Stored<T>> {
  const key = spec.key(k);
  const hit = await readFresh<T>(db, spec.kind, key);
  if (hit) return hit;
  return db.connection().execute(async (conn) => {
    const lockKey = sql`${LOCK_CLASS}, hashtext(${`${spec.kind}:${key}`})`;
    await sql`select pg_advisory_lock(${lockKey})`.execute(conn);
    try {
      // Whoever held the lock may just have stored it.
      const again = await readFresh<T>(conn, spec.kind, key);
      if (again) return again;
      await sql`select pg_advisory_lock_shared(${PRUNE_LOCK})`.execute(conn);
      let stored: Stored<T>;
      try {
        stored = await conn.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
          // First statement: fixes the transaction's snapshot, which every read of `compute` then uses.
          await sql`select pg_current_snapshot()`.execute(trx);
          const result = await spec.compute(trx, k);
          // now() is the transaction's start, just before its snapshot; the result is read back through JSON so
          // the first caller gets exactly what later callers read.
          const back = await sql<{ result: T; computed_at: Date | string }>`
            insert into stored_results (kind, key, sources, snapshot, result, computed_at)
            values (${spec.kind}, ${key}, string_to_array(${spec.sources.join(',')}, ','), pg_current_snapshot(), ${JSON.stringify(result)}::json, now())
            on conflict (kind, key) do update set sources = excluded.sources, snapshot = excluded.snapshot, result = excluded.result, computed_at = excluded.computed_at
            returning result, computed_at`.execute(trx);
          return { result: back.rows[0]!.result, computedAt: new Date(back.rows[0]!.computed_at).toISOString() };
        });
      } finally {
        await sql`select pg_advisory_unlock_shared(${PRUNE_LOCK})`.execute(conn);
      }
      await pruneOn(conn);
      return stored;
    } finally {
      await sql`select pg_advisory_unlock(${lockKey})`.execute(conn);
    }
  });
}

/**
 * Drops stale stored results and the change rows every remaining result (and every computation still to come)
 * has seen: those below the oldest snapshot's xmin, which are all finished. Skipped while a computation runs.
 */
export async function pruneChanges(db: Conn): Promise<void> {
  await db.connection().execute(pruneOn);
}

async function pruneOn(conn: Conn): Promise<void> {
  const got = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${PRUNE_LOCK}) as ok`.execute(conn);
  if (!got.rows[0]?.ok) return;
  try {
    await conn.transaction().execute(async (trx) => {
      await sql`
        delete from stored_results s
        where exists (select 1 from stored_result_changes c where c.source = any(s.sources) and not pg_visible_in_snapshot(c.xid, s.snapshot))`.execute(trx);
      await sql`
        delete from stored_result_changes
        where xid < (select least(pg_snapshot_xmin(pg_current_snapshot()), min(pg_snapshot_xmin(snapshot))) from stored_results)`.execute(trx);
    });
  } finally {
    await sql`select pg_advisory_unlock(${PRUNE_LOCK})`.execute(conn);
  }
}
