import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/server/platform/secrets';
import { createTestContext, PASSWORD, type TestContext } from './helpers/app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ lockoutThreshold: 3, lockoutMinutes: 15 });
});
afterAll(async () => ctx?.close());

const login = (username: string, password: string) => ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
const cookieOf = (res: Awaited<ReturnType<typeof login>>) => `kcjr_session=${res.cookies.find((c) => c.name === 'kcjr_session')!.value}`;

describe('password sign-in', () => {
  it('rejects a wrong password and an unknown user with the same answer', async () => {
    const wrong = await login('officer2', 'nope-nope');
    const unknown = await login('nobody', 'nope-nope');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('sets an httpOnly, SameSite=Lax session cookie and returns the user and a CSRF token', async () => {
    const res = await login('OFFICER', PASSWORD); // usernames are case-insensitive
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'kcjr_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
    expect(c.path).toBe('/');
    expect(c.secure).toBeFalsy();
    expect(res.json().user).toMatchObject({ username: 'officer', role: 'officer', organization: { kind: 'office' } });
    expect(res.json().csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const stored = await ctx.db.selectFrom('sessions').select('id').where('id', '=', sha256Hex(c.value)).executeTakeFirst();
    expect(stored).toBeDefined(); // only the hash of the secret is stored
  });

  it('rejects unknown fields in the body, naming them', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'a', password: 'b', remember: true } });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([{ path: 'body.remember', message: 'unknown field' }]);
  });

  it('locks the account after repeated failures, even for the right password, until the lock expires', async () => {
    for (let i = 0; i < 3; i++) expect((await login('reviewer', 'bad-password')).statusCode).toBe(401);
    const locked = await login('reviewer', PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error).toBe('locked');
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', ctx.ids.users.reviewer).execute();
    expect(audit.map((a) => a.action)).toEqual(['auth.sign_in_failed', 'auth.sign_in_failed', 'auth.locked']);
    await ctx.db.updateTable('users').set({ locked_until: new Date(Date.now() - 1000) }).where('id', '=', ctx.ids.users.reviewer).execute();
    expect((await login('reviewer', PASSWORD)).statusCode).toBe(200);
    const user = await ctx.db.selectFrom('users').select(['failed_logins']).where('id', '=', ctx.ids.users.reviewer).executeTakeFirstOrThrow();
    expect(user.failed_logins).toBe(0);
  });

  it('signs out: the session no longer works', async () => {
    const res = await login('auditor', PASSWORD);
    const cookie = cookieOf(res);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(200);
    const out = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': res.json().csrfToken } });
    expect(out.statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('rejects an expired session and a disabled user', async () => {
    const res = await login('entB', PASSWORD);
    const cookie = cookieOf(res);
    await ctx.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1) }).where('user_id', '=', ctx.ids.users.entB).execute();
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    const again = await login('bank2', PASSWORD);
    await ctx.db.updateTable('users').set({ disabled: true }).where('id', '=', ctx.ids.users.bank2).execute();
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: cookieOf(again) } })).statusCode).toBe(401);
    expect((await login('bank2', PASSWORD)).statusCode).toBe(401);
    await ctx.db.updateTable('users').set({ disabled: false }).where('id', '=', ctx.ids.users.bank2).execute();
  });
});

describe('CSRF on cookie-authenticated changes', () => {
  it('requires the session CSRF token in x-csrf-token', async () => {
    const s = await ctx.session('officer');
    const url = `/api/v1/enterprises/${ctx.ids.enterpriseA}`;
    const none = await ctx.app.inject({ method: 'PATCH', url, headers: { cookie: s.cookie }, payload: { street: 'x' } });
    const wrong = await ctx.app.inject({ method: 'PATCH', url, headers: { cookie: s.cookie, 'x-csrf-token': 'forged' }, payload: { street: 'x' } });
    const right = await ctx.app.inject({ method: 'PATCH', url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { street: '控江路街道' } });
    expect([none.statusCode, wrong.statusCode, right.statusCode]).toEqual([403, 403, 200]);
    expect(none.json().message).toMatch(/x-csrf-token/);
  });
});

describe('API tokens', () => {
  const create = async (user: 'officer' | 'entA' | 'bank', body: Record<string, unknown>) => {
    const res = await ctx.as(user, { method: 'POST', url: '/api/v1/tokens', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { token: { id: string; scopes: string[] }; secret: string };
  };
  const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

  it('shows the secret once and stores only its hash', async () => {
    const { token, secret } = await create('bank', { name: 'core banking', scopes: ['enterprises:read'] });
    expect(secret).toMatch(/^kcjr_/);
    const list = await ctx.as('bank', { method: 'GET', url: '/api/v1/tokens' });
    expect(list.body).not.toContain(secret);
    expect(list.json().items.map((t: { id: string }) => t.id)).toContain(token.id);
    const row = await ctx.db.selectFrom('api_tokens').select('token_hash').where('id', '=', token.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256Hex(secret));
  });

  it('acts within its scopes and its creator role, without CSRF, and is audited as the token', async () => {
    const { token, secret } = await create('officer', { name: 'sync', scopes: ['enterprises:read', 'enterprises:write'] });
    const read = await ctx.app.inject({ method: 'GET', url: '/api/v1/enterprises', headers: bearer(secret) });
    expect(read.statusCode).toBe(200);
    const write = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/enterprises/${ctx.ids.enterpriseB}`, headers: bearer(secret), payload: { street: '殷行街道' } });
    expect(write.statusCode).toBe(200);
    const row = await ctx.db.selectFrom('audit_log').select(['actor_token_id', 'actor_username']).where('action', '=', 'enterprise.update').where('entity_id', '=', ctx.ids.enterpriseB).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(row).toEqual({ actor_token_id: token.id, actor_username: 'officer' });
  });

  it('is refused outside its scopes and on session-only routes', async () => {
    const { secret } = await create('officer', { name: 'read only', scopes: ['enterprises:read'] });
    const write = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/enterprises/${ctx.ids.enterpriseB}`, headers: bearer(secret), payload: { street: 'x' } });
    expect(write.statusCode).toBe(403);
    expect(write.json().message).toContain('enterprises:write');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: bearer(secret) })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(secret) })).statusCode).toBe(403);
  });

  it('keeps the creator organisation scope: an enterprise token sees only its enterprise', async () => {
    const { secret } = await create('entA', { name: 'erp', scopes: ['enterprises:read'] });
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/enterprises/${ctx.ids.enterpriseA}`, headers: bearer(secret) })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/enterprises/${ctx.ids.enterpriseB}`, headers: bearer(secret) })).statusCode).toBe(404);
  });

  it('stops working when revoked or expired', async () => {
    const { token, secret } = await create('bank', { name: 'temp', scopes: ['enterprises:read'] });
    const url = '/api/v1/enterprises';
    expect((await ctx.app.inject({ method: 'GET', url, headers: bearer(secret) })).statusCode).toBe(200);
    expect((await ctx.as('bank', { method: 'DELETE', url: `/api/v1/tokens/${token.id}` })).statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'GET', url, headers: bearer(secret) })).statusCode).toBe(401);
    expect((await ctx.as('bank', { method: 'DELETE', url: `/api/v1/tokens/${token.id}` })).statusCode).toBe(409);

    const soon = await create('bank', { name: 'short', scopes: ['enterprises:read'], expiresAt: new Date(Date.now() + 60_000).toISOString() });
    expect((await ctx.app.inject({ method: 'GET', url, headers: bearer(soon.secret) })).statusCode).toBe(200);
    await ctx.db.updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1) }).where('id', '=', soon.token.id).execute();
    expect((await ctx.app.inject({ method: 'GET', url, headers: bearer(soon.secret) })).statusCode).toBe(401);
  });

  it('validates the request, naming the field', async () => {
    const res = await ctx.as('bank', { method: 'POST', url: '/api/v1/tokens', payload: { name: 'x', scopes: ['loans:everything'] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].path).toBe('body.scopes.0');
    const past = await ctx.as('bank', { method: 'POST', url: '/api/v1/tokens', payload: { name: 'x', scopes: ['enterprises:read'], expiresAt: '2020-01-01T00:00:00Z' } });
    expect(past.statusCode).toBe(400);
    expect(past.json().issues[0].path).toBe('body.expiresAt');
  });
});

describe('users', () => {
  it('refuses a role that does not fit the organisation kind', async () => {
    const res = await ctx.as('admin', { method: 'POST', url: '/api/v1/users', payload: { username: 'x1', displayName: 'X', password: 'long-enough', role: 'officer', organizationId: ctx.ids.bankOrg } });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].path).toBe('body.role');
  });
  it('refuses a taken username (case-insensitive) and a short password', async () => {
    const taken = await ctx.as('admin', { method: 'POST', url: '/api/v1/users', payload: { username: 'Officer', displayName: 'X', password: 'long-enough', role: 'officer', organizationId: ctx.ids.office } });
    expect(taken.statusCode).toBe(409);
    const short = await ctx.as('admin', { method: 'POST', url: '/api/v1/users', payload: { username: 'newbie', displayName: 'X', password: 'short', role: 'officer', organizationId: ctx.ids.office } });
    expect(short.statusCode).toBe(400);
    expect(short.json().issues[0].path).toBe('body.password');
  });
});
