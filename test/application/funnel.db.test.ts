import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../../src/server/platform/tabular';
import { makeUscc } from '../../src/shared/uscc';
import { createTestContext, type TestContext } from '../helpers/app';
import { expectStatus, seedProducts } from './helpers';

// A hand-made year (seed 003 appendix 四's layout): the expected numbers are worked out by hand in the comments.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  const p = await seedProducts(ctx);
  const ent = async (n: number, district: string) =>
    (await ctx.db.insertInto('enterprises').values({ uscc: makeUscc(300 + n), name: `浦东企业${n}`, district, sector: '其他' }).returning('id').executeTakeFirstOrThrow()).id;
  const C = await ent(1, '浦东新区');
  const D = await ent(2, '浦东新区');
  const { enterpriseA: A, enterpriseB: B, bankOrg: B1, bank2Org: B2 } = ctx.ids;
  let n = 0;
  const app = async (enterprise: string, status: string, submitted: string | null, extra: Record<string, unknown> = {}, assignments: [string, number, string | null][] = []) => {
    const row = await ctx.db.insertInto('applications').values({ application_no: `F-${++n}`, enterprise_id: enterprise, product_id: p.lyd, status: status as never, submitted_on: submitted, ...extra }).returning('id').executeTakeFirstOrThrow();
    let seq = 0;
    for (const [bank, yuan, ended] of assignments) {
      await ctx.db.insertInto('application_assignments').values({ application_id: row.id, seq: ++seq, bank_org_id: bank, amount: yuan * 100, recommended_on: '2025-08-01', ended_on: ended, end_reason: ended ? '拒贷' : null }).execute();
    }
  };
  await app(A, 'approved', '2025-02-01', { bank_org_id: B1, approved_amount: 2_800_000_00 }, [[B1, 3_000_000, null]]); // 1 杨浦 approved
  await app(B, 'deferred', '2025-03-01'); // 2 杨浦 deferred
  await app(C, 'disbursed', '2025-04-01', { bank_org_id: B2, approved_amount: 1_100_000_00 }, [[B1, 1_000_000, '2025-08-20'], [B2, 1_200_000, null]]); // 3 浦东 reassigned, then approved
  await app(D, 'recommended', '2025-05-01', { bank_org_id: B2 }, [[B2, 800_000, null]]); // 4 浦东 waiting
  await app(D, 'rejected', '2025-06-01'); // 5 浦东
  await app(A, 'approved', '2024-12-31', { bank_org_id: B1, approved_amount: 9_000_000_00 }, [[B1, 9_000_000, null]]); // 6 other year
  await app(A, 'draft', null); // 7 never submitted
  await app(C, 'declined', '2025-07-01', { product_id: p.crd, bank_org_id: B1 }, [[B1, 500_000, null]]); // 8 浦东 CRD declined
});
afterAll(async () => ctx?.close());

const funnel = (qs: string) => ctx.as('officer', { method: 'GET', url: `/api/v1/reports/funnel?${qs}` });

describe('funnel report (审核进度统计表)', () => {
  it('per district, with a total row; recommended counts once per application ever recommended, at its latest amount', async () => {
    expect(expectStatus(await funnel('year=2025'), 200)).toEqual({
      year: 2025,
      rows: [
        // apps 3, 4, 5, 8: recommended 3 (1,200,000 latest) + 4 (800,000) + 8 (500,000); approved 3 at 1,100,000
        { district: '浦东新区', applications: 4, recommendedCount: 3, recommendedAmount: 2_500_000, deferredCount: 0, approvedCount: 1, approvedAmount: 1_100_000 },
        // apps 1, 2
        { district: '杨浦区', applications: 2, recommendedCount: 1, recommendedAmount: 3_000_000, deferredCount: 1, approvedCount: 1, approvedAmount: 2_800_000 },
      ],
      total: { applications: 6, recommendedCount: 4, recommendedAmount: 5_500_000, deferredCount: 1, approvedCount: 2, approvedAmount: 3_900_000 },
    });
  });

  it('per bank: each application under the bank it was last recommended to; the never-recommended row has bank null', async () => {
    const r = expectStatus(await funnel('year=2025&by=bank'), 200);
    expect(r.rows).toEqual([
      { bank: 'BANK1', bankName: '测试银行', applications: 2, recommendedCount: 2, recommendedAmount: 3_500_000, deferredCount: 0, approvedCount: 1, approvedAmount: 2_800_000 },
      { bank: 'BANK2', bankName: '第二银行', applications: 2, recommendedCount: 2, recommendedAmount: 2_000_000, deferredCount: 0, approvedCount: 1, approvedAmount: 1_100_000 },
      { bank: null, bankName: null, applications: 2, recommendedCount: 0, recommendedAmount: 0, deferredCount: 1, approvedCount: 0, approvedAmount: 0 },
    ]);
    expect(r.total).toEqual(expectStatus(await funnel('year=2025'), 200).total);
  });

  it('filters by product and year', async () => {
    expect(expectStatus(await funnel('year=2025&product=CRD'), 200)).toEqual({
      year: 2025, product: 'CRD',
      rows: [{ district: '浦东新区', applications: 1, recommendedCount: 1, recommendedAmount: 500_000, deferredCount: 0, approvedCount: 0, approvedAmount: 0 }],
      total: { applications: 1, recommendedCount: 1, recommendedAmount: 500_000, deferredCount: 0, approvedCount: 0, approvedAmount: 0 },
    });
    expect(expectStatus(await funnel('year=2024'), 200).total).toMatchObject({ applications: 1, approvedAmount: 9_000_000 });
    expect(expectStatus(await funnel('year=2023'), 200)).toEqual({ year: 2023, rows: [], total: { applications: 0, recommendedCount: 0, recommendedAmount: 0, deferredCount: 0, approvedCount: 0, approvedAmount: 0 } });
    expect(expectStatus(await funnel('year=2025&product=NOPE'), 400).issues[0].path).toBe('query.product');
    expect(expectStatus(await funnel('product=LYD'), 400).issues[0].path).toMatch(/^querystring\.year|query\.year/);
  });

  it('exports CSV and XLSX in the appendix\'s layout with the total row', async () => {
    const csv = await funnel('year=2025&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const table = await readTable(csv.rawPayload, 'csv');
    expect(table.header).toEqual(['区县', '企业申请(笔)', '推荐通过(笔)', '推荐金额(元)', '暂缓(笔)', '银行授信(笔)', '授信金额(元)']);
    expect(table.rows.map((r) => Object.values(r.cells))).toEqual([
      ['浦东新区', '4', '3', '2500000.00', '0', '1', '1100000.00'],
      ['杨浦区', '2', '1', '3000000.00', '1', '1', '2800000.00'],
      ['总计', '6', '4', '5500000.00', '1', '2', '3900000.00'],
    ]);
    const xlsx = await funnel('year=2025&by=bank&format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    const sheet = await readTable(xlsx.rawPayload, 'xlsx');
    expect(sheet.header[0]).toBe('银行');
    expect(sheet.rows.map((r) => r.cells['银行'])).toEqual(['BANK1', 'BANK2', '(未推荐)', '总计']);
    expect(sheet.rows[3]!.cells['授信金额(元)']).toBe('3900000');
  });
});
