import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/connect';
import type { DB } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { todayInShanghai } from '../../platform/dates';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { fenToYuan, yuanToFen } from '../../platform/money';
import { CLAIM_ACTIONS, type ClaimActionName } from './claim-transitions';
import { getClaim, refusal, scopedClaim } from './claims.service';
import { appendLedger, payQueue, settleClaim } from './pool-money';
import { payableFor, recoveryEffect } from './pool-rules';
import { bankYearApproved, lockClaim, lockPool, recordEvent, type ClaimRow } from './pools.repository';
import type { RecoveryInput } from './risk-pool.schemas';
import { actorName, type Ctx } from './scope';

const isUnique = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';

function refuseUnless(action: ClaimActionName | 'record_recovery', row: ClaimRow, ctx: Ctx) {
  const r = refusal(action, row, ctx.principal);
  if (r) throw r.status === 403 ? forbidden(r.message) : conflict(r.message);
}

/** One transition on a locked claim: state and actor checked (409/403), fields written, history and audit in the same transaction. */
async function transition(trx: Transaction<DB>, ctx: Ctx, row: ClaimRow, action: ClaimActionName, note: string | null, extra: Record<string, unknown> = {}) {
  refuseUnless(action, row, ctx);
  const to = CLAIM_ACTIONS[action].to;
  await trx.updateTable('risk_pool_claims').set({ ...extra, status: to, updated_at: new Date() } as never).where('id', '=', row.id).execute();
  await recordEvent(trx, { claimId: row.id, action, from: row.status, to, actorUserId: ctx.principal.userId, actorName: actorName(ctx), note });
  const before: Record<string, unknown> = { status: row.status };
  for (const k of Object.keys(extra)) before[k] = (row as Record<string, unknown>)[k];
  await writeAudit(trx, ctx, { action: `risk_pool.claim.${action}`, entityType: 'risk_pool_claim', entityId: row.id, before, after: { status: to, ...extra, note } });
}

async function simple(db: Database, ctx: Ctx, id: string, action: ClaimActionName, note: string | null, extra: (row: ClaimRow) => Record<string, unknown> = () => ({})) {
  await scopedClaim(db, ctx.principal, id);
  await db.transaction().execute(async (trx) => {
    const row = await lockClaim(trx, id);
    if (!row) throw notFound('claim');
    await transition(trx, ctx, row, action, note, extra(row));
  });
  return getClaim(db, ctx, id);
}

/** 审核: the reviewing officer accepts the filed loss or a lower one (with a note saying why). */
export async function reviewClaim(db: Database, ctx: Ctx, id: string, input: { assessedLoss?: number | undefined; note?: string | undefined }) {
  return simple(db, ctx, id, 'review', input.note ?? null, (row) => {
    const assessed = input.assessedLoss === undefined ? row.loss : yuanToFen(input.assessedLoss)!;
    if (assessed > row.loss) throw badRequest([{ path: 'body.assessedLoss', message: `cannot exceed the filed loss ${fenToYuan(row.loss)}` }]);
    if (assessed < row.loss && !input.note) throw badRequest([{ path: 'body.note', message: 'a note is required when the accepted loss is below the filed loss' }]);
    return { assessed_loss: assessed, reviewed_by: ctx.principal.userId, reviewed_at: new Date(), review_note: input.note ?? null };
  });
}

export const rejectClaim = (db: Database, ctx: Ctx, id: string, reason: string) => simple(db, ctx, id, 'reject', reason, () => ({ closing_reason: reason }));
export const withdrawClaim = (db: Database, ctx: Ctx, id: string, reason: string) => simple(db, ctx, id, 'withdraw', reason, () => ({ closing_reason: reason }));

/**
 * 审批 (checker): a second officer approves; the pool's part is fixed (share of the accepted loss, then the caps),
 * the claim joins the end of the pool's queue and the balance pays the queue first in, first out — at once when it
 * suffices. The pool row is locked first, so concurrent approvals (and contributions) on one pool run one at a
 * time; a claim approved twice finds itself no longer `reviewed` (409). With an Idempotency-Key a retried approval
 * returns the claim as it is.
 */
export async function approveClaim(db: Database, ctx: Ctx, id: string, input: { note?: string | undefined }, idempotencyKey: string | undefined, today = todayInShanghai()) {
  const key = idempotencyKey?.trim() || null;
  if (key !== null && key.length > 200) throw badRequest([{ path: 'headers.idempotency-key', message: 'at most 200 characters' }]);
  const visible = await scopedClaim(db, ctx.principal, id);
  const replay = (row: { approval_key: string | null; approved_by: string | null }) => key !== null && row.approval_key === key && row.approved_by === ctx.principal.userId;
  if (replay(visible)) return getClaim(db, ctx, id);
  try {
    await db.transaction().execute(async (trx) => {
      const pool = await lockPool(trx, visible.pool_id);
      if (!pool) throw notFound('risk pool');
      const row = await lockClaim(trx, id);
      if (!row) throw notFound('claim');
      if (replay(row)) return;
      refuseUnless('approve', row, ctx);
      const assessed = row.assessed_loss ?? row.loss;
      const used = pool.per_bank_year_cap === null ? 0 : await bankYearApproved(trx, pool.id, row.bank_org_id, Number(today.slice(0, 4)), row.id);
      const { payable, capped } = payableFor({ assessedLoss: assessed, share: pool.share, perLoanCap: pool.per_loan_cap, perBankYearCap: pool.per_bank_year_cap, bankYearApproved: used });
      if (payable === 0) throw conflict(`the bank's cap for ${today.slice(0, 4)} (${fenToYuan(pool.per_bank_year_cap ?? 0)}) is used up: nothing can be approved this year; reject the claim or approve it next year`);
      const capNote = capped === 'per_loan' ? `per-loan cap ${fenToYuan(pool.per_loan_cap!)}` : capped === 'per_bank_year' ? `bank's ${today.slice(0, 4)} cap ${fenToYuan(pool.per_bank_year_cap!)} (${fenToYuan(used)} already approved)` : null;
      const q = await sql<{ n: number }>`select nextval('risk_pool_claim_queue')::bigint as n`.execute(trx);
      await transition(trx, ctx, row, 'approve', input.note ?? null, {
        share: pool.share, payable, cap_note: capNote, queue_seq: Number(q.rows[0]!.n), approved_by: ctx.principal.userId, approved_at: new Date(), approved_on: today, approval_key: key,
      });
      await payQueue(trx, ctx, { id: pool.id, balance: pool.balance }, today);
    });
  } catch (e) {
    // The same key sent twice at once: the second waited on the pool's lock, then hit the unique approval key.
    if (isUnique(e) && key !== null) {
      const now = await scopedClaim(db, ctx.principal, id);
      if (replay(now)) return getClaim(db, ctx, id);
      const other = await db.selectFrom('risk_pool_claims').select('claim_no').where('approval_key', '=', key).executeTakeFirst();
      if (other) throw conflict(`this Idempotency-Key was already used to approve claim ${other.claim_no}`);
    }
    throw e;
  }
  return getClaim(db, ctx, id);
}

/**
 * 追偿回收: a recovery on an approved claim is shared back in the claim's ratio. The pool's part first reduces what
 * it still owes the bank; the rest the bank pays back into the pool (a ledger entry), which then pays the queue.
 * Reporting the same reference again changes nothing.
 */
export async function recordRecovery(db: Database, ctx: Ctx, id: string, input: RecoveryInput, today = todayInShanghai()) {
  if (input.recoveredOn > today) throw badRequest([{ path: 'body.recoveredOn', message: `cannot be later than today (${today})` }]);
  const visible = await scopedClaim(db, ctx.principal, id);
  const fen = yuanToFen(input.amount)!;
  let replayed = false;
  try {
    await db.transaction().execute(async (trx) => {
      const pool = await lockPool(trx, visible.pool_id);
      if (!pool) throw notFound('risk pool');
      const row = await lockClaim(trx, id);
      if (!row) throw notFound('claim');
      const earlier = await trx.selectFrom('risk_pool_recoveries').select(['amount']).where('claim_id', '=', id).where('reference', '=', input.reference).executeTakeFirst();
      if (earlier) {
        if (earlier.amount !== fen) throw conflict(`recovery ${input.reference} was already reported with another amount (${fenToYuan(earlier.amount)})`);
        replayed = true;
        return;
      }
      refuseUnless('record_recovery', row, ctx);
      const before = await trx.selectFrom('risk_pool_recoveries').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), sql<number>`0`).as('sum')).where('claim_id', '=', id).executeTakeFirstOrThrow();
      const assessed = row.assessed_loss ?? row.loss;
      if (Number(before.sum) + fen > assessed) {
        throw badRequest([{ path: 'body.amount', message: `recoveries would total ${fenToYuan(Number(before.sum) + fen)}, more than the accepted loss ${fenToYuan(assessed)}` }]);
      }
      const eff = recoveryEffect({ amount: fen, payable: row.payable ?? 0, assessedLoss: assessed, paid: row.paid_amount, recoveredShare: row.recovered_share });
      await trx.insertInto('risk_pool_recoveries').values({ claim_id: id, reference: input.reference, recovered_on: input.recoveredOn, amount: fen, pool_part: eff.poolPart, recorded_by: ctx.principal.userId }).execute();
      await trx.updateTable('risk_pool_claims').set({ recovered_share: row.recovered_share + eff.poolPart, updated_at: new Date() }).where('id', '=', id).execute();
      await recordEvent(trx, { claimId: id, action: 'record_recovery', from: row.status, to: row.status, actorUserId: ctx.principal.userId, actorName: actorName(ctx), note: `${input.reference}: ${fenToYuan(fen)}` });
      await writeAudit(trx, ctx, { action: 'risk_pool.claim.record_recovery', entityType: 'risk_pool_claim', entityId: id, after: { reference: input.reference, recoveredOn: input.recoveredOn, amount: fen, ...eff } });
      const money = { id: pool.id, balance: pool.balance };
      if (eff.refund > 0) await appendLedger(trx, ctx, money, { kind: 'recovery', amount: eff.refund, entryDate: input.recoveredOn, claimId: id, reference: input.reference });
      // Nothing more owed on this claim once the offset covers it.
      const owedAfter = (row.payable ?? 0) - (row.recovered_share + eff.poolPart) - row.paid_amount;
      if (row.status === 'awaiting_funds' && owedAfter <= 0) await settleClaim(trx, ctx, id, 0);
      await payQueue(trx, ctx, money, today);
    });
  } catch (e) {
    // The same recovery reported twice at once: the second waited on the pool's lock, then hit (claim, reference).
    if (isUnique(e) && (await db.selectFrom('risk_pool_recoveries').select('id').where('claim_id', '=', id).where('reference', '=', input.reference).executeTakeFirst())) replayed = true;
    else throw e;
  }
  return { replayed, claim: await getClaim(db, ctx, id) };
}
