import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '../../src/server/platform/dates';
import { makeUscc } from '../../src/shared/uscc';
import { createTestContext, type TestContext } from '../helpers/app';
import { call, ipLoanClaim, ok } from './helpers';

// 免申即享 scans from the enterprise registry, confirmation into claims, and 政策模拟 (issue #3).

let ctx: TestContext;
let entC: string;
beforeAll(async () => {
  ctx = await createTestContext();
  const { enterpriseA, enterpriseB } = ctx.ids;
  // B: recorded on the NEEQ base layer in 2025 (no audit row: the registry's creation date is the record).
  await ctx.db.updateTable('enterprises').set({ listing_status: 'neeq_base', created_at: '2025-06-01T02:00:00Z' as never }).where('id', '=', enterpriseB).execute();
  // C: innovation layer, outside Yangpu.
  entC = (await ctx.db.insertInto('enterprises').values({ uscc: makeUscc(3), name: '丙科技', district: '徐汇区', sector: '数字经济', listing_status: 'neeq_innovation', created_at: '2025-08-01T02:00:00Z' as never }).returning('id').executeTakeFirstOrThrow()).id;
  // A: 高新技术企业 whose revenue first passes 30,000,000 in 2024.
  await ctx.db.insertInto('enterprise_certifications').values({ enterprise_id: enterpriseA, type: '高新技术企业', issued_on: '2020-01-01', expires_on: null, certificate_no: null }).execute();
  for (const [year, revenue, rd] of [[2021, 20_000_000, 1_000_000], [2022, 25_000_000, 1_000_000], [2023, 28_000_000, 1_500_000], [2024, 40_000_000, 2_000_000]] as const) {
    await ctx.db.insertInto('enterprise_financials').values({ enterprise_id: enterpriseA, year, revenue: revenue * 100, rd_expense: rd * 100 } as never).execute();
  }
  // B passed 30,000,000 already in 2023: 2024 is not a first time.
  await ctx.db.insertInto('enterprise_certifications').values({ enterprise_id: enterpriseB, type: '高新技术企业', issued_on: '2020-01-01', expires_on: null, certificate_no: null }).execute();
  for (const [year, revenue] of [[2021, 10_000_000], [2023, 35_000_000], [2024, 38_000_000]] as const) {
    await ctx.db.insertInto('enterprise_financials').values({ enterprise_id: enterpriseB, year, revenue: revenue * 100, rd_expense: 100_000_00 } as never).execute();
  }
});
afterAll(async () => ctx?.close());

const entitlements = (year: number, extra = '') => ok(ctx, 'officer', 'GET', `/subsidy/entitlements?year=${year}&pageSize=200${extra}`);

describe('scan', () => {
  it('finds what the registry supports, with the cap as the estimate of cap-only measures', async () => {
    const s = await ok(ctx, 'officer', 'POST', '/subsidy/scans', { year: 2025 });
    expect(s.candidates).toBe(4);
    const list = await entitlements(2025);
    const row = (uscc: string, measure: string) => list.items.find((i: any) => i.beneficiary.uscc === uscc && i.measure === measure);
    expect(row(makeUscc(2), 'YP2025-15.1')).toMatchObject({ status: 'granted', amount: 500000, basis: 'cap', eventDate: '2025-06-01', matter: 'LISTING-neeq_base' });
    expect(row(makeUscc(2), 'YP2024-12')).toMatchObject({ amount: 0 });
    expect(row(makeUscc(2), 'YP2024-12').status).not.toBe('granted');
    // Not registered in Yangpu: the registry's district decides.
    expect(row(makeUscc(3), 'YP2025-15.3')).toMatchObject({ status: 'ineligible', amount: 0, beneficiary: { enterpriseId: entC } });
    expect(s.total).toBe(500000);
  });

  it('reads revenue milestones from financials for 高新技术企业 passing a tier for the first time', async () => {
    const s = await ok(ctx, 'officer', 'POST', '/subsidy/scans', { year: 2024 });
    const list = await entitlements(2024);
    const milestones = list.items.filter((i: any) => i.measure === 'YP2024-8');
    expect(milestones.map((i: any) => i.beneficiary.uscc)).toEqual([makeUscc(1)]);
    expect(milestones[0]).toMatchObject({ status: 'needs-parameters', amount: 0, eventDate: '2024-12-31', facts: { revenue: 40_000_000, rdIntensity: 0.05, revenueGrowth: 0.259921 } });
    expect(s.byStatus['needs-parameters']).toBe(1);
  });

  it('dates a listing by the audit row that recorded it', async () => {
    await ok(ctx, 'officer', 'PATCH', `/enterprises/${ctx.ids.enterpriseA}`, { listingStatus: 'star' });
    const year = Number(todayInShanghai().slice(0, 4));
    await ok(ctx, 'officer', 'POST', '/subsidy/scans', { year });
    const list = await entitlements(year, '&measure=YP2024-12');
    expect(list.items.find((i: any) => i.beneficiary.uscc === makeUscc(1))).toMatchObject({ eventDate: todayInShanghai(), facts: { board: 'star' }, matter: 'LISTING-star' });
    await ctx.db.updateTable('enterprises').set({ listing_status: 'unlisted' }).where('id', '=', ctx.ids.enterpriseA).execute();
  });

  it('is idempotent: scanning twice and confirming twice never duplicates', async () => {
    const first = await entitlements(2025);
    await ok(ctx, 'officer', 'POST', '/subsidy/scans', { year: 2025 });
    const second = await entitlements(2025);
    expect(second.total).toBe(first.total);
    expect(second.items.map((i: any) => i.id).sort()).toEqual(first.items.map((i: any) => i.id).sort());
    // Every row has its digest, and a key is stored once (no unique index holds it: the scan does, migration 0024).
    const doubled = await sql<{ n: number }>`
      select (select count(*) from subsidy_entitlements where digest is null)
        + (select count(*) from (select 1 from subsidy_entitlements group by year, source, measure, beneficiary_uscc, coalesce(matter, ''), event_date having count(*) > 1) d) as n`.execute(ctx.db);
    expect(Number(doubled.rows[0]!.n)).toBe(0);

    const target = second.items.find((i: any) => i.measure === 'YP2025-15.1');
    const claim = await ok(ctx, 'officer', 'POST', `/subsidy/entitlements/${target.id}/confirm`, { facts: { assessedAmount: 450_000 } });
    expect(claim).toMatchObject({ origin: 'proactive', status: 'under_review', measure: 'YP2025-15.1', facts: { assessedAmount: 450_000 }, beneficiary: { enterpriseId: ctx.ids.enterpriseB } });
    const again = await ok(ctx, 'officer', 'POST', `/subsidy/entitlements/${target.id}/confirm`);
    expect(again.id).toBe(claim.id);
    await ok(ctx, 'officer', 'POST', '/subsidy/scans', { year: 2025 });
    const third = await entitlements(2025);
    expect(third.total).toBe(first.total);
    expect(third.items.find((i: any) => i.id === target.id).claimId).toBe(claim.id);
    const claims = await ctx.db.selectFrom('subsidy_claims').select('id').where('origin', '=', 'proactive').execute();
    expect(claims).toHaveLength(1);
    // The enterprise sees the claim made for it; the other enterprise does not.
    expect((await call(ctx, 'entB', 'GET', `/subsidy/claims/${claim.id}`)).statusCode).toBe(200);
    expect((await call(ctx, 'entA', 'GET', `/subsidy/claims/${claim.id}`)).statusCode).toBe(404);
    const ineligible = third.items.find((i: any) => i.status === 'ineligible');
    expect((await call(ctx, 'officer', 'POST', `/subsidy/entitlements/${ineligible.id}/confirm`)).statusCode).toBe(409);
  });
});

describe('simulation', () => {
  it('reports baseline and scenario per measure and the beneficiaries whose amounts change, over a scan', async () => {
    const v = (await ok(ctx, 'officer', 'GET', '/policy/measures')).version;
    const overlay = { 'YP2024-8.amount1': 500000, 'YP2024-8.amount2': 800000, 'YP2024-8.amount3': 1000000, 'YP2024-8.minRdIntensity': 0.03, 'YP2024-8.minRevenueGrowth': 0.1 };
    const sim = await ok(ctx, 'auditor', 'POST', '/subsidy/simulations', { parameters: overlay, over: { kind: 'scan', year: 2024 } });
    expect(sim.totals).toEqual({ baseline: 0, scenario: 500000, delta: 500000 });
    expect(sim.byMeasure.find((m: any) => m.measure === 'YP2024-8')).toMatchObject({ baseline: 0, scenario: 500000, baselineGranted: 0, scenarioGranted: 1 });
    expect(sim.changes).toEqual([expect.objectContaining({ uscc: makeUscc(1), baseline: 0, scenario: 500000, delta: 500000 })]);
    expect((await ok(ctx, 'officer', 'GET', '/policy/measures')).version).toBe(v);
    const e = await entitlements(2024, '&measure=YP2024-8');
    expect(e.items[0].status).toBe('needs-parameters');
  });

  it('over claims: a lower rate lowers the scenario; nothing is stored', async () => {
    const mk = async (user: 'entA' | 'entB', interest: number, matter: string) => ok(ctx, user, 'POST', '/subsidy/claims', { ...ipLoanClaim(interest, matter, '2025-09-01'), submit: true }, 201);
    await mk('entA', 100_000, 'L-1');
    await mk('entB', 2_400_000, 'L-2');
    const before = await ctx.db.selectFrom('subsidy_claims').selectAll().orderBy('id').execute();
    const sim = await ok(ctx, 'officer', 'POST', '/subsidy/simulations', { parameters: { 'YP2025-8.2.rate': 0.3 }, over: { kind: 'claims', filter: { measure: 'YP2025-8.2', year: 2025 } } });
    // A: 50,000 → 30,000. B: capped at 1,000,000 either way (720,000 × … no: 0.5 × 2.4M = 1.2M → 1M; 0.3 × 2.4M = 720,000).
    expect(sim.totals).toEqual({ baseline: 1_050_000, scenario: 750_000, delta: -300_000 });
    expect(sim.changes.map((c: any) => [c.uscc, c.baseline, c.scenario])).toEqual([[makeUscc(2), 1_000_000, 720_000], [makeUscc(1), 50_000, 30_000]]);
    expect(sim.changedBeneficiaries).toBe(2);
    expect(await ctx.db.selectFrom('subsidy_claims').selectAll().orderBy('id').execute()).toEqual(before);
  });

  it('names a bad overlay parameter in a 400', async () => {
    const res = await call(ctx, 'officer', 'POST', '/subsidy/simulations', { parameters: { 'YP2025-8.2.rte': 0.3 }, over: { kind: 'claims' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].path).toBe('body.parameters["YP2025-8.2.rte"]');
    const neg = await call(ctx, 'officer', 'POST', '/subsidy/simulations', { parameters: { 'YP2025-8.2.rate': -1 }, over: { kind: 'claims' } });
    expect(neg.json().issues[0].path).toBe('body.parameters["YP2025-8.2.rate"]');
  });
});
