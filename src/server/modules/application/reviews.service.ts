import { sql } from 'kysely';
import type { Database } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { conflict } from '../../platform/errors';
import { act } from './actions.service';
import type { Ctx } from './applications.service';

/** 评审: an expert scores an application in review, at a meeting or before it; once per reviewer and meeting. */
export async function scoreApplication(
  db: Database, ctx: Ctx, id: string,
  input: { score: number; opinion?: string | undefined; decision?: 'recommend' | 'defer' | 'reject' | undefined; meetingId?: string | undefined },
) {
  return act(db, ctx, id, 'score', { meetingId: input.meetingId ?? null }, async (trx) => {
    let dup = trx.selectFrom('application_reviews').select('id').where('application_id', '=', id).where('reviewer_user_id', '=', ctx.principal.userId);
    dup = input.meetingId ? dup.where('meeting_id', '=', input.meetingId) : dup.where('meeting_id', 'is', null);
    if (await dup.executeTakeFirst()) throw conflict(input.meetingId ? 'you already scored this application at this meeting' : 'you already scored this application outside a meeting');
    const r = await trx
      .insertInto('application_reviews')
      .values({ application_id: id, meeting_id: input.meetingId ?? null, reviewer_user_id: ctx.principal.userId, score: input.score, opinion: input.opinion ?? null, decision: input.decision ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { data: { reviewId: r.id, score: input.score, decision: input.decision ?? null } };
  });
}

/** A review meeting (评审会) record; its decisions are the recommend/defer/reject actions that name it. */
export async function createMeeting(db: Database, ctx: Ctx, input: { heldOn: string; title: string; notes?: string | undefined }) {
  const row = await db.transaction().execute(async (trx) => {
    const m = await trx.insertInto('review_meetings').values({ held_on: input.heldOn, title: input.title, notes: input.notes ?? null, created_by: ctx.principal.userId }).returning(['id', 'held_on', 'title', 'notes']).executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'application.meeting.create', entityType: 'review_meeting', entityId: m.id, after: input });
    return m;
  });
  return { id: row.id, heldOn: row.held_on, title: row.title, notes: row.notes, reviewed: 0, recommended: 0, deferred: 0, rejected: 0, scores: 0 };
}

type Period = 'meeting' | 'month' | 'quarter' | 'year';

/**
 * Review-meeting throughput (2017 report: 47 评审会, 670 reviewed, 590 recommended). "Reviewed" counts the
 * applications a meeting decided (recommended, deferred or rejected naming it); "recommended" those of them it
 * recommended; "scores" the reviewers' score sheets filed for it. Per meeting, or summed per month/quarter/year.
 */
export async function reviewThroughput(db: Database, q: { from?: string | undefined; to?: string | undefined; by: Period }) {
  const decided = sql<number>`count(distinct ev.application_id) filter (where ev.action in ('recommend','defer','reject'))`;
  const per = (action: string) => sql<number>`count(distinct ev.application_id) filter (where ev.action = ${action})`;
  let base = db
    .selectFrom('review_meetings as m')
    .leftJoin('application_events as ev', (j) => j.on(sql`ev.data->>'meetingId'`, '=', sql`m.id::text`).on('ev.action', 'in', ['recommend', 'defer', 'reject']));
  if (q.from) base = base.where('m.held_on', '>=', q.from);
  if (q.to) base = base.where('m.held_on', '<=', q.to);
  const scores = sql<number>`(select count(*) from application_reviews r where r.meeting_id = m.id)`;
  const meetings = await base
    .select(['m.id', 'm.held_on', 'm.title', 'm.notes', decided.as('reviewed'), per('recommend').as('recommended'), per('defer').as('deferred'), per('reject').as('rejected'), scores.as('scores')])
    .groupBy(['m.id', 'm.held_on', 'm.title', 'm.notes'])
    .orderBy('m.held_on')
    .orderBy('m.id')
    .execute();
  const rows = meetings.map((m) => ({
    id: m.id, heldOn: m.held_on, title: m.title, notes: m.notes,
    reviewed: Number(m.reviewed), recommended: Number(m.recommended), deferred: Number(m.deferred), rejected: Number(m.rejected), scores: Number(m.scores),
  }));
  const sum = (list: typeof rows) => ({
    meetings: list.length,
    reviewed: list.reduce((s, r) => s + r.reviewed, 0),
    recommended: list.reduce((s, r) => s + r.recommended, 0),
    deferred: list.reduce((s, r) => s + r.deferred, 0),
    rejected: list.reduce((s, r) => s + r.rejected, 0),
  });
  if (q.by === 'meeting') return { by: q.by, meetings: rows, total: sum(rows) };
  const key = (d: string) => (q.by === 'year' ? d.slice(0, 4) : q.by === 'month' ? d.slice(0, 7) : `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`);
  const groups = new Map<string, typeof rows>();
  for (const r of rows) groups.set(key(r.heldOn), [...(groups.get(key(r.heldOn)) ?? []), r]);
  return { by: q.by, periods: [...groups].map(([period, list]) => ({ period, ...sum(list) })), total: sum(rows) };
}
