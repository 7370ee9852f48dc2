import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/app';
import { TEST_DB_KIND } from '../helpers/db';
import { call, claimUnderReview, ipLoanClaim, ok, setBudget } from './helpers';

// Year and once caps hold when two officers determine claims of the same beneficiary at the same moment.
// On PostgreSQL (pg project) the two requests run on separate pool connections, truly in parallel; the
// per-beneficiary row lock makes the second wait and see the first's amount in `granted`. On PGlite (one
// connection) they are serialised anyway, so the test runs there as a plain regression test.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await setBudget(ctx, 'YP2025-8.2', 2025, 100_000_000);
  await setBudget(ctx, 'YP2025-15.1', 2025, 100_000_000);
  await setBudget(ctx, 'YP2025-8.1', 2025, 90_000);
});
afterAll(async () => ctx?.close());

const amounts = async (ids: string[]) =>
  (await ctx.db.selectFrom('subsidy_claims').select(['id', 'status', 'amount']).where('id', 'in', ids).execute());

describe(`concurrent determinations (${TEST_DB_KIND})`, () => {
  it('keep the year cap: two 600,000 claims of one enterprise determined at once total exactly 1,000,000', async () => {
    for (let round = 0; round < 3; round++) {
      const year = 2025;
      const a = await claimUnderReview(ctx, ipLoanClaim(1_200_000, `LOAN-A${round}`, `${year}-0${4 + round}-01`));
      const b = await claimUnderReview(ctx, ipLoanClaim(1_200_000, `LOAN-B${round}`, `${year}-0${4 + round}-02`));
      const [ra, rb] = await Promise.all([
        call(ctx, 'officer', 'POST', `/subsidy/claims/${a}/determine`),
        call(ctx, 'officer2', 'POST', `/subsidy/claims/${b}/determine`),
      ]);
      if (round === 0) {
        expect([ra!.statusCode, rb!.statusCode], `${ra!.body} ${rb!.body}`).toEqual([200, 200]);
        const rows = await amounts([a, b]);
        expect(rows.reduce((s, r) => s + (r.amount ?? 0), 0)).toBe(1_000_000_00);
        expect(rows.map((r) => r.amount).sort()).toEqual([400_000_00, 600_000_00]);
      } else {
        // The year's cap is used up: the engine now finds nothing left to grant for either claim.
        expect([ra!.statusCode, rb!.statusCode]).toEqual([409, 409]);
      }
    }
    const all = await ctx.db.selectFrom('subsidy_claims').select((eb) => eb.fn.sum<number>('amount').as('sum')).where('measure', '=', 'YP2025-8.2').where('status', '=', 'determined').executeTakeFirstOrThrow();
    expect(Number(all.sum)).toBe(1_000_000_00);
  });

  it('keep a once measure once: of two NEEQ base-layer claims determined at once, exactly one is granted', async () => {
    const body = (matter: string) => ({ measure: 'YP2025-15.1', eventDate: '2025-07-01', matter, facts: { assessedAmount: 300_000 } });
    const a = await claimUnderReview(ctx, body('NEEQ-1'), 'entB');
    const b = await claimUnderReview(ctx, body('NEEQ-2'), 'entB');
    const res = await Promise.all([
      call(ctx, 'officer', 'POST', `/subsidy/claims/${a}/determine`),
      call(ctx, 'officer2', 'POST', `/subsidy/claims/${b}/determine`),
    ]);
    expect(res.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(res.find((r) => r.statusCode === 409)!.json().message).toContain('ineligible');
    expect((await amounts([a, b])).filter((r) => r.status === 'determined')).toHaveLength(1);
  });

  it('keep the budget: two beneficiaries competing for the last of a budget, one is refused', async () => {
    const body = (matter: string) => ({ measure: 'YP2025-8.1', eventDate: '2025-08-01', matter, facts: { issuanceCost: 120_000 } });
    const a = await claimUnderReview(ctx, body('ABS-A'), 'entA');
    const b = await claimUnderReview(ctx, body('ABS-B'), 'entB');
    const res = await Promise.all([
      call(ctx, 'officer', 'POST', `/subsidy/claims/${a}/determine`),
      call(ctx, 'officer2', 'POST', `/subsidy/claims/${b}/determine`),
    ]);
    expect(res.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(res.find((r) => r.statusCode === 409)!.json().message).toContain('budget exceeded');
    const budget = await ok(ctx, 'officer', 'GET', '/subsidy/budgets?year=2025');
    expect(budget.items.find((i: { measure: string }) => i.measure === 'YP2025-8.1')).toMatchObject({ committed: 60_000, remaining: 30_000 });
  });
});
