import { sql } from 'kysely';
import type { Database } from '../../db/connect';
import type { RiskPoolClaimStatus } from '../../db/schema-risk-pool';
import { writeAudit } from '../../platform/audit';
import { todayInShanghai } from '../../platform/dates';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { fenToYuan, fenToYuanOrNull, yuanToFen } from '../../platform/money';
import type { Principal } from '../../platform/principal';
import { checkTransition, RECOVERY_STATUSES, type ClaimActionName } from './claim-transitions';
import { isNonPerforming } from './pool-rules';
import { recordEvent, type ClaimRow } from './pools.repository';
import type { FileClaimInput } from './risk-pool.schemas';
import { actorName, isStaff, poolScope, type Ctx } from './scope';

const isUnique = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';

/** The claim if the caller may see it; else 404 (scoping never reveals existence). */
export async function scopedClaim(db: Database, p: Principal, id: string): Promise<ClaimRow> {
  const scope = poolScope(p);
  const row = await db
    .selectFrom('risk_pool_claims')
    .selectAll()
    .where('id', '=', id)
    .$if(!scope.all, (q) => q.where('bank_org_id', '=', (scope as { bankOrgId: string }).bankOrgId))
    .executeTakeFirst();
  if (!row) throw notFound('claim');
  return row;
}

/** Why the caller may not take an action now (403: not theirs; 409: not in this state), or null. Four-eyes on approve. */
export function refusal(action: ClaimActionName | 'record_recovery', row: Pick<ClaimRow, 'status' | 'reviewed_by' | 'filed_by' | 'bank_org_id'>, p: Principal): { status: 403 | 409; message: string } | null {
  const staff = isStaff(p);
  const ownBank = p.role === 'institution_user' && p.organizationId === row.bank_org_id;
  if (action === 'record_recovery') {
    if (!staff && !ownBank) return { status: 403, message: 'recoveries are reported by the lending bank or office staff' };
    if (!RECOVERY_STATUSES.includes(row.status)) return { status: 409, message: `recoveries are recorded on approved claims; this claim is ${row.status}` };
    return null;
  }
  const by = staff ? 'staff' : ownBank ? 'bank' : null;
  if (!by) return { status: 403, message: 'not your claim to act on' };
  const t = checkTransition(row.status, action, by);
  if (!t.ok) return { status: t.reason === 'actor' ? 403 : 409, message: t.message };
  if (action === 'approve' && (row.reviewed_by === p.userId || row.filed_by === p.userId)) {
    return { status: 403, message: 'four-eyes: the claim is approved by an officer other than the one who reviewed it' };
  }
  return null;
}

const ACTIONS: (ClaimActionName | 'record_recovery')[] = ['review', 'approve', 'reject', 'withdraw', 'record_recovery'];

export async function getClaim(db: Database, ctx: Ctx, id: string) {
  const c = await scopedClaim(db, ctx.principal, id);
  const info = await db
    .selectFrom('loans as l')
    .innerJoin('enterprises as e', 'e.id', 'l.enterprise_id')
    .innerJoin('organizations as b', 'b.id', 'l.bank_org_id')
    .innerJoin('risk_pools as p', (j) => j.on('p.id', '=', c.pool_id))
    .leftJoin('loan_status as s', 's.loan_id', 'l.id')
    .select(['l.loan_no', 'l.principal', 'l.collateral_mode', 'l.start_date', 'e.name as enterprise_name', 'b.code as bank_code', 'b.name as bank_name', 'p.code as pool_code', 'p.name as pool_name', 'p.mode', 'p.share as pool_share', 's.final_class', 's.dpd', 's.as_of', 's.outstanding'])
    .where('l.id', '=', c.loan_id)
    .executeTakeFirstOrThrow();
  const users = new Map(
    (await db.selectFrom('users').select(['id', 'username', 'display_name']).where('id', 'in', [c.filed_by, c.reviewed_by, c.approved_by].filter((x): x is string => !!x).concat(['00000000-0000-0000-0000-000000000000'])).execute()).map((u) => [u.id, { id: u.id, username: u.username, displayName: u.display_name }]),
  );
  const events = await db.selectFrom('risk_pool_claim_events').selectAll().where('claim_id', '=', id).orderBy('id').execute();
  const recoveries = await db.selectFrom('risk_pool_recoveries').selectAll().where('claim_id', '=', id).orderBy('recovered_on').orderBy('created_at').execute();
  const payouts = await db.selectFrom('risk_pool_ledger').select(['seq', 'kind', 'amount', 'entry_date']).where('claim_id', '=', id).orderBy('seq').execute();
  const owed = c.payable === null ? null : Math.max(0, c.payable - c.recovered_share - c.paid_amount);
  let queuePosition: number | null = null;
  if (c.status === 'awaiting_funds' && c.queue_seq !== null) {
    const ahead = await db.selectFrom('risk_pool_claims').select((eb) => eb.fn.countAll<number>().as('n')).where('pool_id', '=', c.pool_id).where('status', '=', 'awaiting_funds').where('queue_seq', '<', c.queue_seq).executeTakeFirstOrThrow();
    queuePosition = Number(ahead.n) + 1;
  }
  return {
    id: c.id, claimNo: c.claim_no, status: c.status,
    pool: { id: c.pool_id, code: info.pool_code, name: info.pool_name, mode: info.mode, share: Number(info.pool_share) },
    loan: {
      id: c.loan_id, loanNo: info.loan_no, principal: fenToYuan(info.principal), collateralMode: info.collateral_mode, startDate: info.start_date, enterpriseName: info.enterprise_name,
      standing: info.final_class ? { asOf: info.as_of, dpd: info.dpd, outstanding: fenToYuan(info.outstanding ?? 0), finalClass: info.final_class, nonPerforming: isNonPerforming(info.final_class) } : null,
    },
    bank: { id: c.bank_org_id, code: info.bank_code, name: info.bank_name },
    defaultedOn: c.defaulted_on, principalAtDefault: fenToYuan(c.principal_at_default), recoveriesBefore: fenToYuan(c.recoveries_before), loss: fenToYuan(c.loss),
    assessedLoss: fenToYuanOrNull(c.assessed_loss), share: c.share === null ? null : Number(c.share), payable: fenToYuanOrNull(c.payable), capNote: c.cap_note,
    paid: fenToYuan(c.paid_amount), recoveredShare: fenToYuan(c.recovered_share), owed: fenToYuanOrNull(owed), queuePosition,
    filedBy: c.filed_by ? users.get(c.filed_by) ?? null : null, reviewedBy: c.reviewed_by ? users.get(c.reviewed_by) ?? null : null, reviewNote: c.review_note,
    approvedBy: c.approved_by ? users.get(c.approved_by) ?? null : null, approvedOn: c.approved_on, closingReason: c.closing_reason,
    createdAt: new Date(c.created_at).toISOString(),
    history: events.map((e) => ({ action: e.action, from: e.from_status, to: e.to_status, actor: e.actor_name, note: e.note, at: new Date(e.at).toISOString() })),
    recoveries: recoveries.map((r) => ({ reference: r.reference, recoveredOn: r.recovered_on, amount: fenToYuan(r.amount), poolPart: fenToYuan(r.pool_part) })),
    ledger: payouts.map((p) => ({ seq: p.seq, kind: p.kind, amount: fenToYuan(p.amount), entryDate: p.entry_date })),
    actions: ACTIONS.filter((a) => refusal(a, c, ctx.principal) === null),
  };
}

export async function listClaims(db: Database, ctx: Ctx, q: { page: number; pageSize: number; poolId?: string | undefined; status?: RiskPoolClaimStatus | undefined }) {
  const scope = poolScope(ctx.principal);
  const base = db
    .selectFrom('risk_pool_claims as c')
    .innerJoin('loans as l', 'l.id', 'c.loan_id')
    .innerJoin('enterprises as e', 'e.id', 'l.enterprise_id')
    .innerJoin('organizations as b', 'b.id', 'c.bank_org_id')
    .innerJoin('risk_pools as p', 'p.id', 'c.pool_id')
    .$if(!!q.poolId, (x) => x.where('c.pool_id', '=', q.poolId!))
    .$if(!!q.status, (x) => x.where('c.status', '=', q.status!))
    .$if(!scope.all, (x) => x.where('c.bank_org_id', '=', (scope as { bankOrgId: string }).bankOrgId));
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base
    .select(['c.id', 'c.claim_no', 'c.status', 'c.pool_id', 'p.code as pool_code', 'p.name as pool_name', 'l.loan_no', 'e.name as enterprise_name', 'b.code as bank_code', 'b.name as bank_name', 'c.defaulted_on', 'c.loss', 'c.payable', 'c.paid_amount', 'c.created_at'])
    .orderBy('c.created_at', 'desc')
    .orderBy('c.claim_no', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    total, page: q.page, pageSize: q.pageSize,
    items: rows.map((r) => ({
      id: r.id, claimNo: r.claim_no, status: r.status, pool: { id: r.pool_id, code: r.pool_code, name: r.pool_name }, loanNo: r.loan_no, enterpriseName: r.enterprise_name,
      bank: { code: r.bank_code, name: r.bank_name }, defaultedOn: r.defaulted_on, loss: fenToYuan(r.loss), payable: fenToYuanOrNull(r.payable), paid: fenToYuan(r.paid_amount), filedAt: new Date(r.created_at).toISOString(),
    })),
  };
}

/**
 * 代偿申请: the bank that holds an enrolled loan files when the loan is non-performing (the daily standing in
 * loan_status). Loss = outstanding principal at default − recoveries so far; a 前补偿 pool pays on the principal at
 * default before any recovery (沪科提复〔2025〕42号: no loss threshold), so recoveries so far must be 0 there.
 */
export async function fileClaim(db: Database, ctx: Ctx, input: FileClaimInput, today = todayInShanghai()) {
  const scope = poolScope(ctx.principal);
  const enrolment = await db
    .selectFrom('risk_pool_enrolments as en')
    .innerJoin('loans as l', 'l.id', 'en.loan_id')
    .innerJoin('risk_pools as p', 'p.id', 'en.pool_id')
    .leftJoin('loan_status as s', 's.loan_id', 'l.id')
    .select(['en.id', 'en.pool_id', 'en.enrolled_on', 'en.bank_org_id', 'l.loan_no', 'l.principal', 'l.start_date', 'p.mode', 's.final_class', 's.as_of'])
    .where('en.loan_id', '=', input.loanId)
    .$if(!scope.all, (q) => q.where('en.bank_org_id', '=', (scope as { bankOrgId: string }).bankOrgId))
    .executeTakeFirst();
  if (!enrolment) throw notFound('enrolled loan');
  const principal = yuanToFen(input.principalAtDefault)!;
  const recoveries = yuanToFen(input.recoveriesSoFar)!;
  const issues = [];
  if (principal > enrolment.principal) issues.push({ path: 'body.principalAtDefault', message: `cannot exceed the loan's principal ${fenToYuan(enrolment.principal)}` });
  if (recoveries >= principal) issues.push({ path: 'body.recoveriesSoFar', message: 'recoveries so far must be below the principal at default (nothing would be lost)' });
  if (enrolment.mode === 'upfront' && recoveries !== 0) issues.push({ path: 'body.recoveriesSoFar', message: '前补偿 is paid on the principal at default before any recovery: report recoveries after approval' });
  if (input.defaultedOn > today) issues.push({ path: 'body.defaultedOn', message: `cannot be later than today (${today})` });
  if (input.defaultedOn < enrolment.start_date) issues.push({ path: 'body.defaultedOn', message: `cannot be before the loan's start date ${enrolment.start_date}` });
  if (issues.length) throw badRequest(issues);
  if (input.defaultedOn < enrolment.enrolled_on) throw conflict(`the loan defaulted on ${input.defaultedOn}, before it was enrolled (${enrolment.enrolled_on}): the pool does not cover it`);
  if (!isNonPerforming(enrolment.final_class)) {
    throw conflict(`loan ${enrolment.loan_no} is not non-performing (${enrolment.final_class ?? 'no classification yet'}${enrolment.as_of ? ` as of ${enrolment.as_of}` : ''}); a claim is filed once it is substandard, doubtful or loss`);
  }
  try {
    const id = await db.transaction().execute(async (trx) => {
      const n = await sql<{ n: number }>`select nextval('risk_pool_claim_no')::int as n`.execute(trx);
      const claimNo = `RPC-${today.slice(0, 4)}-${String(n.rows[0]!.n).padStart(6, '0')}`;
      const row = await trx
        .insertInto('risk_pool_claims')
        .values({
          claim_no: claimNo, pool_id: enrolment.pool_id, enrolment_id: enrolment.id, loan_id: input.loanId, bank_org_id: enrolment.bank_org_id, status: 'filed',
          defaulted_on: input.defaultedOn, principal_at_default: principal, recoveries_before: recoveries, loss: principal - recoveries, filed_by: ctx.principal.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordEvent(trx, { claimId: row.id, action: 'file', from: null, to: 'filed', actorUserId: ctx.principal.userId, actorName: actorName(ctx), note: null });
      await writeAudit(trx, ctx, { action: 'risk_pool.claim.file', entityType: 'risk_pool_claim', entityId: row.id, after: { claimNo, loanId: input.loanId, poolId: enrolment.pool_id, defaultedOn: input.defaultedOn, principalAtDefault: principal, recoveriesBefore: recoveries, loss: principal - recoveries } });
      return row.id;
    });
    return getClaim(db, ctx, id);
  } catch (e) {
    if (isUnique(e)) throw conflict(`loan ${enrolment.loan_no} already has an open claim`);
    throw e;
  }
}
