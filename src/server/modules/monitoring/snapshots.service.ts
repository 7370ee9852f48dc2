import { sql } from 'kysely';
import type { Database } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { addDays, isCalendarDate, todayInShanghai } from '../../platform/dates';
import { badRequest, notFound } from '../../platform/errors';
import type { ActorContext } from '../../platform/principal';
import { diffIndicators, isMonthEnd, previousMonthEnds, type Change } from './indicator-math';
import { computeIndicators, type Indicators } from './indicators.service';

export const MONTH_END_JOB = 'monitoring-month-end-snapshots';
export const DAILY_JOB = 'monitoring-daily-snapshot';

const actorName = (ctx: ActorContext) => ctx.principal?.username ?? ctx.systemActor ?? 'system';

/**
 * What differs between a stored snapshot and a recomputation. The funnel counts applications by their current
 * status (application status is not dated), so it moves as applications progress without any correction; it is
 * kept as reported and not compared.
 */
export function restatementChanges(stored: unknown, recomputed: unknown): Change[] {
  const strip = (x: unknown) => ({ ...(x as Record<string, unknown>), funnel: null });
  return diffIndicators(strip(stored), strip(recomputed));
}

export type StoreOutcome = { asOf: string; kind: 'month_end' | 'daily'; outcome: 'stored' | 'restated' | 'unchanged' | 'replaced'; version: number; changes: number };

/**
 * Stores the indicators as of a month end. History stays as it was reported: the first computation is
 * version 1; a later recomputation (after corrections to the ledger or workflows) that differs is stored as
 * the next version with its list of changes — a restatement — and the earlier versions stay. An identical
 * recomputation stores nothing. Two runs at once cannot both add a version (unique as_of, kind, version).
 */
export async function storeMonthEnd(db: Database, ctx: ActorContext, asOf: string): Promise<StoreOutcome> {
  if (!isCalendarDate(asOf) || !isMonthEnd(asOf)) throw badRequest([{ path: 'asOf', message: 'must be the last day of a month (YYYY-MM-DD)' }]);
  if (asOf >= todayInShanghai()) throw badRequest([{ path: 'asOf', message: 'a month-end snapshot is taken after the month has ended' }]);
  const data = await computeIndicators(db, asOf);
  return db.transaction().execute(async (trx) => {
    const latest = await trx.selectFrom('indicator_snapshots').select(['version', 'data']).where('as_of', '=', asOf).where('kind', '=', 'month_end')
      .orderBy('version', 'desc').limit(1).forUpdate().executeTakeFirst();
    let changes: Change[] = [];
    if (latest) {
      changes = restatementChanges(latest.data, data);
      if (changes.length === 0) return { asOf, kind: 'month_end' as const, outcome: 'unchanged' as const, version: latest.version, changes: 0 };
    }
    const version = (latest?.version ?? 0) + 1;
    const inserted = await trx.insertInto('indicator_snapshots')
      .values({ as_of: asOf, kind: 'month_end', version, data: JSON.stringify(data), changes: latest ? JSON.stringify(changes) : null, computed_by: actorName(ctx) })
      .onConflict((oc) => oc.columns(['as_of', 'kind', 'version']).doNothing())
      .returning('id').executeTakeFirst();
    if (!inserted) return { asOf, kind: 'month_end' as const, outcome: 'unchanged' as const, version, changes: 0 };
    await writeAudit(trx, ctx, {
      action: latest ? 'indicator_snapshot.restate' : 'indicator_snapshot.store', entityType: 'indicator_snapshot', entityId: inserted.id,
      after: { asOf, version, changes: changes.length },
    });
    return { asOf, kind: 'month_end' as const, outcome: latest ? ('restated' as const) : ('stored' as const), version, changes: changes.length };
  });
}

/** The dashboards' cache: today's (or a given day's) indicators, replaced on each run (not history). */
export async function storeDaily(db: Database, ctx: ActorContext, asOf = todayInShanghai()): Promise<StoreOutcome> {
  if (!isCalendarDate(asOf)) throw badRequest([{ path: 'asOf', message: 'must be a calendar date YYYY-MM-DD' }]);
  const data = await computeIndicators(db, asOf);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('indicator_snapshots').where('kind', '=', 'daily').where('as_of', '<=', asOf).execute();
    await trx.insertInto('indicator_snapshots').values({ as_of: asOf, kind: 'daily', version: 1, data: JSON.stringify(data), changes: null, computed_by: actorName(ctx) }).execute();
  });
  return { asOf, kind: 'daily', outcome: 'replaced', version: 1, changes: 0 };
}

/**
 * The monthly job: the month end just passed, plus a restatement check of the `recheck` month ends before it
 * (default 12) — a correction to last spring's loans shows as a restated snapshot, the reported one stays.
 */
export async function runMonthEndSnapshots(db: Database, ctx: ActorContext, opts: { today?: string; recheck?: number } = {}) {
  const today = opts.today ?? todayInShanghai();
  const ends = previousMonthEnds(today, 1 + (opts.recheck ?? 12));
  const results: StoreOutcome[] = [];
  for (const asOf of ends.reverse()) results.push(await storeMonthEnd(db, ctx, asOf));
  return { today, results };
}

export interface SnapshotSummary {
  asOf: string;
  kind: 'month_end' | 'daily';
  version: number;
  computedAt: Date;
  computedBy: string;
  changes: Change[] | null;
}

/** Month-end snapshots in [from, to], each with its versions (1 = as reported; later = restatements). */
export async function listSnapshots(db: Database, q: { from?: string | undefined; to?: string | undefined }) {
  let query = db.selectFrom('indicator_snapshots').select(['as_of', 'kind', 'version', 'computed_at', 'computed_by', 'changes']).where('kind', '=', 'month_end');
  if (q.from) query = query.where('as_of', '>=', q.from);
  if (q.to) query = query.where('as_of', '<=', q.to);
  const rows = await query.orderBy('as_of', 'desc').orderBy('version', 'asc').execute();
  const byDate = new Map<string, SnapshotSummary[]>();
  for (const r of rows) {
    const list = byDate.get(r.as_of) ?? [];
    list.push({ asOf: r.as_of, kind: r.kind, version: r.version, computedAt: r.computed_at, computedBy: r.computed_by, changes: (r.changes as Change[] | null) ?? null });
    byDate.set(r.as_of, list);
  }
  return { items: [...byDate.entries()].map(([asOf, versions]) => ({ asOf, restated: versions.length > 1, versions })) };
}

/** One stored month end: the reported version (default), a given version, or the latest restatement. */
export async function getSnapshot(db: Database, asOf: string, which: 'reported' | 'latest' | number = 'reported'): Promise<{ version: number; restated: boolean; data: Indicators; changes: Change[] | null }> {
  const rows = await db.selectFrom('indicator_snapshots').select(['version', 'data', 'changes']).where('as_of', '=', asOf).where('kind', '=', 'month_end').orderBy('version').execute();
  if (rows.length === 0) throw notFound(`month-end snapshot of ${asOf}`);
  const row = which === 'reported' ? rows[0]! : which === 'latest' ? rows.at(-1)! : rows.find((r) => r.version === which);
  if (!row) throw notFound(`version ${which} of the snapshot of ${asOf}`);
  return { version: row.version, restated: rows.length > 1, data: row.data as unknown as Indicators, changes: (row.changes as Change[] | null) ?? null };
}

/** The reported month-end series (version 1 of each) for trends, oldest first, at most `months`. */
export async function reportedSeries(db: Database, opts: { to?: string; months: number }) {
  const r = await sql<{ as_of: string; data: Indicators }>`
    select as_of::text as as_of, data from indicator_snapshots
    where kind = 'month_end' and version = 1 ${opts.to ? sql`and as_of <= ${opts.to}::date` : sql``}
    order by as_of desc limit ${opts.months}`.execute(db);
  return r.rows.reverse();
}

/** The freshest stored indicators for dashboards: the daily cache or the latest month end, whichever is newer. */
export async function latestIndicators(db: Database): Promise<{ kind: 'daily' | 'month_end'; data: Indicators } | null> {
  const r = await db.selectFrom('indicator_snapshots').select(['kind', 'data', 'as_of', 'version'])
    .orderBy('as_of', 'desc').orderBy('version', 'desc').limit(1).executeTakeFirst();
  return r ? { kind: r.kind, data: r.data as unknown as Indicators } : null;
}

export const yesterday = () => addDays(todayInShanghai(), -1);
