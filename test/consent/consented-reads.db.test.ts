import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../src/server/modules/consent/consent-rules';
import { activeConsentFor } from '../../src/server/modules/consent/consent.repository';
import { createTestContext, type TestContext } from '../helpers/app';
import { TEST_DB_KIND } from '../helpers/db';
import { auditActions, grantBody, monthsAgo, seedClustersOfA, today, yearsAgo } from './helpers';

// Reads under consent (issue #4): checked on every request, 404 for anything but an active consent covering the
// cluster, limited to the lookback, and logged (consent_reads + audit) in the read's own transaction.
let ctx: TestContext;
let consentId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedClustersOfA(ctx);
  const res = await ctx.as('entA', { method: 'POST', url: '/api/v1/consents', payload: grantBody({ clusters: ['tax_filings', 'social_insurance', 'financial_statements', 'ip_assets', 'loan_history'] }) });
  consentId = res.json().id;
});
afterAll(async () => ctx?.close());

const read = (user: 'bank' | 'bank2' | 'entA' | 'officer', cluster: string, enterpriseId = ctx.ids.enterpriseA, headers?: Record<string, string>) =>
  ctx.as(user, { method: 'GET', url: `/api/v1/consented/${enterpriseId}/${cluster}`, ...(headers ? { headers } : {}) });
const readsOf = (cid: string) => ctx.db.selectFrom('consent_reads').selectAll().where('consent_id', '=', cid).orderBy('id').execute();

describe('reading with an active consent', () => {
  it('returns the cluster within the lookback and logs the read in the append-only read log', async () => {
    const res = await read('bank', 'social_insurance');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ enterpriseId: ctx.ids.enterpriseA, cluster: 'social_insurance', consentId, lookbackMonths: 12, from: addMonths(today(), -12), asOf: today() });
    // Months 0, 1, 5 and 11 back are within 12 months; 13, 24 and 30 are not.
    expect(body.items.map((i: { month: string }) => i.month)).toEqual([0, 1, 5, 11].map(monthsAgo));

    const reads = await readsOf(consentId);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ cluster: 'social_insurance', user_id: ctx.ids.users.bank, token_id: null, institution_org_id: ctx.ids.bankOrg, request_id: res.headers['x-request-id'] });
    // The read log cannot be edited after the fact.
    await expect(ctx.db.updateTable('consent_reads').set({ cluster: 'ip_assets' }).where('consent_id', '=', consentId).execute()).rejects.toThrow(/append-only/);
    await expect(ctx.db.deleteFrom('consent_reads').where('consent_id', '=', consentId).execute()).rejects.toThrow(/append-only/);
  });

  it('a longer lookback in a second consent shows more; the longest one wins', async () => {
    const before = (await read('bank', 'tax_filings')).json();
    expect(before.items).toHaveLength(4);
    const second = await ctx.as('entA', { method: 'POST', url: '/api/v1/consents', payload: grantBody({ clusters: ['tax_filings'], lookbackMonths: 24 }) });
    const after = (await read('bank', 'tax_filings')).json();
    expect(after.consentId).toBe(second.json().id);
    expect(after.items.map((i: { period: string }) => i.period)).toEqual([0, 1, 5, 11, 13, 24].map(monthsAgo));
    expect(after.items[0]).toMatchObject({ taxType: '增值税', taxableRevenue: 1_000_000, taxPaid: 60_000, source: 'tax_bureau' });
    await ctx.as('entA', { method: 'POST', url: `/api/v1/consents/${second.json().id}/revoke` });
  });

  it('financial statements by year, IP as the current portfolio, loan history with every bank named', async () => {
    const fin = (await read('bank', 'financial_statements')).json();
    expect(fin.items.map((i: { year: number }) => i.year)).toEqual([yearsAgo(0), yearsAgo(1)]);
    expect(fin.items[0]).toMatchObject({ revenue: 12_000_000, netProfit: -10, employees: 50 });
    const ip = (await read('bank', 'ip_assets')).json();
    expect(ip.items.map((i: { number: string }) => i.number).sort()).toEqual(['2024SR000001', 'ZL201010000001']);
    const loans = (await read('bank', 'loan_history')).json();
    expect(loans.items.map((l: { bank: { code: string }; principal: number }) => [l.bank.code, l.principal])).toEqual([['BANK2', 3_000_000], ['BANK1', 2_000_000]]);
    expect(loans.items[0]).not.toHaveProperty('loanNo');
    expect(loans.items[0]).not.toHaveProperty('annualRate');
  });

  it('the overview lists the clusters the institution may read today', async () => {
    const res = await ctx.as('bank', { method: 'GET', url: `/api/v1/consented/${ctx.ids.enterpriseA}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().clusters.map((c: { cluster: string }) => c.cluster)).toEqual(['tax_filings', 'financial_statements', 'ip_assets', 'social_insurance', 'loan_history']);
    const other = await ctx.as('bank2', { method: 'GET', url: `/api/v1/consented/${ctx.ids.enterpriseA}` });
    expect(other.json().clusters).toEqual([]);
    expect((await ctx.as('bank', { method: 'GET', url: `/api/v1/consented/${randomUUID()}` })).statusCode).toBe(404);
  });
});

describe('every refusal is a 404 and is not logged', () => {
  it('another institution, another enterprise, an unknown enterprise, a cluster not granted', async () => {
    const narrow = await ctx.as('entB', { method: 'POST', url: '/api/v1/consents', payload: grantBody({ clusters: ['ip_assets'] }) });
    expect(narrow.statusCode).toBe(201);
    const logged = (await ctx.db.selectFrom('consent_reads').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const cases = [
      await read('bank2', 'tax_filings'),
      await read('bank', 'tax_filings', ctx.ids.enterpriseB),
      await read('bank', 'tax_filings', randomUUID()),
    ];
    for (const res of cases) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json()).toEqual({ error: 'not_found', message: 'consented data not found' });
    }
    expect((await read('bank', 'ip_assets', ctx.ids.enterpriseB)).statusCode).toBe(200);
    const after = (await ctx.db.selectFrom('consent_reads').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    expect(Number(after)).toBe(Number(logged) + 1);
  });

  it('an unknown cluster name is a 400; enterprise and office users may not read', async () => {
    expect((await read('bank', 'bank_statements')).statusCode).toBe(400);
    expect((await read('entA', 'tax_filings')).statusCode).toBe(403);
    expect((await read('officer', 'tax_filings')).statusCode).toBe(403);
  });

  it('after expiry (expires_on yesterday) and after revocation', async () => {
    const c = await ctx.as('entA', { method: 'POST', url: '/api/v1/consents', payload: grantBody({ institutionCode: 'BANK2', clusters: ['social_insurance', 'ip_assets'] }) });
    expect((await read('bank2', 'social_insurance')).statusCode).toBe(200);
    await ctx.db.updateTable('consents').set({ expires_on: addMonths(today(), 0) }).where('id', '=', c.json().id).execute();
    expect((await read('bank2', 'social_insurance')).statusCode).toBe(200); // the expiry day itself is still covered
    const [y, m, d] = today().split('-').map(Number) as [number, number, number];
    const yesterday = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
    await ctx.db.updateTable('consents').set({ expires_on: yesterday }).where('id', '=', c.json().id).execute();
    expect((await read('bank2', 'social_insurance')).statusCode).toBe(404);
    expect((await ctx.as('bank2', { method: 'GET', url: `/api/v1/consented/${ctx.ids.enterpriseA}` })).json().clusters).toEqual([]);

    await ctx.db.updateTable('consents').set({ expires_on: addMonths(today(), 1) }).where('id', '=', c.json().id).execute();
    expect((await read('bank2', 'ip_assets')).statusCode).toBe(200);
    expect((await ctx.as('entA', { method: 'POST', url: `/api/v1/consents/${c.json().id}/revoke` })).statusCode).toBe(200);
    const res = await read('bank2', 'ip_assets');
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('consented data not found');
    expect((await readsOf(c.json().id)).map((r) => r.cluster)).toEqual(['social_insurance', 'social_insurance', 'ip_assets']);
  });
});

describe('API tokens', () => {
  it('read with consented:read (logged against the token); 403 without it', async () => {
    const s = await ctx.session('bank');
    const mint = async (scopes: string[]) => {
      const r = await ctx.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { name: `t-${scopes[0]}`, scopes } });
      expect(r.statusCode, r.body).toBe(201);
      return r.json() as { token: { id: string }; secret: string };
    };
    const good = await mint(['consented:read']);
    const res = await ctx.app.inject({ method: 'GET', url: `/api/v1/consented/${ctx.ids.enterpriseA}/tax_filings`, headers: { authorization: `Bearer ${good.secret}` } });
    expect(res.statusCode, res.body).toBe(200);
    const row = await ctx.db.selectFrom('consent_reads').selectAll().where('request_id', '=', String(res.headers['x-request-id'])).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ token_id: good.token.id, user_id: null, cluster: 'tax_filings' });
    const list = await ctx.app.inject({ method: 'GET', url: '/api/v1/consents', headers: { authorization: `Bearer ${good.secret}` } });
    expect(list.statusCode).toBe(200);

    const other = await mint(['enterprises:read']);
    const refused = await ctx.app.inject({ method: 'GET', url: `/api/v1/consented/${ctx.ids.enterpriseA}/tax_filings`, headers: { authorization: `Bearer ${other.secret}` } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('consented:read');
  });
});

describe('the read log', () => {
  it('the enterprise sees who read what and when, with institution names; others see nothing of it', async () => {
    const log = (await ctx.as('entA', { method: 'GET', url: '/api/v1/consents/reads?pageSize=200' })).json();
    const total = await ctx.db.selectFrom('consent_reads').select((eb) => eb.fn.countAll<number>().as('n')).where('enterprise_id', '=', ctx.ids.enterpriseA).executeTakeFirstOrThrow();
    expect(log.total).toBe(Number(total.n));
    expect(log.items.every((r: { enterprise: { id: string } }) => r.enterprise.id === ctx.ids.enterpriseA)).toBe(true);
    const first = log.items.at(-1);
    expect(first).toMatchObject({ cluster: 'social_insurance', consentId, institution: { code: 'BANK1', name: '测试银行' }, user: { username: 'bank' }, token: null });
    expect(log.items[0].token).toMatchObject({ name: 't-consented:read' });
    expect(log.items[0].user).toBeNull();
    expect(Date.parse(first.at)).not.toBeNaN();

    const b = (await ctx.as('entB', { method: 'GET', url: `/api/v1/consents/reads?enterpriseId=${ctx.ids.enterpriseA}` })).json();
    expect(b.items).toEqual([]);
    const officer = (await ctx.as('officer', { method: 'GET', url: `/api/v1/consents/reads?enterpriseId=${ctx.ids.enterpriseB}` })).json();
    expect(officer.items.map((r: { enterprise: { id: string } }) => r.enterprise.id)).toEqual([ctx.ids.enterpriseB]);
    const byCluster = (await ctx.as('auditor', { method: 'GET', url: '/api/v1/consents/reads?cluster=loan_history' })).json();
    expect(byCluster.items.length).toBeGreaterThan(0);
    expect(byCluster.items.every((r: { cluster: string }) => r.cluster === 'loan_history')).toBe(true);
    expect((await ctx.as('bank', { method: 'GET', url: '/api/v1/consents/reads' })).statusCode).toBe(403);
  });
});

describe('a read and a concurrent revoke', () => {
  // PGlite has one connection, so only PostgreSQL can hold a read open while a revoke arrives.
  it.skipIf(TEST_DB_KIND !== 'pg')('the revoke waits for the read holding the consent to commit; reads after it are refused', async () => {
    const c = (await ctx.as('entA', { method: 'POST', url: '/api/v1/consents', payload: grantBody({ institutionCode: 'BANK2', clusters: ['loan_history'] }) })).json();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const reading = ctx.db.transaction().execute(async (trx) => {
      const found = await activeConsentFor(trx, ctx.ids.enterpriseA, ctx.ids.bank2Org, 'loan_history', today());
      expect(found?.id).toBe(c.id);
      locked();
      await held;
    });
    await isLocked;
    let revoked = false;
    const revoke = ctx.as('entA', { method: 'POST', url: `/api/v1/consents/${c.id}/revoke` }).then((r) => {
      revoked = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 400));
    expect(revoked).toBe(false);
    release();
    await reading;
    expect((await revoke).statusCode).toBe(200);
    expect((await read('bank2', 'loan_history')).statusCode).toBe(404);
  });
});
