import type { Transaction } from 'kysely';
import { evaluate, PolicyInputError } from '../../../policy';
import type { Database } from '../../db/connect';
import type { DB, SubsidyClaimStatus, SubsidyClaimTable } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { todayInShanghai } from '../../platform/dates';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { fenToYuan, yuanToFen } from '../../platform/money';
import { currentRuleset } from '../policy/policy.ruleset';
import { checkBudget } from './budgets.service';
import { refusal } from './claim-rules';
import { CLAIM_ACTIONS, type ClaimActionName } from './claim-transitions';
import { claimActor, claimFacts } from './claim-view';
import { countOpenObjections, grantedOf, lockBeneficiary, lockClaim, recordTransition, settingsRow, type ClaimRow } from './claims.repository';
import { actorName, getClaim, scopedClaim, type Ctx } from './claims.service';
import { engineRequest, grantedEntries } from './engine-request';
import { noticeWindow } from './working-days';

type Update = Partial<Omit<{ [K in keyof SubsidyClaimTable]: unknown }, 'id'>>;

/** The one check of an action (claim-rules.ts), the same the claim detail's `actions` are computed from. */
function refuseUnless(action: ClaimActionName | 'record_objection' | 'resolve_objection', row: ClaimRow, openObjections: number, ctx: Ctx, today: string) {
  const r = refusal(action, claimFacts(row, openObjections), { userId: ctx.principal.userId, actor: claimActor(ctx.principal) }, today);
  if (r) throw r.status === 403 ? forbidden(r.message) : conflict(r.message);
}

/**
 * Runs one action of the transition table on a locked claim: checks state and actor (409 / 403), lets `apply`
 * check and compute the action's own fields, then writes the claim, its history row and the audit row in one
 * transaction.
 */
async function act(
  db: Database,
  ctx: Ctx,
  id: string,
  action: ClaimActionName,
  reason: string | null,
  apply?: (trx: Transaction<DB>, row: ClaimRow, to: SubsidyClaimStatus) => Promise<Update | void>,
  opts: { lockBeneficiaryFirst?: boolean; today?: string } = {},
) {
  const visible = await scopedClaim(db, ctx.principal, id);
  await db.transaction().execute(async (trx) => {
    if (opts.lockBeneficiaryFirst) await lockBeneficiary(trx, visible.beneficiary_uscc);
    const row = await lockClaim(trx, id);
    if (!row) throw notFound('claim');
    refuseUnless(action, row, await countOpenObjections(trx, id), ctx, opts.today ?? todayInShanghai());
    const to = CLAIM_ACTIONS[action].to;
    const extra = (await apply?.(trx, row, to)) ?? {};
    const set = { ...extra, status: to, updated_at: new Date() } as Record<string, unknown>;
    await trx.updateTable('subsidy_claims').set(set as never).where('id', '=', id).execute();
    await recordTransition(trx, { claimId: id, action, from: row.status, to, actorUserId: ctx.principal.userId, actorName: actorName(ctx), reason });
    const before: Record<string, unknown> = { status: row.status };
    for (const k of Object.keys(extra)) before[k] = (row as Record<string, unknown>)[k];
    const after: Record<string, unknown> = { status: to, ...extra };
    delete after.engine_result;
    delete before.engine_result;
    await writeAudit(trx, ctx, { action: `subsidy.claim.${action}`, entityType: 'subsidy_claim', entityId: id, before, after: { ...after, reason } });
  });
  return getClaim(db, ctx, id);
}

export const submitClaim = (db: Database, ctx: Ctx, id: string) => act(db, ctx, id, 'submit', null, async () => ({ submitted_at: new Date() }));
export const startReview = (db: Database, ctx: Ctx, id: string) => act(db, ctx, id, 'start_review', null);
export const rejectClaim = (db: Database, ctx: Ctx, id: string, reason: string) => act(db, ctx, id, 'reject', reason, async () => ({ closing_reason: reason }));
export const withdrawClaim = (db: Database, ctx: Ctx, id: string, reason: string) => act(db, ctx, id, 'withdraw', reason, async () => ({ closing_reason: reason }));

/**
 * 认定: the engine decides the amount. The beneficiary's row is locked first, so two officers determining
 * claims of the same beneficiary at the same moment run one after the other and the second sees the first's
 * amount in `granted` (year and once caps hold across app servers). The budget row is locked next.
 */
export async function determineClaim(db: Database, ctx: Ctx, id: string, input: { amount?: number | undefined; reason?: string | undefined } = {}) {
  return act(db, ctx, id, 'determine', input.reason ?? null, async (trx, row) => {
    const ruleset = await currentRuleset(trx);
    const granted = grantedEntries(await grantedOf(trx, [row.beneficiary_uscc], row.id));
    let response;
    try {
      response = evaluate(ruleset, engineRequest([row], granted));
    } catch (e) {
      if (e instanceof PolicyInputError) throw conflict(`the claim's facts no longer fit the ruleset: ${e.message}`);
      throw e;
    }
    const result = response.results[0]!;
    if (result.status !== 'granted') {
      throw conflict(`the engine's result is ${result.status}, nothing can be determined: ${result.reasons.join(' ')} — reject the claim instead`);
    }
    const engineFen = yuanToFen(result.amount)!;
    let fen = engineFen;
    if (input.amount !== undefined) {
      fen = yuanToFen(input.amount)!;
      if (fen > engineFen) throw badRequest([{ path: 'body.amount', message: `cannot exceed the engine's amount ${result.amount} (adjustments are downward only)` }]);
      if (fen < engineFen && !input.reason) throw badRequest([{ path: 'body.reason', message: 'a reason is required when the amount is set below the engine result' }]);
    }
    await checkBudget(trx, row.measure, Number(row.event_date.slice(0, 4)), fen, row.id);
    const settings = await settingsRow(trx);
    return {
      engine_status: result.status, engine_amount: engineFen, engine_result: JSON.stringify(result), ruleset_version: response.rulesetVersion, input_hash: response.inputHash,
      amount: fen, adjustment_reason: fen < engineFen ? input.reason! : null, determined_by: ctx.principal.userId, determined_at: new Date(),
      needs_second_approval: fen > settings.second_approval_threshold, second_approved_by: null, second_approved_at: null, notice_start: null, notice_end: null,
    };
  }, { lockBeneficiaryFirst: true });
}

export async function adjustClaim(db: Database, ctx: Ctx, id: string, input: { amount: number; reason: string }) {
  return act(db, ctx, id, 'adjust', input.reason, async (trx, row) => {
    const fen = yuanToFen(input.amount)!;
    if (fen >= (row.amount ?? 0)) {
      throw badRequest([{ path: 'body.amount', message: `an adjustment only lowers the amount: must be below the determined ${fenToYuan(row.amount ?? 0)}` }]);
    }
    const settings = await settingsRow(trx);
    const needs = fen > settings.second_approval_threshold;
    return { amount: fen, adjustment_reason: input.reason, needs_second_approval: needs, ...(needs ? {} : { second_approved_by: null, second_approved_at: null }) };
  });
}

/** Maker-checker above the threshold: a second officer, never the one who determined, approves the amount. */
export async function approveDetermination(db: Database, ctx: Ctx, id: string) {
  return act(db, ctx, id, 'approve_determination', null, async () => ({ second_approved_by: ctx.principal.userId, second_approved_at: new Date() }));
}

/** 公示: starts today (Asia/Shanghai) and lasts the configured number of working days. */
export async function publishClaim(db: Database, ctx: Ctx, id: string, today = todayInShanghai()) {
  return act(db, ctx, id, 'publish', null, async (trx) => {
    const s = await settingsRow(trx);
    const w = noticeWindow(today, s.notice_working_days, s.holidays);
    return { notice_start: w.from, notice_end: w.to };
  }, { today });
}

export async function approvePayment(db: Database, ctx: Ctx, id: string, today = todayInShanghai()) {
  return act(db, ctx, id, 'approve_payment', null, undefined, { today });
}

/**
 * 拨付, at most once: the Idempotency-Key makes a retried request return the paid claim unchanged; a second
 * payment under another key is a 409.
 */
export async function payClaim(db: Database, ctx: Ctx, id: string, input: { paymentReference: string; idempotencyKey: string | undefined }) {
  const key = input.idempotencyKey?.trim();
  if (!key || key.length > 200) throw badRequest([{ path: 'headers.idempotency-key', message: 'an Idempotency-Key header (1–200 characters) is required to pay' }]);
  const row = await scopedClaim(db, ctx.principal, id);
  if (row.status === 'paid') {
    if (row.payment_key === key) return getClaim(db, ctx, id);
    throw conflict(`claim ${row.number} is already paid (reference ${row.payment_reference}); it is paid at most once`);
  }
  const used = await db.selectFrom('subsidy_claims').select(['number']).where('payment_key', '=', key).executeTakeFirst();
  if (used) throw conflict(`the Idempotency-Key was already used to pay claim ${used.number}`);
  try {
    return await act(db, ctx, id, 'pay', null, async () => ({ payment_reference: input.paymentReference, payment_key: key, paid_at: new Date(), paid_by: ctx.principal.userId }));
  } catch (e) {
    // The same request retried while the first was paying: it waited on the claim's lock, found it paid under
    // its own key, and returns the same answer the first one got.
    const now = await scopedClaim(db, ctx.principal, id);
    if (now.status === 'paid' && now.payment_key === key) return getClaim(db, ctx, id);
    throw e;
  }
}

export async function recordObjection(db: Database, ctx: Ctx, id: string, input: { raisedBy: string; content: string }) {
  await scopedClaim(db, ctx.principal, id);
  await db.transaction().execute(async (trx) => {
    const row = (await lockClaim(trx, id))!;
    refuseUnless('record_objection', row, await countOpenObjections(trx, id), ctx, todayInShanghai());
    const o = await trx.insertInto('subsidy_objections').values({ claim_id: id, raised_by_name: input.raisedBy, content: input.content, recorded_by: ctx.principal.userId }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'subsidy.claim.objection.record', entityType: 'subsidy_claim', entityId: id, after: { objectionId: o.id, ...input } });
  });
  return getClaim(db, ctx, id);
}

/** An upheld objection sends the claim back to review (reopen); a dismissed one lets the notice run on. */
export async function resolveObjection(db: Database, ctx: Ctx, id: string, objectionId: string, input: { upheld: boolean; resolution: string }) {
  await scopedClaim(db, ctx.principal, id);
  await db.transaction().execute(async (trx) => {
    const row = (await lockClaim(trx, id))!;
    const o = await trx.selectFrom('subsidy_objections').selectAll().where('id', '=', objectionId).where('claim_id', '=', id).forUpdate().executeTakeFirst();
    if (!o) throw notFound('objection');
    if (o.resolved_by) throw conflict('this objection is already resolved');
    refuseUnless('resolve_objection', row, await countOpenObjections(trx, id), ctx, todayInShanghai());
    await trx.updateTable('subsidy_objections').set({ upheld: input.upheld, resolution: input.resolution, resolved_by: ctx.principal.userId, resolved_at: new Date() }).where('id', '=', objectionId).execute();
    await writeAudit(trx, ctx, { action: 'subsidy.claim.objection.resolve', entityType: 'subsidy_claim', entityId: id, after: { objectionId, ...input } });
    if (input.upheld) {
      refuseUnless('reopen', row, 0, ctx, todayInShanghai());
      const to = CLAIM_ACTIONS.reopen.to;
      await trx.updateTable('subsidy_claims').set({ status: to, notice_start: null, notice_end: null, updated_at: new Date() }).where('id', '=', id).execute();
      await recordTransition(trx, { claimId: id, action: 'reopen', from: row.status, to, actorUserId: ctx.principal.userId, actorName: actorName(ctx), reason: input.resolution });
      await writeAudit(trx, ctx, { action: 'subsidy.claim.reopen', entityType: 'subsidy_claim', entityId: id, before: { status: row.status }, after: { status: to, reason: input.resolution } });
    }
  });
  return getClaim(db, ctx, id);
}
