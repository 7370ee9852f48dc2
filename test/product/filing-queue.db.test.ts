import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type FixtureUser, type TestContext } from '../helpers/app';

// The 备案 queue (GET /filings): every product's filings awaiting a decision in one list, oldest first, so the
// officers' page needs no walk through the catalog; an institution sees only its own products' filings.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const post = (user: FixtureUser, url: string, payload?: unknown) => ctx.as(user, { method: 'POST', url, ...(payload !== undefined ? { payload } : {}) });
const get = (user: FixtureUser, url: string) => ctx.as(user, { method: 'GET', url });

async function filed(user: FixtureUser, code: string) {
  const p = await post(user, '/api/v1/products', { code, name: `${code} 产品`, type: 'credit_loan' });
  expect(p.statusCode, p.body).toBe(201);
  const f = await post(user, `/api/v1/products/${p.json().id}/filings`);
  expect(f.statusCode, f.body).toBe(201);
  return { productId: p.json().id as string, filingId: f.json().id as string };
}

describe('filing queue', () => {
  let b1: { productId: string; filingId: string };
  let b2: { productId: string; filingId: string };
  let decided: { productId: string; filingId: string };
  beforeAll(async () => {
    b1 = await filed('bank', 'Q-B1');
    b2 = await filed('bank2', 'Q-B2');
    decided = await filed('bank', 'Q-B1-DONE');
    await post('officer', `/api/v1/products/${b2.productId}/filings/${b2.filingId}/review`, { proposePolicyProduct: true });
    await post('officer', `/api/v1/products/${decided.productId}/filings/${decided.filingId}/review`);
    await post('officer2', `/api/v1/products/${decided.productId}/filings/${decided.filingId}/approve`);
  });

  it('lists open filings oldest first, each with its product, owner and the reviewer named', async () => {
    const res = await get('officer', '/api/v1/filings');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(body.items.map((f: { id: string }) => f.id)).toEqual([b1.filingId, b2.filingId]);
    expect(body.items[0]).toMatchObject({
      status: 'submitted', version: 1, reviewedBy: null, decidedBy: null,
      product: { id: b1.productId, code: 'Q-B1', name: 'Q-B1 产品', owner: { code: 'BANK1', name: expect.any(String) } },
    });
    expect(body.items[1]).toMatchObject({
      status: 'reviewed', proposePolicyProduct: true, product: { code: 'Q-B2', owner: { code: 'BANK2' } },
      reviewedBy: { id: ctx.ids.users.officer, username: 'officer', displayName: 'officer' },
    });
  });

  it('filters by status and pages', async () => {
    const approved = (await get('auditor', '/api/v1/filings?status=approved')).json();
    expect(approved.items).toHaveLength(1);
    expect(approved.items[0]).toMatchObject({
      id: decided.filingId, reviewedBy: { username: 'officer' }, decidedBy: { id: ctx.ids.users.officer2, username: 'officer2', displayName: 'officer2' },
    });
    const paged = (await get('admin', '/api/v1/filings?status=submitted,reviewed,approved&page=2&pageSize=2')).json();
    expect(paged).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.items.map((f: { id: string }) => f.id)).toEqual([decided.filingId]);
    const bad = await get('officer', '/api/v1/filings?status=pending');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toMatch(/^querystring\.status/);
  });

  it("an institution sees its own products' filings only; reviewers and enterprises are refused", async () => {
    expect((await get('bank', '/api/v1/filings?status=submitted,reviewed,approved')).json().items.map((f: { id: string }) => f.id)).toEqual([b1.filingId, decided.filingId]);
    expect((await get('bank2', '/api/v1/filings')).json().items.map((f: { id: string }) => f.id)).toEqual([b2.filingId]);
    expect((await get('reviewer', '/api/v1/filings')).statusCode).toBe(403);
    expect((await get('entA', '/api/v1/filings')).statusCode).toBe(403);
  });
});
