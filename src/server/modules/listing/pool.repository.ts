import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { PoolTier, TargetBoard } from '../../db/schema-listing';

export type Handle = Kysely<DB> | Transaction<DB>;

export interface PoolFilters {
  tiers?: PoolTier[] | undefined;
  boards?: TargetBoard[] | undefined;
  sector?: string | undefined;
  officerUserId?: string | undefined;
  q?: string | undefined;
}

// Enterprise filters are written as conditions on the pool row (a probe of the registry's primary key or its name
// index), not as a join: joined, the count was planned as a hash join over the whole registry (100,000 rows) for a
// pool of a few thousand.
const poolBase = (db: Handle, f: PoolFilters) => {
  let q = db.selectFrom('listing_pool as p');
  if (f.tiers?.length) q = q.where('p.tier', 'in', f.tiers);
  if (f.boards?.length) q = q.where('p.target_board', 'in', f.boards);
  if (f.sector) q = q.where(sql<string>`(select e.sector from enterprises e where e.id = p.enterprise_id)`, '=', f.sector);
  if (f.officerUserId) q = q.where('p.officer_user_id', '=', f.officerUserId);
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`;
    const uscc = f.q.toUpperCase();
    q = q.where('p.enterprise_id', 'in', (eb) => eb.selectFrom('enterprises as e').select('e.id').where((w) => w.or([w('e.name', 'ilike', like), w('e.uscc', '=', uscc)])));
  }
  return q;
};

export async function listPool(db: Handle, f: PoolFilters, page: { limit: number; offset: number }) {
  const [rows, total] = await Promise.all([
    poolBase(db, f)
      .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
      .leftJoin('users as u', 'u.id', 'p.officer_user_id')
      .select([
        'p.enterprise_id', 'e.uscc', 'e.name', 'e.sector', 'e.district', 'e.listing_status', 'p.tier', 'p.target_board', 'p.entry_source',
        'p.entered_on', 'p.tier_since', 'p.officer_user_id', 'u.display_name as officer_name', 'p.exit_reason',
      ])
      .select((eb) => [
        eb.selectFrom('listing_services as s').whereRef('s.enterprise_id', '=', 'p.enterprise_id').select(sql<string>`max(s.served_on)::text`.as('m')).as('last_service_on'),
        eb.selectFrom('listing_services as s').whereRef('s.enterprise_id', '=', 'p.enterprise_id').where('s.follow_up_done_on', 'is', null).select(sql<string>`min(s.follow_up_on)::text`.as('m')).as('next_follow_up_on'),
      ])
      .orderBy('p.entered_on', 'desc')
      .orderBy('p.enterprise_id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    poolBase(db, f).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export const lockEntry = (trx: Transaction<DB>, enterpriseId: string) =>
  trx.selectFrom('listing_pool').selectAll().where('enterprise_id', '=', enterpriseId).forUpdate().executeTakeFirst();

export const findEntry = (db: Handle, enterpriseId: string) =>
  db
    .selectFrom('listing_pool as p')
    .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .leftJoin('users as u', 'u.id', 'p.officer_user_id')
    .select(['p.enterprise_id', 'e.uscc', 'e.name', 'e.sector', 'e.district', 'e.listing_status', 'p.tier', 'p.target_board', 'p.entry_source', 'p.entry_reason',
      'p.readiness_evaluation_id', 'p.entered_on', 'p.tier_since', 'p.officer_user_id', 'u.display_name as officer_name', 'p.exit_reason'])
    .where('p.enterprise_id', '=', enterpriseId)
    .executeTakeFirst();

export const tierHistory = (db: Handle, enterpriseId: string) =>
  db
    .selectFrom('listing_tier_changes as c')
    .leftJoin('users as u', 'u.id', 'c.changed_by')
    .select(['c.id', 'c.from_tier', 'c.to_tier', 'c.changed_on', 'c.criteria', 'c.note', 'u.display_name as changed_by_name', 'c.created_at'])
    .where('c.enterprise_id', '=', enterpriseId)
    .orderBy('c.id')
    .execute();

/** Office staff who can be account officers (专管员). */
export const officerUser = (db: Handle, userId: string) =>
  db.selectFrom('users').select(['id', 'display_name', 'role']).where('id', '=', userId).where('role', 'in', ['officer', 'admin']).where('disabled', '=', false).executeTakeFirst();

export const listOfficers = (db: Handle) =>
  db.selectFrom('users').select(['id', 'username', 'display_name']).where('role', '=', 'officer').where('disabled', '=', false).orderBy('display_name').execute();

/** Pool counts by one dimension (active tiers only unless the dimension is the tier). */
export async function poolCounts(db: Handle) {
  const r = await sql<{ dim: string; key: string | null; label: string | null; n: number }>`
    select 'tier' as dim, p.tier as key, null as label, count(*)::int as n from listing_pool p group by p.tier
    union all
    select 'board', p.target_board, null, count(*)::int from listing_pool p where p.tier not in ('exited','listed') group by p.target_board
    union all
    select 'sector', (select e.sector from enterprises e where e.id = p.enterprise_id), null, count(*)::int from listing_pool p where p.tier not in ('exited','listed') group by 2
    union all
    select 'officer', p.officer_user_id::text, min(u.display_name), count(*)::int from listing_pool p left join users u on u.id = p.officer_user_id
      where p.tier not in ('exited','listed') group by p.officer_user_id`.execute(db);
  return r.rows;
}

/**
 * Officers' workload in a period, the counts of the 2025 reply (seed 001 二(一): 联络企业 816 家, 实地走访 125 家,
 * 提供对接服务 215 家): distinct enterprises contacted (any log), visited (a site visit) and served (a service
 * other than a bare contact), per officer and in total (an enterprise two officers served counts once in the total).
 */
export async function workload(db: Handle, from: string, to: string) {
  // One row per officer and enterprise first (hash aggregates), then counted: three count(distinct) per group
  // sorted the period's logs three times.
  const r = await sql<{ officer_user_id: string | null; officer_name: string | null; contacted: number; visited: number; served: number; logs: number; follow_ups_open: number }>`
    with per as (
      select s.officer_user_id, s.enterprise_id, bool_or(s.mode = 'visit') as visited, bool_or(s.kind <> 'contact') as served, count(*) as logs,
        count(*) filter (where s.follow_up_on is not null and s.follow_up_done_on is null) as follow_ups_open
      from listing_services s
      where s.served_on between ${from}::date and ${to}::date
      group by s.officer_user_id, s.enterprise_id
    ),
    total as (
      select s.enterprise_id, bool_or(s.visited) as visited, bool_or(s.served) as served, sum(s.logs) as logs, sum(s.follow_ups_open) as follow_ups_open
      from per s group by s.enterprise_id
    )
    select x.officer_user_id, u.display_name as officer_name, x.contacted, x.visited, x.served, x.logs, x.follow_ups_open
    from (
      select false as is_total, officer_user_id, count(*)::int as contacted, (count(*) filter (where visited))::int as visited,
        (count(*) filter (where served))::int as served, sum(logs)::int as logs, sum(follow_ups_open)::int as follow_ups_open
      from per group by officer_user_id
      union all
      select true, null, count(*)::int, (count(*) filter (where visited))::int, (count(*) filter (where served))::int,
        coalesce(sum(logs), 0)::int, coalesce(sum(follow_ups_open), 0)::int
      from total
    ) x left join users u on u.id = x.officer_user_id
    order by x.is_total desc, x.officer_user_id`.execute(db);
  return r.rows;
}
