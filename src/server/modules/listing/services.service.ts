// Account officers' service logs (第14条: 专业咨询、资本市场培训辅导、融资对接、行政资源协调) with follow-up dates.
import type { Database } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { todayInShanghai } from '../../platform/dates';
import { badRequest, conflict, notFound } from '../../platform/errors';
import type { ServiceInput, ServicesQuery } from './listing.schemas';
import { officerUser } from './pool.repository';
import type { Ctx } from './pool.service';

function serviceView(r: { id: string; enterprise_id: string; enterprise_name?: string; officer_user_id: string; officer_name: string | null; kind: string; mode: string; served_on: string; summary: string; follow_up_on: string | null; follow_up_done_on: string | null }) {
  return {
    id: r.id, enterpriseId: r.enterprise_id, ...(r.enterprise_name !== undefined ? { enterpriseName: r.enterprise_name } : {}),
    officer: { id: r.officer_user_id, displayName: r.officer_name }, kind: r.kind, mode: r.mode, servedOn: r.served_on, summary: r.summary,
    followUpOn: r.follow_up_on, followUpDoneOn: r.follow_up_done_on,
  };
}

export async function addService(db: Database, ctx: Ctx, enterpriseId: string, input: ServiceInput) {
  if (input.followUpOn && input.followUpOn < input.servedOn) throw badRequest([{ path: 'body.followUpOn', message: `must not be before servedOn (${input.servedOn})` }]);
  if (input.servedOn > todayInShanghai()) throw badRequest([{ path: 'body.servedOn', message: 'must not be in the future' }]);
  const id = await db.transaction().execute(async (trx) => {
    const entry = await trx.selectFrom('listing_pool').select(['tier', 'officer_user_id']).where('enterprise_id', '=', enterpriseId).executeTakeFirst();
    if (!entry) throw notFound('pool enterprise');
    if (entry.tier === 'exited') throw conflict('the enterprise has left the pool; re-enter it before logging services');
    const officerId = input.officerUserId ?? ctx.principal!.userId;
    if (!(await officerUser(trx, officerId))) throw badRequest([{ path: 'body.officerUserId', message: 'must be an active officer or administrator of the office' }]);
    const row = await trx.insertInto('listing_services').values({
      enterprise_id: enterpriseId, officer_user_id: officerId, kind: input.kind, mode: input.mode, served_on: input.servedOn, summary: input.summary,
      follow_up_on: input.followUpOn ?? null, follow_up_done_on: null, created_by: ctx.principal?.userId ?? null,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'listing.service.log', entityType: 'listing_service', entityId: row.id, after: { enterpriseId, ...input, officerUserId: officerId } });
    return row.id;
  });
  return getService(db, id);
}

async function getService(db: Database, id: string) {
  const r = await db.selectFrom('listing_services as s').leftJoin('users as u', 'u.id', 's.officer_user_id').innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
    .select(['s.id', 's.enterprise_id', 'e.name as enterprise_name', 's.officer_user_id', 'u.display_name as officer_name', 's.kind', 's.mode', 's.served_on', 's.summary', 's.follow_up_on', 's.follow_up_done_on'])
    .where('s.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('service log');
  return serviceView(r);
}

export async function completeFollowUp(db: Database, ctx: Ctx, id: string, doneOn: string) {
  await db.transaction().execute(async (trx) => {
    const s = await trx.selectFrom('listing_services').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!s) throw notFound('service log');
    if (!s.follow_up_on) throw conflict('this service log has no follow-up');
    if (s.follow_up_done_on) throw conflict(`the follow-up was already done on ${s.follow_up_done_on}`);
    if (doneOn < s.served_on) throw badRequest([{ path: 'body.doneOn', message: `must not be before the service (${s.served_on})` }]);
    await trx.updateTable('listing_services').set({ follow_up_done_on: doneOn }).where('id', '=', id).execute();
    await writeAudit(trx, ctx, { action: 'listing.service.follow_up', entityType: 'listing_service', entityId: id, before: { followUpDoneOn: null }, after: { followUpDoneOn: doneOn } });
  });
  return getService(db, id);
}

export async function listServices(db: Database, q: ServicesQuery) {
  const today = todayInShanghai();
  let base = db.selectFrom('listing_services as s');
  if (q.officer) base = base.where('s.officer_user_id', '=', q.officer);
  if (q.enterpriseId) base = base.where('s.enterprise_id', '=', q.enterpriseId);
  if (q.from) base = base.where('s.served_on', '>=', q.from);
  if (q.to) base = base.where('s.served_on', '<=', q.to);
  if (q.followUp) base = base.where('s.follow_up_on', 'is not', null).where('s.follow_up_done_on', 'is', null);
  if (q.followUp === 'overdue') base = base.where('s.follow_up_on', '<', today);
  const [rows, total] = await Promise.all([
    base.leftJoin('users as u', 'u.id', 's.officer_user_id').innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
      .select(['s.id', 's.enterprise_id', 'e.name as enterprise_name', 's.officer_user_id', 'u.display_name as officer_name', 's.kind', 's.mode', 's.served_on', 's.summary', 's.follow_up_on', 's.follow_up_done_on'])
      .orderBy(q.followUp ? 's.follow_up_on' : 's.served_on', q.followUp ? 'asc' : 'desc').orderBy('s.id')
      .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(serviceView), total: Number(total.n), page: q.page, pageSize: q.pageSize };
}
