import { sql } from 'kysely';
import type { Database } from '../../db/connect';
import { writeAudit, writeAuditBatch } from '../../platform/audit';
import { isCalendarDate, todayInShanghai } from '../../platform/dates';
import { badRequest } from '../../platform/errors';
import { fenToYuanOrNull } from '../../platform/money';
import type { ActorContext } from '../../platform/principal';
import type { Handle } from './applications.repository';
import type { Ctx } from './applications.service';
import { checkSlaLines, daysBetween, DEFAULT_SLA_LINES } from './calendar';
import { AWAITING_BANK } from './transitions';

// 2017 report (seed 003, 第三章): "在审核系统中设置了 30 天、60 天、90 天银行审批预警线" — days since the
// recommendation without a bank decision. The lines are a setting (meta key below), default 30/60/90.
const SETTING_KEY = 'application.sla_lines';
export const SWEEP_JOB = 'application-sla-sweep';

export async function slaLines(db: Handle): Promise<number[]> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', SETTING_KEY).executeTakeFirst();
  const lines = (row?.value as { lines?: unknown } | undefined)?.lines;
  const checked = checkSlaLines(lines);
  return checked.ok ? checked.lines : [...DEFAULT_SLA_LINES];
}

export async function setSlaLines(db: Database, ctx: Ctx, lines: number[]) {
  const checked = checkSlaLines(lines);
  if (!checked.ok) throw badRequest([{ path: 'body.lines', message: checked.message }]);
  await db.transaction().execute(async (trx) => {
    const before = await slaLines(trx);
    const value = JSON.stringify({ lines: checked.lines });
    await trx.insertInto('meta').values({ key: SETTING_KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
    await writeAudit(trx, ctx, { action: 'application.sla_lines.update', entityType: 'setting', entityId: SETTING_KEY, before: { lines: before }, after: { lines: checked.lines } });
  });
  return { lines: checked.lines };
}

/**
 * The sweeper: marks every line crossed by the current recommendation of each application still waiting for
 * its bank, once (the primary key (application, assignment, line) makes a second run insert nothing), whether
 * or not anyone opens the record; and resolves warnings left open on applications the bank has decided.
 */
export async function sweepSlaWarnings(db: Database, input: { asOf?: unknown } = {}) {
  const asOf = input.asOf === undefined ? todayInShanghai() : input.asOf;
  if (typeof asOf !== 'string' || !isCalendarDate(asOf)) throw badRequest([{ path: 'data.asOf', message: 'must be a calendar date YYYY-MM-DD' }]);
  const ctx: ActorContext = { principal: null, requestId: null, systemActor: `job:${SWEEP_JOB}` };
  return db.transaction().execute(async (trx) => {
    const lines = await slaLines(trx);
    const marked = await sql<{ application_id: string; assignment_seq: number; line_days: number; due_on: string; status: string }>`
      with crossed as (
        insert into application_sla_warnings (application_id, assignment_seq, line_days, bank_org_id, recommended_on, due_on)
        select a.id, s.seq, l.line, s.bank_org_id, s.recommended_on, s.recommended_on + l.line
        from applications a
        join lateral (
          select seq, bank_org_id, recommended_on from application_assignments x where x.application_id = a.id order by seq desc limit 1
        ) s on true
        cross join unnest(string_to_array(${lines.join(',')}, ',')::int[]) as l(line)
        where a.status in (${sql.join(AWAITING_BANK.map((s) => sql.lit(s)))}) and s.recommended_on + l.line <= ${asOf}::date
        on conflict do nothing
        returning application_id, assignment_seq, line_days, due_on
      )
      select c.*, a.status from crossed c join applications a on a.id = c.application_id
      order by c.application_id, c.line_days`.execute(trx);
    const resolved = await sql<{ application_id: string }>`
      update application_sla_warnings w set resolved_at = now()
      from applications a
      where a.id = w.application_id and w.resolved_at is null and a.status not in (${sql.join(AWAITING_BANK.map((s) => sql.lit(s)))})
      returning w.application_id`.execute(trx);
    if (marked.rows.length) {
      await trx.insertInto('application_events').values(marked.rows.map((m) => ({
        application_id: m.application_id, actor_user_id: null, action: 'sla_warning', from_status: m.status, to_status: m.status,
        reason: `${m.line_days}-day approval warning line passed on ${m.due_on} without a bank decision`,
        data: JSON.stringify({ lineDays: m.line_days, dueOn: m.due_on, assignmentSeq: m.assignment_seq }),
      }))).execute();
      await writeAuditBatch(trx, ctx, marked.rows.map((m) => ({
        action: 'application.sla_warning.mark', entityType: 'application', entityId: m.application_id,
        after: { assignmentSeq: m.assignment_seq, lineDays: m.line_days, dueOn: m.due_on, asOf },
      })));
    }
    if (resolved.rows.length) {
      await writeAudit(trx, ctx, { action: 'application.sla_warning.resolve_stale', entityType: 'job', entityId: SWEEP_JOB, after: { count: resolved.rows.length, asOf } });
    }
    return { asOf, lines, marked: marked.rows.length, resolved: resolved.rows.length };
  });
}

/** The officers' warning dashboard (every bank) and a bank's own overdue items. */
export async function listWarnings(db: Database, ctx: Ctx, q: { page: number; pageSize: number; state: 'open' | 'resolved' | 'all'; bank?: string | undefined; line?: number | undefined }) {
  let base = db
    .selectFrom('application_sla_warnings as w')
    .innerJoin('applications as a', 'a.id', 'w.application_id')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .innerJoin('organizations as b', 'b.id', 'w.bank_org_id');
  if (ctx.principal.role === 'institution_user') base = base.where('w.bank_org_id', '=', ctx.principal.organizationId);
  if (q.state === 'open') base = base.where('w.resolved_at', 'is', null);
  if (q.state === 'resolved') base = base.where('w.resolved_at', 'is not', null);
  if (q.bank) base = base.where('b.code', '=', q.bank);
  if (q.line) base = base.where('w.line_days', '=', q.line);
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .select(['a.id', 'a.application_no', 'a.status', 'a.recommended_amount', 'e.name as enterprise_name', 'e.district', 'b.code as bank_code', 'b.name as bank_name',
        'w.assignment_seq', 'w.line_days', 'w.recommended_on', 'w.due_on', 'w.marked_at', 'w.resolved_at'])
      .orderBy('w.due_on').orderBy('a.application_no').orderBy('w.line_days')
      .limit(q.pageSize).offset((q.page - 1) * q.pageSize)
      .execute(),
  ]);
  const today = todayInShanghai();
  return {
    items: rows.map((r) => ({
      application: { id: r.id, applicationNo: r.application_no, status: r.status, enterpriseName: r.enterprise_name, district: r.district, recommendedAmount: fenToYuanOrNull(r.recommended_amount) },
      bank: { code: r.bank_code, name: r.bank_name },
      assignmentSeq: r.assignment_seq, lineDays: r.line_days, recommendedOn: r.recommended_on, dueOn: r.due_on,
      daysSinceRecommendation: daysBetween(r.recommended_on, today), markedAt: new Date(r.marked_at).toISOString(), resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
    })),
    total: Number(count.n), page: q.page, pageSize: q.pageSize,
  };
}
