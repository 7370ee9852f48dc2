import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/app';
import { TEST_DB_KIND } from '../helpers/db';
import { call, createPool, ok, reviewedClaim } from './helpers';

// The balance never goes negative and no claim is paid twice, with approvals and contributions racing on one pool.
// On PostgreSQL (pg project) the requests run on separate pool connections, truly in parallel: the pool's row lock
// (SELECT … FOR UPDATE) makes them take turns. On PGlite (one connection) they are serialised anyway, so the race
// cannot happen there and these tests would prove nothing: they run on PostgreSQL only.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

async function books(poolId: string) {
  const pool = await ctx.db.selectFrom('risk_pools').selectAll().where('id', '=', poolId).executeTakeFirstOrThrow();
  const ledger = await ctx.db.selectFrom('risk_pool_ledger').selectAll().where('pool_id', '=', poolId).orderBy('seq').execute();
  const claims = await ctx.db.selectFrom('risk_pool_claims').selectAll().where('pool_id', '=', poolId).execute();
  // Replaying the ledger in order gives every balance_after and never dips below zero.
  let balance = 0;
  for (const e of ledger) {
    balance += e.kind === 'payout' ? -e.amount : e.amount;
    expect(balance).toBeGreaterThanOrEqual(0);
    expect(e.balance_after).toBe(balance);
  }
  expect(pool.balance).toBe(balance);
  for (const c of claims) {
    const paid = ledger.filter((e) => e.claim_id === c.id && e.kind === 'payout').reduce((s, e) => s + e.amount, 0);
    expect(paid, `claim ${c.claim_no}`).toBe(c.paid_amount);
    expect(c.paid_amount).toBeLessThanOrEqual(c.payable ?? 0);
  }
  return { pool, ledger, claims };
}

describe.skipIf(TEST_DB_KIND !== 'pg')('concurrent approvals on PostgreSQL', () => {
  it('the same claim approved by two officers at once is paid once', async () => {
    const poolId = await createPool(ctx, {}, 10_000_000);
    for (let round = 0; round < 5; round++) {
      const claim = await reviewedClaim(ctx, poolId);
      const res = await Promise.all([
        call(ctx, 'officer2', 'POST', `/risk-pool-claims/${claim}/approve`, {}),
        call(ctx, 'admin', 'POST', `/risk-pool-claims/${claim}/approve`, {}),
        call(ctx, 'officer2', 'POST', `/risk-pool-claims/${claim}/approve`, {}),
      ]);
      expect(res.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    }
    const { ledger, claims } = await books(poolId);
    expect(ledger.filter((e) => e.kind === 'payout')).toHaveLength(5);
    expect(claims.every((c) => c.status === 'paid' && c.paid_amount === 900_000_00)).toBe(true);
  });

  it('a retried approval with its Idempotency-Key returns the same claim and pays nothing more', async () => {
    const poolId = await createPool(ctx, {}, 10_000_000);
    const claim = await reviewedClaim(ctx, poolId);
    const headers = { 'idempotency-key': `approve-${claim}` };
    const res = await Promise.all([1, 2, 3].map(() => call(ctx, 'officer2', 'POST', `/risk-pool-claims/${claim}/approve`, {}, headers)));
    expect(res.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(new Set(res.map((r) => r.json().paid))).toEqual(new Set([900_000]));
    const { ledger } = await books(poolId);
    expect(ledger.filter((e) => e.kind === 'payout')).toHaveLength(1);
  });

  it('many claims approved at once against a short balance: paid up to the balance, the rest waits first in, first out', async () => {
    const poolId = await createPool(ctx, {}, 2_000_000); // 2,000,000 for ten claims of 900,000
    const claims = [];
    for (let i = 0; i < 10; i++) claims.push(await reviewedClaim(ctx, poolId, { bank: i % 2 ? 'bank' : 'bank2' }));
    const res = await Promise.all(claims.map((c, i) => call(ctx, i % 2 ? 'officer2' : 'admin', 'POST', `/risk-pool-claims/${c}/approve`, {})));
    expect(res.map((r) => r.statusCode)).toEqual(claims.map(() => 200));
    let b = await books(poolId);
    expect(b.pool.balance).toBe(0);
    expect(b.pool.paid_out).toBe(2_000_000_00);
    const byQueue = [...b.claims].sort((x, y) => Number(x.queue_seq) - Number(y.queue_seq));
    // FIFO in approval order: two paid in full, the third in part, the rest nothing.
    expect(byQueue.map((c) => c.paid_amount)).toEqual([900_000_00, 900_000_00, 200_000_00, 0, 0, 0, 0, 0, 0, 0]);
    expect(byQueue.map((c) => c.status)).toEqual(['paid', 'paid', ...Array(8).fill('awaiting_funds')]);

    // Contributions racing with each other: each pays the queue in order, nothing twice.
    const contributions = await Promise.all([1, 2, 3, 4].map((n) =>
      call(ctx, 'officer', 'POST', `/risk-pools/${poolId}/contributions`, { amount: 1_000_000, contributedOn: '2025-11-01', reference: `追加${n}` })));
    expect(contributions.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    b = await books(poolId);
    expect(b.pool.paid_out).toBe(6_000_000_00);
    const after = [...b.claims].sort((x, y) => Number(x.queue_seq) - Number(y.queue_seq)).map((c) => c.paid_amount);
    expect(after).toEqual([900_000_00, 900_000_00, 900_000_00, 900_000_00, 900_000_00, 900_000_00, 600_000_00, 0, 0, 0]);
  });

  it('approvals and contributions interleaved keep the books whole', async () => {
    const poolId = await createPool(ctx, {}, 500_000);
    const claims = [];
    for (let i = 0; i < 6; i++) claims.push(await reviewedClaim(ctx, poolId, { principal: 500_000_00 })); // 450,000 each
    const work = [
      ...claims.map((c) => call(ctx, 'officer2', 'POST', `/risk-pool-claims/${c}/approve`, {})),
      ...[1, 2, 3].map((n) => call(ctx, 'officer', 'POST', `/risk-pools/${poolId}/contributions`, { amount: 700_000, contributedOn: '2025-11-01', reference: `并发${n}` })),
    ];
    const res = await Promise.all(work);
    expect(res.slice(0, 6).map((r) => r.statusCode)).toEqual(Array(6).fill(200));
    expect(res.slice(6).map((r) => r.statusCode)).toEqual([201, 201, 201]);
    const b = await books(poolId);
    // 2,600,000 in, 2,700,000 owed: everything goes out and 100,000 is still owed, to the last claim in the queue.
    expect(b.pool.balance).toBe(0);
    expect(b.pool.paid_out).toBe(2_600_000_00);
    const owed = b.claims.reduce((s, c) => s + (c.payable ?? 0) - c.paid_amount, 0);
    expect(owed).toBe(100_000_00);
    const last = [...b.claims].sort((x, y) => Number(y.queue_seq) - Number(x.queue_seq))[0]!;
    expect(last.payable! - last.paid_amount).toBe(100_000_00);
    expect((await ok(ctx, 'auditor', 'GET', '/audit/verify')).ok).toBe(true);
  });
});
