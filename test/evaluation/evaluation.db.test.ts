import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredJobs } from '../../src/server/platform/jobs';
import '../../src/server/jobs';
import { runEvaluations } from '../../src/server/modules/evaluation/evaluation.service';
import { COMPACT_FORM, DEFAULT_INNOVATION_MODEL, DEFAULT_MODELS, explainEnterpriseYear } from '../../src/evaluation';
import { loadFacts } from '../../src/server/modules/evaluation/evaluation.repository';
import { createTestContext, type TestContext } from '../helpers/app';

// Registry data → stored evaluations, the registry filters, facts, models maker-checker, the nightly job.
let ctx: TestContext;
const sys = { principal: null, requestId: null, systemActor: 'test' };

beforeAll(async () => {
  ctx = await createTestContext();
  const A = ctx.ids.enterpriseA;
  const put = (id: string, year: number, body: Record<string, unknown>) => ctx.as('officer', { method: 'PUT', url: `/api/v1/enterprises/${id}/financials/${year}`, payload: body });
  // A: 人工智能, 100 staff, revenue 1,000 万, R&D 60 万 (6 %), one invention patent → tech SME by score
  await put(A, 2023, { revenue: 6_000_000, rdExpense: 400_000, totalAssets: 8_000_000, totalLiabilities: 3_000_000, netProfit: 300_000 });
  await put(A, 2024, { revenue: 8_000_000, rdExpense: 500_000, totalAssets: 9_000_000, totalLiabilities: 3_000_000, netProfit: 500_000 });
  expect((await put(A, 2025, { revenue: 10_000_000, rdExpense: 600_000, totalCost: 8_000_000, totalAssets: 10_000_000, totalLiabilities: 3_000_000, netProfit: 800_000, employees: 100, rdStaff: 25, highTechProductRevenue: 7_000_000 })).statusCode).toBe(200);
  await ctx.as('officer', { method: 'POST', url: `/api/v1/enterprises/${A}/ip-assets`, payload: { kind: 'invention_patent', number: 'ZL2021-1', status: 'granted', grantedOn: '2022-01-01' } });
  await ctx.as('officer', { method: 'POST', url: `/api/v1/enterprises/${A}/rounds`, payload: { round: 'a', date: '2025-03-01', amount: 20_000_000, postMoney: 150_000_000 } });
  // B: 生命健康, no tech staff recorded
  await put(ctx.ids.enterpriseB, 2025, { revenue: 5_000_000, rdExpense: 100_000, totalCost: 4_000_000, totalAssets: 5_000_000, employees: 20 });
});
afterAll(() => ctx.close());

describe('evaluation facts', () => {
  it('an enterprise user records its facts; officer-only fields are refused; bad input names the field', async () => {
    const url = `/api/v1/enterprises/${ctx.ids.enterpriseA}/evaluation-facts/2025`;
    const ok = await ctx.as('entA', { method: 'PUT', url, payload: { techStaff: 30, residentEnterprise: true, prohibitedIndustry: false, seriousViolation: false, rdExpenseDomestic: 600_000 } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().facts).toMatchObject({ techStaff: 30, rdExpenseDomestic: 600_000, marketValueEstimate: null });
    expect((await ctx.as('entA', { method: 'PUT', url, payload: { techStaff: 30, marketValueEstimate: 1e9, marketValueEstimatedOn: '2025-06-01' } })).statusCode).toBe(403);
    const bad = await ctx.as('officer', { method: 'PUT', url, payload: { techStaff: -1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('body.techStaff');
    const noDate = await ctx.as('officer', { method: 'PUT', url, payload: { techStaff: 30, marketValueEstimate: 1e9 } });
    expect(noDate.json().issues[0].path).toBe('body.marketValueEstimatedOn');
    expect((await ctx.as('entB', { method: 'GET', url })).statusCode).toBe(404);
    expect((await ctx.as('bank', { method: 'GET', url })).statusCode).toBe(403);
    // an officer adds its expert scores; the enterprise's later save keeps them
    await ctx.as('officer', { method: 'PUT', url, payload: { techStaff: 30, residentEnterprise: true, prohibitedIndustry: false, seriousViolation: false, rdExpenseDomestic: 600_000, hnteIpScore: 24 } });
    const again = await ctx.as('entA', { method: 'PUT', url, payload: { techStaff: 30, residentEnterprise: true, prohibitedIndustry: false, seriousViolation: false, rdExpenseDomestic: 600_000 } });
    expect(again.json().facts.hnteIpScore).toBe(24);
  });
});

describe('stored evaluations', () => {
  it('a run evaluates every enterprise and stores the five kinds; a second run changes nothing', async () => {
    const first = await runEvaluations(ctx.db, sys, { year: 2025, trigger: 'cli', force: true });
    expect(first.enterprises).toBe(2);
    expect(first.changed).toBe(2);
    const rows = await ctx.db.selectFrom('enterprise_evaluations').select(['kind']).where('enterprise_id', '=', ctx.ids.enterpriseA).where('year', '=', 2025).execute();
    expect(rows.map((r) => r.kind).sort()).toEqual(['hnte', 'innovation_points', 'lifecycle', 'listing_readiness', 'tech_sme']);
    const second = await runEvaluations(ctx.db, sys, { year: 2025, trigger: 'cli' });
    expect([second.changed, second.unchanged]).toEqual([0, 2]);
  });

  it("the registry evaluation of a tech SME equals the CLI contract's for the same figures", async () => {
    const res = await ctx.as('officer', { method: 'GET', url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/evaluations?year=2025` });
    expect(res.statusCode).toBe(200);
    const tech = res.json().results.find((r: { kind: string }) => r.kind === 'tech_sme');
    const cli = await ctx.as('officer', { method: 'POST', url: '/api/v1/evaluation/tech-sme', payload: {
      employees: 100, techStaff: 30, salesRevenue: 10_000_000, totalAssets: 10_000_000, rdExpense: 600_000, totalCost: 8_000_000, ip: { classI: 1, classII: 0 },
      residentEnterprise: true, prohibitedIndustry: false, seriousViolation: false, direct: { hnteValid: false, nationalAwardTop3: false, provincialRdInstitution: false, ledStandard: false },
    } });
    expect(cli.statusCode).toBe(200);
    // the registry lacks the other direct paths (unknown), but the score path already decides
    expect([tech.score, tech.eligible, tech.result.path]).toEqual([cli.json().score, true, 'score']);
    expect(tech.result.breakdown).toEqual(cli.json().breakdown);
    expect(tech.percentile.registry).toMatchObject({ of: 2 });
  });

  it('says what is unknown rather than inventing it', async () => {
    const res = await ctx.as('officer', { method: 'GET', url: `/api/v1/enterprises/${ctx.ids.enterpriseB}/evaluations` });
    const body = res.json();
    expect(body.year).toBe(2025);
    const tech = body.results.find((r: { kind: string }) => r.kind === 'tech_sme');
    expect(tech.eligible).toBeNull();
    expect(tech.result.unknown).toEqual(expect.arrayContaining(['techStaff', 'prohibitedIndustry', 'seriousViolation']));
    const listing = body.results.find((r: { kind: string }) => r.kind === 'listing_readiness');
    expect(listing.result.marketValue.source).toBeNull();
    expect(listing.result.nearest).not.toBeNull();
  });

  it('market value from the latest post-money, labelled', async () => {
    const res = await ctx.as('officer', { method: 'GET', url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/evaluations?year=2025` });
    const listing = res.json().results.find((r: { kind: string }) => r.kind === 'listing_readiness');
    expect(listing.result.marketValue).toMatchObject({ value: 150_000_000_00, source: 'round_post_money' });
    expect(listing.result.marketValue.label).toContain('投后估值');
  });

  it('stores compact results (decisions + facts) and shows the full explanation rendered from them; whole-form rows as stored', async () => {
    const A = ctx.ids.enterpriseA;
    const stored = await ctx.db.selectFrom('enterprise_evaluations').select(['kind', 'result']).where('enterprise_id', '=', A).where('year', '=', 2025).execute();
    const byKind = new Map(stored.map((r) => [r.kind, r.result as Record<string, unknown>]));
    for (const r of stored) expect(r.result).toMatchObject({ form: COMPACT_FORM, facts: expect.objectContaining({ enterpriseId: A, year: 2025 }) });
    expect(['startup', 'growth', 'mature']).toContain(byKind.get('lifecycle')!.stage);
    expect(byKind.get('listing_readiness')).toHaveProperty('nearest');
    expect(JSON.stringify(byKind.get('listing_readiness')).length).toBeLessThan(4000); // the whole form was ~15 KB

    // The API shows what a whole-form result held: the full explanation computed from the same facts.
    const [facts] = await loadFacts(ctx.db, 2025, { ids: [A] });
    const full = explainEnterpriseYear(facts!, DEFAULT_MODELS);
    const res = await ctx.as('officer', { method: 'GET', url: `/api/v1/enterprises/${A}/evaluations?year=2025` });
    const shown = res.json().results as { kind: string; score: number | null; eligible: boolean | null; result: unknown }[];
    expect(shown.map((r) => r.kind)).toEqual(full.map((r) => r.kind));
    for (const r of full) {
      const s = shown.find((x) => x.kind === r.kind)!;
      expect([s.score, s.eligible]).toEqual([r.score, r.eligible]);
      expect(s.result).toStrictEqual(JSON.parse(JSON.stringify(r.result)));
    }

    // A row stored whole (before the compact form) is shown as it was stored.
    const whole = { ...(JSON.parse(JSON.stringify(full[1]!.result)) as Record<string, unknown>), detailOfAnOlderRun: 'kept' };
    await ctx.db.updateTable('enterprise_evaluations').set({ result: JSON.stringify(whole) }).where('enterprise_id', '=', A).where('year', '=', 2025).where('kind', '=', 'hnte').execute();
    const again = await ctx.as('officer', { method: 'GET', url: `/api/v1/enterprises/${A}/evaluations?year=2025` });
    expect(again.json().results.find((r: { kind: string }) => r.kind === 'hnte').result).toStrictEqual(whole);
    await runEvaluations(ctx.db, sys, { year: 2025, trigger: 'cli', ids: [A], force: true });
  });

  it('scoping: another enterprise gets 404, an institution 403', async () => {
    expect((await ctx.as('entB', { method: 'GET', url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/evaluations` })).statusCode).toBe(404);
    expect((await ctx.as('entA', { method: 'GET', url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/evaluations` })).statusCode).toBe(200);
    expect((await ctx.as('bank', { method: 'GET', url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/evaluations` })).statusCode).toBe(403);
  });
});

describe('registry filters', () => {
  const search = (user: 'officer' | 'bank', q: string) => ctx.as(user, { method: 'GET', url: `/api/v1/enterprises?${q}` });
  it('tech SMEs in 人工智能 with score ≥ 70', async () => {
    const res = await search('officer', `evaluation=tech_sme&eligible=true&minScore=70&sector=${encodeURIComponent('人工智能')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((e: { id: string }) => e.id)).toEqual([ctx.ids.enterpriseA]);
    expect(res.json().items[0].evaluation).toMatchObject({ kind: 'tech_sme', year: 2025, score: 100, eligible: true });
    expect((await search('officer', 'evaluation=tech_sme&minScore=101')).json().total).toBe(0);
    expect((await search('officer', 'evaluation=tech_sme&evaluationYear=2024')).json().total).toBe(0);
  });
  it('lifecycle stage filter', async () => {
    const all = (await search('officer', 'stage=startup')).json().total + (await search('officer', 'stage=growth')).json().total + (await search('officer', 'stage=mature')).json().total;
    expect(all).toBe(2);
  });
  it('without an evaluation kind the score filter is a 400; institutions may not filter on evaluations', async () => {
    const bad = await search('officer', 'minScore=70');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('query.evaluation');
    expect((await search('bank', 'evaluation=tech_sme')).statusCode).toBe(403);
    expect((await search('officer', 'eligible=maybe&evaluation=tech_sme')).statusCode).toBe(400);
  });
});

describe('models: maker-checker and versions', () => {
  it('an officer proposes, the same officer cannot approve, another does; results then carry the new version', async () => {
    const definition = { ...structuredClone(DEFAULT_INNOVATION_MODEL), version: 'district-2026.2', stageWeights: { startup: { tech: 70, growth: 20, aux: 10 }, growth: { tech: 50, growth: 40, aux: 10 }, mature: { tech: 40, growth: 40, aux: 20 } } };
    const bad = await ctx.as('officer', { method: 'POST', url: '/api/v1/evaluation/models', payload: { kind: 'innovation_points', reason: 'x', definition: { ...definition, stageWeights: { ...definition.stageWeights, growth: { tech: 10, growth: 10, aux: 10 } } } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('body.definition.stageWeights.growth');
    const p = await ctx.as('officer', { method: 'POST', url: '/api/v1/evaluation/models', payload: { kind: 'innovation_points', reason: '区科委 2026 年权重', definition } });
    expect(p.statusCode).toBe(201);
    const id = p.json().id;
    expect((await ctx.as('officer', { method: 'POST', url: `/api/v1/evaluation/models/${id}/approve`, payload: {} })).statusCode).toBe(409);
    const ok = await ctx.as('officer2', { method: 'POST', url: `/api/v1/evaluation/models/${id}/approve`, payload: { reason: '同意' } });
    expect(ok.json().status).toBe('approved');
    expect((await ctx.as('officer2', { method: 'POST', url: `/api/v1/evaluation/models/${id}/reject`, payload: {} })).statusCode).toBe(409);
    const models = (await ctx.as('auditor', { method: 'GET', url: '/api/v1/evaluation/models' })).json();
    expect(models.inForce.find((m: { kind: string }) => m.kind === 'innovation_points')).toMatchObject({ version: 'district-2026.2', default: false });

    // the nightly job finds every enterprise changed (new model version) and keeps the old version's rows
    const job = registeredJobs().find((j) => j.name === 'evaluation-nightly')!;
    const s = (await job.handler(ctx.db, { year: 2025 })) as { changed: number };
    expect(s.changed).toBe(2);
    const versions = await ctx.db.selectFrom('enterprise_evaluation_versions').select('model_version').where('kind', '=', 'innovation_points').where('enterprise_id', '=', ctx.ids.enterpriseA).orderBy('model_version').execute();
    expect(versions.map((v) => v.model_version)).toEqual(['district-2026.2', 'platform-default-2026.1']);
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('action', 'like', 'evaluation.%').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['evaluation.model.propose', 'evaluation.model.approve', 'evaluation.run']));
    await expect(job.handler(ctx.db, { year: 'last' })).rejects.toThrow(/data.year/);
  });

  it('a facts change is picked up by the next run for that enterprise only', async () => {
    await ctx.db.updateTable('enterprise_evaluation_facts').set({ tech_staff: 5 }).where('enterprise_id', '=', ctx.ids.enterpriseA).execute();
    const s = await runEvaluations(ctx.db, sys, { year: 2025, trigger: 'nightly' });
    expect([s.changed, s.unchanged]).toEqual([1, 1]);
    const tech = await ctx.db.selectFrom('enterprise_evaluations').select(['score', 'eligible']).where('enterprise_id', '=', ctx.ids.enterpriseA).where('kind', '=', 'tech_sme').executeTakeFirstOrThrow();
    // 5 of 100 tech staff: score 80 but a zero tech-staff score closes the score path
    expect([Number(tech.score), tech.eligible]).toEqual([80, null]);
  });
});
