import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/shared/uscc';
import { createTestContext, type TestContext } from '../helpers/app';
import { call, claimUnderReview, ok, setBudget } from '../subsidy/helpers';

// POST /policy/evaluate, GET /policy/measures and 细则 parameters with maker-checker (issue #3).

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const request = (claims: unknown[], extra: Record<string, unknown> = {}) => ({
  beneficiary: { uscc: makeUscc(1), kind: 'enterprise', registeredInYangpu: true, registeredInShanghai: true },
  claims,
  ...extra,
});
const issues = (res: { json(): unknown }) => ((res.json() as { issues?: { path: string; message: string }[] }).issues ?? []);

describe('POST /policy/evaluate', () => {
  it('follows the catalog contract: results with trace, total, rulesetVersion and inputHash', async () => {
    const body = request([{ id: 'c1', measure: 'YP2025-8.2', eventDate: '2025-06-30', matter: 'LOAN-001', facts: { interestPaid: 1200000 } }], {
      granted: [{ measure: 'YP2025-8.2', year: 2025, amount: 300000 }],
    });
    const r = await ok(ctx, 'entA', 'POST', '/policy/evaluate', body);
    expect(r.total).toBe(600000);
    expect(r.results[0]).toMatchObject({ id: 'c1', measure: 'YP2025-8.2', status: 'granted', amount: 600000, basis: 'computed', excludedBy: null, missingParameters: [] });
    expect(r.results[0].trace.length).toBeGreaterThan(3);
    expect(r.inputHash).toMatch(/^[0-9a-f]{64}$/);
    const again = await ok(ctx, 'officer', 'POST', '/policy/evaluate', body);
    expect(again.inputHash).toBe(r.inputHash);
    expect(again.rulesetVersion).toBe(r.rulesetVersion);
  });

  it.each([
    ['an unknown measure', { id: 'c1', measure: 'NOPE-1', eventDate: '2025-06-30', facts: {} }, 'body.claims.0.measure'],
    ['a missing fact', { id: 'c1', measure: 'YP2025-7.2', eventDate: '2025-06-30', facts: {} }, 'body.claims.0.facts.intermediaryFees'],
    ['a malformed date', { id: 'c1', measure: 'YP2025-7.2', eventDate: '2025-13-01', facts: { intermediaryFees: 1 } }, 'body.claims.0.eventDate'],
    ['a negative amount', { id: 'c1', measure: 'YP2025-7.2', eventDate: '2025-06-30', facts: { intermediaryFees: -1 } }, 'body.claims.0.facts.intermediaryFees'],
  ])('%s is a 400 at the API path of the field, the message naming the claim', async (_n, claim, path) => {
    const res = await call(ctx, 'officer', 'POST', '/policy/evaluate', request([claim]));
    expect(res.statusCode).toBe(400);
    expect(issues(res).map((i) => i.path)).toContain(path);
    expect(issues(res).find((i) => i.path === path)!.message).toContain('claim c1');
  });

  it('names fields of the second claim, the beneficiary, granted and parameters the same way', async () => {
    const good = { id: 'c1', measure: 'YP2025-7.2', eventDate: '2025-06-30', facts: { intermediaryFees: 1 } };
    const res = await call(ctx, 'officer', 'POST', '/policy/evaluate', {
      ...request([good, { ...good, id: 'c2', facts: { intermediaryFees: 'x' } }], {
        granted: [{ measure: 'YP2025-7.2', year: 2025, amount: 0.001 }],
        parameters: { 'YP2025-7.2.nope': 1 },
      }),
      beneficiary: { uscc: 'nope', kind: 'enterprise', registeredInYangpu: true, registeredInShanghai: true },
    });
    expect(res.statusCode).toBe(400);
    const paths = issues(res).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.beneficiary.uscc', 'body.claims.1.facts.intermediaryFees', 'body.granted.0.amount', 'body.parameters.YP2025-7.2.nope']));
    for (const p of paths) expect(p).toMatch(/^body\.[^[\]"]+$/);
    expect(issues(res).find((i) => i.path === 'body.claims.1.facts.intermediaryFees')!.message).toContain('claim c2');
    // The response's message joins the issues under their API paths too.
    expect(res.json().message).not.toContain('[');
  });

  it('names a request-level field under body too', async () => {
    const res = await call(ctx, 'officer', 'POST', '/policy/evaluate', { claims: 'x', beneficiary: {} });
    expect(res.statusCode).toBe(400);
    expect(issues(res).map((i) => i.path)).toContain('body.claims');
  });

  it('is open to API tokens with the policy:evaluate scope only', async () => {
    const made = await ok(ctx, 'bank', 'POST', '/tokens', { name: 'calc', scopes: ['policy:evaluate'] }, 201);
    const other = await ok(ctx, 'bank', 'POST', '/tokens', { name: 'read', scopes: ['enterprises:read'] }, 201);
    const body = request([{ id: 'c1', measure: 'YP2025-7.2', eventDate: '2025-06-30', facts: { intermediaryFees: 100 } }]);
    const yes = await ctx.app.inject({ method: 'POST', url: '/api/v1/policy/evaluate', headers: { authorization: `Bearer ${made.secret}` }, payload: body });
    expect(yes.statusCode, yes.body).toBe(200);
    expect(yes.json().total).toBe(50);
    const no = await ctx.app.inject({ method: 'POST', url: '/api/v1/policy/evaluate', headers: { authorization: `Bearer ${other.secret}` }, payload: body });
    expect(no.statusCode).toBe(403);
  });
});

describe('GET /policy/measures', () => {
  it('gives every fact its English label from the policy data', async () => {
    const r = await ok(ctx, 'entA', 'GET', '/policy/measures');
    const ip = r.measures.find((m: { id: string }) => m.id === 'YP2025-8.2');
    expect(ip.facts).toContainEqual(expect.objectContaining({ name: 'interestPaid', label: '贷款利息', labelEn: 'loan interest paid' }));
    for (const m of r.measures) for (const f of m.facts) expect(f.labelEn, `${m.id}.${f.name}`).toMatch(/\S/);
  });
});

describe('parameters that 实施细则 leave open (maker-checker)', () => {
  const cap = { measure: 'YP2025-12', eventDate: '2025-09-01', facts: { loanAmount: 5_000_000 } };

  it('only lets the engine\'s declared parameters be proposed, with valid values (400 naming the field)', async () => {
    const unknown = await call(ctx, 'officer', 'POST', '/policy/parameter-changes', { key: 'YP2025-12.ratee', value: 0.01, effectiveFrom: '2025-07-01', reference: '细则第3条', reason: 'r' });
    expect(unknown.statusCode).toBe(400);
    expect(issues(unknown)[0]!.path).toBe('body.key');
    const negative = await call(ctx, 'officer', 'POST', '/policy/parameter-changes', { key: 'YP2025-12.rate', value: -0.01, effectiveFrom: '2025-07-01', reference: '细则第3条', reason: 'r' });
    expect(issues(negative)[0]!.path).toBe('body.value');
    const noReason = await call(ctx, 'officer', 'POST', '/policy/parameter-changes', { key: 'YP2025-12.rate', value: 0.01, effectiveFrom: '2025-07-01', reference: '细则第3条' });
    expect(issues(noReason).map((i) => i.path)).toEqual(['body.reason']);
  });

  it('applies a value only after another officer approves it; the maker cannot; results keep their ruleset version', async () => {
    await setBudget(ctx, 'YP2025-12', 2025, 10_000_000);
    // Before the 细则: cap-only, the cap itself is the estimate.
    const before = await ok(ctx, 'officer', 'POST', '/policy/evaluate', request([{ id: 'c1', ...cap }]));
    expect(before.results[0]).toMatchObject({ amount: 200000, basis: 'cap' });
    const earlyClaim = await claimUnderReview(ctx, { ...cap, facts: { assessedAmount: 150_000, loanAmount: 5_000_000 } });
    const early = await ok(ctx, 'officer', 'POST', `/subsidy/claims/${earlyClaim}/determine`);

    const proposed = await ok(ctx, 'officer', 'POST', '/policy/parameter-changes', { key: 'YP2025-12.rate', value: 0.01, effectiveFrom: '2025-07-01', reference: '保险增信细则 第3条', reason: '细则已印发' }, 201);
    expect(proposed.status).toBe('proposed');
    const stillBefore = await ok(ctx, 'officer', 'POST', '/policy/evaluate', request([{ id: 'c1', ...cap }]));
    expect(stillBefore.rulesetVersion).toBe(before.rulesetVersion);
    const measuresPending = await ok(ctx, 'officer', 'GET', '/policy/measures');
    expect(measuresPending.pending.map((p: { id: string }) => p.id)).toEqual([proposed.id]);
    expect((await ok(ctx, 'entA', 'GET', '/policy/measures')).pending).toEqual([]);

    const self = await call(ctx, 'officer', 'POST', `/policy/parameter-changes/${proposed.id}/approve`);
    expect(self.statusCode).toBe(409);
    expect(self.json().message).toContain('four-eyes');
    const approved = await ok(ctx, 'officer2', 'POST', `/policy/parameter-changes/${proposed.id}/approve`, { reason: '核对细则原文' });
    expect(approved).toMatchObject({ status: 'approved', decidedBy: { username: 'officer2' } });
    expect((await call(ctx, 'officer2', 'POST', `/policy/parameter-changes/${proposed.id}/reject`, { reason: 'late' })).statusCode).toBe(409);

    const after = await ok(ctx, 'officer', 'POST', '/policy/evaluate', request([{ id: 'c1', ...cap }]));
    expect(after.rulesetVersion).not.toBe(before.rulesetVersion);
    expect(after.results[0]).toMatchObject({ amount: 50000, basis: 'computed' }); // 1% × 5,000,000
    const onlyBefore = await ok(ctx, 'officer', 'POST', '/policy/evaluate', request([{ id: 'c1', ...cap, eventDate: '2025-06-30' }]));
    expect(onlyBefore.results[0]).toMatchObject({ amount: 200000, basis: 'cap' }); // effective from 2025-07-01

    const measures = await ok(ctx, 'auditor', 'GET', '/policy/measures?asOf=2025-08-01');
    const rate = measures.parameters.find((p: { key: string }) => p.key === 'YP2025-12.rate');
    expect(rate).toMatchObject({ value: '0.01', effectiveFrom: '2025-07-01', source: 'officer', reference: '保险增信细则 第3条' });
    expect(measures.version).toBe(after.rulesetVersion);

    const kept = await ok(ctx, 'entA', 'GET', `/subsidy/claims/${earlyClaim}`);
    expect(kept.determination.rulesetVersion).toBe(early.determination.rulesetVersion);
    expect(kept.determination.rulesetVersion).toBe(before.rulesetVersion);

    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'actor_username']).where('entity_id', '=', proposed.id).orderBy('seq').execute();
    expect(audit).toEqual([{ action: 'policy.parameter.propose', actor_username: 'officer' }, { action: 'policy.parameter.approve', actor_username: 'officer2' }]);
  });

  it('rejects with a reason and leaves the ruleset as it was', async () => {
    const v = (await ok(ctx, 'officer', 'GET', '/policy/measures')).version;
    const p = await ok(ctx, 'officer2', 'POST', '/policy/parameter-changes', { key: 'YP2024-11.rate', value: 0.6, effectiveFrom: '2025-01-01', reference: '细则', reason: '试行' }, 201);
    expect((await call(ctx, 'officer', 'POST', `/policy/parameter-changes/${p.id}/reject`, {})).statusCode).toBe(400);
    const r = await ok(ctx, 'officer', 'POST', `/policy/parameter-changes/${p.id}/reject`, { reason: '比例超出细则' });
    expect(r).toMatchObject({ status: 'rejected', decisionReason: '比例超出细则' });
    expect((await ok(ctx, 'officer', 'GET', '/policy/measures')).version).toBe(v);
    const list = await ok(ctx, 'auditor', 'GET', '/policy/parameter-changes?status=rejected');
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([p.id]);
  });

  it('makes every app server use an approval made on another (the database decides, not the process)', async () => {
    const { currentRuleset } = await import('../../src/server/modules/policy/policy.ruleset');
    const v1 = (await currentRuleset(ctx.db)).version;
    // Another server approves: it writes the rows directly, this process learns of it only from the database.
    const maker = ctx.ids.users.officer;
    const checker = ctx.ids.users.officer2;
    await ctx.db.insertInto('policy_parameter_changes').values({ key: 'YP2025-9.1.rewardRate', value: '0.015', effective_from: '2025-04-01', reference: '细则', reason: 'x', status: 'approved', proposed_by: maker, decided_by: checker, decided_at: new Date(), approved_seq: 1000 }).execute();
    await ctx.db.updateTable('policy_parameter_state').set({ token: 'another-server', approved_count: 1000 }).execute();
    const v2 = (await currentRuleset(ctx.db)).version;
    expect(v2).not.toBe(v1);
    expect((await currentRuleset(ctx.db)).parameters.get('YP2025-9.1.rewardRate')!.values.at(-1)!.text).toBe('0.015');
  });
});
