// Equity needs (股权融资需求): an enterprise posts round, amount and use of funds and decides which funds see it;
// funds browse what is visible to them and express interest. Scoping is decided here (STYLE.md 7): an enterprise
// sees its own, a fund what it was shown (anything else is a 404), office staff everything; other institutions
// (banks, guarantors, insurers) have no part in equity needs (403).
import type { Database } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { fenToYuan, yuanToFen } from '../../platform/money';
import type { ActorContext, Principal } from '../../platform/principal';
import type { Handle } from '../listing/pool.repository';
import type { NeedInput, UpdateNeedInput } from './equity.schemas';

export type Ctx = ActorContext & { principal: Principal };
type Viewer = { kind: 'staff'; write: boolean } | { kind: 'enterprise'; enterpriseId: string } | { kind: 'fund'; orgId: string };

export function viewerOf(p: Principal): Viewer {
  if (p.role === 'admin' || p.role === 'officer') return { kind: 'staff', write: true };
  if (p.role === 'auditor' || p.role === 'reviewer') return { kind: 'staff', write: false };
  if (p.role === 'enterprise_user' && p.enterpriseId) return { kind: 'enterprise', enterpriseId: p.enterpriseId };
  if (p.role === 'institution_user' && p.organizationKind === 'fund') return { kind: 'fund', orgId: p.organizationId };
  throw forbidden('equity needs are for enterprises, investment funds and the office');
}

const needsFor = (db: Handle, v: Viewer) => {
  let q = db.selectFrom('equity_needs as n');
  if (v.kind === 'enterprise') q = q.where('n.enterprise_id', '=', v.enterpriseId);
  if (v.kind === 'fund') {
    q = q.where('n.status', '=', 'open').where((eb) => eb.or([
      eb('n.visibility', '=', 'all_funds'),
      eb.and([eb('n.visibility', '=', 'selected_funds'), eb.exists(eb.selectFrom('equity_need_funds as f').select('f.need_id').whereRef('f.need_id', '=', 'n.id').where('f.fund_org_id', '=', v.orgId))]),
    ]));
  }
  return q;
};

async function fundIds(db: Handle, codes: string[] | undefined, path: string): Promise<string[]> {
  if (!codes?.length) return [];
  const rows = await db.selectFrom('organizations').select(['id', 'code']).where('code', 'in', codes).where('kind', '=', 'fund').execute();
  const missing = codes.filter((c) => !rows.some((r) => r.code === c));
  if (missing.length) throw badRequest([{ path, message: `not investment funds: ${missing.join(', ')}` }]);
  return rows.map((r) => r.id);
}

export async function createNeed(db: Database, ctx: Ctx, input: NeedInput) {
  const v = viewerOf(ctx.principal);
  if (v.kind === 'fund' || (v.kind === 'staff' && !v.write)) throw forbidden('only the enterprise or the office posts equity needs');
  const enterpriseId = v.kind === 'enterprise' ? v.enterpriseId : input.enterpriseId;
  if (v.kind === 'enterprise' && input.enterpriseId && input.enterpriseId !== v.enterpriseId) throw badRequest([{ path: 'body.enterpriseId', message: 'an enterprise posts needs for itself only' }]);
  if (!enterpriseId) throw badRequest([{ path: 'body.enterpriseId', message: 'name the enterprise' }]);
  if (input.visibility === 'selected_funds' && !input.funds?.length) throw badRequest([{ path: 'body.funds', message: 'name the funds that may see a need shown to selected funds' }]);
  if (input.visibility !== 'selected_funds' && input.funds?.length) throw badRequest([{ path: 'body.funds', message: 'funds are named only with visibility selected_funds' }]);
  const id = await db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom('enterprises').select('id').where('id', '=', enterpriseId).executeTakeFirst())) throw badRequest([{ path: 'body.enterpriseId', message: 'no enterprise with this id' }]);
    const funds = await fundIds(trx, input.funds, 'body.funds');
    const row = await trx.insertInto('equity_needs').values({
      enterprise_id: enterpriseId, round: input.round, amount: yuanToFen(input.amount)!, use_of_funds: input.useOfFunds, visibility: input.visibility,
      show_financials: input.showFinancials ?? false, status: 'open', created_by: ctx.principal.userId,
    }).returning('id').executeTakeFirstOrThrow();
    if (funds.length) await trx.insertInto('equity_need_funds').values(funds.map((f) => ({ need_id: row.id, fund_org_id: f }))).execute();
    await writeAudit(trx, ctx, { action: 'equity.need.create', entityType: 'equity_need', entityId: row.id, after: { ...input, enterpriseId } });
    return row.id;
  });
  return getNeed(db, ctx, id);
}

export async function updateNeed(db: Database, ctx: Ctx, id: string, input: UpdateNeedInput) {
  const v = viewerOf(ctx.principal);
  if (v.kind === 'fund') throw notFound('equity need');
  if (v.kind === 'staff' && !v.write) throw forbidden('only the enterprise or the office changes equity needs');
  await db.transaction().execute(async (trx) => {
    const n = await needsFor(trx, v).selectAll('n').where('n.id', '=', id).forUpdate().executeTakeFirst();
    if (!n) throw notFound('equity need');
    const visibility = input.visibility ?? n.visibility;
    if (input.funds !== undefined && visibility !== 'selected_funds' && input.funds.length) throw badRequest([{ path: 'body.funds', message: 'funds are named only with visibility selected_funds' }]);
    const funds = input.funds === undefined ? undefined : await fundIds(trx, input.funds, 'body.funds');
    if (visibility === 'selected_funds') {
      const count = funds?.length ?? (await trx.selectFrom('equity_need_funds').select('fund_org_id').where('need_id', '=', id).execute()).length;
      if (count === 0) throw badRequest([{ path: 'body.funds', message: 'name the funds that may see a need shown to selected funds' }]);
    }
    const set: Record<string, unknown> = {};
    if (input.amount !== undefined) set.amount = yuanToFen(input.amount);
    if (input.useOfFunds !== undefined) set.use_of_funds = input.useOfFunds;
    if (input.visibility !== undefined) set.visibility = input.visibility;
    if (input.showFinancials !== undefined) set.show_financials = input.showFinancials;
    if (input.status !== undefined) set.status = input.status;
    const before = Object.fromEntries(Object.keys(set).map((k) => [k, (n as Record<string, unknown>)[k]]));
    if (Object.keys(set).length) await trx.updateTable('equity_needs').set({ ...set, updated_at: new Date() } as never).where('id', '=', id).execute();
    if (funds !== undefined || visibility !== 'selected_funds') {
      await trx.deleteFrom('equity_need_funds').where('need_id', '=', id).execute();
      if (visibility === 'selected_funds' && funds?.length) await trx.insertInto('equity_need_funds').values(funds.map((f) => ({ need_id: id, fund_org_id: f }))).execute();
    }
    await writeAudit(trx, ctx, { action: 'equity.need.update', entityType: 'equity_need', entityId: id, before, after: { ...set, ...(input.funds ? { funds: input.funds } : {}) } });
  });
  return getNeed(db, ctx, id);
}

async function latestFinancials(db: Handle, enterpriseId: string) {
  const f = await db.selectFrom('enterprise_financials').select(['year', 'revenue', 'net_profit', 'rd_expense', 'employees']).where('enterprise_id', '=', enterpriseId).orderBy('year', 'desc').limit(1).executeTakeFirst();
  return f ? { year: f.year, revenue: f.revenue === null ? null : fenToYuan(Number(f.revenue)), netProfit: f.net_profit === null ? null : fenToYuan(Number(f.net_profit)), rdExpense: f.rd_expense === null ? null : fenToYuan(Number(f.rd_expense)), employees: f.employees } : null;
}

export async function listNeeds(db: Database, ctx: Ctx, q: { page: number; pageSize: number; round?: string | undefined; status?: 'open' | 'closed' | undefined; enterpriseId?: string | undefined }) {
  const v = viewerOf(ctx.principal);
  let base = needsFor(db, v);
  if (q.round) base = base.where('n.round', '=', q.round as never);
  if (q.status) base = base.where('n.status', '=', q.status);
  if (q.enterpriseId) base = base.where('n.enterprise_id', '=', q.enterpriseId);
  const [rows, total] = await Promise.all([
    base.innerJoin('enterprises as e', 'e.id', 'n.enterprise_id')
      .select(['n.id', 'n.enterprise_id', 'e.name', 'e.sector', 'e.district', 'n.round', 'n.amount', 'n.use_of_funds', 'n.visibility', 'n.status', 'n.created_at'])
      .select((eb) => eb.selectFrom('fund_interests as i').whereRef('i.need_id', '=', 'n.id').where('i.status', '=', 'expressed')
        .$if(v.kind === 'fund', (s) => s.where('i.fund_org_id', '=', (v as { orgId: string }).orgId)).select((e2) => e2.fn.countAll<string>().as('c')).as('interests'))
      .orderBy('n.created_at', 'desc').orderBy('n.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id, enterprise: { id: r.enterprise_id, name: r.name, sector: r.sector, district: r.district }, round: r.round, amount: fenToYuan(Number(r.amount)),
      useOfFunds: r.use_of_funds, ...(v.kind === 'fund' ? { interested: Number(r.interests) > 0 } : { visibility: r.visibility, interests: Number(r.interests) }), status: r.status, postedAt: r.created_at,
    })),
    total: Number(total.n), page: q.page, pageSize: q.pageSize,
  };
}

export async function getNeed(db: Database, ctx: Ctx, id: string) {
  const v = viewerOf(ctx.principal);
  const n = await needsFor(db, v).innerJoin('enterprises as e', 'e.id', 'n.enterprise_id').selectAll('n').select(['e.name', 'e.sector', 'e.district', 'e.uscc']).where('n.id', '=', id).executeTakeFirst();
  if (!n) throw notFound('equity need');
  const [interests, funds, financials] = await Promise.all([
    db.selectFrom('fund_interests as i').innerJoin('organizations as o', 'o.id', 'i.fund_org_id').select(['i.id', 'o.code', 'o.name', 'i.note', 'i.status', 'i.created_at'])
      .where('i.need_id', '=', id).$if(v.kind === 'fund', (s) => s.where('i.fund_org_id', '=', (v as { orgId: string }).orgId)).orderBy('i.created_at').execute(),
    v.kind === 'fund' ? Promise.resolve([]) : db.selectFrom('equity_need_funds as f').innerJoin('organizations as o', 'o.id', 'f.fund_org_id').select(['o.code', 'o.name']).where('f.need_id', '=', id).orderBy('o.code').execute(),
    v.kind !== 'fund' || n.show_financials ? latestFinancials(db, n.enterprise_id) : Promise.resolve(null),
  ]);
  return {
    id: n.id, enterprise: { id: n.enterprise_id, name: n.name, uscc: n.uscc, sector: n.sector, district: n.district }, round: n.round, amount: fenToYuan(Number(n.amount)),
    useOfFunds: n.use_of_funds, status: n.status, showFinancials: n.show_financials, financials,
    ...(v.kind === 'fund' ? {} : { visibility: n.visibility, funds: funds.map((f) => ({ code: f.code, name: f.name })) }),
    interests: interests.map((i) => ({ id: i.id, fund: { code: i.code, name: i.name }, note: i.note, status: i.status, at: i.created_at })),
  };
}

/** A fund expresses (or withdraws) interest in a need it can see. */
export async function setInterest(db: Database, ctx: Ctx, needId: string, expressed: boolean, note: string | undefined) {
  const v = viewerOf(ctx.principal);
  if (v.kind !== 'fund') throw forbidden('interest is expressed by investment funds');
  await db.transaction().execute(async (trx) => {
    const n = await needsFor(trx, v).select(['n.id']).where('n.id', '=', needId).executeTakeFirst();
    if (!n) throw notFound('equity need');
    const existing = await trx.selectFrom('fund_interests').selectAll().where('need_id', '=', needId).where('fund_org_id', '=', v.orgId).forUpdate().executeTakeFirst();
    const status = expressed ? 'expressed' : 'withdrawn';
    if (!existing && !expressed) throw conflict('no interest to withdraw');
    if (existing?.status === status) throw conflict(`interest is already ${status}`);
    if (existing) await trx.updateTable('fund_interests').set({ status, note: note ?? existing.note, updated_at: new Date() }).where('id', '=', existing.id).execute();
    else await trx.insertInto('fund_interests').values({ need_id: needId, fund_org_id: v.orgId, note: note ?? null, status, created_by: ctx.principal.userId }).execute();
    await writeAudit(trx, ctx, { action: `equity.interest.${expressed ? 'express' : 'withdraw'}`, entityType: 'equity_need', entityId: needId, before: existing ? { status: existing.status } : null, after: { status, fund: v.orgId, note: note ?? null } });
  });
  return getNeed(db, ctx, needId);
}
