import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type FixtureUser, type TestContext } from '../helpers/app';

// 备案 (杨府发〔2025〕2号 第5条): institution files → officer reviews (maker) → another officer approves or rejects
// (checker); designation as 区政策性金融产品 only when the maker proposed it and the checker approved.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const post = (user: FixtureUser, url: string, payload?: unknown) => ctx.as(user, { method: 'POST', url, ...(payload !== undefined ? { payload } : {}) });
const product = (id: string) => ctx.db.selectFrom('products').select(['filing_status', 'policy_product']).where('id', '=', id).executeTakeFirstOrThrow();

async function newProduct(user: FixtureUser, code: string) {
  const res = await post(user, '/api/v1/products', { code, name: code, type: 'credit_loan', amountMax: 5_000_000 });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('product filing', () => {
  let id: string;
  let filing: string;
  beforeAll(async () => {
    id = await newProduct('bank', 'B1-CREDIT');
  });

  it('only the offering institution files; one open filing at a time', async () => {
    expect((await post('bank2', `/api/v1/products/${id}/filings`)).statusCode).toBe(404);
    expect((await post('officer', `/api/v1/products/${id}/filings`)).statusCode).toBe(403);
    expect((await ctx.as('entA', { method: 'GET', url: `/api/v1/products/${id}/filings` })).statusCode).toBe(403);
    expect((await ctx.as('bank2', { method: 'GET', url: `/api/v1/products/${id}/filings` })).statusCode).toBe(404);
    const bad = await post('bank', `/api/v1/products/${id}/filings`, { version: 9 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('body.version');
    const res = await post('bank', `/api/v1/products/${id}/filings`);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'submitted', version: 1, submittedBy: { id: ctx.ids.users.bank }, reviewedBy: null, decidedBy: null, product: { id, code: 'B1-CREDIT' } });
    filing = res.json().id;
    expect(await product(id)).toEqual({ filing_status: 'filed', policy_product: false });
    expect((await post('bank', `/api/v1/products/${id}/filings`)).statusCode).toBe(409);
  });

  it('the checker cannot approve before review, nor be the maker; a different officer approves and designates', async () => {
    const early = await post('officer2', `/api/v1/products/${id}/filings/${filing}/approve`);
    expect(early.statusCode).toBe(409);
    expect((await post('bank', `/api/v1/products/${id}/filings/${filing}/review`)).statusCode).toBe(403);
    const review = await post('officer', `/api/v1/products/${id}/filings/${filing}/review`, { proposePolicyProduct: true, note: '创新性突出' });
    expect(review.statusCode, review.body).toBe(200);
    expect(review.json()).toMatchObject({ status: 'reviewed', reviewedBy: { id: ctx.ids.users.officer, username: 'officer', displayName: 'officer' }, proposePolicyProduct: true, reviewNote: '创新性突出' });
    expect(await product(id)).toEqual({ filing_status: 'filed', policy_product: false });
    const self = await post('officer', `/api/v1/products/${id}/filings/${filing}/approve`);
    expect(self.statusCode).toBe(409);
    expect(self.json().message).toMatch(/four-eyes/);
    const selfReject = await post('officer', `/api/v1/products/${id}/filings/${filing}/reject`, { note: 'x' });
    expect(selfReject.statusCode).toBe(409);
    const ok = await post('officer2', `/api/v1/products/${id}/filings/${filing}/approve`, { note: '同意' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', decidedBy: { id: ctx.ids.users.officer2, username: 'officer2', displayName: 'officer2' }, decisionNote: '同意' });
    expect(await product(id)).toEqual({ filing_status: 'approved', policy_product: true });
    const view = await ctx.as('entA', { method: 'GET', url: `/api/v1/products/${id}` });
    expect(view.json()).toMatchObject({ policyProduct: true, filingStatus: 'approved' });
  });

  it.each([
    ['approve', 'officer2'], ['review', 'officer'], ['reject', 'officer2'], ['withdraw', 'bank'],
  ] as const)('%s of an approved filing is a 409', async (action, user) => {
    const res = await post(user, `/api/v1/products/${id}/filings/${filing}/${action}`, action === 'reject' ? { note: 'n' } : undefined);
    expect(res.statusCode, res.body).toBe(409);
  });

  it('every step is audited, with the designation as its own row', async () => {
    const rows = await ctx.db.selectFrom('audit_log').select(['action', 'entity_id', 'actor_username']).where('action', 'like', 'product.%').orderBy('seq').execute();
    const filingRows = rows.filter((r) => r.entity_id === filing).map((r) => [r.action, r.actor_username]);
    expect(filingRows).toEqual([['product.filing.submit', 'bank'], ['product.filing.review', 'officer'], ['product.filing.approve', 'officer2']]);
    expect(rows.filter((r) => r.entity_id === id && r.action === 'product.designate_policy_product').map((r) => r.actor_username)).toEqual(['officer2']);
  });

  it('a reason is required to reject; a rejection from submitted needs no review; withdrawal restores the earlier status', async () => {
    const second = (await post('bank', `/api/v1/products/${id}/filings`)).json().id as string;
    const noReason = await post('officer', `/api/v1/products/${id}/filings/${second}/reject`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().issues[0].path).toBe('body.note');
    const rejected = await post('officer', `/api/v1/products/${id}/filings/${second}/reject`, { note: '材料不全' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decisionNote: '材料不全' });
    expect(await product(id)).toEqual({ filing_status: 'rejected', policy_product: true });
    const third = (await post('bank', `/api/v1/products/${id}/filings`)).json().id as string;
    expect((await product(id)).filing_status).toBe('filed');
    expect((await post('officer', `/api/v1/products/${id}/filings/${third}/withdraw`)).statusCode).toBe(403);
    const w = await post('bank', `/api/v1/products/${id}/filings/${third}/withdraw`);
    expect(w.json().status).toBe('withdrawn');
    expect((await product(id)).filing_status).toBe('rejected');
    const list = await ctx.as('bank', { method: 'GET', url: `/api/v1/products/${id}/filings` });
    expect(list.json().items.map((f: { status: string }) => f.status)).toEqual(['withdrawn', 'rejected', 'approved']);
    // The list names the reviewer and decider as the action replies do, not by a bare id.
    expect(list.json().items[2]).toMatchObject({ reviewedBy: { username: 'officer' }, decidedBy: { username: 'officer2' } });
  });

  it('approval without a proposal files the product but designates nothing; a filing names the version filed', async () => {
    const other = await newProduct('bank2', 'B2-CREDIT');
    await ctx.as('bank2', { method: 'PATCH', url: `/api/v1/products/${other}`, payload: { amountMax: 8_000_000 } });
    const f = (await post('bank2', `/api/v1/products/${other}/filings`, { version: 1 })).json();
    expect(f.version).toBe(1);
    await post('officer2', `/api/v1/products/${other}/filings/${f.id}/review`);
    const ok = await post('officer', `/api/v1/products/${other}/filings/${f.id}/approve`);
    expect(ok.json().status).toBe('approved');
    expect(await product(other)).toEqual({ filing_status: 'approved', policy_product: false });
  });

  it('officers file the programmes the office runs', async () => {
    const prog = await newProduct('officer', 'PROG-1');
    const f = await post('officer', `/api/v1/products/${prog}/filings`);
    expect(f.statusCode).toBe(201);
    expect((await post('bank', `/api/v1/products/${prog}/filings/${f.json().id}/withdraw`)).statusCode).toBe(404);
  });
});
