import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/app';
import { TEST_DB_KIND } from '../helpers/db';
import { api, applicationInReview, expectStatus, seedProducts } from './helpers';

// The per-status counts the officers' queue reads as its total (migration 0018) must equal counting the rows,
// after every kind of write: API transitions, many rows in one statement, deletes, and a rolled-back change.
let ctx: TestContext;
let lyd: string;
beforeAll(async () => {
  ctx = await createTestContext();
  lyd = (await seedProducts(ctx)).lyd;
});
afterAll(async () => ctx?.close());

async function expectCountsExact() {
  const counted = await sql<{ status: string; n: string }>`select status, count(*)::text as n from applications group by status order by status`.execute(ctx.db);
  const kept = await sql<{ status: string; n: string }>`select status, n::text from application_status_counts where n > 0 order by status`.execute(ctx.db);
  expect(kept.rows).toEqual(counted.rows);
  return Object.fromEntries(counted.rows.map((r) => [r.status, Number(r.n)]));
}

describe('application counts per status', () => {
  it('follow API transitions, bulk inserts, status updates of many rows and deletes', async () => {
    await applicationInReview(ctx);
    const a = api(ctx);
    const submitted = expectStatus(await a.post('entA', '/applications', { productCode: 'LYD', requestedAmount: 1_000_000, requestedTermMonths: 12, purpose: '流动资金', submit: true }), 201);
    expect(await expectCountsExact()).toEqual({ review: 1, submitted: 1 });

    const values = Array.from({ length: 30 }, (_, i) => ({ application_no: `BULK-${i}`, enterprise_id: ctx.ids.enterpriseB, product_id: lyd, status: (i % 3 === 0 ? 'screening' : 'submitted') as 'screening' | 'submitted', submitted_on: '2025-05-01' }));
    await ctx.db.insertInto('applications').values(values).execute();
    expect(await expectCountsExact()).toEqual({ review: 1, screening: 10, submitted: 21 });

    await ctx.db.updateTable('applications').set({ status: 'screening' }).where('application_no', 'like', 'BULK-%').where('status', '=', 'submitted').execute();
    await ctx.db.updateTable('applications').set({ purpose: '不改变状态' }).where('application_no', 'like', 'BULK-%').execute();
    expect(await expectCountsExact()).toEqual({ review: 1, screening: 30, submitted: 1 });

    await ctx.db.deleteFrom('applications').where('application_no', 'like', 'BULK-1%').execute();
    expect(await expectCountsExact()).toEqual({ review: 1, screening: 19, submitted: 1 });

    expectStatus(await a.action('officer', submitted.id, 'screen'), 200);
    expect(await expectCountsExact()).toEqual({ review: 1, screening: 20 });
  });

  it('do not count a change that was rolled back', async () => {
    const before = await expectCountsExact();
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await trx.updateTable('applications').set({ status: 'rejected' }).where('status', '=', 'screening').execute();
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect(await expectCountsExact()).toEqual(before);
  });

  it('give the queue its exact total, and filtered lists still count their rows', async () => {
    const counts = await expectCountsExact();
    const queue = expectStatus(await ctx.as('officer', { method: 'GET', url: '/api/v1/applications?status=submitted,screening&order=queue&pageSize=5' }), 200);
    expect(queue.total).toBe((counts.submitted ?? 0) + (counts.screening ?? 0));
    expect(queue.items).toHaveLength(5);
    const all = expectStatus(await ctx.as('officer', { method: 'GET', url: '/api/v1/applications?pageSize=5' }), 200);
    expect(all.total).toBe(Object.values(counts).reduce((s, n) => s + n, 0));
    const district = expectStatus(await ctx.as('officer', { method: 'GET', url: `/api/v1/applications?status=screening&district=${encodeURIComponent('杨浦区')}` }), 200);
    const yangpu = await sql<{ n: number }>`select count(*)::int as n from applications a join enterprises e on e.id = a.enterprise_id where a.status = 'screening' and e.district = '杨浦区'`.execute(ctx.db);
    expect(district.total).toBe(yangpu.rows[0]!.n);
    // A bank's view is scoped, so it is counted, not read from the register-wide counts.
    const inbox = expectStatus(await ctx.as('bank', { method: 'GET', url: '/api/v1/applications?status=screening' }), 200);
    expect(inbox.total).toBe(0);
  });

  it.skipIf(TEST_DB_KIND !== 'pg')('keep exact under concurrent transitions between the same statuses (PostgreSQL)', async () => {
    const ids = (await ctx.db.selectFrom('applications').select('id').where('status', '=', 'screening').execute()).map((r) => r.id);
    // Opposite moves at once: half screening → review, then everything back, in parallel statements.
    await Promise.all(ids.map((id, i) => ctx.db.updateTable('applications').set({ status: i % 2 ? 'review' : 'submitted' }).where('id', '=', id).execute()));
    await expectCountsExact();
    await Promise.all(ids.map((id) => ctx.db.updateTable('applications').set({ status: 'screening' }).where('id', '=', id).execute()));
    await expectCountsExact();
  });
});
