import type { Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/connect';
import type { DB } from '../../db/schema';
import type { ApplicationStatus, ApplicationTable } from '../../db/schema-financing';
import { writeAudit } from '../../platform/audit';
import { todayInShanghai } from '../../platform/dates';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { yuanToFen } from '../../platform/money';
import {
  bankByCode, bankOffersProduct, currentAssignment, insertEvents, lockApplication, productByCode, productById, resolveWarnings,
} from './applications.repository';
import { getApplication, scopedApplication, type Ctx } from './applications.service';
import { checkTransition, type ApplicationActionName } from './transitions';
import { applicationActor } from './view';

type Row = Selectable<ApplicationTable>;
type Update = Partial<{ [K in keyof ApplicationTable]: unknown }>;
interface Applied {
  set?: Update;
  /** What the event and the audit row say beyond the status change (bank, amounts, meeting …). */
  data?: Record<string, unknown>;
}

/**
 * Runs one action of the transition table on a locked application: checks actor (403), state (409) and the
 * action's required facts (400), lets `apply` check and compute the action's own fields, then writes the
 * application, its event and the audit row in one transaction.
 */
export async function act(
  db: Database,
  ctx: Ctx,
  id: string,
  action: ApplicationActionName,
  input: { reason?: string | null | undefined; meetingId?: string | null | undefined },
  apply?: (trx: Transaction<DB>, row: Row, to: ApplicationStatus) => Promise<Applied | void>,
) {
  await scopedApplication(db, ctx.principal, id);
  await db.transaction().execute(async (trx) => {
    const row = (await lockApplication(trx, id)) as Row | undefined;
    if (!row) throw notFound('application');
    const assignment = await currentAssignment(trx, id);
    const breached = assignment
      ? Boolean(await trx.selectFrom('application_sla_warnings').select('line_days').where('application_id', '=', id).where('assignment_seq', '=', assignment.seq).executeTakeFirst())
      : false;
    const check = checkTransition(row.status, action, applicationActor(ctx.principal), { slaBreached: breached, meetingId: input.meetingId ?? null, reason: input.reason ?? null });
    if (!check.ok) {
      if (check.reason === 'actor') throw forbidden(check.message);
      if (check.reason === 'input') throw badRequest([{ path: check.field ?? 'body', message: check.message }]);
      throw conflict(check.message);
    }
    if (input.meetingId) {
      const meeting = await trx.selectFrom('review_meetings').select('id').where('id', '=', input.meetingId).executeTakeFirst();
      if (!meeting) throw badRequest([{ path: 'body.meetingId', message: 'no review meeting with this id' }]);
    }
    const applied = (await apply?.(trx, row, check.to)) ?? {};
    const set = { ...(applied.set ?? {}), status: check.to, updated_at: new Date() };
    await trx.updateTable('applications').set(set as never).where('id', '=', id).execute();
    const data = { ...(applied.data ?? {}), ...(input.meetingId ? { meetingId: input.meetingId } : {}) };
    await insertEvents(trx, [{ applicationId: id, actorUserId: ctx.principal.userId, action, from: row.status, to: check.to, reason: input.reason ?? null, data }]);
    await writeAudit(trx, ctx, {
      action: `application.${action}`, entityType: 'application', entityId: id,
      before: { status: row.status }, after: { status: check.to, reason: input.reason ?? null, ...data },
    });
  });
  return getApplication(db, ctx, id);
}

export const submitApplication = (db: Database, ctx: Ctx, id: string) =>
  act(db, ctx, id, 'submit', {}, async () => ({ set: { submitted_on: todayInShanghai() } }));
export const withdrawApplication = (db: Database, ctx: Ctx, id: string, reason?: string) => act(db, ctx, id, 'withdraw', { reason: reason ?? null });
export const screenApplication = (db: Database, ctx: Ctx, id: string) => act(db, ctx, id, 'screen', {});
export const sendToReview = (db: Database, ctx: Ctx, id: string, reason?: string) => act(db, ctx, id, 'send_to_review', { reason: reason ?? null });
export const deferApplication = (db: Database, ctx: Ctx, id: string, input: { reason: string; meetingId?: string | undefined }) =>
  act(db, ctx, id, 'defer', input, async () => ({ set: { deferral_reason: input.reason } }));
export const rejectApplication = (db: Database, ctx: Ctx, id: string, input: { reason: string; meetingId?: string | undefined }) => act(db, ctx, id, 'reject', input);
export const acceptApplication = (db: Database, ctx: Ctx, id: string) => act(db, ctx, id, 'accept', {}, async () => ({ data: { acceptedOn: todayInShanghai() } }));

/** 推荐: to one bank and product, with an amount; a new assignment row keeps every earlier one. */
export async function recommendApplication(
  db: Database, ctx: Ctx, id: string,
  input: { bankCode: string; productCode?: string | undefined; amount: number; meetingId?: string | undefined; reason?: string | undefined },
) {
  return act(db, ctx, id, 'recommend', input, async (trx, row) => {
    const bank = await bankByCode(trx, input.bankCode);
    if (!bank || bank.kind !== 'bank') throw badRequest([{ path: 'body.bankCode', message: `no bank with code '${input.bankCode}'` }]);
    const product = input.productCode ? await productByCode(trx, input.productCode) : row.product_id ? await productById(trx, row.product_id) : null;
    if (input.productCode && !product) throw badRequest([{ path: 'body.productCode', message: `no product with code '${input.productCode}'` }]);
    if (product && !(await bankOffersProduct(trx, product.id, bank.id))) {
      throw badRequest([{ path: 'body.bankCode', message: `${bank.code} does not offer product ${product.code} (neither its owner nor a partner bank)` }]);
    }
    const last = await currentAssignment(trx, id);
    if (row.status === 'reassigned' && last?.bank_org_id === bank.id) {
      throw badRequest([{ path: 'body.bankCode', message: `the application was just moved away from ${bank.code}: recommend it to another bank` }]);
    }
    const today = todayInShanghai();
    const amount = yuanToFen(input.amount)!;
    const seq = (last?.seq ?? 0) + 1;
    await trx.insertInto('application_assignments').values({
      application_id: id, seq, bank_org_id: bank.id, product_id: product?.id ?? null, product_version: product?.current_version ?? null, amount, recommended_on: today,
    }).execute();
    return {
      set: {
        bank_org_id: bank.id, recommended_product_id: product?.id ?? null, recommended_product_version: product?.current_version ?? null,
        recommended_amount: amount, recommended_on: today, decided_on: null,
      },
      data: { assignmentSeq: seq, bankCode: bank.code, productCode: product?.code ?? null, amount: input.amount, recommendedOn: today },
    };
  });
}

/** 授信: the bank's credit decision ends the warning lines of this recommendation. */
export async function approveApplication(db: Database, ctx: Ctx, id: string, input: { amount: number; rate: string; termMonths: number; decidedOn?: string | undefined }) {
  return act(db, ctx, id, 'approve', {}, async (trx, row) => {
    const decidedOn = input.decidedOn ?? todayInShanghai();
    if (row.recommended_on && decidedOn < row.recommended_on) throw badRequest([{ path: 'body.decidedOn', message: `cannot be before the recommendation on ${row.recommended_on}` }]);
    const resolved = await resolveWarnings(trx, id);
    return {
      set: { approved_amount: yuanToFen(input.amount), approved_rate: input.rate, approved_term_months: input.termMonths, decided_on: decidedOn },
      data: { amount: input.amount, rate: input.rate, termMonths: input.termMonths, decidedOn, resolvedWarnings: resolved.length },
    };
  });
}

export async function declineApplication(db: Database, ctx: Ctx, id: string, input: { reason: string; decidedOn?: string | undefined }) {
  return act(db, ctx, id, 'decline', input, async (trx, row) => {
    const decidedOn = input.decidedOn ?? todayInShanghai();
    if (row.recommended_on && decidedOn < row.recommended_on) throw badRequest([{ path: 'body.decidedOn', message: `cannot be before the recommendation on ${row.recommended_on}` }]);
    const resolved = await resolveWarnings(trx, id);
    return { set: { decided_on: decidedOn }, data: { decidedOn, resolvedWarnings: resolved.length } };
  });
}

/** 更换银行: the current assignment ends with the reason; the application waits for a new recommendation. */
export async function reassignApplication(db: Database, ctx: Ctx, id: string, input: { reason: string }) {
  return act(db, ctx, id, 'reassign', input, async (trx) => {
    const current = await currentAssignment(trx, id);
    const today = todayInShanghai();
    if (current) {
      await trx.updateTable('application_assignments').set({ ended_on: today, end_reason: input.reason }).where('application_id', '=', id).where('seq', '=', current.seq).execute();
    }
    const from = current ? await trx.selectFrom('organizations').select('code').where('id', '=', current.bank_org_id).executeTakeFirst() : undefined;
    const resolved = await resolveWarnings(trx, id);
    return {
      set: { bank_org_id: null, recommended_product_id: null, recommended_product_version: null, recommended_amount: null, recommended_on: null, decided_on: null },
      data: { fromBankCode: from?.code ?? null, assignmentSeq: current?.seq ?? null, endedOn: today, resolvedWarnings: resolved.length },
    };
  });
}
