import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeMonthEnd } from '../../src/server/modules/monitoring/snapshots.service';
import { createTestContext, type FixtureUser, type TestContext } from '../helpers/app';
import { createPool } from '../risk-pool/helpers';
import { seedPortfolio } from './fixtures';

let ctx: TestContext;
const sys = { principal: null, requestId: null, systemActor: 'test' };
beforeAll(async () => {
  ctx = await createTestContext();
  await seedPortfolio(ctx);
  await storeMonthEnd(ctx.db, sys, '2025-05-31');
  await storeMonthEnd(ctx.db, sys, '2025-06-30');
});
afterAll(async () => ctx?.close());

const get = async (user: FixtureUser, url: string, status = 200) => {
  const r = await ctx.as(user, { method: 'GET', url: `/api/v1${url}` });
  expect(r.statusCode, r.body.slice(0, 300)).toBe(status);
  return r.json();
};

describe('dashboards', () => {
  it('office summary reads the freshest stored indicators; the trend the reported month ends', async () => {
    const s = await get('officer', '/monitoring/dashboard/office/summary');
    expect(s).toMatchObject({ kind: 'month_end', indicators: { asOf: '2025-06-30', outstanding: 1_560_000 } });
    const t = await get('auditor', '/monitoring/dashboard/office/trend');
    // 05-31: L1 had no report yet (its principal 1,000,000), so 200,000 more than on 06-30
    expect(t.points.map((p: { asOf: string; outstanding: number }) => [p.asOf, p.outstanding])).toEqual([['2025-05-31', 1_760_000], ['2025-06-30', 1_560_000]]);
    expect((await get('officer', '/monitoring/dashboard/office/alerts')).inbox).toEqual({ unresolved: 0, critical: 0, unread: 0 });
    expect((await get('officer', '/monitoring/dashboard/office/nope', 400)).issues[0].path).toContain('panel');
  });

  it('a bank sees its own portfolio, trend and assessment, and no other bank', async () => {
    const d = await get('bank', '/monitoring/dashboard/bank');
    expect(d.bank).toEqual({ code: 'BANK1', name: '测试银行' });
    expect(d.portfolio).toMatchObject({ bank: 'BANK1', outstanding: 1_200_000, nplOutstanding: 400_000 });
    expect(d.trend).toHaveLength(2);
    expect(d.assessment).toMatchObject({ total: expect.any(Number) });
    await get('bank', '/monitoring/dashboard/bank?bank=BANK2', 404);
    expect((await get('officer', '/monitoring/dashboard/bank?bank=BANK2')).portfolio).toMatchObject({ outstanding: 360_000 });
    expect((await get('officer', '/monitoring/dashboard/bank', 400)).issues[0].path).toBe('query.bank');
  });

  it('drill-down lists the loans behind a number with their standing on that date; a bank only its own', async () => {
    const npl = await get('officer', '/monitoring/drilldown/loans?asOf=2025-06-30&class=npl');
    expect(npl).toMatchObject({ total: 1, items: [{ loanNo: 'L2', outstanding: 400_000, dpd: 100, finalClass: 'substandard', bank: 'BANK1' }] });
    const a = await get('officer', '/monitoring/drilldown/loans?asOf=2025-06-30&sector=人工智能');
    expect(a.items.map((l: { loanNo: string }) => l.loanNo)).toEqual(['L1', 'L3']);
    const noProduct = await get('officer', '/monitoring/drilldown/loans?asOf=2025-06-30&product=');
    expect(noProduct.items.map((l: { loanNo: string }) => l.loanNo)).toEqual(['L3', 'L6']);
    const mine = await get('bank', '/monitoring/drilldown/loans?asOf=2025-06-30');
    expect(mine.items.map((l: { loanNo: string }) => l.loanNo)).toEqual(['L1', 'L2']);
    expect((await get('bank', '/monitoring/drilldown/loans?asOf=2025-06-30&bank=BANK2')).total).toBe(0);
  });

  it('drill-down behind the credit-loan, IP-pledge, first-time and investment-linked figures sums to them', async () => {
    const ind = await get('officer', '/monitoring/indicators?asOf=2025-06-30');
    const drill = async (qs: string) => (await get('officer', `/monitoring/drilldown/loans?asOf=2025-06-30&${qs}`)).items as { loanNo: string; outstanding: number; enterpriseId: string }[];
    const sum = (rows: { outstanding: number }[]) => rows.reduce((s, r) => s + r.outstanding, 0);
    const credit = await drill('collateral=credit');
    expect(credit.map((l) => l.loanNo).sort()).toEqual(['L1', 'L6']);
    expect(sum(credit)).toBe(ind.creditLoanOutstanding);
    const ip = await drill('collateral=ip_pledge');
    expect(ip.map((l) => l.loanNo)).toEqual(['L2']);
    expect(sum(ip)).toBe(ind.ipPledgeOutstanding);
    const linked = await drill('linked=true');
    expect(linked.map((l) => l.loanNo)).toEqual(['L3']);
    expect(sum(linked)).toBe(ind.investmentLinkedOutstanding);
    const first = await drill('firstTime=true');
    expect(new Set(first.map((l) => l.enterpriseId)).size).toBe(ind.firstTimeBorrowers);
    expect((await get('officer', '/monitoring/drilldown/loans?asOf=2025-06-30&collateral=gold', 400)).issues[0].path).toContain('collateral');
    expect((await get('officer', '/monitoring/drilldown/loans?asOf=2025-06-30&linked=yes', 400)).issues[0].path).toContain('linked');
  });

  it('drill-down by lifecycle stage lists exactly the loans of the indicators\' stage slice', async () => {
    const ev = (enterprise: string, year: number, stage: string) => ctx.db.insertInto('enterprise_evaluations').values({
      enterprise_id: enterprise, year, kind: 'lifecycle', model_version: 'test', score: 0, eligible: null, result: JSON.stringify({ stage }), input_hash: `t-${enterprise}-${year}`,
    }).execute();
    await ev(ctx.ids.enterpriseA, 2024, 'startup');
    await ev(ctx.ids.enterpriseA, 2025, 'growth');
    await ev(ctx.ids.enterpriseB, 2026, 'mature'); // after the date: B has no stage on 2025-06-30
    const ind = await get('officer', '/monitoring/indicators?asOf=2025-06-30');
    const slices = ind.byLifecycleStage as { stage: string | null; loans: number }[];
    // Outstanding on 06-30: L1, L3 (A, growth in 2025), L2 (B, no stage yet), L6 (C, none).
    expect(new Map(slices.map((r) => [r.stage, r.loans]))).toEqual(new Map([['growth', 2], [null, 2]]));
    const growth = await get('officer', '/monitoring/drilldown/loans?asOf=2025-06-30&stage=growth');
    expect(growth.items.map((l: { loanNo: string }) => l.loanNo)).toEqual(['L1', 'L3']);
    const none = await get('auditor', '/monitoring/drilldown/loans?asOf=2025-06-30&stage=');
    expect(none.items.map((l: { loanNo: string }) => l.loanNo).sort()).toEqual(['L2', 'L6']);
    expect((await get('bank', '/monitoring/drilldown/loans?asOf=2025-06-30&stage=growth')).items.map((l: { loanNo: string }) => l.loanNo)).toEqual(['L1']);
  });

  it('an enterprise sees its own dashboard; another enterprise\'s is a 404', async () => {
    const d = await get('entA', '/monitoring/dashboard/enterprise');
    expect(d.enterprise.name).toBe('甲科技有限公司');
    expect(d).toMatchObject({ applications: [], consents: [], claims: [] });
    expect(Array.isArray(d.nextProducts)).toBe(true);
    await get('entA', `/monitoring/dashboard/enterprise?enterpriseId=${ctx.ids.enterpriseB}`, 404);
    expect((await get('officer', `/monitoring/dashboard/enterprise?enterpriseId=${ctx.ids.enterpriseB}`)).enterprise.name).toBe('乙生物医药有限公司');
  });

  it('pools: each pool\'s balance as of a date in the indicators; balance and loss rate on the office panel', async () => {
    await createPool(ctx, { code: 'RP1', name: '测试资金池' }, 1_000_000);
    const before = await get('officer', '/monitoring/indicators?asOf=2025-01-14');
    expect(before.riskPools).toEqual([{ pool: 'RP1', name: '测试资金池', balance: 0 }]);
    const after = await get('officer', '/monitoring/indicators?asOf=2025-06-30');
    expect(after.riskPools).toEqual([{ pool: 'RP1', name: '测试资金池', balance: 1_000_000 }]);
    const panel = await get('officer', '/monitoring/dashboard/office/pools');
    expect(panel.items).toEqual([expect.objectContaining({ pool: 'RP1', balance: 1_000_000, lossRate: null })]);
  });
});
