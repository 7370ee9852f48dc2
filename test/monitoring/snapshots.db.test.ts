import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMonthEndSnapshots, storeMonthEnd } from '../../src/server/modules/monitoring/snapshots.service';
import { createTestContext, type TestContext } from '../helpers/app';
import { seedPortfolio } from './fixtures';

let ctx: TestContext;
let f: Awaited<ReturnType<typeof seedPortfolio>>;
const sys = { principal: null, requestId: null, systemActor: 'test' };
beforeAll(async () => {
  ctx = await createTestContext();
  f = await seedPortfolio(ctx);
});
afterAll(async () => ctx?.close());

const get = (url: string) => ctx.as('officer', { method: 'GET', url: `/api/v1${url}` });

describe('month-end snapshots', () => {
  it('stores a month end once; an identical recomputation stores nothing', async () => {
    const r = await ctx.as('officer', { method: 'POST', url: '/api/v1/monitoring/snapshots', payload: { asOf: '2025-06-30' } });
    expect(r.json()).toMatchObject({ outcome: 'stored', version: 1 });
    expect(await storeMonthEnd(ctx.db, sys, '2025-06-30')).toMatchObject({ outcome: 'unchanged', version: 1 });
  });

  it('a correction to the ledger shows as a restatement; the reported version stays as it was', async () => {
    // The bank corrects L2: on 06-15 it was 350,000 at 120 days past due.
    await f.report(f.L2, '2025-06-15', 350_000, 120);
    const r = await storeMonthEnd(ctx.db, sys, '2025-06-30');
    expect(r).toMatchObject({ outcome: 'restated', version: 2 });
    const reported = (await get('/monitoring/snapshots/2025-06-30')).json();
    expect(reported).toMatchObject({ version: 1, restated: true, data: { outstanding: 1_560_000, nplOutstanding: 400_000 } });
    const latest = (await get('/monitoring/snapshots/2025-06-30?version=latest')).json();
    expect(latest).toMatchObject({ version: 2, data: { outstanding: 1_510_000, nplOutstanding: 350_000 } });
    expect(latest.changes).toEqual(expect.arrayContaining([{ path: 'outstanding', before: 1_560_000, after: 1_510_000 }, { path: 'nplOutstanding', before: 400_000, after: 350_000 }]));
    const list = (await get('/monitoring/snapshots')).json();
    expect(list.items[0]).toMatchObject({ asOf: '2025-06-30', restated: true });
    expect(list.items[0].versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'indicator_snapshot').orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['indicator_snapshot.store', 'indicator_snapshot.restate']);
  });

  it('refuses a date that is not a month end, naming the field', async () => {
    const r = await ctx.as('officer', { method: 'POST', url: '/api/v1/monitoring/snapshots', payload: { asOf: '2025-06-29' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().issues[0].path).toBe('asOf');
    expect((await get('/monitoring/snapshots/2025-05-31')).statusCode).toBe(404);
  });

  it('the monthly job takes the last month end and re-checks the ones before', async () => {
    const r = await runMonthEndSnapshots(ctx.db, sys, { today: '2025-08-03', recheck: 2 });
    expect(r.results.map((x) => [x.asOf, x.outcome])).toEqual([['2025-05-31', 'stored'], ['2025-06-30', 'unchanged'], ['2025-07-31', 'stored']]);
  });
});
