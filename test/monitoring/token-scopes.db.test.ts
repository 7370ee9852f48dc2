import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/app';

// API-token scopes of the monitoring, report-pack and risk-pool routes: what a bank's (or the office's) system may
// call with a token, and what stays with signed-in people.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

async function token(user: 'bank' | 'officer', scopes: string[]) {
  const res = await ctx.as(user, { method: 'POST', url: '/api/v1/tokens', payload: { name: scopes.join('+'), scopes } });
  expect(res.statusCode, res.body).toBe(201);
  const secret = res.json().secret as string;
  return (method: string, url: string, payload?: unknown) =>
    ctx.app.inject({ method: method as never, url: `/api/v1${url}`, headers: { authorization: `Bearer ${secret}` }, ...(payload === undefined ? {} : { payload: payload as never }) });
}

describe('monitoring:read', () => {
  it('lets a bank\'s system read its alerts, counts, rules, dashboard and loans, not change them', async () => {
    const call = await token('bank', ['monitoring:read']);
    for (const url of ['/monitoring/alerts', '/monitoring/alerts/counts', '/monitoring/alert-rules', '/monitoring/dashboard/bank', '/monitoring/drilldown/loans?asOf=2025-06-30']) {
      expect((await call('GET', url)).statusCode, url).toBe(200);
    }
    const alert = await ctx.db.insertInto('alerts').values({
      rule: 'sla_backlog', level: 'portfolio', severity: 'warning', subject_type: 'bank', subject_id: 'TOKEN-1', subject_name: '测试银行', enterprise_id: null,
      owner_org_id: ctx.ids.bankOrg, title: '推荐时限预警积压', measured: '5', threshold: '5', detail: JSON.stringify({}), first_seen_on: '2025-06-30', last_seen_on: '2025-06-30',
    }).returning('id').executeTakeFirstOrThrow();
    expect((await call('GET', `/monitoring/alerts/${alert.id}`)).statusCode).toBe(200);
    const ack = await call('POST', `/monitoring/alerts/${alert.id}/acknowledge`, {});
    expect(ack.statusCode).toBe(403);
    expect((await call('POST', `/monitoring/alerts/${alert.id}/read`)).statusCode).toBe(403);
  });

  it('keeps the creator\'s role: a bank token gets no office indicators', async () => {
    const call = await token('bank', ['monitoring:read']);
    expect((await call('GET', '/monitoring/indicators?asOf=2025-06-30')).statusCode).toBe(403);
  });

  it('an office token reads indicators and snapshots; another scope does not', async () => {
    const read = await token('officer', ['monitoring:read']);
    expect((await read('GET', '/monitoring/indicators?asOf=2025-06-30')).statusCode).toBe(200);
    expect((await read('GET', '/monitoring/snapshots')).statusCode).toBe(200);
    expect((await read('POST', '/monitoring/snapshots', { asOf: '2025-05-31' })).statusCode).toBe(403);
    const other = await token('officer', ['loans:read']);
    const r = await other('GET', '/monitoring/indicators?asOf=2025-06-30');
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toContain('monitoring:read');
  });
});

describe('report packs', () => {
  it('the archive answers reports:read tokens; requesting a pack stays with a signed-in officer', async () => {
    const call = await token('officer', ['reports:read']);
    expect((await call('GET', '/monitoring/report-packs')).statusCode).toBe(200);
    expect((await call('POST', '/monitoring/report-packs', { kind: 'monthly', period: '2025-06' })).statusCode).toBe(403);
  });
});

describe('risk-pool:read and risk-pool:write', () => {
  it('a bank token reads pools and its claims with risk-pool:read, and cannot file without risk-pool:write', async () => {
    const read = await token('bank', ['risk-pool:read']);
    expect((await read('GET', '/risk-pools')).statusCode).toBe(200);
    expect((await read('GET', '/risk-pool-claims')).statusCode).toBe(200);
    expect((await read('GET', '/risk-pool-enrolments')).statusCode).toBe(200);
    const file = await read('POST', '/risk-pool-claims', {});
    expect(file.statusCode).toBe(403);
    expect(file.json().message).toContain('risk-pool:write');
  });

  it('with risk-pool:write the claim filing reaches validation (400 naming the field), the pool\'s own running stays session-only', async () => {
    const write = await token('bank', ['risk-pool:write']);
    const file = await write('POST', '/risk-pool-claims', {});
    expect(file.statusCode).toBe(400);
    expect(file.json().issues[0].path).toMatch(/^body\./);
    expect((await write('GET', '/risk-pools')).statusCode).toBe(403);
    const staff = await token('officer', ['risk-pool:read', 'risk-pool:write']);
    expect((await staff('POST', '/risk-pools', {})).statusCode).toBe(403);
    expect((await staff('GET', '/risk-pools')).statusCode).toBe(200);
  });
});
