import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { RiskPoolClaimStatus } from '../../db/schema-risk-pool';
import type { PoolScope } from './scope';

type Q = Kysely<DB> | Transaction<DB>;

export const poolRow = (db: Q, id: string) => db.selectFrom('risk_pools').selectAll().where('id', '=', id).executeTakeFirst();

/** The pool's row lock: every change of its balance (payouts, contributions, recoveries) holds it. */
export const lockPool = (trx: Transaction<DB>, id: string) => trx.selectFrom('risk_pools').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const poolProducts = async (db: Q, poolId: string) =>
  (await db.selectFrom('risk_pool_products').select('product_id').where('pool_id', '=', poolId).execute()).map((r) => r.product_id);

export const lockClaim = (trx: Transaction<DB>, id: string) => trx.selectFrom('risk_pool_claims').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export type ClaimRow = NonNullable<Awaited<ReturnType<typeof lockClaim>>>;

export async function recordEvent(trx: Transaction<DB>, e: { claimId: string; action: string; from: RiskPoolClaimStatus | null; to: RiskPoolClaimStatus; actorUserId: string | null; actorName: string; note: string | null }) {
  await trx.insertInto('risk_pool_claim_events').values({ claim_id: e.claimId, action: e.action, from_status: e.from, to_status: e.to, actor_user_id: e.actorUserId, actor_name: e.actorName, note: e.note }).execute();
}

/** What the pool owes a bank for claims approved in a calendar year (caps per bank per year). */
export async function bankYearApproved(trx: Transaction<DB>, poolId: string, bankOrgId: string, year: number, exceptClaim: string): Promise<number> {
  const r = await trx
    .selectFrom('risk_pool_claims')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('payable'), sql<number>`0`).as('sum'))
    .where('pool_id', '=', poolId)
    .where('bank_org_id', '=', bankOrgId)
    .where('status', 'in', ['awaiting_funds', 'paid'])
    .where('approved_on', '>=', `${year}-01-01`)
    .where('approved_on', '<=', `${year}-12-31`)
    .where('id', '<>', exceptClaim)
    .executeTakeFirstOrThrow();
  return Number(r.sum);
}

/** Figures of a pool for its page, limited to a bank's own loans and claims when the caller is a bank. */
export async function poolFigures(db: Q, poolId: string, scope: PoolScope) {
  const bank = scope.all ? null : scope.bankOrgId;
  const enrolled = await db
    .selectFrom('risk_pool_enrolments as e')
    .leftJoin('loan_status as s', 's.loan_id', 'e.loan_id')
    .select((eb) => [
      eb.fn.countAll<number>().as('count'),
      eb.fn.coalesce(eb.fn.sum<number>('e.principal'), sql<number>`0`).as('principal'),
      eb.fn.coalesce(eb.fn.sum<number>('s.outstanding'), sql<number>`0`).as('outstanding'),
      sql<number>`coalesce(sum(s.outstanding) filter (where s.final_class in ('substandard','doubtful','loss')), 0)`.as('npl_outstanding'),
      sql<number>`count(*) filter (where s.final_class in ('substandard','doubtful','loss'))`.as('npl_count'),
    ])
    .where('e.pool_id', '=', poolId)
    .$if(bank !== null, (q) => q.where('e.bank_org_id', '=', bank!))
    .executeTakeFirstOrThrow();
  const byStatus = await db
    .selectFrom('risk_pool_claims')
    .select((eb) => [
      'status',
      eb.fn.countAll<number>().as('count'),
      eb.fn.coalesce(eb.fn.sum<number>('loss'), sql<number>`0`).as('loss'),
      eb.fn.coalesce(eb.fn.sum<number>('payable'), sql<number>`0`).as('payable'),
      eb.fn.coalesce(eb.fn.sum<number>('paid_amount'), sql<number>`0`).as('paid'),
    ])
    .where('pool_id', '=', poolId)
    .$if(bank !== null, (q) => q.where('bank_org_id', '=', bank!))
    .groupBy('status')
    .execute();
  // Net loss the pool accepted: accepted losses of approved claims less what was recovered on them afterwards.
  const net = await sql<{ accepted: number; recovered: number; owed: number }>`
    select coalesce(sum(c.assessed_loss), 0)::bigint as accepted,
           coalesce(sum(r.amount), 0)::bigint as recovered,
           coalesce(sum(greatest(c.payable - c.recovered_share - c.paid_amount, 0)) filter (where c.status = 'awaiting_funds'), 0)::bigint as owed
    from risk_pool_claims c
    left join (select claim_id, sum(amount) as amount from risk_pool_recoveries group by claim_id) r on r.claim_id = c.id
    where c.pool_id = ${poolId} and c.status in ('awaiting_funds','paid') ${bank !== null ? sql`and c.bank_org_id = ${bank}` : sql``}`.execute(db);
  return { enrolled, byStatus, net: net.rows[0]! };
}

/** Balance at the end of each day with ledger entries: cumulative signed amounts by entry date. */
export async function balanceSeries(db: Q, poolId: string) {
  const r = await sql<{ date: string; inflow: number; outflow: number; balance: number }>`
    select entry_date as date,
           sum(amount) filter (where kind <> 'payout')::bigint as inflow,
           coalesce(sum(amount) filter (where kind = 'payout'), 0)::bigint as outflow,
           sum(sum(case when kind = 'payout' then -amount else amount end)) over (order by entry_date)::bigint as balance
    from risk_pool_ledger where pool_id = ${poolId}
    group by entry_date order by entry_date`.execute(db);
  return r.rows.map((x) => ({ date: x.date, inflow: Number(x.inflow ?? 0), outflow: Number(x.outflow), balance: Number(x.balance) }));
}
