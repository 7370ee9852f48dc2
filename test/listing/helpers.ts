import { expect } from 'vitest';
import type { FixtureUser, TestContext } from '../helpers/app';

/** Calls /api/v1 as a fixture user and checks the status; returns the JSON body. */
export async function call(ctx: TestContext, user: FixtureUser, method: string, url: string, status: number, payload?: unknown) {
  const res = await ctx.as(user, { method, url: `/api/v1${url}`, ...(payload !== undefined ? { payload } : {}) });
  expect(res.statusCode, `${method} ${url}: ${res.body.slice(0, 500)}`).toBe(status);
  return res.headers['content-type']?.toString().includes('json') ? res.json() : res.body;
}

export async function auditActions(ctx: TestContext, entityId: string) {
  const rows = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', entityId).orderBy('seq').execute();
  return rows.map((r) => r.action);
}

/** An investment fund organisation with one user (the fixtures have banks, no fund); returns a caller for it. */
export async function fundUser(ctx: TestContext, code: string) {
  const { hashPassword } = await import('../../src/server/platform/secrets');
  const { PASSWORD } = await import('../helpers/app');
  const org = await ctx.db.insertInto('organizations').values({ code, name: `${code} 基金`, kind: 'fund', enterprise_id: null }).returning('id').executeTakeFirstOrThrow();
  const username = `user-${code.toLowerCase()}`;
  await ctx.db.insertInto('users').values({ organization_id: org.id, username, display_name: username, role: 'institution_user', password_hash: await hashPassword(PASSWORD), locked_until: null }).execute();
  const login = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
  const cookie = `kcjr_session=${login.cookies.find((c) => c.name === 'kcjr_session')!.value}`;
  const csrf = login.json().csrfToken as string;
  const as = async (method: string, url: string, status: number, payload?: unknown) => {
    const res = await ctx.app.inject({ method: method as never, url: `/api/v1${url}`, headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }) }, ...(payload !== undefined ? { payload: payload as never } : {}) });
    expect(res.statusCode, `${method} ${url}: ${res.body.slice(0, 500)}`).toBe(status);
    return res.json();
  };
  return { orgId: org.id, as };
}
