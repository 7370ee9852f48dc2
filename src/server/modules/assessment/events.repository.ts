import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { ListEventsQuery } from './events.schemas';

type Db = Kysely<DB> | Transaction<DB>;

/** The register's rows with the bank's code and name and the creator's name. */
function selectEvents(db: Db) {
  return db
    .selectFrom('events as e')
    .leftJoin('organizations as b', 'b.id', 'e.bank_org_id')
    .leftJoin('users as u', 'u.id', 'e.created_by')
    .select([
      'e.id', 'e.held_on', 'e.title', 'e.bank_org_id', 'e.station_code', 'e.attendees', 'e.demo', 'e.created_at', 'e.updated_at',
      'b.code as bank_code', 'b.name as bank_name', 'u.id as creator_id', 'u.username as creator_username', 'u.display_name as creator_name',
    ]);
}
export type EventRow = Awaited<ReturnType<ReturnType<typeof selectEvents>['executeTakeFirstOrThrow']>>;

export const eventById = (db: Db, id: string) => selectEvents(db).where('e.id', '=', id).executeTakeFirst();

export async function listEventRows(db: Db, q: ListEventsQuery, scope: { bankOrgId: string | null }) {
  let base = db.selectFrom('events as e').leftJoin('organizations as b', 'b.id', 'e.bank_org_id');
  if (scope.bankOrgId) base = base.where('e.bank_org_id', '=', scope.bankOrgId);
  if (q.year) base = base.where('e.held_on', '>=', `${q.year}-01-01`).where('e.held_on', '<=', `${q.year}-12-31`);
  if (q.from) base = base.where('e.held_on', '>=', q.from);
  if (q.to) base = base.where('e.held_on', '<=', q.to);
  if (q.bank) base = base.where('b.code', '=', q.bank);
  if (q.station) base = base.where('e.station_code', '=', q.station);
  if (q.q) base = base.where(sql<boolean>`strpos(lower(e.title), lower(${q.q})) > 0`);
  const [count, ids] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base.select('e.id').orderBy('e.held_on', 'desc').orderBy('e.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
  ]);
  const rows = ids.length ? await selectEvents(db).where('e.id', 'in', ids.map((r) => r.id)).orderBy('e.held_on', 'desc').orderBy('e.id').execute() : [];
  return { total: Number(count.n), rows };
}

export async function bankIdByCode(db: Db, code: string): Promise<string | null> {
  const r = await db.selectFrom('organizations').select('id').where('code', '=', code).where('kind', '=', 'bank').executeTakeFirst();
  return r?.id ?? null;
}

/**
 * Events each service station held in a year, for the station assessment (seed 003 appendix 七, 一.3): an activity
 * co-hosted by two banks is two rows of the register but one event of its station, so events are counted as
 * distinct (date, title) per station.
 */
export async function stationEventCounts(db: Db, year: number): Promise<Map<string, number>> {
  const r = await sql<{ station_code: string; n: number }>`
    select e.station_code, count(distinct (e.held_on, e.title))::int as n from events e
    where e.station_code is not null and e.held_on >= ${`${year}-01-01`}::date and e.held_on <= ${`${year}-12-31`}::date
    group by 1`.execute(db);
  return new Map(r.rows.map((x) => [x.station_code, x.n]));
}
