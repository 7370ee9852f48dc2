import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '../../src/server/platform/dates';
import { makeUscc } from '../../src/shared/uscc';
import { createTestContext, type TestContext } from '../helpers/app';
import { expectStatus, loanApi, loanBody } from './helpers';

// Issue #5, the loan ledger through the API: banks post loans and repayments with idempotency, scoping, the
// schedule and the standing they produce.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

describe('a bank posts a loan', () => {
  let id: string;
  it('creates it with its generated schedule and a first standing (201)', async () => {
    const loan = expectStatus(await loanApi(ctx).post('bank', '/loans', loanBody()), 201);
    id = loan.id;
    expect(loan).toMatchObject({ loanNo: 'BK1-0001', bank: { code: 'BANK1' }, principal: 300, annualRate: '0.12', maturityDate: '2025-04-15', source: 'api', firstTimeBorrower: true });
    expect(loan.status).toMatchObject({ dpd: 0, outstanding: 300, finalClass: 'normal' });
    const detail = expectStatus(await loanApi(ctx).get('bank', `/loans/${id}`), 200);
    expect(detail.schedule.map((s: { principal: number; interest: number; dueOn: string }) => [s.dueOn, s.principal, s.interest])).toEqual([
      ['2025-02-15', 100, 3], ['2025-03-15', 100, 2], ['2025-04-15', 100, 1],
    ]);
    expect(detail.repaymentsTracked).toBe(false);
    expect(detail.schedule.every((s: { state: unknown }) => s.state === null)).toBe(true);
    expect(detail.reports).toEqual([expect.objectContaining({ asOf: '2025-01-15', outstanding: 300, dpd: 0, source: 'api' })]);
  });

  it('the same post again returns the loan on record (200), a different one is a 409 naming the fields', async () => {
    const again = expectStatus(await loanApi(ctx).post('bank', '/loans', loanBody()), 200);
    expect(again.id).toBe(id);
    const res = await loanApi(ctx).post('bank', '/loans', loanBody({ principal: 400, termMonths: 6 }));
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('principal');
    expect(res.json().message).toContain('termMonths');
    expect(await ctx.db.selectFrom('loans').select('id').where('loan_no', '=', 'BK1-0001').execute()).toHaveLength(1);
  });

  it('bad input is a 400 naming the field; nothing is written', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ principal: 1.001 }, 'principal'],
      [{ annualRate: '4.35%' }, 'annualRate'],
      [{ startDate: '2025-02-30' }, 'startDate'],
      [{ enterpriseUscc: makeUscc(77), loanNo: 'NEW-1' }, 'body.enterpriseName'],
      [{ productCode: 'NOPE', loanNo: 'NEW-2' }, 'body.productCode'],
      [{ guarantorCode: 'BANK2', loanNo: 'NEW-3' }, 'body.guarantorCode'],
      [{ bankCode: 'BANK2', loanNo: 'NEW-4' }, 'body.bankCode'],
      [{ maturityDate: '2025-01-01', loanNo: 'NEW-5' }, 'body.maturityDate'],
    ];
    for (const [over, path] of cases) {
      const res = await loanApi(ctx).post('bank', '/loans', loanBody(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(JSON.stringify(res.json().issues ?? res.json().message)).toContain(path);
    }
    expect(await ctx.db.selectFrom('loans').select('id').where('loan_no', 'like', 'NEW-%').execute()).toHaveLength(0);
  });

  it('registers an unknown enterprise when the post names it', async () => {
    const loan = expectStatus(await loanApi(ctx).post('bank', '/loans', loanBody({ loanNo: 'BK1-0002', enterpriseUscc: makeUscc(78), enterpriseName: '丙科技有限公司', district: '杨浦区' })), 201);
    expect(loan.enterprise).toMatchObject({ name: '丙科技有限公司', uscc: makeUscc(78) });
  });

  it('office staff post for a named bank; a bank may not post for another', async () => {
    expectStatus(await loanApi(ctx).post('officer', '/loans', loanBody({ loanNo: 'BK2-0001', bankCode: 'BANK2' })), 201);
    expectStatus(await loanApi(ctx).post('officer', '/loans', loanBody({ loanNo: 'BK2-0002' })), 400);
  });

  it('scoping: the bank and the enterprise see the loan; another bank and another enterprise get 404', async () => {
    for (const user of ['bank', 'entA', 'officer', 'auditor'] as const) expectStatus(await loanApi(ctx).get(user, `/loans/${id}`), 200);
    for (const user of ['bank2', 'entB'] as const) expectStatus(await loanApi(ctx).get(user, `/loans/${id}`), 404);
    const list = (user: 'bank' | 'bank2' | 'entB' | 'officer') => loanApi(ctx).get(user, '/loans?pageSize=50').then((r) => expectStatus(r, 200).items.map((l: { loanNo: string }) => l.loanNo).sort());
    expect(await list('bank')).toEqual(['BK1-0001', 'BK1-0002']);
    expect(await list('bank2')).toEqual(['BK2-0001']);
    expect(await list('entB')).toEqual([]);
    expect(await list('officer')).toEqual(['BK1-0001', 'BK1-0002', 'BK2-0001']);
  });

  it('list filters: bank, class, collateral mode, enterprise', async () => {
    const items = async (q: string) => expectStatus(await loanApi(ctx).get('officer', `/loans?${q}`), 200).items.map((l: { loanNo: string }) => l.loanNo).sort();
    expect(await items('bank=BANK2')).toEqual(['BK2-0001']);
    expect(await items('class=normal&bank=BANK1')).toEqual(['BK1-0001', 'BK1-0002']);
    expect(await items('class=loss')).toEqual([]);
    expect(await items('collateralMode=ip_pledge')).toEqual([]);
    expect(await items(`enterpriseId=${ctx.ids.enterpriseA}`)).toEqual(['BK1-0001', 'BK2-0001']);
    expectStatus(await loanApi(ctx).get('officer', '/loans?class=bad'), 400);
  });

  describe('repayments', () => {
    const pay = (over: Record<string, unknown> = {}) => ({ repaymentId: 'R-1', paidOn: '2025-02-15', principal: 100, interest: 3, ...over });

    it('are recorded (201), idempotent by repayment id (200), and a different one under the same id is a 409', async () => {
      const first = expectStatus(await loanApi(ctx).post('bank', `/loans/${id}/repayments`, pay()), 201);
      const again = expectStatus(await loanApi(ctx).post('bank', `/loans/${id}/repayments`, pay()), 200);
      expect(again.id).toBe(first.id);
      expectStatus(await loanApi(ctx).post('bank', `/loans/${id}/repayments`, pay({ interest: 4 })), 409);
      expect(await ctx.db.selectFrom('loan_repayments').select('id').where('loan_id', '=', id).execute()).toHaveLength(1);
    });

    it('refuses more principal than outstanding, a date before the loan or in the future, and other banks', async () => {
      expectStatus(await loanApi(ctx).post('bank', `/loans/${id}/repayments`, pay({ repaymentId: 'R-X', principal: 201 })), 400);
      expectStatus(await loanApi(ctx).post('bank', `/loans/${id}/repayments`, pay({ repaymentId: 'R-X', paidOn: '2025-01-01' })), 400);
      expectStatus(await loanApi(ctx).post('bank', `/loans/${id}/repayments`, pay({ repaymentId: 'R-X', paidOn: '2099-01-01' })), 400);
      expectStatus(await loanApi(ctx).post('bank2', `/loans/${id}/repayments`, pay({ repaymentId: 'R-X' })), 404);
      expectStatus(await loanApi(ctx).post('entA', `/loans/${id}/repayments`, pay({ repaymentId: 'R-X' })), 403);
    });

    it('once recorded, schedule and repayments drive days past due: the second instalment was never paid', async () => {
      const detail = expectStatus(await loanApi(ctx).get('entA', `/loans/${id}`), 200);
      expect(detail.repaymentsTracked).toBe(true);
      expect(detail.schedule.map((s: { state: string }) => s.state)).toEqual(['paid', 'overdue', 'overdue']);
      const standing = expectStatus(await loanApi(ctx).get('officer', `/loans/standing?asOf=2025-03-25&bank=BANK1`), 200);
      expect(standing.items.find((s: { loanId: string }) => s.loanId === id)).toMatchObject({ dpd: 10, outstanding: 200, finalClass: 'special_mention', basis: 'repayments' });
      const later = expectStatus(await loanApi(ctx).get('officer', `/loans/standing?asOf=2025-06-14`), 200);
      expect(later.items.find((s: { loanId: string }) => s.loanId === id)).toMatchObject({ dpd: 91, finalClass: 'substandard' });
      expect(later.totals.substandard).toEqual({ loans: 1, outstanding: 200 });
    });

    it('interest paid per year is queryable', async () => {
      const r = expectStatus(await loanApi(ctx).get('bank', '/loans/interest-paid?year=2025'), 200);
      expect(r).toMatchObject({ year: 2025, total: 3 });
      expect(r.items).toEqual([expect.objectContaining({ loanNo: 'BK1-0001', interest: 3, principal: 100, lastPaidOn: '2025-02-15' })]);
      expect(expectStatus(await loanApi(ctx).get('bank2', '/loans/interest-paid?year=2025'), 200).items).toEqual([]);
    });

    it('every post is audited', async () => {
      const actions = (await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('seq').execute()).map((a) => a.action);
      expect(actions).toEqual(['loan.create', 'loan.repayment']);
    });
  });

  it('a bank report on a loan: the reported class counts when worse; the same date again replaces it', async () => {
    const other = expectStatus(await loanApi(ctx).post('bank', '/loans', loanBody({ loanNo: 'BK1-0003', startDate: '2025-05-01' })), 201);
    expectStatus(await loanApi(ctx).post('bank', `/loans/${other.id}/reports`, { asOf: '2025-06-30', outstanding: 250, dpd: 0, reportedClass: 'special_mention' }), 201);
    expectStatus(await loanApi(ctx).post('bank', `/loans/${other.id}/reports`, { asOf: '2025-06-30', outstanding: 250, dpd: 30, reportedClass: 'special_mention' }), 201);
    expectStatus(await loanApi(ctx).post('bank', `/loans/${other.id}/reports`, { asOf: '2025-06-30', outstanding: 999, dpd: 0 }), 400);
    const d = expectStatus(await loanApi(ctx).get('bank', `/loans/${other.id}`), 200);
    expect(d.reports.map((r: { asOf: string; dpd: number }) => [r.asOf, r.dpd])).toEqual([['2025-05-01', 0], ['2025-06-30', 30]]);
    expect(d.status).toMatchObject({ dpd: 30, outstanding: 250, computedClass: 'special_mention', reportedClass: 'special_mention', finalClass: 'special_mention' });
  });
});

describe('disbursement of an application', () => {
  it('creates the loan with its schedule, first report and standing', async () => {
    const { seedProducts, recommendedTo, api } = await import('../application/helpers');
    await seedProducts(ctx);
    const appId = await recommendedTo(ctx, 'BANK1', 120_000);
    const a = api(ctx);
    expectStatus(await a.action('bank', appId, 'accept'), 200);
    expectStatus(await a.action('bank', appId, 'approve', { amount: 120_000, rate: '0.036', termMonths: 12 }), 200);
    const d = expectStatus(await a.action('bank', appId, 'disburse', { loanNo: 'DSB-1', collateralMode: 'ip_pledge', repaymentMethod: 'equal_instalment', startDate: todayInShanghai() }), 200);
    const loan = expectStatus(await loanApi(ctx).get('entA', `/loans/${d.loan.id}`), 200);
    expect(loan).toMatchObject({ source: 'application', applicationId: appId, principal: 120_000, collateralMode: 'ip_pledge', status: { finalClass: 'normal', outstanding: 120_000 } });
    expect(loan.schedule).toHaveLength(12);
    expect(loan.schedule.reduce((s: number, i: { principal: number }) => s + i.principal * 100, 0)).toBe(120_000_00);
    expect(loan.reports).toEqual([expect.objectContaining({ asOf: todayInShanghai(), outstanding: 120_000, dpd: 0, source: 'disbursement' })]);
    expect(loan.classHistory[0]).toMatchObject({ effectiveOn: todayInShanghai(), finalClass: 'normal' });
  });
});
