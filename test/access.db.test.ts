import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../src/shared/uscc';
import { createTestContext, multipartFile, PASSWORD, type FixtureUser, type TestContext } from './helpers/app';

// Who may call what: every /api/v1 route × every kind of caller, with the exact status expected.
// 401 = no valid session; 403 = the role may not call the route; 404 = the record is outside the caller's scope.
type Caller = 'anon' | 'admin' | 'officer' | 'reviewer' | 'auditor' | 'bank' | 'entA' | 'entB';
const CALLERS: Caller[] = ['anon', 'admin', 'officer', 'reviewer', 'auditor', 'bank', 'entA', 'entB'];

interface Prepared {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}
interface Row {
  method: string;
  route: string;
  prepare: (ctx: TestContext, caller: Caller) => Promise<Prepared> | Prepared;
  expect: Record<Caller, number>;
  /** Needs its own session (sign-out ends the session it is called with). */
  freshSession?: boolean;
}

const all = (status: number, anon = 401): Record<Caller, number> => ({ anon, admin: status, officer: status, reviewer: status, auditor: status, bank: status, entA: status, entB: status });
const only = (allowed: Partial<Record<Caller, number>>): Record<Caller, number> => ({ ...all(403), ...allowed });
const editA = (ok: number) => only({ admin: ok, officer: ok, entA: ok, entB: 404 });

let seq = 0;
const next = () => ++seq;
const csv = (n: number) => `uscc,name,district,sector\n${makeUscc(900000 + n)},导入企业${n},杨浦区,人工智能\n`;

const childOfA = async (ctx: TestContext, table: 'enterprise_certifications' | 'enterprise_ip_assets' | 'enterprise_rounds') => {
  const values = {
    enterprise_certifications: { type: '高新技术企业', issued_on: '2024-01-01' },
    enterprise_ip_assets: { kind: 'invention_patent', number: `ZL-${next()}`, status: 'granted', pledged: false },
    enterprise_rounds: { round: 'a', date: '2024-01-01', amount: 100_000_00 },
  }[table];
  const row = await ctx.db.insertInto(table).values({ ...values, enterprise_id: ctx.ids.enterpriseA } as never).returning('id').executeTakeFirstOrThrow();
  return row.id;
};

const ROWS: Row[] = [
  { method: 'GET', route: '/api/v1/meta', prepare: () => ({ url: '/api/v1/meta' }), expect: all(200, 200) },
  { method: 'GET', route: '/api/v1/health', prepare: () => ({ url: '/api/v1/health' }), expect: all(200, 200) },
  { method: 'POST', route: '/api/v1/auth/login', prepare: () => ({ url: '/api/v1/auth/login', payload: { username: 'reviewer', password: PASSWORD } }), expect: all(200, 200) },
  { method: 'POST', route: '/api/v1/auth/logout', prepare: () => ({ url: '/api/v1/auth/logout' }), expect: all(204), freshSession: true },
  { method: 'GET', route: '/api/v1/auth/me', prepare: () => ({ url: '/api/v1/auth/me' }), expect: all(200) },
  { method: 'GET', route: '/api/v1/users', prepare: () => ({ url: '/api/v1/users' }), expect: only({ admin: 200 }) },
  {
    method: 'POST', route: '/api/v1/users',
    prepare: (ctx) => ({ url: '/api/v1/users', payload: { username: `u${next()}`, displayName: 'N', password: 'long-enough-1', role: 'officer', organizationId: ctx.ids.office } }),
    expect: only({ admin: 201 }),
  },
  { method: 'GET', route: '/api/v1/organizations', prepare: () => ({ url: '/api/v1/organizations' }), expect: only({ admin: 200, officer: 200, auditor: 200 }) },
  { method: 'POST', route: '/api/v1/organizations', prepare: () => ({ url: '/api/v1/organizations', payload: { code: `B${next()}`, name: '新银行', kind: 'bank' } }), expect: only({ admin: 201 }) },
  { method: 'GET', route: '/api/v1/tokens/scopes', prepare: () => ({ url: '/api/v1/tokens/scopes' }), expect: all(200) },
  { method: 'GET', route: '/api/v1/tokens', prepare: () => ({ url: '/api/v1/tokens' }), expect: all(200) },
  { method: 'POST', route: '/api/v1/tokens', prepare: () => ({ url: '/api/v1/tokens', payload: { name: 't', scopes: ['enterprises:read'] } }), expect: all(201) },
  {
    method: 'DELETE', route: '/api/v1/tokens/:id',
    prepare: async (ctx) => {
      const s = await ctx.session('bank2');
      const r = await ctx.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { name: 'x', scopes: ['enterprises:read'] } });
      return { url: `/api/v1/tokens/${r.json().token.id}` };
    },
    // Tokens belong to an organisation: only its own users revoke them (bank2 is not a caller here).
    expect: { ...all(404), anon: 401 },
  },
  { method: 'GET', route: '/api/v1/audit', prepare: () => ({ url: '/api/v1/audit' }), expect: only({ admin: 200, auditor: 200 }) },
  { method: 'GET', route: '/api/v1/audit/verify', prepare: () => ({ url: '/api/v1/audit/verify' }), expect: only({ admin: 200, auditor: 200 }) },
  { method: 'GET', route: '/api/v1/enterprises', prepare: () => ({ url: '/api/v1/enterprises' }), expect: all(200) },
  { method: 'GET', route: '/api/v1/enterprises/export', prepare: () => ({ url: '/api/v1/enterprises/export?format=csv' }), expect: only({ admin: 200, officer: 200, auditor: 200 }) },
  {
    method: 'POST', route: '/api/v1/enterprises/import',
    prepare: () => {
      const m = multipartFile('e.csv', csv(next()));
      return { url: '/api/v1/enterprises/import', payload: m.payload, headers: m.headers };
    },
    expect: only({ admin: 200, officer: 200 }),
  },
  {
    method: 'POST', route: '/api/v1/enterprises',
    prepare: () => ({ url: '/api/v1/enterprises', payload: { uscc: makeUscc(500000 + next()), name: '新企业', district: '杨浦区', sector: '数字经济' } }),
    expect: only({ admin: 201, officer: 201 }),
  },
  { method: 'GET', route: '/api/v1/enterprises/:id', prepare: (ctx) => ({ url: `/api/v1/enterprises/${ctx.ids.enterpriseA}` }), expect: { ...all(200), entB: 404 } },
  { method: 'PATCH', route: '/api/v1/enterprises/:id', prepare: (ctx) => ({ url: `/api/v1/enterprises/${ctx.ids.enterpriseA}`, payload: { street: `街道${next()}` } }), expect: editA(200) },
  {
    method: 'PUT', route: '/api/v1/enterprises/:id/financials/:year',
    prepare: (ctx) => ({ url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/financials/2024`, payload: { revenue: 1000 + next(), employees: 10 } }),
    expect: editA(200),
  },
  {
    method: 'POST', route: '/api/v1/enterprises/:id/certifications',
    prepare: (ctx) => ({ url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/certifications`, payload: { type: '专精特新', issuedOn: '2024-03-01', expiresOn: '2027-03-01' } }),
    expect: editA(201),
  },
  {
    method: 'DELETE', route: '/api/v1/enterprises/:id/certifications/:certId',
    prepare: async (ctx) => ({ url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/certifications/${await childOfA(ctx, 'enterprise_certifications')}` }),
    expect: editA(204),
  },
  {
    method: 'POST', route: '/api/v1/enterprises/:id/ip-assets',
    prepare: (ctx) => ({ url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/ip-assets`, payload: { kind: 'invention_patent', number: `ZL2024${next()}`, status: 'granted', pledged: false } }),
    expect: editA(201),
  },
  {
    method: 'DELETE', route: '/api/v1/enterprises/:id/ip-assets/:ipId',
    prepare: async (ctx) => ({ url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/ip-assets/${await childOfA(ctx, 'enterprise_ip_assets')}` }),
    expect: editA(204),
  },
  {
    method: 'POST', route: '/api/v1/enterprises/:id/rounds',
    prepare: (ctx) => ({ url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/rounds`, payload: { round: 'a', date: '2024-05-01', amount: 5_000_000 } }),
    expect: editA(201),
  },
  {
    method: 'DELETE', route: '/api/v1/enterprises/:id/rounds/:roundId',
    prepare: async (ctx) => ({ url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/rounds/${await childOfA(ctx, 'enterprise_rounds')}` }),
    expect: editA(204),
  },
];

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

describe('access table', () => {
  it('covers every registered /api/v1 route', () => {
    const registered = ctx.app.apiRoutes.map((r) => `${r.method} ${r.route ?? r.url}`).sort();
    const table = ROWS.map((r) => `${r.method} ${r.route}`).sort();
    expect(table).toEqual(registered);
  });

  describe.each(ROWS)('$method $route', (row) => {
    it.each(CALLERS)('%s', async (caller) => {
      const prepared = await row.prepare(ctx, caller);
      const headers: Record<string, string> = { ...(prepared.headers ?? {}) };
      if (caller !== 'anon') {
        let s = await ctx.session(caller as FixtureUser);
        if (row.freshSession) {
          const r = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: caller, password: PASSWORD } });
          s = { cookie: `kcjr_session=${r.cookies.find((c) => c.name === 'kcjr_session')!.value}`, csrf: r.json().csrfToken };
        }
        headers.cookie = s.cookie;
        if (row.method !== 'GET') headers['x-csrf-token'] = s.csrf;
      }
      const res = await ctx.app.inject({ method: row.method as never, url: prepared.url, headers, ...(prepared.payload !== undefined ? { payload: prepared.payload as never } : {}) });
      expect(res.statusCode, `${caller} ${row.method} ${prepared.url}: ${res.body.slice(0, 300)}`).toBe(row.expect[caller]);
    });
  });
});
