import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/app';

// GET /institutions: the banks, guarantors, insurers and funds an enterprise may name (consent grant form),
// for every signed-in role; never the office or enterprises.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.db.insertInto('organizations').values([
    { code: 'GUAR1', name: '担保公司', kind: 'guarantor' },
    { code: 'FUND1', name: '创投基金', kind: 'fund' },
    { code: 'INS1', name: '保险公司', kind: 'insurer' },
  ]).execute();
});
afterAll(async () => ctx?.close());

describe('institutions', () => {
  it.each(['entA', 'bank', 'reviewer', 'officer'] as const)('%s lists banks, guarantors, insurers and funds by code, nothing else', async (user) => {
    const res = await ctx.as(user, { method: 'GET', url: '/api/v1/institutions' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      { code: 'BANK1', name: '测试银行', kind: 'bank' },
      { code: 'BANK2', name: '第二银行', kind: 'bank' },
      { code: 'FUND1', name: '创投基金', kind: 'fund' },
      { code: 'GUAR1', name: '担保公司', kind: 'guarantor' },
      { code: 'INS1', name: '保险公司', kind: 'insurer' },
    ]);
  });

  it('filters by kind; the office and enterprises are not a kind one can ask for', async () => {
    const banks = await ctx.as('entA', { method: 'GET', url: '/api/v1/institutions?kind=bank' });
    expect(banks.json().items.map((o: { code: string }) => o.code)).toEqual(['BANK1', 'BANK2']);
    for (const kind of ['office', 'enterprise']) {
      const res = await ctx.as('entA', { method: 'GET', url: `/api/v1/institutions?kind=${kind}` });
      expect(res.statusCode).toBe(400);
      expect(res.json().issues[0].path).toBe('querystring.kind');
    }
  });
});
