import type { Database } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { todayInShanghai } from '../../platform/dates';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { fenToYuan } from '../../platform/money';
import { coverageProblems, isNonPerforming } from './pool-rules';
import { poolProducts, poolRow } from './pools.repository';
import { poolScope, type Ctx } from './scope';

const isUnique = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';

/** A loan the caller may act on: any loan for staff, the bank's own loans for an institution user (else 404). */
async function scopedLoan(db: Database, ctx: Ctx, loanId: string) {
  const scope = poolScope(ctx.principal);
  const loan = await db
    .selectFrom('loans as l')
    .leftJoin('loan_status as s', 's.loan_id', 'l.id')
    .select(['l.id', 'l.loan_no', 'l.bank_org_id', 'l.enterprise_id', 'l.product_id', 'l.collateral_mode', 'l.principal', 'l.start_date', 's.final_class', 's.as_of'])
    .where('l.id', '=', loanId)
    .$if(!scope.all, (q) => q.where('l.bank_org_id', '=', (scope as { bankOrgId: string }).bankOrgId))
    .executeTakeFirst();
  return loan;
}

/**
 * 入池: a loan joins a pool if it fits the pool's coverage (collateral modes, products: 400 naming each mismatch)
 * and the pool can take it (active, the loan performing and not in another pool: 409).
 */
export async function enrolLoan(db: Database, ctx: Ctx, poolId: string, input: { loanId: string; enrolledOn: string }, today = todayInShanghai()) {
  const pool = await poolRow(db, poolId);
  if (!pool) throw notFound('risk pool');
  const loan = await scopedLoan(db, ctx, input.loanId);
  if (!loan) throw notFound('loan');
  const problems = coverageProblems({
    pool: { status: pool.status, collateralModes: pool.collateral_modes, productIds: await poolProducts(db, poolId) },
    loan: { collateralMode: loan.collateral_mode, productId: loan.product_id },
  });
  if (problems.length) throw badRequest(problems.map((message) => ({ path: 'body.loanId', message })));
  if (input.enrolledOn > today) throw badRequest([{ path: 'body.enrolledOn', message: `cannot be later than today (${today})` }]);
  if (input.enrolledOn < loan.start_date) throw badRequest([{ path: 'body.enrolledOn', message: `cannot be before the loan's start date ${loan.start_date}` }]);
  if (pool.status !== 'active') throw conflict('the pool is closed: it enrols no new loans');
  // A loan already non-performing would bring a known loss into the pool.
  if (isNonPerforming(loan.final_class)) throw conflict(`loan ${loan.loan_no} is already non-performing (${loan.final_class} as of ${loan.as_of}); only performing loans are enrolled`);
  const existing = await db.selectFrom('risk_pool_enrolments as e').innerJoin('risk_pools as p', 'p.id', 'e.pool_id').select(['p.code']).where('e.loan_id', '=', loan.id).executeTakeFirst();
  if (existing) throw conflict(`loan ${loan.loan_no} is already enrolled in pool ${existing.code}`);
  try {
    const id = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('risk_pool_enrolments')
        .values({ pool_id: poolId, loan_id: loan.id, bank_org_id: loan.bank_org_id, enrolled_on: input.enrolledOn, principal: loan.principal, enrolled_by: ctx.principal.userId })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, ctx, { action: 'risk_pool.enrol', entityType: 'risk_pool_enrolment', entityId: row.id, after: { poolId, loanId: loan.id, loanNo: loan.loan_no, enrolledOn: input.enrolledOn, principal: loan.principal } });
      return row.id;
    });
    return (await listEnrolments(db, ctx, { page: 1, pageSize: 1, enrolmentId: id })).items[0]!;
  } catch (e) {
    if (isUnique(e)) throw conflict(`loan ${loan.loan_no} is already enrolled in a pool`);
    throw e;
  }
}

export async function listEnrolments(db: Database, ctx: Ctx, q: { page: number; pageSize: number; poolId?: string | undefined; enrolmentId?: string }) {
  const scope = poolScope(ctx.principal);
  const base = db
    .selectFrom('risk_pool_enrolments as e')
    .innerJoin('loans as l', 'l.id', 'e.loan_id')
    .innerJoin('risk_pools as p', 'p.id', 'e.pool_id')
    .innerJoin('enterprises as ent', 'ent.id', 'l.enterprise_id')
    .innerJoin('organizations as b', 'b.id', 'e.bank_org_id')
    .leftJoin('loan_status as s', 's.loan_id', 'l.id')
    .$if(!!q.poolId, (x) => x.where('e.pool_id', '=', q.poolId!))
    .$if(!!q.enrolmentId, (x) => x.where('e.id', '=', q.enrolmentId!))
    .$if(!scope.all, (x) => x.where('e.bank_org_id', '=', (scope as { bankOrgId: string }).bankOrgId));
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base
    .select([
      'e.id', 'e.pool_id', 'p.code as pool_code', 'p.name as pool_name', 'e.loan_id', 'l.loan_no', 'l.collateral_mode', 'ent.name as enterprise_name', 'b.code as bank_code', 'b.name as bank_name',
      'e.enrolled_on', 'e.principal', 's.outstanding', 's.final_class', 's.as_of', 's.dpd',
    ])
    .select((eb) =>
      eb.selectFrom('risk_pool_claims as c').select('c.id').whereRef('c.loan_id', '=', 'e.loan_id').where('c.status', 'not in', ['rejected', 'withdrawn']).limit(1).as('open_claim_id'),
    )
    .orderBy('e.enrolled_on', 'desc')
    .orderBy('l.loan_no')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    total, page: q.page, pageSize: q.pageSize,
    items: rows.map((r) => ({
      id: r.id, pool: { id: r.pool_id, code: r.pool_code, name: r.pool_name }, loan: { id: r.loan_id, loanNo: r.loan_no, collateralMode: r.collateral_mode },
      enterpriseName: r.enterprise_name, bank: { code: r.bank_code, name: r.bank_name }, enrolledOn: r.enrolled_on, principal: fenToYuan(r.principal),
      standing: r.final_class ? { asOf: r.as_of, dpd: r.dpd, outstanding: fenToYuan(r.outstanding ?? 0), finalClass: r.final_class, nonPerforming: isNonPerforming(r.final_class) } : null,
      openClaimId: r.open_claim_id ?? null,
    })),
  };
}
