import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app';
import { loadConfig, type AppConfig } from '../../src/server/config';
import type { Database, OpenedDatabase } from '../../src/server/db/connect';
import type { App } from '../../src/server/platform/http';
import { hashPassword } from '../../src/server/platform/secrets';
import { makeUscc } from '../../src/shared/uscc';
import { freshDatabase } from './db';

export const PASSWORD = 'correct-horse-1';

/** One user per role, plus two enterprises each with its own user, and a second bank. */
export const FIXTURE_USERS = ['admin', 'officer', 'officer2', 'reviewer', 'auditor', 'bank', 'bank2', 'entA', 'entB'] as const;
export type FixtureUser = (typeof FIXTURE_USERS)[number];

export interface TestContext {
  app: App;
  db: Database;
  /** The database as opened (a job runner needs it: PGlite's handle or the PostgreSQL URL). */
  opened: OpenedDatabase;
  config: AppConfig;
  ids: { office: string; bankOrg: string; bank2Org: string; enterpriseA: string; enterpriseB: string; orgA: string; orgB: string; users: Record<FixtureUser, string> };
  /** Signs in (once per user per context) and returns the cookie and CSRF token. */
  session(user: FixtureUser): Promise<{ cookie: string; csrf: string }>;
  /** app.inject as a signed-in user, adding the session cookie and the CSRF header. */
  as(user: FixtureUser | null, opts: { method: string; url: string; payload?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function createTestContext(overrides: Partial<AppConfig> = {}): Promise<TestContext> {
  const opened = await freshDatabase();
  const db = opened.db;
  const config = loadConfig({}, { dataDir: 'memory://', webDir: '/nonexistent', logLevel: 'silent', ...overrides });
  const hash = await hashPassword(PASSWORD);

  const org = (code: string, name: string, kind: string, enterpriseId: string | null = null) =>
    db.insertInto('organizations').values({ code, name, kind: kind as never, enterprise_id: enterpriseId }).returning('id').executeTakeFirstOrThrow().then((r) => r.id);
  const enterprise = (n: number, name: string, sector: string) =>
    db.insertInto('enterprises').values({ uscc: makeUscc(n), name, district: '杨浦区', street: '五角场街道', founded_on: '2018-05-01', sector, industry_code: null }).returning('id').executeTakeFirstOrThrow().then((r) => r.id);

  const office = await org('OFFICE', '区科技经济委', 'office');
  const bankOrg = await org('BANK1', '测试银行', 'bank');
  const bank2Org = await org('BANK2', '第二银行', 'bank');
  const enterpriseA = await enterprise(1, '甲科技有限公司', '人工智能');
  const enterpriseB = await enterprise(2, '乙生物医药有限公司', '生命健康');
  const orgA = await org('ENT-A', '甲科技有限公司', 'enterprise', enterpriseA);
  const orgB = await org('ENT-B', '乙生物医药有限公司', 'enterprise', enterpriseB);
  const roleOrg: Record<FixtureUser, [string, string]> = {
    admin: ['admin', office], officer: ['officer', office], officer2: ['officer', office], reviewer: ['reviewer', office], auditor: ['auditor', office],
    bank: ['institution_user', bankOrg], bank2: ['institution_user', bank2Org], entA: ['enterprise_user', orgA], entB: ['enterprise_user', orgB],
  };
  const users = {} as Record<FixtureUser, string>;
  for (const u of FIXTURE_USERS) {
    const [role, organizationId] = roleOrg[u];
    const row = await db.insertInto('users').values({ organization_id: organizationId, username: u, display_name: u, role: role as never, password_hash: hash, locked_until: null }).returning('id').executeTakeFirstOrThrow();
    users[u] = row.id;
  }

  const app = await buildApp({ db, config, logger: false });
  const sessions = new Map<FixtureUser, { cookie: string; csrf: string }>();
  const session = async (user: FixtureUser) => {
    const cached = sessions.get(user);
    if (cached) return cached;
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user, password: PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`sign-in as ${user} failed: ${res.statusCode} ${res.body}`);
    const c = res.cookies.find((x) => x.name === 'kcjr_session')!;
    const s = { cookie: `${c.name}=${c.value}`, csrf: res.json().csrfToken as string };
    sessions.set(user, s);
    return s;
  };
  const as: TestContext['as'] = async (user, opts) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (user) {
      const s = await session(user);
      headers.cookie = s.cookie;
      if (opts.method !== 'GET') headers['x-csrf-token'] = s.csrf;
    }
    return app.inject({ method: opts.method as never, url: opts.url, headers, ...(opts.payload !== undefined ? { payload: opts.payload as never } : {}) });
  };
  return {
    app, db, opened, config, session, as,
    ids: { office, bankOrg, bank2Org, enterpriseA, enterpriseB, orgA, orgB, users },
    close: async () => {
      await app.close();
      await opened.close();
    },
  };
}

/** A multipart/form-data body with one file field, for import routes. */
export function multipartFile(filename: string, content: Buffer | string, field = 'file') {
  const boundary = `----kcjr${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), Buffer.isBuffer(content) ? content : Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
