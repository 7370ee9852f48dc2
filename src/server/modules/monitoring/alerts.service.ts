import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../../db/connect';
import type { DB } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { isCalendarDate } from '../../platform/dates';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import type { ActorContext, Principal } from '../../platform/principal';
import { ALERT_RULES, checkThreshold, isAlertRule, nextAlertStatus, RULE_NAMES, thresholdOn, type AlertAction, type AlertStatus } from './alert-rules';
import { thresholdRows } from './alert-run.service';

type Ctx = ActorContext & { principal: Principal };

/** Office staff see every alert; an institution the alerts it owns; other roles have no inbox (403 at the route). */
function scoped<O>(q: SelectQueryBuilder<DB, 'alerts', O>, p: Principal): SelectQueryBuilder<DB, 'alerts', O> {
  if (p.role === 'institution_user') return q.where('alerts.owner_org_id', '=', p.organizationId);
  if (['admin', 'officer', 'auditor'].includes(p.role)) return q;
  return q.where(sql<boolean>`false`);
}

const ALERT_COLUMNS = [
  'alerts.id', 'alerts.rule', 'alerts.level', 'alerts.severity', 'alerts.subject_type', 'alerts.subject_id', 'alerts.subject_name', 'alerts.enterprise_id',
  'alerts.owner_org_id', 'alerts.status', 'alerts.title', 'alerts.measured', 'alerts.threshold', 'alerts.detail', 'alerts.first_seen_on', 'alerts.last_seen_on',
  'alerts.raised_at', 'alerts.acknowledged_at', 'alerts.resolved_at', 'alerts.resolution_note',
] as const;

function view(r: Record<string, unknown> & { owner_name?: string | null; read_at?: Date | null }) {
  return {
    id: r.id, rule: r.rule, ruleName: ALERT_RULES[r.rule as keyof typeof ALERT_RULES]?.zh ?? r.rule, level: r.level, severity: r.severity,
    subject: { type: r.subject_type, id: r.subject_id, name: r.subject_name }, enterpriseId: r.enterprise_id,
    owner: { id: r.owner_org_id, name: r.owner_name ?? null }, status: r.status, title: r.title, measured: r.measured, threshold: r.threshold,
    detail: r.detail, firstSeenOn: r.first_seen_on, lastSeenOn: r.last_seen_on, raisedAt: r.raised_at, acknowledgedAt: r.acknowledged_at,
    resolvedAt: r.resolved_at, resolutionNote: r.resolution_note, read: r.read_at != null,
  };
}

export interface AlertListQuery {
  page: number;
  pageSize: number;
  status?: AlertStatus | 'unresolved' | undefined;
  rule?: string | undefined;
  level?: 'enterprise' | 'portfolio' | undefined;
  unread?: boolean | undefined;
  enterpriseId?: string | undefined;
}

export async function listAlerts(db: Database, ctx: Ctx, q: AlertListQuery) {
  if (q.rule && !isAlertRule(q.rule)) throw badRequest([{ path: 'query.rule', message: `must be one of ${RULE_NAMES.join(', ')}` }]);
  const uid = ctx.principal.userId;
  let base = scoped(db.selectFrom('alerts'), ctx.principal);
  if (q.status === 'unresolved') base = base.where('alerts.status', '<>', 'resolved');
  else if (q.status) base = base.where('alerts.status', '=', q.status);
  if (q.rule) base = base.where('alerts.rule', '=', q.rule);
  if (q.level) base = base.where('alerts.level', '=', q.level);
  if (q.enterpriseId) base = base.where('alerts.enterprise_id', '=', q.enterpriseId);
  if (q.unread) base = base.where(({ not, exists, selectFrom }) => not(exists(selectFrom('alert_reads as r').select('r.alert_id').whereRef('r.alert_id', '=', 'alerts.id').where('r.user_id', '=', uid))));
  const total = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin('organizations as o', 'o.id', 'alerts.owner_org_id')
    .leftJoin('alert_reads as rd', (j) => j.onRef('rd.alert_id', '=', 'alerts.id').on('rd.user_id', '=', uid))
    .select([...ALERT_COLUMNS, 'o.name as owner_name', 'rd.read_at'])
    .orderBy('alerts.raised_at', 'desc').orderBy('alerts.id')
    .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { items: rows.map((r) => view(r as never)), total: total.n, page: q.page, pageSize: q.pageSize };
}

/** Unread (by this user) and unresolved counts of the caller's inbox, by severity: the menu badge. */
export async function alertCounts(db: Database, ctx: Ctx) {
  const uid = ctx.principal.userId;
  const r = await scoped(db.selectFrom('alerts'), ctx.principal)
    .where('alerts.status', '<>', 'resolved')
    .select([
      sql<number>`count(*)::int`.as('unresolved'),
      sql<number>`(count(*) filter (where alerts.severity = 'critical'))::int`.as('critical'),
      sql<number>`(count(*) filter (where not exists (select 1 from alert_reads r where r.alert_id = alerts.id and r.user_id = ${uid})))::int`.as('unread'),
    ]).executeTakeFirstOrThrow();
  return r;
}

async function scopedAlert(db: Database, p: Principal, id: string) {
  const r = await scoped(db.selectFrom('alerts'), p).leftJoin('organizations as o', 'o.id', 'alerts.owner_org_id')
    .select([...ALERT_COLUMNS, 'o.name as owner_name']).where('alerts.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('alert');
  return r;
}

export async function getAlert(db: Database, ctx: Ctx, id: string) {
  const r = await scopedAlert(db, ctx.principal, id);
  const events = await db.selectFrom('alert_events').select(['at', 'action', 'from_status', 'to_status', 'actor_name', 'note']).where('alert_id', '=', id).orderBy('id').execute();
  const read = await db.selectFrom('alert_reads').select('read_at').where('alert_id', '=', id).where('user_id', '=', ctx.principal.userId).executeTakeFirst();
  return { ...view({ ...r, read_at: read?.read_at ?? null } as never), history: events.map((e) => ({ at: e.at, action: e.action, from: e.from_status, to: e.to_status, by: e.actor_name, note: e.note })) };
}

/** Marks an alert read for the caller (a receipt, not a change of the alert: not in the audit chain). */
export async function markRead(db: Database, ctx: Ctx, id: string) {
  await scopedAlert(db, ctx.principal, id);
  await db.insertInto('alert_reads').values({ alert_id: id, user_id: ctx.principal.userId }).onConflict((oc) => oc.columns(['user_id', 'alert_id']).doNothing()).execute();
  return { id, read: true };
}

/** Acknowledge or resolve (with a note) through the transition table; the row is locked so two changes serialise. */
export async function changeAlert(db: Database, ctx: Ctx, id: string, action: AlertAction, note: string | undefined) {
  if (ctx.principal.role === 'auditor') throw forbidden('auditors read alerts; they do not handle them');
  if (action === 'resolve' && !note?.trim()) throw badRequest([{ path: 'body.note', message: 'a resolution needs a note saying what was done' }]);
  await scopedAlert(db, ctx.principal, id);
  return db.transaction().execute(async (trx) => {
    const cur = await trx.selectFrom('alerts').select(['status']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    const to = nextAlertStatus(action, cur.status);
    if (!to) throw conflict(`an alert that is ${cur.status} cannot be ${action === 'resolve' ? 'resolved' : 'acknowledged'}`);
    const now = new Date();
    await trx.updateTable('alerts').set(action === 'acknowledge'
      ? { status: to, acknowledged_by: ctx.principal.userId, acknowledged_at: now }
      : { status: to, resolved_by: ctx.principal.userId, resolved_at: now, resolution_note: note!.trim() }).where('id', '=', id).execute();
    await trx.insertInto('alert_events').values({ alert_id: id, action, from_status: cur.status, to_status: to, actor_user_id: ctx.principal.userId, actor_name: ctx.principal.username, note: note?.trim() || null }).execute();
    await writeAudit(trx, ctx, { action: `alert.${action}`, entityType: 'alert', entityId: id, before: { status: cur.status }, after: { status: to, ...(note ? { note: note.trim() } : {}) } });
    return getAlert(trx as unknown as Database, ctx, id);
  });
}

/** Every rule with its threshold today and the dated history of its thresholds. */
export async function listRules(db: Database, today: string) {
  const rows = await db.selectFrom('alert_thresholds').select(['rule', 'effective_from', 'value', 'reference', 'set_at']).orderBy('rule').orderBy('effective_from').execute();
  const th = await thresholdRows(db);
  return {
    items: RULE_NAMES.map((rule) => ({
      rule, ...ALERT_RULES[rule], current: thresholdOn(th, rule, today),
      thresholds: rows.filter((r) => r.rule === rule).map((r) => ({ effectiveFrom: r.effective_from, value: Number(r.value), reference: r.reference, setAt: r.set_at })),
    })),
  };
}

/** A new dated threshold (from its effective date on); an existing date's value is replaced, audited. */
export async function setThreshold(db: Database, ctx: Ctx, rule: string, input: { value: number; effectiveFrom: string; reference: string }) {
  if (!isAlertRule(rule)) throw notFound(`alert rule ${rule}`);
  const problem = checkThreshold(rule, input.value);
  if (problem) throw badRequest([{ path: 'body.value', message: problem }]);
  if (!isCalendarDate(input.effectiveFrom)) throw badRequest([{ path: 'body.effectiveFrom', message: 'must be a calendar date YYYY-MM-DD' }]);
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('alert_thresholds').select(['value', 'reference']).where('rule', '=', rule).where('effective_from', '=', input.effectiveFrom).executeTakeFirst();
    const row = await trx.insertInto('alert_thresholds').values({ rule, effective_from: input.effectiveFrom, value: input.value, reference: input.reference, set_by: ctx.principal.userId })
      .onConflict((oc) => oc.columns(['rule', 'effective_from']).doUpdateSet({ value: input.value, reference: input.reference, set_by: ctx.principal.userId }))
      .returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'alert_threshold.set', entityType: 'alert_threshold', entityId: row.id, before: before ? { value: Number(before.value), reference: before.reference } : null, after: { rule, ...input } });
    return { rule, effectiveFrom: input.effectiveFrom, value: input.value, reference: input.reference };
  });
}
