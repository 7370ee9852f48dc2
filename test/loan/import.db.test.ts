import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importLoans } from '../../src/server/modules/loan/loans.import';
import { makeUscc } from '../../src/shared/uscc';
import { createTestContext, multipartFile, type TestContext } from '../helpers/app';
import { expectStatus, loanApi } from './helpers';

// `kcjr import loans FILE --as-of D` (issue #5, clarifications.md): a file is a bank's report as of a date.
let ctx: TestContext;
const cli = { principal: null, requestId: null, systemActor: 'cli:test' };
const HEADER = 'loan_no,uscc,enterprise_name,district,bank_code,product_code,collateral_mode,disbursed_on,principal,annual_rate,term_months,repayment_method,outstanding,dpd,first_loan';
const row = (no: string, over: Partial<Record<string, string>> = {}) => {
  const r = {
    loan_no: no, uscc: makeUscc(1), enterprise_name: '甲科技有限公司', district: '杨浦区', bank_code: 'BANK1', product_code: 'CRD', collateral_mode: 'ip_pledge',
    disbursed_on: '2024-06-30', principal: '1000000', annual_rate: '0.0435', term_months: '24', repayment_method: 'equal_instalment', outstanding: '800000', dpd: '0', first_loan: 'true', ...over,
  };
  return Object.values(r).join(',');
};
const file = (lines: string[], header = HEADER) => ({ filename: 'loans.csv', buffer: Buffer.from(`${header}\n${lines.join('\n')}\n`) });

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.db.insertInto('products').values({ code: 'CRD', name: '测试银行信用贷', type: 'credit_loan', owner_org_id: ctx.ids.bankOrg }).execute();
});
afterAll(async () => ctx?.close());

describe('import loans', () => {
  it('all-or-nothing: one bad row and nothing is written; the report names line and column', async () => {
    const r = await importLoans(ctx.db, cli, file([row('L-1'), row('L-2', { bank_code: 'NOBANK' }), row('L-3', { outstanding: '2000000' }), row('L-4', { annual_rate: '4.35%' })]), { asOf: '2024-12-31', dryRun: false, skipInvalid: false });
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([[3, 'bank_code'], [4, 'outstanding'], [5, 'annual_rate']]);
    expect(await ctx.db.selectFrom('loans').select('id').execute()).toHaveLength(0);
  });

  it('--skip-invalid imports the valid rows and reports the rest; dry run writes nothing', async () => {
    const dry = await importLoans(ctx.db, cli, file([row('L-1')]), { asOf: '2024-12-31', dryRun: true, skipInvalid: false });
    expect(dry).toMatchObject({ ok: true, dryRun: true, imported: 0 });
    const r = await importLoans(ctx.db, cli, file([row('L-1'), row('L-2', { dpd: '-1' })]), { asOf: '2024-12-31', dryRun: false, skipInvalid: true });
    expect(r).toMatchObject({ imported: 1, created: 1, asOf: '2024-12-31' });
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([[3, 'dpd']]);
  });

  it('creates loans with their schedule, enterprise, linkage mode; the row is a report as of the date', async () => {
    const r = await importLoans(ctx.db, cli, file([
      `${row('L-5', { uscc: makeUscc(40), enterprise_name: '丁科技', dpd: '120', outstanding: '500000', collateral_mode: 'credit' })},loan_warrant`,
      `${row('L-6', { first_loan: 'false' })},`,
    ], `${HEADER},linkage_mode`), { asOf: '2024-12-31', dryRun: false, skipInvalid: false });
    expect(r).toMatchObject({ ok: true, created: 2, enterprisesCreated: 1 });
    const l5 = await ctx.db.selectFrom('loans').selectAll().where('loan_no', '=', 'L-5').executeTakeFirstOrThrow();
    expect(l5).toMatchObject({ linkage_mode: 'loan_warrant', source: 'import', maturity_date: '2026-06-30', first_time_borrower: true });
    expect(await ctx.db.selectFrom('loan_schedule').select('seq').where('loan_id', '=', l5.id).execute()).toHaveLength(24);
    // No repayments on the platform: the report's 120 days drive the class, not the schedule.
    const s = expectStatus(await loanApi(ctx).get('officer', `/loans/standing?asOf=2024-12-31`), 200);
    expect(s.items.find((i: { loanId: string }) => i.loanId === l5.id)).toMatchObject({ dpd: 120, outstanding: 500000, finalClass: 'substandard', basis: 'report' });
    expect(s.items.find((i: { loanId: string }) => i.loanId !== l5.id)).toMatchObject({ dpd: 0, finalClass: 'normal', basis: 'report' });
  });

  it('a later report updates the loan without losing the earlier one; each date reads what was known then', async () => {
    const r = await importLoans(ctx.db, cli, file([row('L-5', { uscc: makeUscc(40), enterprise_name: '丁科技', dpd: '300', outstanding: '450000', collateral_mode: 'credit' })]), { asOf: '2025-03-31', dryRun: false, skipInvalid: false });
    expect(r).toMatchObject({ ok: true, unchanged: 1, reports: 1 });
    const l5 = await ctx.db.selectFrom('loans').select('id').where('loan_no', '=', 'L-5').executeTakeFirstOrThrow();
    const reports = await ctx.db.selectFrom('loan_reports').select(['as_of', 'dpd', 'outstanding']).where('loan_id', '=', l5.id).orderBy('as_of').execute();
    expect(reports).toEqual([{ as_of: '2024-12-31', dpd: 120, outstanding: 500000_00 }, { as_of: '2025-03-31', dpd: 300, outstanding: 450000_00 }]);
    const at = async (d: string) => expectStatus(await loanApi(ctx).get('officer', `/loans/standing?asOf=${d}`), 200).items.find((i: { loanId: string }) => i.loanId === l5.id);
    expect(await at('2025-01-31')).toMatchObject({ dpd: 120, finalClass: 'substandard' });
    expect(await at('2025-04-01')).toMatchObject({ dpd: 300, finalClass: 'doubtful' });
    expect(await at('2024-06-29')).toBeUndefined();
    const history = await ctx.db.selectFrom('loan_class_history').select(['effective_on', 'final_class']).where('loan_id', '=', l5.id).orderBy('effective_on').execute();
    expect(history.map((h) => [h.effective_on, h.final_class])).toEqual(expect.arrayContaining([['2024-12-31', 'substandard'], ['2025-03-31', 'doubtful']]));
  });

  it('an imported loan\'s terms may be corrected while it has no recorded repayments; not after', async () => {
    const r = await importLoans(ctx.db, cli, file([row('L-6', { principal: '1200000', first_loan: 'false' })]), { asOf: '2025-03-31', dryRun: false, skipInvalid: false });
    expect(r).toMatchObject({ ok: true, updated: 1 });
    const l6 = await ctx.db.selectFrom('loans').select(['id', 'principal']).where('loan_no', '=', 'L-6').executeTakeFirstOrThrow();
    expect(l6.principal).toBe(1_200_000_00);
    const sum = await ctx.db.selectFrom('loan_schedule').select((eb) => eb.fn.sum<number>('principal').as('p')).where('loan_id', '=', l6.id).executeTakeFirstOrThrow();
    expect(Number(sum.p)).toBe(1_200_000_00);
    expectStatus(await loanApi(ctx).post('bank', `/loans/${l6.id}/repayments`, { repaymentId: 'P1', paidOn: '2024-07-30', principal: 10000, interest: 4350 }), 201);
    const refused = await importLoans(ctx.db, cli, file([row('L-6', { principal: '1300000', first_loan: 'false' })]), { asOf: '2025-03-31', dryRun: false, skipInvalid: false });
    expect(refused.errors).toEqual([expect.objectContaining({ line: 2, column: 'principal' })]);
  });

  it('repeats and header problems are reported like every import', async () => {
    const dup = await importLoans(ctx.db, cli, file([row('L-9'), row('L-9')]), { asOf: '2025-03-31', dryRun: false, skipInvalid: true });
    expect(dup.errors.map((e) => e.line)).toContain(3);
    const header = await importLoans(ctx.db, cli, file([row('L-9')], HEADER.replace('dpd', 'days')), { asOf: '2025-03-31', dryRun: false, skipInvalid: true });
    expect(header.ok).toBe(false);
    expect(header.imported).toBe(0);
  });

  it('the upload route takes the as-of date; bad dates are a 400 naming asOf; banks may not import', async () => {
    const up = multipartFile('loans.csv', `${HEADER}\n${row('L-10')}\n`);
    const res = await ctx.as('officer', { method: 'POST', url: '/api/v1/loans/import?asOf=2025-06-30', payload: up.payload, headers: up.headers });
    expect(expectStatus(res, 200)).toMatchObject({ ok: true, created: 1, asOf: '2025-06-30' });
    const bad = await ctx.as('officer', { method: 'POST', url: '/api/v1/loans/import?asOf=2025-13-01', payload: up.payload, headers: up.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('asOf');
    expect((await ctx.as('bank', { method: 'POST', url: '/api/v1/loans/import', payload: up.payload, headers: up.headers })).statusCode).toBe(403);
  });
});
