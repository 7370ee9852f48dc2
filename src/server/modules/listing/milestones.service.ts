// Listing milestones (seed 000 第15条 新三板挂牌/调层/直接进入创新层, 第16条 再融资/重大资产重组; 004 第12条 上市挂牌分档):
// recorded by officers with the date (and board, amount), they update the registry's listing status and feed the
// policy engine's proactive scan (milestone-facts.ts).
import type { Database } from '../../db/connect';
import type { MilestoneKind, TargetBoard } from '../../db/schema-listing';
import { writeAudit } from '../../platform/audit';
import { todayInShanghai } from '../../platform/dates';
import { badRequest, conflict } from '../../platform/errors';
import { fenToYuanOrNull, yuanToFen } from '../../platform/money';
import type { MilestoneInput } from './listing.schemas';
import type { Ctx } from './pool.service';

/** The registry listing status a milestone leaves the enterprise in (null: the status does not change). */
export function listingStatusAfter(kind: MilestoneKind, board: TargetBoard | null): string | null {
  switch (kind) {
    case 'neeq_base_listing': return 'neeq_base';
    case 'neeq_innovation_move':
    case 'neeq_innovation_direct': return 'neeq_innovation';
    case 'n_board_listing': return 'n_board';
    case 'ipo': return board;
    default: return null;
  }
}

/** 第16条 is for enterprises listed on the Shanghai or Shenzhen exchanges (沪深交易所). */
const SSE_SZSE = ['main_board', 'chinext', 'star'];

export async function recordMilestone(db: Database, ctx: Ctx, input: MilestoneInput) {
  if (input.occurredOn > todayInShanghai()) throw badRequest([{ path: 'body.occurredOn', message: 'must not be in the future' }]);
  if (input.kind === 'ipo' && !input.board) throw badRequest([{ path: 'body.board', message: 'the board is required for an IPO' }]);
  if (input.kind !== 'ipo' && input.board) throw badRequest([{ path: 'body.board', message: `only an IPO names a board (the ${input.kind} milestone implies it)` }]);
  if (['ipo', 'refinancing', 'major_restructuring'].includes(input.kind) && input.amount === undefined) {
    throw badRequest([{ path: 'body.amount', message: `the amount (yuan) is required for ${input.kind === 'ipo' ? 'an IPO (amount raised)' : input.kind}` }]);
  }
  const id = await db.transaction().execute(async (trx) => {
    const e = await trx.selectFrom('enterprises').select(['id', 'name', 'listing_status']).where('id', '=', input.enterpriseId).forUpdate().executeTakeFirst();
    if (!e) throw badRequest([{ path: 'body.enterpriseId', message: 'no enterprise with this id' }]);
    const earlier = await trx.selectFrom('listing_milestones').select(['kind', 'board', 'occurred_on']).where('enterprise_id', '=', e.id).execute();
    if (['neeq_base_listing', 'neeq_innovation_move', 'neeq_innovation_direct', 'n_board_listing', 'ipo'].includes(input.kind) && earlier.some((m) => m.kind === input.kind)) {
      throw conflict(`${e.name} already has a ${input.kind} milestone`);
    }
    if (input.kind === 'neeq_innovation_move' && e.listing_status !== 'neeq_base') throw conflict(`moving up to the innovation layer needs a NEEQ base-layer listing; ${e.name} is ${e.listing_status}`);
    if (input.kind === 'neeq_innovation_direct' && earlier.some((m) => m.kind === 'neeq_base_listing')) throw conflict(`${e.name} listed on the base layer first; record neeq_innovation_move instead`);
    if ((input.kind === 'refinancing' || input.kind === 'major_restructuring') && !SSE_SZSE.includes(e.listing_status)) {
      throw conflict(`第16条 supports enterprises listed on the Shanghai or Shenzhen exchanges; ${e.name} is ${e.listing_status}`);
    }
    const row = await trx.insertInto('listing_milestones').values({
      enterprise_id: e.id, kind: input.kind, occurred_on: input.occurredOn, board: input.board ?? null, amount: input.amount === undefined ? null : yuanToFen(input.amount),
      reference: input.reference ?? null, note: input.note ?? null, created_by: ctx.principal?.userId ?? null,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'listing.milestone.record', entityType: 'listing_milestone', entityId: row.id, after: input });
    const status = listingStatusAfter(input.kind, input.board ?? null);
    if (status && status !== e.listing_status) {
      await trx.updateTable('enterprises').set({ listing_status: status as never, updated_at: new Date() }).where('id', '=', e.id).execute();
      await writeAudit(trx, ctx, { action: 'enterprise.update', entityType: 'enterprise', entityId: e.id, before: { listingStatus: e.listing_status }, after: { listingStatus: status, milestoneId: row.id } });
    }
    return row.id;
  });
  return (await listMilestones(db, { page: 1, pageSize: 1, id })).items[0]!;
}

export async function listMilestones(db: Database, q: { page: number; pageSize: number; enterpriseId?: string | undefined; year?: number | undefined; id?: string }) {
  let base = db.selectFrom('listing_milestones as m');
  if (q.id) base = base.where('m.id', '=', q.id);
  if (q.enterpriseId) base = base.where('m.enterprise_id', '=', q.enterpriseId);
  if (q.year) base = base.where('m.occurred_on', '>=', `${q.year}-01-01`).where('m.occurred_on', '<=', `${q.year}-12-31`);
  const [rows, total] = await Promise.all([
    base.innerJoin('enterprises as e', 'e.id', 'm.enterprise_id')
      .select(['m.id', 'm.enterprise_id', 'e.name', 'e.uscc', 'm.kind', 'm.occurred_on', 'm.board', 'm.amount', 'm.reference', 'm.note'])
      .orderBy('m.occurred_on', 'desc').orderBy('m.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({ id: r.id, enterpriseId: r.enterprise_id, enterpriseName: r.name, uscc: r.uscc, kind: r.kind, occurredOn: r.occurred_on, board: r.board, amount: fenToYuanOrNull(r.amount === null ? null : Number(r.amount)), reference: r.reference, note: r.note })),
    total: Number(total.n), page: q.page, pageSize: q.pageSize,
  };
}
