import { sql } from 'kysely';
import type { Database } from '../../db/connect';
import type { PoolTier } from '../../db/schema-listing';
import { writeAudit } from '../../platform/audit';
import { todayInShanghai } from '../../platform/dates';
import { badRequest, conflict, notFound } from '../../platform/errors';
import type { ActorContext, Principal } from '../../platform/principal';
import type { NominateInput, PoolQuery, TierInput } from './listing.schemas';
import { findEntry, listPool, lockEntry, officerUser, poolCounts, tierHistory, workload, type Handle } from './pool.repository';
import { CRITERIA, checkTierChange, nextTiers } from './tiers';

export type Ctx = ActorContext & { principal: Principal | null };

/** The account officer named in a request, or the acting officer; must be active office staff. */
async function resolveOfficer(db: Handle, ctx: Ctx, userId: string | null | undefined, path: string): Promise<string | null> {
  const id = userId === undefined ? (ctx.principal?.role === 'officer' ? ctx.principal.userId : null) : userId;
  if (id === null) return null;
  if (!(await officerUser(db, id))) throw badRequest([{ path, message: 'must be an active officer or administrator of the office' }]);
  return id;
}

export async function listPoolEntries(db: Database, q: PoolQuery) {
  const { rows, total } = await listPool(db, { tiers: q.tier, boards: q.board, sector: q.sector, officerUserId: q.officer, q: q.q }, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return {
    items: rows.map((r) => ({
      enterpriseId: r.enterprise_id, uscc: r.uscc, name: r.name, sector: r.sector, district: r.district, listingStatus: r.listing_status,
      tier: r.tier, targetBoard: r.target_board, entrySource: r.entry_source, enteredOn: r.entered_on, tierSince: r.tier_since,
      officer: r.officer_user_id ? { id: r.officer_user_id, displayName: r.officer_name } : null, exitReason: r.exit_reason,
      lastServiceOn: r.last_service_on ?? null, nextFollowUpOn: r.next_follow_up_on ?? null,
    })),
    total, page: q.page, pageSize: q.pageSize,
  };
}

export async function getPoolEntry(db: Database, enterpriseId: string) {
  const row = await findEntry(db, enterpriseId);
  if (!row) throw notFound('pool enterprise');
  const history = await tierHistory(db, enterpriseId);
  return {
    enterpriseId: row.enterprise_id, uscc: row.uscc, name: row.name, sector: row.sector, district: row.district, listingStatus: row.listing_status,
    tier: row.tier, targetBoard: row.target_board, entrySource: row.entry_source, entryReason: row.entry_reason, readinessEvaluationId: row.readiness_evaluation_id,
    enteredOn: row.entered_on, tierSince: row.tier_since, exitReason: row.exit_reason,
    officer: row.officer_user_id ? { id: row.officer_user_id, displayName: row.officer_name } : null,
    nextTiers: nextTiers(row.tier, row.target_board),
    history: history.map((h) => ({
      id: Number(h.id), from: h.from_tier, to: h.to_tier, on: h.changed_on, criteria: h.criteria.map((c) => ({ code: c, label: CRITERIA[c as keyof typeof CRITERIA] ?? c })),
      note: h.note, by: h.changed_by_name,
    })),
  };
}

/** 入库 by an officer's nomination (第14条 培育、筛选): the enterprise enters at the reserve tier. */
export async function nominate(db: Database, ctx: Ctx, input: NominateInput, source: { kind: 'nomination' } | { kind: 'readiness'; evaluationId: string } = { kind: 'nomination' }) {
  const enteredOn = input.enteredOn ?? todayInShanghai();
  await db.transaction().execute(async (trx) => {
    const enterprise = await trx.selectFrom('enterprises').select(['id', 'name']).where('id', '=', input.enterpriseId).executeTakeFirst();
    if (!enterprise) throw badRequest([{ path: 'body.enterpriseId', message: 'no enterprise with this id' }]);
    const officer = await resolveOfficer(trx, ctx, input.officerUserId, 'body.officerUserId');
    // There is no pool row to lock yet: two nominations of one enterprise queue here, so the second sees the first's
    // entry and gets the 409 below instead of a primary-key violation.
    await sql`select pg_advisory_xact_lock(hashtext(${`kcjr.listing_pool:${input.enterpriseId}`}))`.execute(trx);
    const existing = await lockEntry(trx, input.enterpriseId);
    if (existing) throw conflict(`${enterprise.name} is already in the pool (tier ${existing.tier})${existing.tier === 'exited' ? '; re-enter it with the tier change exited → reserve' : ''}`);
    await trx.insertInto('listing_pool').values({
      enterprise_id: input.enterpriseId, tier: 'reserve', target_board: input.targetBoard, entry_source: source.kind, entry_reason: input.reason,
      readiness_evaluation_id: source.kind === 'readiness' ? source.evaluationId : null, entered_on: enteredOn, tier_since: enteredOn,
      officer_user_id: officer, exit_reason: null, nominated_by: ctx.principal?.userId ?? null,
    }).execute();
    await trx.insertInto('listing_tier_changes').values({
      enterprise_id: input.enterpriseId, from_tier: null, to_tier: 'reserve', changed_on: enteredOn, criteria: JSON.stringify([]), note: input.reason, changed_by: ctx.principal?.userId ?? null,
    }).execute();
    await writeAudit(trx, ctx, {
      action: 'listing.pool.enter', entityType: 'listing_pool', entityId: input.enterpriseId,
      after: { tier: 'reserve', targetBoard: input.targetBoard, entrySource: source.kind, reason: input.reason, officerUserId: officer, enteredOn, ...(source.kind === 'readiness' ? { evaluationId: source.evaluationId } : {}) },
    });
  });
  return getPoolEntry(db, input.enterpriseId);
}

/** A tier change along the transition table, with the criteria that justify it, audited in the same transaction. */
export async function changeTier(db: Database, ctx: Ctx, enterpriseId: string, input: TierInput) {
  const on = input.on ?? todayInShanghai();
  await db.transaction().execute(async (trx) => {
    const entry = await lockEntry(trx, enterpriseId);
    if (!entry) throw notFound('pool enterprise');
    const check = checkTierChange(entry.tier, input.to, entry.target_board, input.criteria, input.note);
    if (!check.ok) throw check.reason === 'state' ? conflict(check.message) : badRequest([{ path: check.field ?? 'body', message: check.message }]);
    if (on < entry.tier_since) throw badRequest([{ path: 'body.on', message: `must not be before the current tier began (${entry.tier_since})` }]);
    const to: PoolTier = input.to;
    await trx.updateTable('listing_pool').set({ tier: to, tier_since: on, exit_reason: to === 'exited' ? input.note! : null, updated_at: new Date() }).where('enterprise_id', '=', enterpriseId).execute();
    await trx.insertInto('listing_tier_changes').values({
      enterprise_id: enterpriseId, from_tier: entry.tier, to_tier: to, changed_on: on, criteria: JSON.stringify(input.criteria), note: input.note ?? null, changed_by: ctx.principal?.userId ?? null,
    }).execute();
    await writeAudit(trx, ctx, {
      action: 'listing.pool.tier', entityType: 'listing_pool', entityId: enterpriseId,
      before: { tier: entry.tier, tierSince: entry.tier_since }, after: { tier: to, tierSince: on, criteria: input.criteria, note: input.note ?? null },
    });
  });
  return getPoolEntry(db, enterpriseId);
}

/** Change the target board or the account officer (专管员). */
export async function updatePoolEntry(db: Database, ctx: Ctx, enterpriseId: string, input: { targetBoard?: string | undefined; officerUserId?: string | null | undefined }) {
  await db.transaction().execute(async (trx) => {
    const entry = await lockEntry(trx, enterpriseId);
    if (!entry) throw notFound('pool enterprise');
    const set: Record<string, unknown> = {};
    if (input.targetBoard !== undefined && input.targetBoard !== entry.target_board) {
      if (entry.tier === 'listed' || entry.tier === 'exited') throw conflict(`the target board of a ${entry.tier} enterprise is no longer changed`);
      set.target_board = input.targetBoard;
    }
    if (input.officerUserId !== undefined && input.officerUserId !== entry.officer_user_id) {
      set.officer_user_id = input.officerUserId === null ? null : await resolveOfficer(trx, ctx, input.officerUserId, 'body.officerUserId');
    }
    if (Object.keys(set).length === 0) return;
    const before = Object.fromEntries(Object.keys(set).map((k) => [k, (entry as Record<string, unknown>)[k]]));
    await trx.updateTable('listing_pool').set({ ...set, updated_at: new Date() } as never).where('enterprise_id', '=', enterpriseId).execute();
    await writeAudit(trx, ctx, { action: 'listing.pool.update', entityType: 'listing_pool', entityId: enterpriseId, before, after: set });
  });
  return getPoolEntry(db, enterpriseId);
}

const yearStart = (d: string) => `${d.slice(0, 4)}-01-01`;

/** The pool by tier, board, sector and officer, and officers' workload (contacted, visited, served) in a period. */
export async function poolDashboard(db: Database, q: { from?: string | undefined; to?: string | undefined }) {
  const to = q.to ?? todayInShanghai();
  const from = q.from ?? yearStart(to);
  if (from > to) throw badRequest([{ path: 'querystring.from', message: `must not be after to (${to})` }]);
  const [counts, work] = await Promise.all([poolCounts(db), workload(db, from, to)]);
  const dim = (d: string) => counts.filter((c) => c.dim === d).map((c) => ({ key: c.key, ...(d === 'officer' ? { displayName: c.label } : {}), enterprises: c.n }));
  const total = work.find((w) => w.officer_user_id === null);
  return {
    from, to,
    byTier: dim('tier'), byBoard: dim('board'), bySector: dim('sector'), byOfficer: dim('officer'),
    workload: {
      total: { contacted: total?.contacted ?? 0, visited: total?.visited ?? 0, served: total?.served ?? 0, logs: total?.logs ?? 0, followUpsOpen: total?.follow_ups_open ?? 0 },
      officers: work.filter((w) => w.officer_user_id !== null).map((w) => ({
        officer: { id: w.officer_user_id!, displayName: w.officer_name }, contacted: w.contacted, visited: w.visited, served: w.served, logs: w.logs, followUpsOpen: w.follow_ups_open,
      })),
    },
  };
}
