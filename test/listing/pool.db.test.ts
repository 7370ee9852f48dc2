import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/shared/uscc';
import { createTestContext, type TestContext } from '../helpers/app';
import { auditActions, call } from './helpers';

// 上市企业培育库 (issue #7): entry, tiers through the transition table, account officers, service logs, dashboard.
let ctx: TestContext;
let C: string;
beforeAll(async () => {
  ctx = await createTestContext();
  C = (await ctx.db.insertInto('enterprises').values({ uscc: makeUscc(3), name: '丙新材料', district: '杨浦区', sector: '绿色低碳' }).returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => ctx?.close());

describe('entering the pool', () => {
  it('an officer nominates; the enterprise enters at reserve with the officer as account officer, audited', async () => {
    const e = await call(ctx, 'officer', 'POST', '/listing/pool', 201, { enterpriseId: ctx.ids.enterpriseA, targetBoard: 'star', reason: '硬科技，拟科创板', enteredOn: '2025-01-06' });
    expect(e).toMatchObject({ tier: 'reserve', targetBoard: 'star', entrySource: 'nomination', enteredOn: '2025-01-06', officer: { id: ctx.ids.users.officer }, nextTiers: ['cultivating', 'exited'] });
    expect(e.history).toEqual([expect.objectContaining({ from: null, to: 'reserve', on: '2025-01-06', note: '硬科技，拟科创板' })]);
    expect(await auditActions(ctx, ctx.ids.enterpriseA)).toContain('listing.pool.enter');
  });

  it('refuses a second entry (409), an unknown enterprise and a non-officer account officer (400 naming the field)', async () => {
    await call(ctx, 'officer', 'POST', '/listing/pool', 409, { enterpriseId: ctx.ids.enterpriseA, targetBoard: 'star', reason: 'x' });
    const a = await call(ctx, 'officer', 'POST', '/listing/pool', 400, { enterpriseId: '00000000-0000-4000-8000-000000000000', targetBoard: 'star', reason: 'x' });
    expect(a.issues).toEqual([{ path: 'body.enterpriseId', message: 'no enterprise with this id' }]);
    const b = await call(ctx, 'officer', 'POST', '/listing/pool', 400, { enterpriseId: ctx.ids.enterpriseB, targetBoard: 'star', reason: 'x', officerUserId: ctx.ids.users.reviewer });
    expect(b.issues[0].path).toBe('body.officerUserId');
    const c = await call(ctx, 'officer', 'POST', '/listing/pool', 400, { enterpriseId: ctx.ids.enterpriseB, targetBoard: 'otc', reason: 'x' });
    expect(c.issues[0].path).toBe('body.targetBoard');
  });

  it('from listing-readiness results: an unknown evaluation is a 400 naming it', async () => {
    const bad = await call(ctx, 'officer', 'POST', '/listing/pool/from-readiness', 400, { evaluationId: '00000000-0000-4000-8000-000000000001' });
    expect(bad.issues[0].path).toBe('body.evaluationId');
  });
});

describe('tiers', () => {
  const tier = (id: string, body: unknown, status: number) => call(ctx, 'officer', 'POST', `/listing/pool/${id}/tier`, status, body);

  it('moves along the table with the criteria it asks for, keeping the history', async () => {
    const bad = await tier(ctx.ids.enterpriseA, { to: 'cultivating', criteria: [] }, 400);
    expect(bad.issues).toEqual([{ path: 'body.criteria', message: expect.stringContaining('at least one of core_technology') }]);
    await tier(ctx.ids.enterpriseA, { to: 'cultivating', criteria: ['core_technology', 'sound_growth'], on: '2025-02-03' }, 200);
    const noFiling = await tier(ctx.ids.enterpriseA, { to: 'tutoring', criteria: ['shareholding_reform'] }, 400);
    expect(noFiling.issues[0].message).toContain('tutoring_filed');
    const e = await tier(ctx.ids.enterpriseA, { to: 'tutoring', criteria: ['shareholding_reform', 'tutoring_filed'], on: '2025-03-03' }, 200);
    expect(e).toMatchObject({ tier: 'tutoring', tierSince: '2025-03-03' });
    expect(e.history.map((h: any) => `${h.from}>${h.to}`)).toEqual(['null>reserve', 'reserve>cultivating', 'cultivating>tutoring']);
    expect(e.history[2].criteria.map((c: any) => c.label)).toEqual(['已完成股份制改造', '已在证监局辅导备案']);
  });

  it('anything off the table is a 409; the direct cultivating → filed step is only for NEEQ and N-board targets', async () => {
    await tier(ctx.ids.enterpriseA, { to: 'listed', criteria: ['listing_approved'] }, 409);
    await tier(ctx.ids.enterpriseA, { to: 'reserve', criteria: [] }, 409);
    await call(ctx, 'officer', 'POST', '/listing/pool', 201, { enterpriseId: C, targetBoard: 'neeq_innovation', reason: '拟挂牌创新层', enteredOn: '2025-01-10' });
    await tier(C, { to: 'cultivating', criteria: ['market_recognition'], on: '2025-02-01' }, 200);
    await tier(C, { to: 'filed', criteria: ['sponsor_engaged', 'application_accepted'], on: '2025-04-01' }, 200);
    await call(ctx, 'officer', 'POST', '/listing/pool', 201, { enterpriseId: ctx.ids.enterpriseB, targetBoard: 'main_board', reason: '营收规模大', enteredOn: '2025-01-10' });
    await tier(ctx.ids.enterpriseB, { to: 'cultivating', criteria: ['market_recognition'], on: '2025-02-01' }, 200);
    const r = await tier(ctx.ids.enterpriseB, { to: 'filed', criteria: ['sponsor_engaged', 'application_accepted'] }, 409);
    expect(r.message).toContain('only for target boards');
  });

  it('an exit needs the reason, is dated no earlier than the tier began, and re-entry goes back through reserve', async () => {
    const noNote = await tier(ctx.ids.enterpriseB, { to: 'exited', criteria: [] }, 400);
    expect(noNote.issues[0].path).toBe('body.note');
    const early = await tier(ctx.ids.enterpriseB, { to: 'exited', criteria: [], note: '企业暂缓上市计划', on: '2025-01-01' }, 400);
    expect(early.issues[0].path).toBe('body.on');
    const out = await tier(ctx.ids.enterpriseB, { to: 'exited', criteria: [], note: '企业暂缓上市计划', on: '2025-06-01' }, 200);
    expect(out).toMatchObject({ tier: 'exited', exitReason: '企业暂缓上市计划' });
    await call(ctx, 'officer', 'POST', '/listing/pool', 409, { enterpriseId: ctx.ids.enterpriseB, targetBoard: 'star', reason: 'x' });
    await tier(ctx.ids.enterpriseB, { to: 'reserve', criteria: ['renominated'], on: '2025-09-01' }, 200);
  });

  it('the transition table is served to the page', async () => {
    const t = await call(ctx, 'auditor', 'GET', '/listing/tier-transitions', 200);
    expect(t.transitions.find((x: any) => x.from === 'filed' && x.to === 'listed')).toMatchObject({ allOf: ['listing_approved'] });
  });
});

describe('account officers, services, dashboard', () => {
  it('reassigns the account officer and logs services with follow-ups', async () => {
    const e = await call(ctx, 'admin', 'PATCH', `/listing/pool/${C}`, 200, { officerUserId: ctx.ids.users.officer2 });
    expect(e.officer.id).toBe(ctx.ids.users.officer2);
    const svc = (user: 'officer' | 'officer2', id: string, body: Record<string, unknown>) => call(ctx, user, 'POST', `/listing/pool/${id}/services`, 201, body);
    // officer: A contacted by phone, then visited with a consulting service; officer2: C trained, B contacted.
    await svc('officer', ctx.ids.enterpriseA, { kind: 'contact', mode: 'phone', servedOn: '2025-03-01', summary: '电话访谈' });
    const visit = await svc('officer', ctx.ids.enterpriseA, { kind: 'consulting', mode: 'visit', servedOn: '2025-03-05', summary: '实地调研，股改咨询', followUpOn: '2025-03-20' });
    await svc('officer2', C, { kind: 'training', mode: 'meeting', servedOn: '2025-04-02', summary: '资本市场培训' });
    await svc('officer2', ctx.ids.enterpriseB, { kind: 'contact', mode: 'phone', servedOn: '2025-09-02', summary: '重新联络' });
    await svc('officer2', ctx.ids.enterpriseA, { kind: 'financing_matchmaking', mode: 'visit', servedOn: '2025-05-02', summary: '对接投资机构' });
    const bad = await call(ctx, 'officer', 'POST', `/listing/pool/${C}/services`, 400, { kind: 'consulting', mode: 'visit', servedOn: '2025-03-05', summary: 'x', followUpOn: '2025-03-01' });
    expect(bad.issues[0].path).toBe('body.followUpOn');
    const pending = await call(ctx, 'officer', 'GET', '/listing/services?followUp=overdue', 200);
    expect(pending.items.map((s: any) => s.id)).toEqual([visit.id]);
    await call(ctx, 'officer', 'POST', `/listing/services/${visit.id}/follow-up-done`, 200, { doneOn: '2025-03-19' });
    await call(ctx, 'officer', 'POST', `/listing/services/${visit.id}/follow-up-done`, 409, { doneOn: '2025-03-19' });
    expect((await call(ctx, 'officer', 'GET', '/listing/services?followUp=pending', 200)).total).toBe(0);
  });

  it('dashboard: the pool by tier, board, sector, officer and the workload counts of the 2025 reply', async () => {
    const d = await call(ctx, 'auditor', 'GET', '/listing/dashboard?from=2025-01-01&to=2025-12-31', 200);
    const byKey = (rows: any[]) => Object.fromEntries(rows.map((r) => [r.key, r.enterprises]));
    expect(byKey(d.byTier)).toEqual({ tutoring: 1, filed: 1, reserve: 1 });
    expect(byKey(d.byBoard)).toEqual({ star: 1, neeq_innovation: 1, main_board: 1 });
    expect(byKey(d.bySector)).toEqual({ 人工智能: 1, 绿色低碳: 1, 生命健康: 1 });
    // Distinct enterprises: contacted 3 (A, B, C), visited 1 (A), served 2 (A consulted and matched, C trained).
    expect(d.workload.total).toMatchObject({ contacted: 3, visited: 1, served: 2, logs: 5, followUpsOpen: 0 });
    const of = (id: string) => d.workload.officers.find((o: any) => o.officer.id === id);
    expect(of(ctx.ids.users.officer)).toMatchObject({ contacted: 1, visited: 1, served: 1, logs: 2 });
    expect(of(ctx.ids.users.officer2)).toMatchObject({ contacted: 3, visited: 1, served: 2, logs: 3 });
    const q1 = await call(ctx, 'officer', 'GET', '/listing/dashboard?from=2025-01-01&to=2025-03-31', 200);
    expect(q1.workload.total).toMatchObject({ contacted: 1, visited: 1, served: 1 });
    await call(ctx, 'officer', 'GET', '/listing/dashboard?from=2025-05-01&to=2025-01-01', 400);
  });

  it('lists and filters the pool', async () => {
    const all = await call(ctx, 'reviewer', 'GET', '/listing/pool', 200);
    expect(all.total).toBe(3);
    const f = await call(ctx, 'officer', 'GET', `/listing/pool?tier=filed,tutoring&sector=${encodeURIComponent('人工智能')}`, 200);
    expect(f.items).toEqual([expect.objectContaining({ enterpriseId: ctx.ids.enterpriseA, tier: 'tutoring', lastServiceOn: '2025-05-02', nextFollowUpOn: null })]);
    expect((await call(ctx, 'officer', 'GET', `/listing/pool?officer=${ctx.ids.users.officer2}`, 200)).items.map((i: any) => i.enterpriseId)).toEqual([C]);
    const bad = await call(ctx, 'officer', 'GET', '/listing/pool?tier=gold', 400);
    expect(bad.issues[0].path).toContain('tier');
  });
});

// Last, so the counts above do not see it: entry from a stored listing-readiness evaluation (issue #6).
describe('entering from a listing-readiness evaluation', () => {
  it('takes the board of the first standard met', async () => {
    const result = { met: [{ board: 'bse', standard: 'bse.3', clause: '2.1.3(三)' }], nearest: { board: 'star', standard: 'star.1', clause: '2.1.2(一)', gap: 0.2, missing: [] } };
    const D = (await ctx.db.insertInto('enterprises').values({ uscc: makeUscc(44), name: '戊智能', district: '杨浦区', sector: '人工智能' }).returning('id').executeTakeFirstOrThrow()).id;
    const ev = await ctx.db.insertInto('enterprise_evaluations').values({ enterprise_id: D, year: 2025, kind: 'listing_readiness', model_version: 'listing-2024.04', score: null, eligible: false, result: JSON.stringify(result), input_hash: 'x' }).returning('id').executeTakeFirstOrThrow();
    const e = await call(ctx, 'officer', 'POST', '/listing/pool/from-readiness', 201, { evaluationId: ev.id });
    expect(e).toMatchObject({ targetBoard: 'bse', entrySource: 'readiness', readinessEvaluationId: ev.id });
  });
});
