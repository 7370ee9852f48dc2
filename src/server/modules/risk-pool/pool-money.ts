import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { RiskPoolLedgerKind } from '../../db/schema-risk-pool';
import { writeAudit } from '../../platform/audit';
import type { ActorContext } from '../../platform/principal';
import { CLAIM_ACTIONS } from './claim-transitions';
import { recordEvent } from './pools.repository';
import { settleQueue } from './pool-rules';

// Every change of a pool's money runs here, inside a transaction that holds the pool's row lock (lockPool): the
// balance read, the ledger entry with the balance after it, the pool's totals and the claims' paid amounts are
// written together, so two app servers approving or contributing at the same moment run one after the other and
// the balance can never be spent twice. The database checks (balance ≥ 0, paid ≤ payable) back this up.

interface PoolMoney {
  id: string;
  balance: number;
}

export async function appendLedger(
  trx: Transaction<DB>,
  ctx: ActorContext,
  pool: PoolMoney,
  entry: { kind: RiskPoolLedgerKind; amount: number; entryDate: string; claimId: string | null; reference: string | null; idempotencyKey?: string | null },
): Promise<number> {
  const delta = entry.kind === 'payout' ? -entry.amount : entry.amount;
  const balanceAfter = pool.balance + delta;
  if (balanceAfter < 0) throw new Error(`pool ${pool.id}: a ${entry.kind} of ${entry.amount} would take the balance below zero`);
  const row = await trx
    .insertInto('risk_pool_ledger')
    .values({
      pool_id: pool.id, kind: entry.kind, amount: entry.amount, balance_after: balanceAfter, entry_date: entry.entryDate, claim_id: entry.claimId,
      reference: entry.reference, idempotency_key: entry.idempotencyKey ?? null, recorded_by: ctx.principal?.userId ?? null,
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  const total = entry.kind === 'contribution' ? 'contributed' : entry.kind === 'payout' ? 'paid_out' : 'recovered';
  await trx
    .updateTable('risk_pools')
    .set((eb) => ({ balance: balanceAfter, [total]: eb(total, '+', entry.amount), updated_at: new Date() }))
    .where('id', '=', pool.id)
    .execute();
  pool.balance = balanceAfter;
  await writeAudit(trx, ctx, {
    action: `risk_pool.ledger.${entry.kind}`, entityType: 'risk_pool', entityId: pool.id,
    after: { seq: row.seq, kind: entry.kind, amount: entry.amount, balanceAfter, entryDate: entry.entryDate, claimId: entry.claimId, reference: entry.reference },
  });
  return row.seq;
}

/**
 * Pays what the balance allows to the claims waiting for capital, oldest approval first (FIFO); a claim paid in
 * full becomes `paid`. Called after every inflow and every approval. Returns the claims it paid something to.
 */
export async function payQueue(trx: Transaction<DB>, ctx: ActorContext, pool: PoolMoney, today: string): Promise<{ claimId: string; amount: number; settled: boolean }[]> {
  const queued = await trx
    .selectFrom('risk_pool_claims')
    .select(['id', 'status', 'payable', 'paid_amount', 'recovered_share'])
    .where('pool_id', '=', pool.id)
    .where('status', '=', 'awaiting_funds')
    .orderBy('queue_seq')
    .forUpdate()
    .execute();
  if (queued.length === 0) return [];
  const plan = settleQueue(pool.balance, queued.map((c) => ({ id: c.id, owed: (c.payable ?? 0) - c.recovered_share - c.paid_amount })));
  const done: { claimId: string; amount: number; settled: boolean }[] = [];
  for (const p of plan.payments) {
    const claim = queued.find((c) => c.id === p.id)!;
    if (p.amount > 0) {
      await appendLedger(trx, ctx, pool, { kind: 'payout', amount: p.amount, entryDate: today, claimId: p.id, reference: null });
      await trx.updateTable('risk_pool_claims').set({ paid_amount: claim.paid_amount + p.amount, updated_at: new Date() }).where('id', '=', p.id).execute();
    }
    if (p.settles) await settleClaim(trx, ctx, p.id, p.amount);
    done.push({ claimId: p.id, amount: p.amount, settled: p.settles });
  }
  return done;
}

/** awaiting_funds → paid: the pool has paid (or recoveries have offset) every fen it owes on the claim. */
export async function settleClaim(trx: Transaction<DB>, ctx: ActorContext, claimId: string, lastPayment: number) {
  const to = CLAIM_ACTIONS.settle.to;
  await trx.updateTable('risk_pool_claims').set({ status: to, updated_at: new Date() }).where('id', '=', claimId).where('status', '=', 'awaiting_funds').execute();
  await recordEvent(trx, { claimId, action: 'settle', from: 'awaiting_funds', to, actorUserId: null, actorName: 'system:risk-pool', note: null });
  await writeAudit(trx, ctx, { action: 'risk_pool.claim.settle', entityType: 'risk_pool_claim', entityId: claimId, before: { status: 'awaiting_funds' }, after: { status: to, lastPayment } });
}
