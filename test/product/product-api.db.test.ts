import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/app';

// Products (issue #4): CRUD with versions, scoping (an institution manages its own, officers the programmes,
// enterprises see the active catalog), field-named 400s and audit rows.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const bankProduct = {
  code: 'BANK1-IP', name: '知识产权质押贷', type: 'ip_pledge_loan', amountMin: 1_000_000, amountMax: 10_000_000, termMinMonths: 6, termMaxMonths: 36,
  rateMin: '0.0310', rateMax: 0.045, collateralMode: 'ip_pledge', description: '以专利质押', criteria: { sectors: ['人工智能'], minRevenue: 5_000_000, yangpuRegistered: true },
};

const auditRows = (entityId: string) => ctx.db.selectFrom('audit_log').select(['action', 'diff', 'actor_username']).where('entity_id', '=', entityId).orderBy('seq').execute();

describe('products', () => {
  let id: string;
  it('an institution publishes its own product as version 1, amounts in yuan and rates as exact decimals', async () => {
    const res = await ctx.as('bank', { method: 'POST', url: '/api/v1/products', payload: bankProduct });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    id = p.id;
    expect(p).toMatchObject({ code: 'BANK1-IP', status: 'active', isProgramme: false, policyProduct: false, filingStatus: 'not_filed', currentVersion: 1, owner: { code: 'BANK1' }, partners: [] });
    expect(p.terms).toMatchObject({ version: 1, amountMin: 1_000_000, amountMax: 10_000_000, rateMin: '0.031', rateMax: '0.045', collateralMode: 'ip_pledge' });
    expect(p.terms.criteria).toEqual({ sectors: ['人工智能'], minRevenue: 5_000_000, yangpuRegistered: true });
    const stored = await ctx.db.selectFrom('product_versions').select(['amount_min', 'criteria']).where('product_id', '=', id).executeTakeFirstOrThrow();
    expect(stored.amount_min).toBe(1_000_000_00);
    expect((stored.criteria as Record<string, unknown>).minRevenue).toBe(5_000_000_00);
    expect((await auditRows(id)).map((r) => r.action)).toEqual(['product.create']);
  });

  it('an edit of terms makes version 2 and keeps version 1 as it was; a header-only edit makes no version', async () => {
    const res = await ctx.as('bank', { method: 'PATCH', url: `/api/v1/products/${id}`, payload: { amountMax: 20_000_000, criteria: { sectors: ['人工智能', '数字经济'] } } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ currentVersion: 2, terms: { version: 2, amountMin: 1_000_000, amountMax: 20_000_000, criteria: { sectors: ['人工智能', '数字经济'] } } });
    expect(res.json().versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const v1 = await ctx.as('entA', { method: 'GET', url: `/api/v1/products/${id}/versions/1` });
    expect(v1.statusCode).toBe(200);
    expect(v1.json()).toMatchObject({ version: 1, amountMax: 10_000_000, criteria: { minRevenue: 5_000_000 } });
    const rename = await ctx.as('bank', { method: 'PATCH', url: `/api/v1/products/${id}`, payload: { name: '专利贷' } });
    expect(rename.json()).toMatchObject({ name: '专利贷', currentVersion: 2 });
    const audit = await auditRows(id);
    expect(audit.map((r) => r.action)).toEqual(['product.create', 'product.update', 'product.update']);
    expect((audit[1]!.diff as { after: Record<string, unknown> }).after).toMatchObject({ version: 2, amount_max: 20_000_000_00 });
  });

  it('an edit that repeats the current values writes no version and no audit row', async () => {
    const before = (await auditRows(id)).length;
    const res = await ctx.as('bank', { method: 'PATCH', url: `/api/v1/products/${id}`, payload: { amountMax: 20_000_000, name: '专利贷', rateMin: 0.031 } });
    expect(res.statusCode).toBe(200);
    expect(res.json().currentVersion).toBe(2);
    expect((await auditRows(id)).length).toBe(before);
  });

  it('scoping: another institution gets 404 for editing; officers get 403 on an institution product; enterprises cannot publish', async () => {
    expect((await ctx.as('bank2', { method: 'PATCH', url: `/api/v1/products/${id}`, payload: { name: 'x' } })).statusCode).toBe(404);
    expect((await ctx.as('officer', { method: 'PATCH', url: `/api/v1/products/${id}`, payload: { name: 'x' } })).statusCode).toBe(403);
    expect((await ctx.as('entA', { method: 'POST', url: '/api/v1/products', payload: { ...bankProduct, code: 'E1' } })).statusCode).toBe(403);
  });

  it('status moves through its table: withdrawn products leave the catalog for enterprises and other banks but not for the owner', async () => {
    const w = await ctx.as('bank', { method: 'PATCH', url: `/api/v1/products/${id}`, payload: { status: 'withdrawn' } });
    expect(w.statusCode, w.body).toBe(200);
    expect((await ctx.as('entA', { method: 'GET', url: `/api/v1/products/${id}` })).statusCode).toBe(404);
    expect((await ctx.as('bank2', { method: 'GET', url: `/api/v1/products/${id}` })).statusCode).toBe(404);
    expect((await ctx.as('bank', { method: 'GET', url: `/api/v1/products/${id}` })).statusCode).toBe(200);
    expect((await ctx.as('auditor', { method: 'GET', url: `/api/v1/products/${id}` })).statusCode).toBe(200);
    const list = await ctx.as('entA', { method: 'GET', url: '/api/v1/products' });
    expect(list.json().items.map((p: { id: string }) => p.id)).not.toContain(id);
    const again = await ctx.as('bank', { method: 'PATCH', url: `/api/v1/products/${id}`, payload: { status: 'draft' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/withdrawn product cannot become draft/);
    expect((await ctx.as('bank', { method: 'PATCH', url: `/api/v1/products/${id}`, payload: { status: 'active' } })).statusCode).toBe(200);
    expect((await ctx.as('entA', { method: 'GET', url: '/api/v1/products' })).json().items.map((p: { id: string }) => p.id)).toContain(id);
  });

  it('officers publish programmes offered through partner banks; partners see them and can change nothing', async () => {
    const res = await ctx.as('officer', { method: 'POST', url: '/api/v1/products', payload: { code: 'KJLYD', name: '科技履约贷', type: 'performance_insurance_loan', partnerCodes: ['BANK1', 'BANK2'], amountMax: 10_000_000 } });
    expect(res.statusCode, res.body).toBe(201);
    const prog = res.json();
    expect(prog).toMatchObject({ isProgramme: true, owner: { code: 'OFFICE' } });
    expect(prog.partners.map((o: { code: string }) => o.code)).toEqual(['BANK1', 'BANK2']);
    expect((await ctx.as('bank', { method: 'PATCH', url: `/api/v1/products/${prog.id}`, payload: { name: 'x' } })).statusCode).toBe(404);
    const edit = await ctx.as('officer2', { method: 'PATCH', url: `/api/v1/products/${prog.id}`, payload: { partnerCodes: ['BANK2'] } });
    expect(edit.json().partners.map((o: { code: string }) => o.code)).toEqual(['BANK2']);
    const audit = await auditRows(prog.id);
    expect(audit.at(-1)!.action).toBe('product.update');
    expect((audit.at(-1)!.diff as { before: { partnerOrgIds: string[] } }).before.partnerOrgIds).toHaveLength(2);
  });

  it('lists with filters and paging', async () => {
    const res = await ctx.as('officer', { method: 'GET', url: '/api/v1/products?isProgramme=true&pageSize=1' });
    expect(res.json()).toMatchObject({ total: 1, page: 1, pageSize: 1 });
    expect(res.json().items[0].code).toBe('KJLYD');
    const byType = await ctx.as('entB', { method: 'GET', url: '/api/v1/products?type=ip_pledge_loan' });
    expect(byType.json().items.map((p: { code: string }) => p.code)).toEqual(['BANK1-IP']);
  });

  it.each([
    [{ ...bankProduct, code: 'X1', amountMin: 5, amountMax: 1 }, 'body.amountMax'],
    [{ ...bankProduct, code: 'X2', rateMin: '0.05', rateMax: '0.04' }, 'body.rateMax'],
    [{ ...bankProduct, code: 'X3', rateMin: '4.35%' }, 'body.rateMin'],
    [{ ...bankProduct, code: 'X4', criteria: { sectors: ['航天'] } }, 'body.criteria.sectors.0'],
    [{ ...bankProduct, code: 'X5', criteria: { minAge: 3 } }, 'body.criteria.minAge'],
    [{ ...bankProduct, code: 'X6', type: 'mortgage' }, 'body.type'],
    [{ ...bankProduct, code: 'X7', partnerCodes: ['BANK2'] }, 'body.partnerCodes'],
    [{ ...bankProduct, code: 'bad code' }, 'body.code'],
    [{ ...bankProduct, code: 'X8', extra: 1 }, 'body.extra'],
  ])('400 naming the field %#', async (payload, field) => {
    const res = await ctx.as('bank', { method: 'POST', url: '/api/v1/products', payload });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().issues.map((i: { path: string }) => i.path)).toContain(field);
  });

  it('a programme partner that is not an institution is a 400 naming the element; a taken code is a 409', async () => {
    const bad = await ctx.as('officer', { method: 'POST', url: '/api/v1/products', payload: { code: 'P2', name: 'p', type: 'micro_loan', partnerCodes: ['BANK1', 'ENT-A', 'NOPE'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string }) => i.path)).toEqual(['body.partnerCodes.1', 'body.partnerCodes.2']);
    const dup = await ctx.as('bank2', { method: 'POST', url: '/api/v1/products', payload: { ...bankProduct } });
    expect(dup.statusCode).toBe(409);
  });
});
