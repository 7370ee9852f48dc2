// 绿色通道 限时办结 (seed 000 第14条 "对企业上市过程中需相关部门出具证明及相关材料的，建立绿色通道，落实专人，限时办结"):
// each request for a certificate or document from a department has a deadline in working days (default 5,
// configurable), a handler, a handling record, and alerts one working day before, on and after the deadline.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/connect';
import type { DB } from '../../db/schema';
import type { GreenChannelStatus } from '../../db/schema-listing';
import { writeAudit } from '../../platform/audit';
import { isCalendarDate, todayInShanghai } from '../../platform/dates';
import { badRequest, conflict, notFound } from '../../platform/errors';
import type { GreenChannelInput } from './listing.schemas';
import { officerUser, type Handle } from './pool.repository';
import type { Ctx } from './pool.service';
import { alertsOn, DEFAULT_GREEN_CHANNEL_WORKING_DAYS, dueDate, workingDaysBetween, type WorkCalendar } from './working-days';

export const SETTINGS_KEY = 'listing.greenChannel';
export const ALERT_JOB = 'listing-green-channel-alerts';

/** The handling steps; anything not listed is a 409. */
export const GREEN_CHANNEL_ACTIONS = {
  start: { from: ['open'], to: 'in_progress', needsNote: false },
  complete: { from: ['open', 'in_progress'], to: 'done', needsNote: false },
  cancel: { from: ['open', 'in_progress'], to: 'cancelled', needsNote: true },
} as const satisfies Record<string, { from: readonly GreenChannelStatus[]; to: GreenChannelStatus; needsNote: boolean }>;
export type GreenChannelAction = keyof typeof GREEN_CHANNEL_ACTIONS;

export async function loadCalendar(db: Handle, from: string, to: string): Promise<WorkCalendar> {
  const rows = await db.selectFrom('working_calendar').select(['day', 'kind']).where('day', '>=', from).where('day', '<=', to).execute();
  return { holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.day)), workdays: new Set(rows.filter((r) => r.kind === 'workday').map((r) => r.day)) };
}
const calendarAround = (db: Handle, day: string) => loadCalendar(db, `${Number(day.slice(0, 4)) - 1}-01-01`, `${Number(day.slice(0, 4)) + 1}-12-31`);

export async function greenChannelSettings(db: Handle) {
  const row = await db.selectFrom('meta').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  const v = row?.value as { defaultWorkingDays?: number } | undefined;
  return { defaultWorkingDays: v?.defaultWorkingDays ?? DEFAULT_GREEN_CHANNEL_WORKING_DAYS };
}

export async function updateGreenChannelSettings(db: Database, ctx: Ctx, input: { defaultWorkingDays: number }) {
  await db.transaction().execute(async (trx) => {
    const before = await greenChannelSettings(trx);
    await trx.insertInto('meta').values({ key: SETTINGS_KEY, value: JSON.stringify(input) as never })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(input) as never })).execute();
    await writeAudit(trx, ctx, { action: 'listing.green_channel.settings', entityType: 'settings', entityId: SETTINGS_KEY, before, after: input });
  });
  return greenChannelSettings(db);
}

export async function getCalendar(db: Database, year: number) {
  const rows = await db.selectFrom('working_calendar').select(['day', 'kind', 'note']).where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`).orderBy('day').execute();
  return { year, days: rows.map((r) => ({ day: r.day, kind: r.kind, note: r.note })) };
}

/** Replaces a year's holidays and make-up workdays (the State Council's notice for the year). */
export async function setCalendar(db: Database, ctx: Ctx, input: { year: number; days: { day: string; kind: 'holiday' | 'workday'; note?: string | undefined }[] }) {
  const seen = new Set<string>();
  input.days.forEach((d, i) => {
    if (!d.day.startsWith(`${input.year}-`)) throw badRequest([{ path: `body.days[${i}].day`, message: `must be in ${input.year}` }]);
    if (seen.has(d.day)) throw badRequest([{ path: `body.days[${i}].day`, message: `${d.day} is listed twice` }]);
    seen.add(d.day);
  });
  await db.transaction().execute(async (trx) => {
    const before = await getCalendar(trx as never, input.year);
    await trx.deleteFrom('working_calendar').where('day', '>=', `${input.year}-01-01`).where('day', '<=', `${input.year}-12-31`).execute();
    if (input.days.length) await trx.insertInto('working_calendar').values(input.days.map((d) => ({ day: d.day, kind: d.kind, note: d.note ?? null, updated_by: ctx.principal?.userId ?? null }))).execute();
    await writeAudit(trx, ctx, { action: 'listing.calendar.set', entityType: 'working_calendar', entityId: String(input.year), before: before.days, after: input.days });
  });
  return getCalendar(db, input.year);
}

async function nextRequestNo(trx: Transaction<DB>, year: string) {
  await sql`select pg_advisory_xact_lock(hashtext('kcjr.green_channel.no'))`.execute(trx);
  const r = await trx.selectFrom('green_channel_requests').select((eb) => eb.fn.countAll<string>().as('n')).where('request_no', 'like', `GC-${year}-%`).executeTakeFirstOrThrow();
  return `GC-${year}-${String(Number(r.n) + 1).padStart(4, '0')}`;
}

export async function createGreenChannelRequest(db: Database, ctx: Ctx, input: GreenChannelInput) {
  const id = await db.transaction().execute(async (trx) => {
    const entry = await trx.selectFrom('listing_pool').select('tier').where('enterprise_id', '=', input.enterpriseId).executeTakeFirst();
    if (!entry) throw badRequest([{ path: 'body.enterpriseId', message: 'the green channel serves pool enterprises; this enterprise is not in the pool' }]);
    if (entry.tier === 'exited') throw conflict('the enterprise has left the pool');
    const handler = input.handlerUserId ?? ctx.principal!.userId;
    if (!(await officerUser(trx, handler))) throw badRequest([{ path: 'body.handlerUserId', message: 'must be an active officer or administrator of the office' }]);
    const workingDays = input.workingDays ?? (await greenChannelSettings(trx)).defaultWorkingDays;
    const dueOn = dueDate(input.requestedOn, workingDays, await calendarAround(trx, input.requestedOn));
    const row = await trx.insertInto('green_channel_requests').values({
      request_no: await nextRequestNo(trx, input.requestedOn.slice(0, 4)), enterprise_id: input.enterpriseId, department: input.department, document: input.document,
      requested_on: input.requestedOn, working_days: workingDays, due_on: dueOn, status: 'open', handler_user_id: handler, completed_on: null, created_by: ctx.principal?.userId ?? null,
    }).returning(['id', 'request_no']).executeTakeFirstOrThrow();
    await trx.insertInto('green_channel_events').values({ request_id: row.id, actor_user_id: ctx.principal?.userId ?? null, action: 'create', from_status: null, to_status: 'open', note: null }).execute();
    await writeAudit(trx, ctx, { action: 'listing.green_channel.create', entityType: 'green_channel_request', entityId: row.id, after: { requestNo: row.request_no, ...input, workingDays, dueOn, handlerUserId: handler } });
    return row.id;
  });
  return getGreenChannelRequest(db, id);
}

export async function actOnGreenChannelRequest(db: Database, ctx: Ctx, id: string, action: GreenChannelAction, input: { note?: string | undefined; on?: string | undefined }) {
  const a = GREEN_CHANNEL_ACTIONS[action];
  const on = input.on ?? todayInShanghai();
  await db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('green_channel_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!r) throw notFound('green channel request');
    if (!(a.from as readonly string[]).includes(r.status)) throw conflict(`cannot ${action} a request that is ${r.status} (allowed from: ${a.from.join(', ')})`);
    if (a.needsNote && !input.note?.trim()) throw badRequest([{ path: 'body.note', message: `a note is required to ${action}` }]);
    if (action === 'complete' && on < r.requested_on) throw badRequest([{ path: 'body.on', message: `must not be before the request (${r.requested_on})` }]);
    await trx.updateTable('green_channel_requests').set({ status: a.to, ...(action === 'complete' ? { completed_on: on } : {}), updated_at: new Date() }).where('id', '=', id).execute();
    await trx.insertInto('green_channel_events').values({ request_id: id, actor_user_id: ctx.principal?.userId ?? null, action, from_status: r.status, to_status: a.to, note: input.note ?? null }).execute();
    await writeAudit(trx, ctx, { action: `listing.green_channel.${action}`, entityType: 'green_channel_request', entityId: id, before: { status: r.status }, after: { status: a.to, note: input.note ?? null, ...(action === 'complete' ? { completedOn: on } : {}) } });
  });
  return getGreenChannelRequest(db, id);
}

function requestView(r: { id: string; request_no: string; enterprise_id: string; enterprise_name: string; department: string; document: string; requested_on: string; working_days: number; due_on: string; status: string; handler_user_id: string | null; handler_name: string | null; completed_on: string | null }, today: string, cal: WorkCalendar) {
  const open = r.status === 'open' || r.status === 'in_progress';
  return {
    id: r.id, requestNo: r.request_no, enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name, department: r.department, document: r.document,
    requestedOn: r.requested_on, workingDays: r.working_days, dueOn: r.due_on, status: r.status, completedOn: r.completed_on,
    handler: r.handler_user_id ? { id: r.handler_user_id, displayName: r.handler_name } : null,
    /** Working days left until the due date (negative: overdue); null once finished. */
    workingDaysLeft: open ? workingDaysBetween(today, r.due_on, cal) : null,
    onTime: r.status === 'done' ? r.completed_on! <= r.due_on : null,
  };
}

const requestSelect = (db: Handle) => db.selectFrom('green_channel_requests as g').innerJoin('enterprises as e', 'e.id', 'g.enterprise_id').leftJoin('users as u', 'u.id', 'g.handler_user_id')
  .select(['g.id', 'g.request_no', 'g.enterprise_id', 'e.name as enterprise_name', 'g.department', 'g.document', 'g.requested_on', 'g.working_days', 'g.due_on', 'g.status', 'g.handler_user_id', 'u.display_name as handler_name', 'g.completed_on']);

export async function getGreenChannelRequest(db: Database, id: string) {
  const r = await requestSelect(db).where('g.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('green channel request');
  const today = todayInShanghai();
  const [events, alerts, cal] = await Promise.all([
    db.selectFrom('green_channel_events as v').leftJoin('users as u', 'u.id', 'v.actor_user_id').select(['v.at', 'v.action', 'v.from_status', 'v.to_status', 'v.note', 'u.display_name']).where('v.request_id', '=', id).orderBy('v.id').execute(),
    db.selectFrom('green_channel_alerts').selectAll().where('request_id', '=', id).orderBy('raised_at').execute(),
    calendarAround(db, r.due_on),
  ]);
  return {
    ...requestView(r, today, cal),
    record: events.map((e) => ({ at: e.at, action: e.action, from: e.from_status, to: e.to_status, note: e.note, by: e.display_name })),
    alerts: alerts.map((a) => ({ kind: a.kind, dueOn: a.due_on, raisedOn: a.raised_on, acknowledgedAt: a.acknowledged_at })),
  };
}

export async function listGreenChannelRequests(db: Database, q: { page: number; pageSize: number; status?: GreenChannelStatus[] | undefined; enterpriseId?: string | undefined }) {
  let base = db.selectFrom('green_channel_requests as g');
  if (q.status?.length) base = base.where('g.status', 'in', q.status);
  if (q.enterpriseId) base = base.where('g.enterprise_id', '=', q.enterpriseId);
  const today = todayInShanghai();
  const [rows, total, cal] = await Promise.all([
    base.innerJoin('enterprises as e', 'e.id', 'g.enterprise_id').leftJoin('users as u', 'u.id', 'g.handler_user_id')
      .select(['g.id', 'g.request_no', 'g.enterprise_id', 'e.name as enterprise_name', 'g.department', 'g.document', 'g.requested_on', 'g.working_days', 'g.due_on', 'g.status', 'g.handler_user_id', 'u.display_name as handler_name', 'g.completed_on'])
      .orderBy('g.due_on').orderBy('g.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    calendarAround(db, today),
  ]);
  return { items: rows.map((r) => requestView(r, today, cal)), total: Number(total.n), page: q.page, pageSize: q.pageSize };
}

/** Unacknowledged alerts of unfinished requests, the most urgent first. */
export async function listAlerts(db: Database) {
  const rows = await db.selectFrom('green_channel_alerts as a').innerJoin('green_channel_requests as g', 'g.id', 'a.request_id').innerJoin('enterprises as e', 'e.id', 'g.enterprise_id')
    .leftJoin('users as u', 'u.id', 'g.handler_user_id')
    .select(['a.request_id', 'a.kind', 'a.due_on', 'a.raised_on', 'g.request_no', 'g.document', 'g.department', 'g.status', 'e.name as enterprise_name', 'u.display_name as handler_name'])
    .where('a.acknowledged_at', 'is', null).where('g.status', 'in', ['open', 'in_progress'])
    .orderBy('a.due_on').orderBy('a.kind', 'desc').execute();
  return { items: rows.map((r) => ({ requestId: r.request_id, requestNo: r.request_no, kind: r.kind, dueOn: r.due_on, raisedOn: r.raised_on, document: r.document, department: r.department, enterpriseName: r.enterprise_name, handler: r.handler_name, status: r.status })) };
}

export async function acknowledgeAlert(db: Database, ctx: Ctx, requestId: string, kind: string) {
  await db.transaction().execute(async (trx) => {
    const a = await trx.selectFrom('green_channel_alerts').selectAll().where('request_id', '=', requestId).where('kind', '=', kind as never).forUpdate().executeTakeFirst();
    if (!a) throw notFound('alert');
    if (a.acknowledged_at) throw conflict('the alert was already acknowledged');
    await trx.updateTable('green_channel_alerts').set({ acknowledged_by: ctx.principal?.userId ?? null, acknowledged_at: new Date() }).where('request_id', '=', requestId).where('kind', '=', kind as never).execute();
    await writeAudit(trx, ctx, { action: 'listing.green_channel.acknowledge', entityType: 'green_channel_request', entityId: requestId, after: { alert: kind } });
  });
  return listAlerts(db);
}

/**
 * The alert sweep (pg-boss job, daily and on demand): raises each earned alert of every unfinished request once
 * (primary key request × kind), so running it twice a day or on two hosts raises nothing twice.
 */
export async function sweepGreenChannelAlerts(db: Database, opts: { asOf?: unknown } = {}) {
  const asOf = opts.asOf === undefined ? todayInShanghai() : String(opts.asOf);
  if (!isCalendarDate(asOf)) throw badRequest([{ path: 'data.asOf', message: 'must be a calendar date YYYY-MM-DD' }]);
  return db.transaction().execute(async (trx) => {
    const open = await trx.selectFrom('green_channel_requests').select(['id', 'due_on']).where('status', 'in', ['open', 'in_progress']).where('requested_on', '<=', asOf).execute();
    const cal = await calendarAround(trx, asOf);
    const rows = open.flatMap((r) => alertsOn(asOf, r.due_on, cal).map((kind) => ({ request_id: r.id, kind, due_on: r.due_on, raised_on: asOf })));
    if (rows.length === 0) return { asOf, raised: 0 };
    const inserted = await trx.insertInto('green_channel_alerts').values(rows).onConflict((oc) => oc.columns(['request_id', 'kind']).doNothing()).returning(['request_id', 'kind']).execute();
    if (inserted.length) {
      await writeAudit(trx, { principal: null, requestId: null, systemActor: `job:${ALERT_JOB}` }, { action: 'listing.green_channel.alerts', entityType: 'green_channel', entityId: asOf, after: { raised: inserted.map((i) => `${i.request_id}:${i.kind}`) } });
    }
    return { asOf, raised: inserted.length };
  });
}
