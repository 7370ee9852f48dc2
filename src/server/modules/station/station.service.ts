// Service stations (科技金融服务站, seed 003 appendix 七 第二、四条): hosted by a district office, park or incubator,
// serving an area (districts, streets, parks) with 1–2 officers (科技金融专员). Applications from the area are
// attributed to the station (explicitly, or by the enterprise's district and street); the station records its
// 推荐/初审/调查 of loan projects (screenings).
import { sql } from 'kysely';
import type { Database } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { todayInShanghai } from '../../platform/dates';
import { badRequest, conflict, notFound } from '../../platform/errors';
import type { ActorContext, Principal } from '../../platform/principal';
import type { Handle } from '../listing/pool.repository';

type Ctx = ActorContext & { principal: Principal | null };
interface Area { district: string; street?: string | undefined }

async function checkAreas(db: Handle, areas: Area[], stationId: string | null) {
  const seen = new Set<string>();
  for (const [i, a] of areas.entries()) {
    const k = `${a.district}|${a.street ?? ''}`;
    if (seen.has(k)) throw badRequest([{ path: `body.areas[${i}]`, message: 'listed twice' }]);
    seen.add(k);
    const owner = await db.selectFrom('station_areas as a').innerJoin('service_stations as s', 's.id', 'a.station_id').select(['s.code', 's.id'])
      .where('a.district', '=', a.district).where('a.street', '=', a.street ?? '').executeTakeFirst();
    if (owner && owner.id !== stationId) throw badRequest([{ path: `body.areas[${i}]`, message: `${a.district}${a.street ?? ''} is served by station ${owner.code}` }]);
  }
}

export async function createStation(db: Database, ctx: Ctx, input: { code: string; name: string; host: string; parks?: string[] | undefined; areas?: Area[] | undefined }) {
  const id = await db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('service_stations').select('id').where('code', '=', input.code).executeTakeFirst()) throw conflict(`a station with code ${input.code} exists`);
    await checkAreas(trx, input.areas ?? [], null);
    const row = await trx.insertInto('service_stations').values({ code: input.code, name: input.name, host: input.host, parks: JSON.stringify(input.parks ?? []) }).returning('id').executeTakeFirstOrThrow();
    if (input.areas?.length) await trx.insertInto('station_areas').values(input.areas.map((a) => ({ station_id: row.id, district: a.district, street: a.street ?? '' }))).execute();
    await writeAudit(trx, ctx, { action: 'station.create', entityType: 'service_station', entityId: row.id, after: input });
    return row.id;
  });
  return getStation(db, id);
}

export async function updateStation(db: Database, ctx: Ctx, id: string, input: { name?: string | undefined; host?: string | undefined; parks?: string[] | undefined; areas?: Area[] | undefined; active?: boolean | undefined }) {
  await db.transaction().execute(async (trx) => {
    const s = await trx.selectFrom('service_stations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!s) throw notFound('station');
    const set: Record<string, unknown> = {};
    if (input.name !== undefined) set.name = input.name;
    if (input.host !== undefined) set.host = input.host;
    if (input.parks !== undefined) set.parks = JSON.stringify(input.parks);
    if (input.active !== undefined) set.active = input.active;
    if (Object.keys(set).length) await trx.updateTable('service_stations').set({ ...set, updated_at: new Date() } as never).where('id', '=', id).execute();
    let beforeAreas: unknown;
    if (input.areas) {
      await checkAreas(trx, input.areas, id);
      beforeAreas = await trx.selectFrom('station_areas').select(['district', 'street']).where('station_id', '=', id).execute();
      await trx.deleteFrom('station_areas').where('station_id', '=', id).execute();
      if (input.areas.length) await trx.insertInto('station_areas').values(input.areas.map((a) => ({ station_id: id, district: a.district, street: a.street ?? '' }))).execute();
    }
    await writeAudit(trx, ctx, { action: 'station.update', entityType: 'service_station', entityId: id, before: { ...Object.fromEntries(Object.keys(set).map((k) => [k, (s as Record<string, unknown>)[k]])), ...(input.areas ? { areas: beforeAreas } : {}) }, after: input });
  });
  return getStation(db, id);
}

export async function getStation(db: Database, id: string) {
  const s = await db.selectFrom('service_stations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) throw notFound('station');
  const [areas, officers] = await Promise.all([
    db.selectFrom('station_areas').select(['district', 'street']).where('station_id', '=', id).orderBy('district').orderBy('street').execute(),
    db.selectFrom('station_officers').select(['id', 'name', 'phone', 'user_id', 'active']).where('station_id', '=', id).orderBy('created_at').execute(),
  ]);
  return {
    id: s.id, code: s.code, name: s.name, host: s.host, parks: s.parks, active: s.active,
    areas: areas.map((a) => ({ district: a.district, street: a.street || null })),
    officers: officers.map((o) => ({ id: o.id, name: o.name, phone: o.phone, userId: o.user_id, active: o.active })),
  };
}

export async function listStations(db: Database) {
  const year = Number(todayInShanghai().slice(0, 4));
  const rows = await sql<{ id: string; code: string; name: string; host: string; active: boolean; officers: number; areas: string | null; applications: number }>`
    select s.id, s.code, s.name, s.host, s.active,
      (select count(*)::int from station_officers o where o.station_id = s.id and o.active) as officers,
      (select string_agg(a.district || a.street, '、' order by a.district, a.street) from station_areas a where a.station_id = s.id) as areas,
      (select count(*)::int from applications p where p.station_id = s.id and p.submitted_on >= ${`${year}-01-01`}::date) as applications
    from service_stations s order by s.code`.execute(db);
  return { items: rows.rows.map((r) => ({ id: r.id, code: r.code, name: r.name, host: r.host, active: r.active, officers: r.officers, areas: r.areas ?? '', applicationsThisYear: r.applications })) };
}

export async function addOfficer(db: Database, ctx: Ctx, stationId: string, input: { name: string; phone?: string | undefined; userId?: string | undefined }) {
  await db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom('service_stations').select('id').where('id', '=', stationId).executeTakeFirst())) throw notFound('station');
    if (input.userId && !(await trx.selectFrom('users').select('id').where('id', '=', input.userId).where('role', 'in', ['officer', 'admin']).executeTakeFirst())) {
      throw badRequest([{ path: 'body.userId', message: 'must be an officer or administrator account' }]);
    }
    const row = await trx.insertInto('station_officers').values({ station_id: stationId, name: input.name, phone: input.phone ?? null, user_id: input.userId ?? null }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'station.officer.add', entityType: 'service_station', entityId: stationId, after: { officerId: row.id, ...input } });
  });
  return getStation(db, stationId);
}

/** Changes a station's officer: name, phone, the linked account, or whether the officer still serves (active). */
export async function updateOfficer(db: Database, ctx: Ctx, stationId: string, officerId: string, input: { name?: string | undefined; phone?: string | null | undefined; userId?: string | null | undefined; active?: boolean | undefined }) {
  await db.transaction().execute(async (trx) => {
    const o = await trx.selectFrom('station_officers').select(['id', 'name', 'phone', 'user_id', 'active']).where('id', '=', officerId).where('station_id', '=', stationId).forUpdate().executeTakeFirst();
    if (!o) throw notFound('station officer');
    if (input.userId && !(await trx.selectFrom('users').select('id').where('id', '=', input.userId).where('role', 'in', ['officer', 'admin']).executeTakeFirst())) {
      throw badRequest([{ path: 'body.userId', message: 'must be an officer or administrator account' }]);
    }
    const set: { name?: string; phone?: string | null; user_id?: string | null; active?: boolean } = {};
    if (input.name !== undefined && input.name !== o.name) set.name = input.name;
    if (input.phone !== undefined && input.phone !== o.phone) set.phone = input.phone;
    if (input.userId !== undefined && input.userId !== o.user_id) set.user_id = input.userId;
    if (input.active !== undefined && input.active !== o.active) set.active = input.active;
    if (Object.keys(set).length === 0) return;
    await trx.updateTable('station_officers').set(set).where('id', '=', officerId).execute();
    const before = Object.fromEntries(Object.keys(set).map((k) => [k, (o as Record<string, unknown>)[k]]));
    await writeAudit(trx, ctx, { action: 'station.officer.update', entityType: 'service_station', entityId: stationId, before: { officerId, ...before }, after: { officerId, ...set } });
  });
  return getStation(db, stationId);
}

/** Attributes one application to a station (or clears it). */
export async function setApplicationStation(db: Database, ctx: Ctx, applicationId: string, stationId: string | null) {
  return db.transaction().execute(async (trx) => {
    const a = await trx.selectFrom('applications').select(['id', 'station_id', 'application_no']).where('id', '=', applicationId).forUpdate().executeTakeFirst();
    if (!a) throw notFound('application');
    if (stationId && !(await trx.selectFrom('service_stations').select('id').where('id', '=', stationId).executeTakeFirst())) throw badRequest([{ path: 'body.stationId', message: 'no station with this id' }]);
    await trx.updateTable('applications').set({ station_id: stationId }).where('id', '=', applicationId).execute();
    await writeAudit(trx, ctx, { action: 'application.station', entityType: 'application', entityId: applicationId, before: { stationId: a.station_id }, after: { stationId } });
    return { applicationId, applicationNo: a.application_no, stationId };
  });
}

/**
 * Attributes unattributed applications to the station serving the enterprise's street (else its whole district).
 * Applications already attributed keep their station. Idempotent.
 */
export async function attributeByArea(db: Database, ctx: Ctx, year?: number) {
  return db.transaction().execute(async (trx) => {
    const r = await sql<{ id: string; station_id: string }>`
      update applications p set station_id = coalesce(
          (select a.station_id from station_areas a where a.district = e.district and a.street = e.street),
          (select a.station_id from station_areas a where a.district = e.district and a.street = ''))
      from enterprises e
      where e.id = p.enterprise_id and p.station_id is null
        and ${year === undefined ? sql`true` : sql`p.submitted_on between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date`}
        and exists (select 1 from station_areas a where a.district = e.district and (a.street = '' or a.street = e.street))
      returning p.id, p.station_id`.execute(trx);
    if (r.rows.length) {
      await writeAudit(trx, ctx, { action: 'station.attribute', entityType: 'applications', entityId: year ? String(year) : 'all', after: { attributed: r.rows.length } });
    }
    return { attributed: r.rows.length };
  });
}

export async function recordScreening(db: Database, ctx: Ctx, stationId: string, input: { applicationId: string; stage: 'recommendation' | 'initial_review' | 'investigation'; doneOn: string; officerId?: string | undefined; note?: string | undefined }) {
  if (input.doneOn > todayInShanghai()) throw badRequest([{ path: 'body.doneOn', message: 'must not be in the future' }]);
  return db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom('service_stations').select('id').where('id', '=', stationId).executeTakeFirst())) throw notFound('station');
    if (!(await trx.selectFrom('applications').select('id').where('id', '=', input.applicationId).executeTakeFirst())) throw badRequest([{ path: 'body.applicationId', message: 'no application with this id' }]);
    if (input.officerId && !(await trx.selectFrom('station_officers').select('id').where('id', '=', input.officerId).where('station_id', '=', stationId).executeTakeFirst())) {
      throw badRequest([{ path: 'body.officerId', message: 'not an officer of this station' }]);
    }
    const row = await trx.insertInto('station_screenings').values({ station_id: stationId, application_id: input.applicationId, stage: input.stage, done_on: input.doneOn, officer_id: input.officerId ?? null, note: input.note ?? null, created_by: ctx.principal?.userId ?? null })
      .onConflict((oc) => oc.columns(['station_id', 'application_id', 'stage']).doNothing()).returning('id').executeTakeFirst();
    if (!row) throw conflict(`the station already recorded ${input.stage} of this application`);
    await writeAudit(trx, ctx, { action: 'station.screening', entityType: 'service_station', entityId: stationId, after: input });
    return { id: row.id, stationId, ...input };
  });
}
