import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '../../src/server/platform/dates';
import { makeUscc } from '../../src/shared/uscc';
import { createTestContext, type TestContext } from '../helpers/app';

// Matching over HTTP: an enterprise's ranked products with reasons in words, and a product's qualifying enterprises
// with only the fields an institution may see without consent.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  const { enterpriseA, enterpriseB } = ctx.ids;
  // A: 人工智能, Yangpu, founded 2018, 2,000万元 revenue, a valid 高新 and an expired 小巨人. B: 生命健康, no revenue.
  await ctx.db.insertInto('enterprise_financials').values([
    { enterprise_id: enterpriseA, year: 2023, revenue: 1_000_000_00 } as never,
    { enterprise_id: enterpriseA, year: 2024, revenue: 20_000_000_00 } as never,
  ]).execute();
  await ctx.db.insertInto('enterprise_certifications').values([
    { enterprise_id: enterpriseA, type: '高新技术企业', issued_on: '2023-01-01', expires_on: '2099-12-31' },
    { enterprise_id: enterpriseA, type: '小巨人', issued_on: '2019-01-01', expires_on: '2022-12-31' },
    { enterprise_id: enterpriseB, type: '科技型中小企业', issued_on: '2024-01-01', expires_on: null },
  ]).execute();
  await ctx.db.insertInto('enterprises').values({ uscc: makeUscc(3), name: '丙智能（徐汇）', district: '徐汇区', founded_on: '2010-01-01', sector: '人工智能' }).execute();
  const create = async (user: 'bank' | 'officer', payload: Record<string, unknown>) => {
    const res = await ctx.as(user, { method: 'POST', url: '/api/v1/products', payload: { type: 'credit_loan', ...payload } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  ids.ai = await create('bank', { code: 'AI-LOAN', name: '智能贷', criteria: { sectors: ['人工智能'], yangpuRegistered: true, minRevenue: 10_000_000, maxNplCount: 0 } });
  ids.giant = await create('officer', { code: 'XJR', name: '小巨人信用贷', partnerCodes: ['BANK1', 'BANK2'], criteria: { certifications: ['小巨人'] } });
  ids.startup = await create('bank', { code: 'START', name: '初创贷', criteria: { stages: ['startup'] } });
  ids.any = await create('officer', { code: 'ANY', name: '普惠贷', criteria: {} });
  ids.draft = await create('bank', { code: 'DRAFT', name: '草稿', status: 'draft', criteria: {} });
});
afterAll(async () => ctx?.close());
const ids: Record<string, string> = {};

type Item = { rank: number; qualifies: boolean; product: { code: string; partners: { code: string }[] }; met: { criterion: string; zh: string; en: string }[]; failed: { criterion: string; zh: string; en: string }[] };

describe('GET /enterprises/:id/matches', () => {
  it('ranks active products with the reasons met and failed, in Chinese and English', async () => {
    const res = await ctx.as('entA', { method: 'GET', url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/matches` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.asOf).toBe(todayInShanghai());
    expect(body.facts).toMatchObject({ district: '杨浦区', sector: '人工智能', latestRevenue: { year: 2024, amount: 20_000_000 }, certifications: ['高新技术企业'], stage: 'growth', nplRecorded: false });
    expect(body.qualifying).toBe(2);
    const items = body.items as Item[];
    expect(items.map((i) => [i.product.code, i.qualifies])).toEqual([['AI-LOAN', true], ['ANY', true], ['START', false], ['XJR', false]]);
    const ai = items[0]!;
    expect(ai.met.map((m) => m.criterion)).toEqual(['yangpu', 'sector', 'revenue', 'npl']);
    expect(ai.met.find((m) => m.criterion === 'npl')!.zh).toMatch(/平台未记录该企业的不良贷款/);
    expect(ai.met.find((m) => m.criterion === 'npl')!.en).toMatch(/No non-performing loans are recorded on the platform/);
    expect(ai.met.find((m) => m.criterion === 'revenue')!.zh).toBe('2024年营业收入20,000,000.00元，不低于产品要求的10,000,000.00元');
    const giant = items.find((i) => i.product.code === 'XJR')!;
    expect(giant.failed).toEqual([{ criterion: 'certifications', zh: '缺少有效的小巨人认定', en: 'Lacks a valid 小巨人 certification' }]);
    expect(giant.product.partners.map((p) => p.code)).toEqual(['BANK1', 'BANK2']);
    const only = await ctx.as('officer', { method: 'GET', url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/matches?qualifiedOnly=true` });
    expect((only.json().items as Item[]).map((i) => i.product.code)).toEqual(['AI-LOAN', 'ANY']);
  });

  it('a designated policy product ranks first among equals', async () => {
    await ctx.db.updateTable('products').set({ policy_product: true }).where('code', '=', 'ANY').execute();
    const res = await ctx.as('officer', { method: 'GET', url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/matches?qualifiedOnly=true` });
    expect((res.json().items as Item[]).map((i) => i.product.code)).toEqual(['ANY', 'AI-LOAN']);
    await ctx.db.updateTable('products').set({ policy_product: false }).where('code', '=', 'ANY').execute();
  });

  it('an enterprise with unknown revenue: stage unknown, said so', async () => {
    const res = await ctx.as('entB', { method: 'GET', url: `/api/v1/enterprises/${ctx.ids.enterpriseB}/matches` });
    const start = (res.json().items as Item[]).find((i) => i.product.code === 'START')!;
    expect(start.failed[0]!.zh).toBe('成立日期或营业收入未登记，无法判断企业阶段（产品面向初创期企业）');
    expect(res.json().facts.stage).toBeNull();
  });

  it('scoping: another enterprise 404, institutions 403, unknown id 404', async () => {
    expect((await ctx.as('entB', { method: 'GET', url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/matches` })).statusCode).toBe(404);
    expect((await ctx.as('bank', { method: 'GET', url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/matches` })).statusCode).toBe(403);
    expect((await ctx.as('officer', { method: 'GET', url: '/api/v1/enterprises/a3bb189e-8bf9-4888-9912-ace4e6543002/matches' })).statusCode).toBe(404);
  });
});

describe('GET /products/:id/matches (靶向对接)', () => {
  it('lists qualifying enterprises with public fields only, paged', async () => {
    const res = await ctx.as('bank', { method: 'GET', url: `/api/v1/products/${ids.ai}/matches` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ total: 1, page: 1, pageSize: 20, product: { code: 'AI-LOAN', version: 1 } });
    expect(res.json().items).toEqual([{ id: ctx.ids.enterpriseA, name: '甲科技有限公司', uscc: makeUscc(1), district: '杨浦区', sector: '人工智能', certifications: ['高新技术企业'] }]);
    const all = await ctx.as('officer', { method: 'GET', url: `/api/v1/products/${ids.any}/matches?pageSize=2&page=2` });
    expect(all.json()).toMatchObject({ total: 3, page: 2 });
    expect(all.json().items.map((e: { name: string }) => e.name)).toEqual(['甲科技有限公司']);
  });

  it('partner banks see a programme\'s matches; other institutions get 404; enterprises 403', async () => {
    expect((await ctx.as('bank2', { method: 'GET', url: `/api/v1/products/${ids.giant}/matches` })).statusCode).toBe(200);
    expect((await ctx.as('bank2', { method: 'GET', url: `/api/v1/products/${ids.ai}/matches` })).statusCode).toBe(404);
    expect((await ctx.as('entA', { method: 'GET', url: `/api/v1/products/${ids.ai}/matches` })).statusCode).toBe(403);
  });
});
