import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../../src/server/platform/tabular';
import { createTestContext, type TestContext } from '../helpers/app';
import { seedPortfolio } from './fixtures';

let ctx: TestContext;
let f: Awaited<ReturnType<typeof seedPortfolio>>;
beforeAll(async () => {
  ctx = await createTestContext();
  f = await seedPortfolio(ctx);
});
afterAll(async () => ctx?.close());

const get = (url: string, user: 'officer' | 'bank' = 'officer') => ctx.as(user, { method: 'GET', url: `/api/v1${url}` });

describe('indicators as of a date', () => {
  it('gives the issue\'s JSON: what was known for the date, non-performing = substandard + doubtful + loss', async () => {
    const res = await get('/monitoring/indicators?asOf=2025-06-30');
    expect(res.statusCode, res.body).toBe(200);
    const ind = res.json();
    expect(Object.keys(ind).slice(0, 10)).toEqual(['asOf', 'borrowers', 'loans', 'outstanding', 'nplOutstanding', 'nplRatio', 'firstTimeBorrowers', 'byClassification', 'byProduct', 'byBank']);
    expect(ind).toMatchObject({
      asOf: '2025-06-30', borrowers: 3, loans: 4, outstanding: 1_560_000, nplOutstanding: 400_000, nplRatio: 0.25641, firstTimeBorrowers: 1,
      byClassification: { normal: 860_000, special_mention: 300_000, substandard: 400_000, doubtful: 0, loss: 0 },
      firstTimeBorrowerShare: 0.333333,
      creditLoanOutstanding: 860_000, creditLoanShare: 0.551282,
      ipPledgeOutstanding: 400_000, ipPledgeShare: 0.25641,
      investmentLinkedOutstanding: 300_000,
      // (800,000×4% + 400,000×5% + 300,000×4.5% + 60,000×3.6%) / 1,560,000 = 67,660 / 1,560,000
      averageRate: 0.043372,
      newLoans: { month: { count: 0, amount: 0, averageRate: null }, yearToDate: { count: 2, amount: 1_120_000 } },
      yoy: { asOf: '2024-06-30', outstanding: 0.733333, loans: 0.333333, borrowers: 0 },
    });
    expect(ind.byBank).toEqual([
      expect.objectContaining({ bank: 'BANK1', bankName: '测试银行', borrowers: 2, loans: 2, outstanding: 1_200_000, nplOutstanding: 400_000, nplRatio: 0.333333 }),
      expect.objectContaining({ bank: 'BANK2', bankName: '第二银行', borrowers: 2, loans: 2, outstanding: 360_000, nplOutstanding: 0, nplRatio: 0 }),
    ]);
    expect(ind.byProduct).toEqual([
      expect.objectContaining({ product: 'P1', productName: '科创信用贷', loans: 2, outstanding: 1_200_000, nplOutstanding: 400_000 }),
      expect.objectContaining({ product: null, loans: 2, outstanding: 360_000 }),
    ]);
    expect(ind.byDistrict).toEqual([
      expect.objectContaining({ district: '杨浦区', borrowers: 2, outstanding: 1_500_000 }),
      expect.objectContaining({ district: '浦东新区', borrowers: 1, outstanding: 60_000 }),
    ]);
    expect(ind.bySector.map((r: { sector: string; outstanding: number }) => [r.sector, r.outstanding])).toEqual([['人工智能', 1_100_000], ['生命健康', 400_000], ['数字经济', 60_000]]);
    expect(ind.byStreet.map((r: { street: string | null }) => r.street)).toEqual(['五角场街道', null]);
  });

  it('a date before a later bank report does not see it; a later one does', async () => {
    const later = (await get('/monitoring/indicators?asOf=2025-07-31')).json();
    // L3 repaid on 07-15; L4 started 07-01 with no report: its principal 200,000
    expect(later).toMatchObject({ loans: 4, outstanding: 800_000 + 400_000 + 200_000 + 60_000, nplOutstanding: 400_000 });
    expect(later.newLoans.month).toMatchObject({ count: 1, amount: 200_000 });
  });

  it('an empty date has null ratios, not invented zeros', async () => {
    const ind = (await get('/monitoring/indicators?asOf=2020-01-01')).json();
    expect(ind).toMatchObject({ borrowers: 0, loans: 0, outstanding: 0, nplRatio: null, averageRate: null, byBank: [] });
  });

  it('exports the tables as XLSX', async () => {
    const res = await get('/monitoring/indicators?asOf=2025-06-30&format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const t = await readTable(res.rawPayload, 'xlsx');
    expect(t.header).toEqual(['指标', '数值']);
    expect(t.rows.find((r) => r.cells['指标'] === '贷款余额（元）')?.cells['数值']).toBe('1560000');
  });

  it('names the bad field: 400 for a malformed date; banks may not read the office\'s indicators', async () => {
    const bad = await get('/monitoring/indicators?asOf=2025-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toContain('asOf');
    expect((await get('/monitoring/indicators?asOf=2025-06-30', 'bank')).statusCode).toBe(403);
    void f;
  });
});
