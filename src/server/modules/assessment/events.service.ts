import type { Database } from '../../db/connect';
import { changedFields, writeAudit } from '../../platform/audit';
import { badRequest, conflict, notFound } from '../../platform/errors';
import type { ActorContext } from '../../platform/principal';
import { bankIdByCode, eventById, listEventRows, type EventRow } from './events.repository';
import type { CreateEventInput, ListEventsQuery, UpdateEventInput } from './events.schemas';

type Ctx = ActorContext;

/**
 * Who sees which events: office staff (admin, officer, auditor) every one; a bank the events it co-hosted (the
 * ones its assessment counts). Anything else is outside the caller's scope and reads as 404.
 */
function bankScope(ctx: Ctx): { bankOrgId: string | null } {
  const p = ctx.principal;
  return { bankOrgId: p?.role === 'institution_user' ? p.organizationId : null };
}

export function eventView(r: EventRow) {
  return {
    id: r.id, heldOn: r.held_on, title: r.title,
    bank: r.bank_code ? { code: r.bank_code, name: r.bank_name! } : null,
    stationCode: r.station_code, attendees: r.attendees, demo: r.demo,
    createdBy: r.creator_id ? { id: r.creator_id, username: r.creator_username!, displayName: r.creator_name! } : null,
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export async function listEvents(db: Database, ctx: Ctx, q: ListEventsQuery) {
  const { total, rows } = await listEventRows(db, q, bankScope(ctx));
  return { items: rows.map(eventView), total, page: q.page, pageSize: q.pageSize };
}

export async function getEvent(db: Database, ctx: Ctx, id: string) {
  const row = await eventById(db, id);
  const scope = bankScope(ctx);
  if (!row || (scope.bankOrgId && row.bank_org_id !== scope.bankOrgId)) throw notFound('event');
  return eventView(row);
}

/** The audited shape of an event: what the register stores, with the bank as its code. */
const audited = (e: { heldOn: string; title: string; bankCode: string | null; stationCode: string | null; attendees: number }) => e;

async function resolveBank(db: Database, code: string | null | undefined, path: string): Promise<string | null> {
  if (code === null || code === undefined) return null;
  const id = await bankIdByCode(db, code);
  if (!id) throw badRequest([{ path, message: `no bank with code '${code}'` }]);
  return id;
}

const DUPLICATE = 'an event with this date, title, bank and station is already in the register';
const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

export async function createEvent(db: Database, ctx: Ctx & { principal: NonNullable<Ctx['principal']> }, input: CreateEventInput) {
  const bankOrgId = await resolveBank(db, input.bankCode, 'body.bankCode');
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('events').values({
      held_on: input.heldOn, title: input.title, bank_org_id: bankOrgId, station_code: input.stationCode ?? null, attendees: input.attendees, created_by: ctx.principal.userId,
    }).onConflict((oc) => oc.constraint('events_natural_key').doNothing()).returning('id').executeTakeFirst();
    if (!row) throw conflict(DUPLICATE);
    await writeAudit(trx, ctx, {
      action: 'event.create', entityType: 'event', entityId: row.id,
      after: audited({ heldOn: input.heldOn, title: input.title, bankCode: input.bankCode ?? null, stationCode: input.stationCode ?? null, attendees: input.attendees }),
    });
    return row.id;
  });
  return getEvent(db, ctx, id);
}

export async function updateEvent(db: Database, ctx: Ctx, id: string, input: UpdateEventInput) {
  const current = await getEvent(db, ctx, id);
  const bankOrgId = input.bankCode === undefined ? undefined : await resolveBank(db, input.bankCode, 'body.bankCode');
  const before = audited({ heldOn: current.heldOn, title: current.title, bankCode: current.bank?.code ?? null, stationCode: current.stationCode, attendees: current.attendees });
  const after = audited({
    heldOn: input.heldOn ?? before.heldOn, title: input.title ?? before.title, bankCode: input.bankCode === undefined ? before.bankCode : input.bankCode,
    stationCode: input.stationCode === undefined ? before.stationCode : input.stationCode, attendees: input.attendees ?? before.attendees,
  });
  const diff = changedFields(before, after);
  if (Object.keys(diff.after).length === 0) return current;
  try {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('events').set({
        held_on: after.heldOn, title: after.title, station_code: after.stationCode, attendees: after.attendees, updated_at: new Date(),
        ...(bankOrgId !== undefined ? { bank_org_id: bankOrgId } : {}),
      }).where('id', '=', id).execute();
      await writeAudit(trx, ctx, { action: 'event.update', entityType: 'event', entityId: id, ...diff });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(DUPLICATE);
    throw err;
  }
  return getEvent(db, ctx, id);
}

/** Removes an event from the register (an entry made in error); the audit row keeps what it was. */
export async function deleteEvent(db: Database, ctx: Ctx, id: string) {
  const current = await getEvent(db, ctx, id);
  await db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('events').where('id', '=', id).returning('id').executeTakeFirst();
    if (!gone) throw notFound('event');
    await writeAudit(trx, ctx, {
      action: 'event.delete', entityType: 'event', entityId: id,
      before: audited({ heldOn: current.heldOn, title: current.title, bankCode: current.bank?.code ?? null, stationCode: current.stationCode, attendees: current.attendees }),
    });
  });
}
