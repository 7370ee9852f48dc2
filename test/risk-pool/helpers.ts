import { expect } from 'vitest';
import type { LoanClass } from '../../src/server/db/schema-loan';
import type { FixtureUser, TestContext } from '../helpers/app';

let n = 0;

export async function call(ctx: TestContext, user: FixtureUser, method: string, url: string, payload?: unknown, headers?: Record<string, string>) {
  return ctx.as(user, { method, url: `/api/v1${url}`, ...(payload !== undefined ? { payload } : {}), ...(headers ? { headers } : {}) });
}

export async function ok<T = any>(ctx: TestContext, user: FixtureUser, method: string, url: string, payload?: unknown, status = 200, headers?: Record<string, string>): Promise<T> {
  const res = await call(ctx, user, method, url, payload, headers);
  expect(res.statusCode, `${user} ${method} ${url}: ${res.body.slice(0, 500)}`).toBe(status);
  return res.json() as T;
}

/**
 * A loan inserted directly with its current standing (loan_status), as the ledger and its daily job would leave it.
 * bank: 'bank' → BANK1, 'bank2' → BANK2. Principal in fen.
 */
export async function loan(ctx: TestContext, opts: { bank?: 'bank' | 'bank2'; collateral?: 'credit' | 'ip_pledge' | 'guarantee' | 'performance_insurance' | 'other'; principal?: number; finalClass?: LoanClass; productId?: string | null; enterprise?: 'A' | 'B' } = {}) {
  n += 1;
  const principal = opts.principal ?? 1_000_000_00;
  const row = await ctx.db
    .insertInto('loans')
    .values({
      loan_no: `RP-T-${n}-${Math.random().toString(36).slice(2, 8)}`, bank_org_id: opts.bank === 'bank2' ? ctx.ids.bank2Org : ctx.ids.bankOrg,
      enterprise_id: opts.enterprise === 'B' ? ctx.ids.enterpriseB : ctx.ids.enterpriseA, product_id: opts.productId ?? null, collateral_mode: opts.collateral ?? 'credit',
      principal, annual_rate: '0.04', term_months: 12, start_date: '2025-01-10', maturity_date: '2026-01-10', repayment_method: 'equal_instalment', source: 'api',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await setStanding(ctx, row.id, opts.finalClass ?? 'normal', principal);
  return row.id;
}

const DPD: Record<LoanClass, number> = { normal: 0, special_mention: 30, substandard: 120, doubtful: 300, loss: 400 };

export async function setStanding(ctx: TestContext, loanId: string, finalClass: LoanClass, outstanding: number) {
  const floors = await ctx.db.selectFrom('classification_floors').select('id').executeTakeFirstOrThrow();
  const { bank_org_id } = await ctx.db.selectFrom('loans').select('bank_org_id').where('id', '=', loanId).executeTakeFirstOrThrow();
  const values = { loan_id: loanId, bank_org_id, as_of: '2025-11-01', dpd: DPD[finalClass], outstanding, computed_class: finalClass, reported_class: null, final_class: finalClass, floors_id: floors.id };
  await ctx.db.insertInto('loan_status').values(values).onConflict((oc) => oc.column('loan_id').doUpdateSet(values)).execute();
}

export const poolBody = (over: Record<string, unknown> = {}) => ({
  code: `POOL-${++n}`, name: '杨浦区科技信贷风险补偿资金池', mode: 'loss_sharing', share: 0.9, collateralModes: [], productIds: [], perLoanCap: null, perBankYearCap: null,
  nplTolerance: 0.03, basis: '杨府发〔2025〕2号 第10条', ...over,
});

export async function createPool(ctx: TestContext, over: Record<string, unknown> = {}, capital?: number) {
  const pool = await ok(ctx, 'officer', 'POST', '/risk-pools', { sponsorOrgId: ctx.ids.office, ...poolBody(over) }, 201);
  if (capital) await ok(ctx, 'officer', 'POST', `/risk-pools/${pool.id}/contributions`, { amount: capital, contributedOn: '2025-01-15', reference: '区财政拨款' }, 201);
  return pool.id as string;
}

/** An enrolled loan of BANK1 (or BANK2) that then turned non-performing, ready for a claim. */
export async function enrolledNpl(ctx: TestContext, poolId: string, opts: { bank?: 'bank' | 'bank2'; principal?: number; collateral?: 'credit' | 'ip_pledge' } = {}) {
  const id = await loan(ctx, { ...opts });
  await ok(ctx, opts.bank ?? 'bank', 'POST', `/risk-pools/${poolId}/enrolments`, { loanId: id, enrolledOn: '2025-02-01' }, 201);
  await setStanding(ctx, id, 'substandard', opts.principal ?? 1_000_000_00);
  return id;
}

/** File (bank), review (officer) and return the claim id, ready for officer2's approval. */
export async function reviewedClaim(ctx: TestContext, poolId: string, opts: { bank?: 'bank' | 'bank2'; principal?: number; recoveries?: number } = {}) {
  const loanId = await enrolledNpl(ctx, poolId, opts);
  const principal = (opts.principal ?? 1_000_000_00) / 100;
  const c = await ok(ctx, opts.bank ?? 'bank', 'POST', '/risk-pool-claims', { loanId, defaultedOn: '2025-10-01', principalAtDefault: principal, recoveriesSoFar: opts.recoveries ?? 0 }, 201);
  await ok(ctx, 'officer', 'POST', `/risk-pool-claims/${c.id}/review`, {});
  return c.id as string;
}
