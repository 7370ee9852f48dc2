import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../../src/server/platform/tabular';
import { createTestContext, type TestContext } from '../helpers/app';
import { expectStatus } from '../application/helpers';
import { seedAssessmentYear } from './fixture';

// 科技信贷产品统计表 (seed 003 表4) over fixture.ts's loans L1–L8; the figures are worked out by hand.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedAssessmentYear(ctx);
}, 120_000);
afterAll(async () => ctx?.close());

const report = (qs: string, user: 'officer' | 'auditor' | 'bank' | 'entA' = 'officer') => ctx.as(user, { method: 'GET', url: `/api/v1/reports/products?${qs}` });

describe('product statistics (表4)', () => {
  it('per product: the year, the year before, yoy, cumulative; the total counts each enterprise once', async () => {
    expect(expectStatus(await report('year=2025'), 200)).toEqual({
      year: 2025,
      rows: [
        // L1 + L2 (A, B) in 2025; L5 (A) in 2024: (5 − 4) / 4 = 0.25; cumulative L1, L2, L5. L7 starts in 2026: not yet.
        { product: 'LYD', productName: '科技履约贷', amount: 5_000_000, enterprises: 2, prevAmount: 4_000_000, prevEnterprises: 1, yoy: 0.25, cumulativeAmount: 9_000_000, cumulativeEnterprises: 2 },
        // L3 (F) + L4 (D); L8 (C) in 2024: (800,000 − 200,000) / 200,000 = 3.
        { product: 'WDT', productName: '科技微贷通', amount: 800_000, enterprises: 2, prevAmount: 200_000, prevEnterprises: 1, yoy: 3, cumulativeAmount: 1_000_000, cumulativeEnterprises: 3 },
        // L6 without a product (其他): nothing in either year, yoy null.
        { product: null, productName: null, amount: 0, enterprises: 0, prevAmount: 0, prevEnterprises: 0, yoy: null, cumulativeAmount: 1_000_000, cumulativeEnterprises: 1 },
      ],
      // A borrowed under LYD and 其他 and counts once: 2025 A, B, F, D; 2024 A, C; cumulative A, B, F, D, C.
      // yoy (5,800,000 − 4,200,000) / 4,200,000 = 0.380952… → 0.381
      total: { amount: 5_800_000, enterprises: 4, prevAmount: 4_200_000, prevEnterprises: 2, yoy: 0.381, cumulativeAmount: 11_000_000, cumulativeEnterprises: 5 },
    });
  });

  it('yoy is null when the previous year is 0; a year before any loan is empty', async () => {
    const r = expectStatus(await report('year=2024'), 200);
    expect(r.rows.find((x: { product: string }) => x.product === 'LYD')).toMatchObject({ amount: 4_000_000, prevAmount: 0, yoy: null });
    expect(expectStatus(await report('year=2020'), 200)).toEqual({
      year: 2020, rows: [], total: { amount: 0, enterprises: 0, prevAmount: 0, prevEnterprises: 0, yoy: null, cumulativeAmount: 0, cumulativeEnterprises: 0 },
    });
  });

  it('exports CSV and XLSX in 表4\'s layout with the total row', async () => {
    const csv = await report('year=2025&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="products-2025.csv"');
    const table = await readTable(csv.rawPayload, 'csv');
    expect(table.header).toEqual(['产品代码', '科技信贷产品', '2025年度信贷额(元)', '2025年度贷款家数', '2024年度信贷额(元)', '2024年度贷款家数', '同比增减(%)', '历年累计信贷额(元)', '历年累计贷款家数']);
    expect(table.rows.map((r) => Object.values(r.cells))).toEqual([
      ['LYD', '科技履约贷', '5000000.00', '2', '4000000.00', '1', '25.00%', '9000000.00', '2'],
      ['WDT', '科技微贷通', '800000.00', '2', '200000.00', '1', '300.00%', '1000000.00', '3'],
      ['', '其他', '0.00', '0', '0.00', '0', '', '1000000.00', '1'],
      ['', '合计（含其他）', '5800000.00', '4', '4200000.00', '2', '38.10%', '11000000.00', '5'],
    ]);
    const xlsx = await report('year=2025&format=xlsx');
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const sheet = await readTable(xlsx.rawPayload, 'xlsx');
    expect(sheet.rows).toHaveLength(4);
    expect(sheet.rows[3]!.cells['2025年度信贷额(元)']).toBe('5800000');
  });

  it('office staff only; the year is required', async () => {
    expect((await report('year=2025', 'auditor')).statusCode).toBe(200);
    expect((await report('year=2025', 'bank')).statusCode).toBe(403);
    expect((await report('year=2025', 'entA')).statusCode).toBe(403);
    expect(expectStatus(await report('format=csv'), 400).issues[0].path).toMatch(/year/);
    expect(expectStatus(await report('year=2025&format=pdf'), 400).issues[0].path).toMatch(/format/);
  });
});
