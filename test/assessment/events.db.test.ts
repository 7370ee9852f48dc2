import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, multipartFile, type TestContext } from '../helpers/app';
import { stationEventCounts } from '../../src/server/modules/assessment/events.repository';
import { expectStatus } from '../application/helpers';

// The events register (活动): officers record, change and remove events (audited), banks read their own, and the
// import follows the other imports' rules (row/column report, all-or-nothing, --skip-invalid, --dry-run, upsert).
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const post = (user: 'officer' | 'admin' | 'bank' | 'auditor', payload: unknown) => ctx.as(user, { method: 'POST', url: '/api/v1/events', payload });
const get = (user: 'officer' | 'bank' | 'bank2' | 'auditor', url: string) => ctx.as(user, { method: 'GET', url: `/api/v1${url}` });
const auditOf = (id: string) => ctx.db.selectFrom('audit_log').select(['action', 'diff']).where('entity_id', '=', id).orderBy('seq').execute();
const upload = (name: string, text: string, qs = '') => {
  const m = multipartFile(name, text);
  return ctx.as('officer', { method: 'POST', url: `/api/v1/events/import${qs}`, payload: m.payload, headers: m.headers });
};

describe('events: create, change, remove', () => {
  it('records an event with its bank and station, audited', async () => {
    const e = expectStatus(await post('officer', { heldOn: '2025-04-10', title: '科技金融政策宣讲会', bankCode: 'BANK1', stationCode: 'ST-WJC', attendees: 45 }), 201);
    expect(e).toMatchObject({ heldOn: '2025-04-10', title: '科技金融政策宣讲会', bank: { code: 'BANK1', name: '测试银行' }, stationCode: 'ST-WJC', attendees: 45, demo: false, createdBy: { username: 'officer' } });
    expect(await auditOf(e.id)).toEqual([{ action: 'event.create', diff: { before: null, after: { heldOn: '2025-04-10', title: '科技金融政策宣讲会', bankCode: 'BANK1', stationCode: 'ST-WJC', attendees: 45 } } }]);

    const changed = expectStatus(await ctx.as('officer', { method: 'PATCH', url: `/api/v1/events/${e.id}`, payload: { attendees: 50, bankCode: 'BANK2' } }), 200);
    expect(changed).toMatchObject({ attendees: 50, bank: { code: 'BANK2' } });
    expect((await auditOf(e.id))[1]).toEqual({ action: 'event.update', diff: { before: { attendees: 45, bankCode: 'BANK1' }, after: { attendees: 50, bankCode: 'BANK2' } } });

    expect((await ctx.as('officer', { method: 'DELETE', url: `/api/v1/events/${e.id}` })).statusCode).toBe(204);
    expect((await get('officer', `/events/${e.id}`)).statusCode).toBe(404);
    expect((await auditOf(e.id))[2]).toMatchObject({ action: 'event.delete', diff: { before: { attendees: 50, bankCode: 'BANK2' } } });
  });

  it('an event without a bank (platform or station alone) is allowed', async () => {
    expect(expectStatus(await post('admin', { heldOn: '2025-05-01', title: '服务站沙龙', stationCode: 'ST-KJ', attendees: 12 }), 201)).toMatchObject({ bank: null });
  });

  it('400 naming the field; 409 for the same event twice; banks and auditors may not write', async () => {
    expect(expectStatus(await post('officer', { heldOn: '2025-04-10', title: 'x', bankCode: 'NOPE', attendees: 1 }), 400).issues[0].path).toBe('body.bankCode');
    expect(expectStatus(await post('officer', { heldOn: '2025-02-30', title: 'x', attendees: 1 }), 400).issues[0].path).toBe('body.heldOn');
    expect(expectStatus(await post('officer', { heldOn: '2025-04-10', title: 'x', attendees: -1 }), 400).issues[0].path).toBe('body.attendees');
    expect(expectStatus(await post('officer', { heldOn: '2025-04-10', title: ' ', attendees: 1 }), 400).issues[0].path).toBe('body.title');
    expect(expectStatus(await post('officer', { heldOn: '2025-04-10', title: 'x', stationCode: 'st 1', attendees: 1 }), 400).issues[0].path).toBe('body.stationCode');
    const body = { heldOn: '2025-06-01', title: '银企对接会', bankCode: 'BANK1', attendees: 20 };
    const first = expectStatus(await post('officer', body), 201);
    expect((await post('officer', body)).statusCode).toBe(409);
    const other = expectStatus(await post('officer', { ...body, bankCode: 'BANK2' }), 201); // co-hosted by a second bank: its own row
    expect((await ctx.as('officer', { method: 'PATCH', url: `/api/v1/events/${other.id}`, payload: { bankCode: 'BANK1' } })).statusCode).toBe(409);
    expect(expectStatus(await ctx.as('officer', { method: 'PATCH', url: `/api/v1/events/${first.id}`, payload: {} }), 400).issues[0].path).toBe('body');
    expect((await post('bank', body)).statusCode).toBe(403);
    expect((await post('auditor', body)).statusCode).toBe(403);
  });
});

describe('events: list and scoping', () => {
  it('filters by year, bank, station and title; a bank sees the events it co-hosted, others are 404', async () => {
    const mine = expectStatus(await post('officer', { heldOn: '2024-11-11', title: '双创周路演', bankCode: 'BANK1', stationCode: 'ST-WJC', attendees: 80 }), 201);
    const theirs = expectStatus(await post('officer', { heldOn: '2024-11-12', title: '知识产权质押融资讲座', bankCode: 'BANK2', attendees: 30 }), 201);
    const titles = (r: { items: { title: string }[] }) => r.items.map((i) => i.title);
    expect(titles(expectStatus(await get('officer', '/events?year=2024'), 200))).toEqual(['知识产权质押融资讲座', '双创周路演']);
    expect(titles(expectStatus(await get('officer', '/events?year=2024&bank=BANK1'), 200))).toEqual(['双创周路演']);
    expect(titles(expectStatus(await get('officer', '/events?station=ST-WJC&year=2024'), 200))).toEqual(['双创周路演']);
    expect(titles(expectStatus(await get('officer', '/events?q=质押'), 200))).toEqual(['知识产权质押融资讲座']);
    expect(expectStatus(await get('officer', '/events?from=2024-11-12&to=2024-11-12'), 200)).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    const bankView = expectStatus(await get('bank', '/events?year=2024'), 200);
    expect(titles(bankView)).toEqual(['双创周路演']);
    expect(expectStatus(await get('bank', '/events?bank=BANK2'), 200).total).toBe(0);
    expect((await get('bank', `/events/${mine.id}`)).statusCode).toBe(200);
    expect((await get('bank', `/events/${theirs.id}`)).statusCode).toBe(404);
    expect((await get('auditor', `/events/${theirs.id}`)).statusCode).toBe(200);
    expect(expectStatus(await get('officer', '/events?year=abc'), 400).issues[0].path).toMatch(/year/);
  });
});

describe('events: import', () => {
  const HEADER = 'date,title,bank_code,station,attendees';

  it('reports every bad cell and writes nothing, unknown bank_code included', async () => {
    const r = expectStatus(await upload('bad.csv', `${HEADER}\n2025-03-01,对接会,BANK1,ST-1,20\n2025-13-01,宣讲,BANK1,,10\n2025-03-02,宣讲,NOPE,,10\n2025-03-03,宣讲,BANK2,,-4\n2025-03-01,对接会,BANK1,ST-1,25\n2025-03-04,宣讲,,wjc,3\n`), 200);
    expect(r.ok).toBe(false);
    expect(r.imported).toBe(0);
    expect(r.errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([
      [3, 'date'], [4, 'bank_code'], [5, 'attendees'], [6, 'date+title+bank_code+station'], [7, 'station'],
    ]);
    expect(r.errors[1].message).toBe("no bank with code 'NOPE'");
    expect(await ctx.db.selectFrom('events').select('id').where('title', '=', '对接会').execute()).toEqual([]);
  });

  it('a dry run checks and writes nothing; --skip-invalid writes the valid rows', async () => {
    const text = `${HEADER}\n2025-07-01,导入活动一,BANK1,ST-1,20\n2025-07-02,导入活动二,NOPE,,10\n`;
    const dry = expectStatus(await upload('e.csv', `${HEADER}\n2025-07-01,导入活动一,BANK1,ST-1,20\n`, '?dryRun=true'), 200);
    expect(dry).toMatchObject({ ok: true, imported: 0, dryRun: true });
    const skipped = expectStatus(await upload('e.csv', text, '?skipInvalid=true'), 200);
    expect(skipped).toMatchObject({ ok: false, imported: 1, created: 1, errors: [{ line: 3, column: 'bank_code' }] });
    expect(await ctx.db.selectFrom('events').select('title').where('title', 'like', '导入活动%').execute()).toEqual([{ title: '导入活动一' }]);
  });

  it('upserts by (date, title, bank, station): a second run changes nothing, new attendees update', async () => {
    const text = `${HEADER}\n2025-08-01,路演,BANK1,ST-1,20\n2025-08-01,路演,BANK2,ST-1,20\n2025-08-02,服务站活动,,ST-2,15\n`;
    expect(expectStatus(await upload('u.csv', text), 200)).toMatchObject({ ok: true, imported: 3, created: 3, updated: 0, unchanged: 0 });
    expect(expectStatus(await upload('u.csv', text), 200)).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(expectStatus(await upload('u.csv', text.replace('ST-2,15', 'ST-2,18')), 200)).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('action', 'like', 'event.import%').execute();
    expect(audit.filter((a) => a.action === 'event.import.create')).toHaveLength(4); // 1 from skip-invalid + 3
    expect(audit.filter((a) => a.action === 'event.import.update')).toHaveLength(1);
    // The station assessment counts an event co-hosted by two banks once: 路演 (BANK1 + BANK2) at ST-1 is one event.
    expect(Object.fromEntries(await stationEventCounts(ctx.db, 2025))).toMatchObject({ 'ST-1': 2, 'ST-2': 1 });
    expect(expectStatus(await upload('h.csv', 'date,title,bank,attendees\n2025-01-01,x,BANK1,1\n'), 200).errors[0]).toMatchObject({ line: 1 });
  });
});
