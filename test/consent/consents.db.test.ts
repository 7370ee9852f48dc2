import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../src/server/modules/consent/consent-rules';
import { createTestContext, type TestContext } from '../helpers/app';
import { applicationOfA, auditActions, grantBody, today } from './helpers';

// Granting, listing and revoking consents (issue #4, 授权): validation naming the field, scoping (another
// enterprise's consent is a 404), the revoke transition (a second revoke is a 409), every change audited.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const grant = (user: 'entA' | 'entB', over: Record<string, unknown> = {}) => ctx.as(user, { method: 'POST', url: '/api/v1/consents', payload: grantBody(over) });

describe('granting a consent', () => {
  it.each([
    [{ clusters: ['tax_filings', 'bank_statements'] }, 'body.clusters.1'],
    [{ clusters: [] }, 'body.clusters'],
    [{ clusters: ['ip_assets', 'ip_assets'] }, 'body.clusters'],
    [{ lookbackMonths: 0 }, 'body.lookbackMonths'],
    [{ lookbackMonths: 121 }, 'body.lookbackMonths'],
    [{ lookbackMonths: 1.5 }, 'body.lookbackMonths'],
    [{ purpose: '  ' }, 'body.purpose'],
    [{ expiresOn: '2025-02-30' }, 'body.expiresOn'],
    [{ expiresOn: today() }, 'body.expiresOn'],
    [{ expiresOn: addMonths(today(), -1) }, 'body.expiresOn'],
    [{ expiresOn: dayAfterOneYear() }, 'body.expiresOn'],
    [{ institutionCode: undefined, institutionId: randomUUID() }, 'body.institutionId'],
    [{ institutionId: randomUUID() }, 'body.institutionId'],
    [{ institutionCode: undefined }, 'body.institutionId'],
    [{ institutionCode: 'NOPE' }, 'body.institutionCode'],
    [{ institutionCode: 'OFFICE' }, 'body.institutionCode'],
    [{ institutionCode: 'ENT-B' }, 'body.institutionCode'],
    [{ applicationId: 'x' }, 'body.applicationId'],
    [{ scope: 'all' }, 'body.scope'],
  ])('%j → 400 naming %s', async (over, path) => {
    const res = await grant('entA', over);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it('refuses an application that is not the enterprise’s own or not addressed to the institution, with one message', async () => {
    const ofB = await applicationOfA(ctx, ctx.ids.bankOrg, ctx.ids.enterpriseB);
    const toBank2 = await applicationOfA(ctx, ctx.ids.bank2Org);
    const missing = randomUUID();
    const messages = [];
    for (const applicationId of [ofB, toBank2, missing]) {
      const res = await grant('entA', { applicationId });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().issues[0].path).toBe('body.applicationId');
      messages.push(res.json().message);
    }
    expect(new Set(messages).size).toBe(1);
  });

  it('grants by institution code with an application addressed to it, and audits the grant', async () => {
    const applicationId = await applicationOfA(ctx, ctx.ids.bankOrg);
    const res = await grant('entA', { applicationId, clusters: ['tax_filings', 'loan_history'] });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      enterprise: { id: ctx.ids.enterpriseA }, institution: { id: ctx.ids.bankOrg, code: 'BANK1', name: '测试银行' }, clusters: ['tax_filings', 'loan_history'],
      lookbackMonths: 12, status: 'active', grantedBy: 'entA', revokedAt: null,
    });
    expect(c.application.id).toBe(applicationId);
    const audit = await auditActions(ctx, c.id);
    expect(audit.map((a) => a.action)).toEqual(['consent.grant']);
    expect(audit[0]!.request_id).toBe(res.headers['x-request-id']);
  });

  it('grants by institution id, up to exactly one year ahead', async () => {
    const res = await grant('entA', { institutionCode: undefined, institutionId: ctx.ids.bank2Org, expiresOn: addMonths(today(), 12) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().institution.code).toBe('BANK2');
  });

  it('is only for enterprise users', async () => {
    for (const user of ['bank', 'officer', 'auditor'] as const) {
      const res = await ctx.as(user, { method: 'POST', url: '/api/v1/consents', payload: grantBody() });
      expect(res.statusCode, user).toBe(403);
    }
  });
});

function dayAfterOneYear() {
  // One day past the one-year bound.
  const max = addMonths(today(), 12);
  const [y, m, d] = max.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return next.toISOString().slice(0, 10);
}

describe('listing and scoping', () => {
  let consentOfB: string;
  beforeAll(async () => {
    consentOfB = (await grant('entB', { institutionCode: 'BANK2', clusters: ['ip_assets'] })).json().id;
  });

  it('an enterprise sees only its own consents', async () => {
    const a = (await ctx.as('entA', { method: 'GET', url: '/api/v1/consents' })).json();
    expect(a.total).toBeGreaterThan(0);
    expect(a.items.every((c: { enterprise: { id: string } }) => c.enterprise.id === ctx.ids.enterpriseA)).toBe(true);
    const asked = (await ctx.as('entA', { method: 'GET', url: `/api/v1/consents?enterpriseId=${ctx.ids.enterpriseB}` })).json();
    expect(asked.items).toEqual([]);
    expect((await ctx.as('entA', { method: 'GET', url: `/api/v1/consents/${consentOfB}` })).statusCode).toBe(404);
    expect((await ctx.as('entB', { method: 'GET', url: `/api/v1/consents/${consentOfB}` })).statusCode).toBe(200);
  });

  it('an institution sees the consents granted to it; office staff see all; reviewers may not list', async () => {
    const bank = (await ctx.as('bank', { method: 'GET', url: '/api/v1/consents' })).json();
    expect(bank.total).toBeGreaterThan(0);
    expect(bank.items.every((c: { institution: { code: string } }) => c.institution.code === 'BANK1')).toBe(true);
    expect((await ctx.as('bank', { method: 'GET', url: `/api/v1/consents/${consentOfB}` })).statusCode).toBe(404);
    expect((await ctx.as('bank2', { method: 'GET', url: `/api/v1/consents/${consentOfB}` })).statusCode).toBe(200);
    for (const user of ['officer', 'auditor', 'admin'] as const) {
      const all = (await ctx.as(user, { method: 'GET', url: `/api/v1/consents?enterpriseId=${ctx.ids.enterpriseB}` })).json();
      expect(all.items.map((c: { id: string }) => c.id), user).toEqual([consentOfB]);
    }
    expect((await ctx.as('reviewer', { method: 'GET', url: '/api/v1/consents' })).statusCode).toBe(403);
  });
});

describe('revoking', () => {
  it('only the enterprise revokes; once; audited; the institution then sees it only when asking for revoked ones', async () => {
    const id = (await grant('entA', { clusters: ['ip_assets'] })).json().id;
    expect((await ctx.as('entB', { method: 'POST', url: `/api/v1/consents/${id}/revoke` })).statusCode).toBe(404);
    expect((await ctx.as('officer', { method: 'POST', url: `/api/v1/consents/${id}/revoke` })).statusCode).toBe(403);
    expect((await ctx.as('bank', { method: 'POST', url: `/api/v1/consents/${id}/revoke` })).statusCode).toBe(403);

    const first = await ctx.as('entA', { method: 'POST', url: `/api/v1/consents/${id}/revoke`, payload: { reason: '贷款已结清' } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'revoked', revokedBy: 'entA' });
    const second = await ctx.as('entA', { method: 'POST', url: `/api/v1/consents/${id}/revoke` });
    expect(second.statusCode).toBe(409);

    const audit = await auditActions(ctx, id);
    expect(audit.map((a) => a.action)).toEqual(['consent.grant', 'consent.revoke']);
    const diff = typeof audit[1]!.diff === 'string' ? JSON.parse(audit[1]!.diff) : audit[1]!.diff;
    expect(diff).toMatchObject({ before: { status: 'active' }, after: { status: 'revoked', reason: '贷款已结清' } });

    const active = (await ctx.as('bank', { method: 'GET', url: '/api/v1/consents?pageSize=200' })).json();
    expect(active.items.map((c: { id: string }) => c.id)).not.toContain(id);
    const revoked = (await ctx.as('bank', { method: 'GET', url: '/api/v1/consents?status=revoked&pageSize=200' })).json();
    expect(revoked.items.map((c: { id: string }) => c.id)).toContain(id);
    const own = (await ctx.as('entA', { method: 'GET', url: '/api/v1/consents?status=revoked' })).json();
    expect(own.items.map((c: { id: string }) => c.id)).toContain(id);
  });

  it('status is computed from today: an expiry date before today is expired', async () => {
    const id = (await grant('entA', { clusters: ['ip_assets'] })).json().id;
    await ctx.db.updateTable('consents').set({ expires_on: addMonths(today(), -1) }).where('id', '=', id).execute();
    expect((await ctx.as('entA', { method: 'GET', url: `/api/v1/consents/${id}` })).json().status).toBe('expired');
    const expired = (await ctx.as('entA', { method: 'GET', url: '/api/v1/consents?status=expired' })).json();
    expect(expired.items.map((c: { id: string }) => c.id)).toEqual([id]);
    const bankDefault = (await ctx.as('bank', { method: 'GET', url: '/api/v1/consents?pageSize=200' })).json();
    expect(bankDefault.items.map((c: { id: string }) => c.id)).not.toContain(id);
  });

  it('rejects a bad status filter and unknown query fields', async () => {
    expect((await ctx.as('entA', { method: 'GET', url: '/api/v1/consents?status=pending' })).statusCode).toBe(400);
    expect((await ctx.as('entA', { method: 'GET', url: '/api/v1/consents?foo=1' })).statusCode).toBe(400);
  });
});
