import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureUser } from '../helpers/app';
import { createTestContext, type TestContext } from '../helpers/app';
import { call, claimUnderReview, endNotice, ipLoanClaim, ok, setBudget } from './helpers';

// What the claim pages read: the 公示 list with objection counts, the officers named on a claim, `actions`
// that hold exactly what the server accepts, and the claims of one enterprise (issue #3, web handover).

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await setBudget(ctx, 'YP2025-8.2', 2026, 50_000_000);
});
afterAll(async () => ctx?.close());

let matterSeq = 0;
const nextMatter = () => `DETAIL-${++matterSeq}`;
const issues = (res: { json(): unknown }) => ((res.json() as { issues?: { path: string; message: string }[] }).issues ?? []);

/** Each claim action's route and a body it accepts; resolve needs an objection and is tried on its own. */
const ROUTES: Record<string, [string, unknown?]> = {
  submit: ['submit'], start_review: ['review'], determine: ['determine'], reject: ['reject', { reason: 'r' }], adjust: ['adjust', { amount: 1, reason: 'r' }],
  approve_determination: ['approve-determination'], publish: ['publish'], approve_payment: ['approve-payment'], pay: ['pay', { paymentReference: 'X' }],
  withdraw: ['withdraw', { reason: 'r' }], record_objection: ['objections', { raisedBy: 'x', content: 'y' }],
};

const detail = (user: FixtureUser, id: string) => ok(ctx, user, 'GET', `/subsidy/claims/${id}`);
const status = async (id: string) => (await ctx.db.selectFrom('subsidy_claims').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

/** Every move `actions` leaves out is refused (403/409) and changes nothing: the list hides nothing the server would take. */
async function refusesAllBut(user: FixtureUser, id: string): Promise<string[]> {
  const d = await detail(user, id);
  for (const [action, [path, body]] of Object.entries(ROUTES)) {
    if (d.actions.includes(action)) continue;
    const res = await call(ctx, user, 'POST', `/subsidy/claims/${id}/${path}`, body, { 'idempotency-key': `refuse-${id}-${action}` });
    expect([403, 409], `${user} ${action} on ${d.status}: ${res.body}`).toContain(res.statusCode);
  }
  expect(await status(id)).toBe(d.status);
  return d.actions;
}

/** Takes an offered move; it must go through. */
async function take(user: FixtureUser, id: string, action: string, body?: unknown) {
  const d = await detail(user, id);
  expect(d.actions, `${user} on ${d.status}`).toContain(action);
  const [path, fallback] = ROUTES[action]!;
  return ok(ctx, user, 'POST', `/subsidy/claims/${id}/${path}`, body ?? fallback, 200, action === 'pay' ? { 'idempotency-key': `pay-${id}` } : undefined);
}

describe('actions offer exactly what the server accepts', () => {
  it('walks a claim above the threshold from review to payment, two officers and an objection on the way', async () => {
    await ok(ctx, 'admin', 'PUT', '/subsidy/settings', { secondApprovalThreshold: 100_000 });
    try {
      const id = await claimUnderReview(ctx, ipLoanClaim(400_000, nextMatter(), '2026-04-01'));
      expect(await refusesAllBut('officer', id)).toEqual(['determine', 'reject', 'withdraw']);
      await take('officer', id, 'determine');

      // The determiner may neither approve their own amount nor publish it before another officer has.
      expect(await refusesAllBut('officer', id)).toEqual(['adjust', 'withdraw']);
      expect(await refusesAllBut('officer2', id)).toEqual(['adjust', 'approve_determination', 'withdraw']);
      await take('officer2', id, 'approve_determination');
      expect(await refusesAllBut('officer', id)).toEqual(['adjust', 'publish', 'withdraw']);
      await take('officer', id, 'publish');

      // While the notice runs: objections, not payment.
      expect(await refusesAllBut('officer', id)).toEqual(['withdraw', 'record_objection']);
      const objected = await take('officer', id, 'record_objection', { raisedBy: '匿名来信', content: '重复申请' });
      expect(objected.actions).toEqual(['withdraw', 'record_objection', 'resolve_objection']);
      await endNotice(ctx, id);
      // Past the notice, the open objection still holds payment back.
      expect(await refusesAllBut('officer', id)).toEqual(['withdraw', 'record_objection', 'resolve_objection']);
      const resolved = await ok(ctx, 'officer', 'POST', `/subsidy/claims/${id}/objections/${objected.objections[0].id}/resolve`, { upheld: false, resolution: '不成立' });
      expect(resolved.actions).toEqual(['approve_payment', 'withdraw', 'record_objection']);
      await take('officer', id, 'approve_payment');
      expect(await refusesAllBut('officer', id)).toEqual(['pay', 'withdraw']);
      const paid = await take('officer', id, 'pay', { paymentReference: 'GK-1' });
      expect(paid.actions).toEqual([]);
      expect(await refusesAllBut('officer', id)).toEqual([]);

      // The officers are named, not just identified.
      const users = await ctx.db.selectFrom('users').select(['id', 'username', 'display_name']).where('username', 'in', ['officer', 'officer2']).execute();
      const ref = (u: string) => { const r = users.find((x) => x.username === u)!; return { id: r.id, username: r.username, displayName: r.display_name }; };
      const seen = await detail('entA', id);
      expect(seen.determination.determinedBy).toEqual(ref('officer'));
      expect(seen.determination.secondApprovedBy).toEqual(ref('officer2'));
      expect(seen.payment.paidBy).toEqual(ref('officer'));
      // The claimant's own view of the same claim offers nothing more.
      expect(seen.actions).toEqual([]);
    } finally {
      await ok(ctx, 'admin', 'PUT', '/subsidy/settings', { secondApprovalThreshold: 1_000_000 });
    }
  });

  it('offers the claimant only its own moves, and auditors none', async () => {
    const c = await ok(ctx, 'entA', 'POST', '/subsidy/claims', ipLoanClaim(2000, nextMatter(), '2026-03-01'), 201);
    expect(await refusesAllBut('entA', c.id)).toEqual(['submit', 'withdraw']);
    expect((await detail('auditor', c.id)).actions).toEqual([]);
    expect((await detail('officer', c.id)).determination).toBeNull();
  });

  it('refuses to resolve an objection once the claim has left its notice', async () => {
    const id = await claimUnderReview(ctx, ipLoanClaim(2000, nextMatter(), '2026-03-02'));
    await ok(ctx, 'officer', 'POST', `/subsidy/claims/${id}/determine`);
    await ok(ctx, 'officer', 'POST', `/subsidy/claims/${id}/publish`);
    const o = await ok(ctx, 'officer', 'POST', `/subsidy/claims/${id}/objections`, { raisedBy: 'a', content: 'b' });
    const w = await ok(ctx, 'entA', 'POST', `/subsidy/claims/${id}/withdraw`, { reason: '不再申请' });
    expect(w.actions).toEqual([]);
    const res = await call(ctx, 'officer', 'POST', `/subsidy/claims/${id}/objections/${o.objections[0].id}/resolve`, { upheld: false, resolution: 'x' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('objections are resolved during the public notice');
  });
});

describe('GET /subsidy/notices', () => {
  it('carries each notice\'s objections as counts, for every reader', async () => {
    const quiet = await claimUnderReview(ctx, ipLoanClaim(2000, nextMatter(), '2026-05-01'));
    const busy = await claimUnderReview(ctx, ipLoanClaim(2000, nextMatter(), '2026-05-02'));
    for (const id of [quiet, busy]) {
      await ok(ctx, 'officer', 'POST', `/subsidy/claims/${id}/determine`);
      await ok(ctx, 'officer', 'POST', `/subsidy/claims/${id}/publish`);
    }
    const first = await ok(ctx, 'officer', 'POST', `/subsidy/claims/${busy}/objections`, { raisedBy: 'a', content: '一' });
    await ok(ctx, 'officer', 'POST', `/subsidy/claims/${busy}/objections`, { raisedBy: 'b', content: '二' });
    await ok(ctx, 'officer', 'POST', `/subsidy/claims/${busy}/objections`, { raisedBy: 'c', content: '三' });
    await ok(ctx, 'officer', 'POST', `/subsidy/claims/${busy}/objections/${first.objections[0].id}/resolve`, { upheld: false, resolution: '不成立' });

    for (const user of ['reviewer', 'entB', 'officer'] as const) {
      const { items } = await ok(ctx, user, 'GET', '/subsidy/notices');
      const byId = new Map(items.map((n: { id: string }) => [n.id, n]));
      expect(byId.get(quiet)).toMatchObject({ amount: 1000, objections: { total: 0, unresolved: 0 } });
      expect(byId.get(busy)).toMatchObject({ amount: 1000, objections: { total: 3, unresolved: 2 } });
    }
  });
});

describe('GET /subsidy/claims?enterpriseId=', () => {
  it('lists one enterprise\'s claims for office staff; claimants are refused the filter; a bad id is a 400', async () => {
    await claimUnderReview(ctx, ipLoanClaim(2000, nextMatter(), '2026-06-01'), 'entB');
    for (const [user, enterpriseId] of [['officer', ctx.ids.enterpriseA], ['auditor', ctx.ids.enterpriseB]] as const) {
      const page = await ok(ctx, user, 'GET', `/subsidy/claims?enterpriseId=${enterpriseId}&pageSize=200`);
      expect(page.total).toBeGreaterThan(0);
      expect(page.items.every((c: { beneficiary: { enterpriseId: string } }) => c.beneficiary.enterpriseId === enterpriseId)).toBe(true);
      const n = await ctx.db.selectFrom('subsidy_claims').select((eb) => eb.fn.countAll<number>().as('n')).where('enterprise_id', '=', enterpriseId).executeTakeFirstOrThrow();
      expect(page.total).toBe(Number(n.n));
    }
    const mixed = await ok(ctx, 'officer', 'GET', `/subsidy/claims?enterpriseId=${ctx.ids.enterpriseB}&status=under_review`);
    expect(mixed.items.every((c: { status: string }) => c.status === 'under_review')).toBe(true);
    expect((await call(ctx, 'entA', 'GET', `/subsidy/claims?enterpriseId=${ctx.ids.enterpriseA}`)).statusCode).toBe(403);
    expect((await call(ctx, 'entA', 'GET', `/subsidy/claims?enterpriseId=${ctx.ids.enterpriseB}`)).statusCode).toBe(403);
    const bad = await call(ctx, 'officer', 'GET', '/subsidy/claims?enterpriseId=nope');
    expect(bad.statusCode).toBe(400);
    expect(issues(bad).map((i) => i.path)).toEqual(['querystring.enterpriseId']);
  });
});
