import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_ACTIONS, CLAIM_STATUSES, type ClaimActionName } from '../../src/server/modules/subsidy/claim-transitions';
import { makeUscc } from '../../src/shared/uscc';
import { createTestContext, multipartFile, type TestContext } from '../helpers/app';
import { call, claimUnderReview, endNotice, ipLoanClaim, ok, setBudget } from './helpers';

// Subsidy claims through the HTTP API on a real database (issue #3 "Subsidy claims").

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ uploadLimitBytes: 64 * 1024 });
  await setBudget(ctx, 'YP2025-8.2', 2025, 50_000_000);
  await setBudget(ctx, 'YP2025-8.2', 2026, 50_000_000);
});
afterAll(async () => ctx?.close());

const issues = (res: { json(): unknown }) => ((res.json() as { issues?: { path: string; message: string }[] }).issues ?? []);
const audit = (entityId: string) => ctx.db.selectFrom('audit_log').select(['action', 'actor_username', 'diff']).where('entity_id', '=', entityId).orderBy('seq').execute();

let matterSeq = 0;
const nextMatter = () => `LOAN-${++matterSeq}`;

/** Walks a fresh claim of entA to `status` through the API (each claim its own loan, small amounts). */
async function claimIn(status: (typeof CLAIM_STATUSES)[number]): Promise<string> {
  const c = await ok(ctx, 'entA', 'POST', '/subsidy/claims', ipLoanClaim(2_000, nextMatter(), '2026-03-01'), 201);
  const id = c.id as string;
  const steps: Record<string, Array<[string, unknown?]>> = {
    draft: [],
    submitted: [['submit']],
    under_review: [['submit'], ['review']],
    determined: [['submit'], ['review'], ['determine']],
    rejected: [['submit'], ['review'], ['reject', { reason: 'no loan contract' }]],
    in_public_notice: [['submit'], ['review'], ['determine'], ['publish']],
    approved_for_payment: [['submit'], ['review'], ['determine'], ['publish'], ['__end'], ['approve-payment']],
    paid: [['submit'], ['review'], ['determine'], ['publish'], ['__end'], ['approve-payment'], ['pay', { paymentReference: `P-${id}` }]],
    withdrawn: [['withdraw', { reason: 'applied by mistake' }]],
  };
  for (const [step, body] of steps[status]!) {
    if (step === '__end') await endNotice(ctx, id);
    else await ok(ctx, 'officer', 'POST', `/subsidy/claims/${id}/${step}`, body, 200, step === 'pay' ? { 'idempotency-key': `key-${id}` } : undefined);
  }
  const row = await ctx.db.selectFrom('subsidy_claims').select('status').where('id', '=', id).executeTakeFirstOrThrow();
  expect(row.status).toBe(status);
  return id;
}

const ROUTE: Partial<Record<ClaimActionName, [string, unknown]>> = {
  submit: ['submit', undefined], start_review: ['review', undefined], determine: ['determine', undefined], reject: ['reject', { reason: 'r' }],
  adjust: ['adjust', { amount: 1, reason: 'r' }], approve_determination: ['approve-determination', undefined], publish: ['publish', undefined],
  approve_payment: ['approve-payment', undefined], pay: ['pay', { paymentReference: 'X' }], withdraw: ['withdraw', { reason: 'r' }],
};

describe('every transition the table does not list is a 409', () => {
  const illegal = CLAIM_STATUSES.flatMap((s) =>
    (Object.keys(ROUTE) as ClaimActionName[]).filter((a) => !(CLAIM_ACTIONS[a].from as readonly string[]).includes(s)).map((a) => [s, a] as const),
  );
  const byStatus = new Map<string, string>();
  it.each(illegal)('%s: %s → 409', async (status, action) => {
    if (!byStatus.has(status)) byStatus.set(status, await claimIn(status));
    const id = byStatus.get(status)!;
    const [path, body] = ROUTE[action]!;
    const res = await call(ctx, 'officer', 'POST', `/subsidy/claims/${id}/${path}`, body, { 'idempotency-key': `illegal-${status}-${action}` });
    expect(res.statusCode, res.body).toBe(409);
    const row = await ctx.db.selectFrom('subsidy_claims').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe(status);
  });
});

describe('lifecycle 申请 → 认定 → 公示 → 拨付', () => {
  it('audits every transition with actor and reason and keeps a history', async () => {
    const id = await claimIn('paid');
    const rows = await audit(id);
    expect(rows.map((r) => r.action)).toEqual([
      'subsidy.claim.create', 'subsidy.claim.submit', 'subsidy.claim.start_review', 'subsidy.claim.determine', 'subsidy.claim.publish', 'subsidy.claim.approve_payment', 'subsidy.claim.pay',
    ]);
    expect(rows.map((r) => r.actor_username)).toEqual(['entA', 'officer', 'officer', 'officer', 'officer', 'officer', 'officer']);
    const detail = await ok(ctx, 'entA', 'GET', `/subsidy/claims/${id}`);
    expect(detail.history.map((h: { to: string }) => h.to)).toEqual(['draft', 'submitted', 'under_review', 'determined', 'in_public_notice', 'approved_for_payment', 'paid']);
    expect(detail.payment.reference).toBe(`P-${id}`);
    expect(detail.determination.amount).toBe(1000);
    expect(detail.determination.explanation).toContain('核定 1,000 元');
  });

  it('records the reason of a rejection and a withdrawal', async () => {
    const rejected = await claimIn('rejected');
    const r = await audit(rejected);
    expect((r.at(-1)!.diff as { after: { reason: string } }).after.reason).toBe('no loan contract');
    const withdrawn = await ok(ctx, 'entA', 'GET', `/subsidy/claims/${await claimIn('withdrawn')}`);
    expect(withdrawn.closingReason).toBe('applied by mistake');
    expect(withdrawn.history.at(-1)).toMatchObject({ action: 'withdraw', actor: 'officer', reason: 'applied by mistake' });
  });

  it('lets the claimant withdraw its own claim but not review it (403)', async () => {
    const id = await claimIn('submitted');
    expect((await call(ctx, 'entA', 'POST', `/subsidy/claims/${id}/review`)).statusCode).toBe(403);
    const w = await ok(ctx, 'entA', 'POST', `/subsidy/claims/${id}/withdraw`, { reason: '不再申请' });
    expect(w.status).toBe('withdrawn');
  });

  it('approves payment only after the last day of the public notice', async () => {
    const id = await claimIn('in_public_notice');
    const d = await ok(ctx, 'officer', 'GET', `/subsidy/claims/${id}`);
    expect(d.notice.to > d.notice.from).toBe(true);
    const res = await call(ctx, 'officer', 'POST', `/subsidy/claims/${id}/approve-payment`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain(d.notice.to);
  });

  it('records objections; an unresolved one blocks payment; an upheld one reopens the review', async () => {
    const id = await claimIn('in_public_notice');
    const after = await ok(ctx, 'officer', 'POST', `/subsidy/claims/${id}/objections`, { raisedBy: '匿名来信', content: '贷款已由他人贴息' });
    await endNotice(ctx, id);
    const blocked = await call(ctx, 'officer', 'POST', `/subsidy/claims/${id}/approve-payment`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().message).toContain('unresolved');
    const oid = after.objections[0].id;
    const resolved = await ok(ctx, 'officer', 'POST', `/subsidy/claims/${id}/objections/${oid}/resolve`, { upheld: true, resolution: '核实属实，重新认定' });
    expect(resolved.status).toBe('under_review');
    expect(resolved.objections[0]).toMatchObject({ upheld: true, resolution: '核实属实，重新认定' });
    expect((await call(ctx, 'officer', 'POST', `/subsidy/claims/${id}/objections/${oid}/resolve`, { upheld: false, resolution: 'again' })).statusCode).toBe(409);
  });

  it('lets payment go ahead once a dismissed objection is resolved', async () => {
    const id = await claimIn('in_public_notice');
    const after = await ok(ctx, 'officer', 'POST', `/subsidy/claims/${id}/objections`, { raisedBy: '某企业', content: '有异议' });
    await ok(ctx, 'officer', 'POST', `/subsidy/claims/${id}/objections/${after.objections[0].id}/resolve`, { upheld: false, resolution: '经核实不成立' });
    await endNotice(ctx, id);
    expect((await ok(ctx, 'officer', 'POST', `/subsidy/claims/${id}/approve-payment`)).status).toBe('approved_for_payment');
  });

  it('refuses to determine when the engine says ineligible (409 naming the reason)', async () => {
    const id = await claimUnderReview(ctx, ipLoanClaim(1000, nextMatter(), '2025-01-10'));
    const res = await call(ctx, 'officer', 'POST', `/subsidy/claims/${id}/determine`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('ineligible');
  });
});

describe('amounts', () => {
  it('fixes the amount from the engine and stores the ruleset version it was computed with', async () => {
    const id = await claimUnderReview(ctx, ipLoanClaim(300_000.01, nextMatter(), '2026-02-01'));
    const d = await ok(ctx, 'officer', 'POST', `/subsidy/claims/${id}/determine`);
    expect(d.amount).toBe(150_000.01); // 50% of 300,000.01 = 150,000.005 → half-up once
    expect(d.determination.rulesetVersion).toMatch(/^[0-9a-f]{16}$/);
    const measures = await ok(ctx, 'officer', 'GET', '/policy/measures');
    expect(d.determination.rulesetVersion).toBe(measures.version);
  });

  it('adjusts downward only, and only with a reason', async () => {
    const id = await claimUnderReview(ctx, ipLoanClaim(10_000, nextMatter(), '2026-02-02'));
    const d = await ok(ctx, 'officer', 'POST', `/subsidy/claims/${id}/determine`);
    expect(d.amount).toBe(5000);
    const up = await call(ctx, 'officer', 'POST', `/subsidy/claims/${id}/adjust`, { amount: 5000.01, reason: 'more' });
    expect(up.statusCode).toBe(400);
    expect(issues(up)[0]!.path).toBe('body.amount');
    const same = await call(ctx, 'officer', 'POST', `/subsidy/claims/${id}/adjust`, { amount: 5000, reason: 'same' });
    expect(same.statusCode).toBe(400);
    const noReason = await call(ctx, 'officer', 'POST', `/subsidy/claims/${id}/adjust`, { amount: 4000 });
    expect(noReason.statusCode).toBe(400);
    expect(issues(noReason).map((i) => i.path)).toContain('body.reason');
    const down = await ok(ctx, 'officer', 'POST', `/subsidy/claims/${id}/adjust`, { amount: 4000, reason: '部分利息不属于质押贷款' });
    expect(down.amount).toBe(4000);
    expect(down.engineAmount).toBe(5000);
    expect(down.determination.adjustmentReason).toBe('部分利息不属于质押贷款');
    const rows = await audit(id);
    expect(rows.at(-1)).toMatchObject({ action: 'subsidy.claim.adjust', diff: { before: { amount: 500000 }, after: { amount: 400000, reason: '部分利息不属于质押贷款' } } });
  });

  it('determines below the engine amount only with a reason, never above', async () => {
    const id = await claimUnderReview(ctx, ipLoanClaim(10_000, nextMatter(), '2026-02-03'));
    expect((await call(ctx, 'officer', 'POST', `/subsidy/claims/${id}/determine`, { amount: 5000.01 })).statusCode).toBe(400);
    const noReason = await call(ctx, 'officer', 'POST', `/subsidy/claims/${id}/determine`, { amount: 100 });
    expect(issues(noReason).map((i) => i.path)).toEqual(['body.reason']);
    expect((await ok(ctx, 'officer', 'POST', `/subsidy/claims/${id}/determine`, { amount: 100, reason: '票据不全' })).amount).toBe(100);
  });

  it('needs a second officer above the threshold; the determiner cannot approve it', async () => {
    await ok(ctx, 'admin', 'PUT', '/subsidy/settings', { secondApprovalThreshold: 100_000 });
    try {
      const id = await claimUnderReview(ctx, ipLoanClaim(400_000, nextMatter(), '2026-04-01'));
      const d = await ok(ctx, 'officer', 'POST', `/subsidy/claims/${id}/determine`);
      expect(d.determination.needsSecondApproval).toBe(true);
      const early = await call(ctx, 'officer', 'POST', `/subsidy/claims/${id}/publish`);
      expect(early.statusCode).toBe(409);
      expect(early.json().message).toContain('second-approval threshold');
      const self = await call(ctx, 'officer', 'POST', `/subsidy/claims/${id}/approve-determination`);
      expect(self.statusCode).toBe(409);
      expect(self.json().message).toContain('four-eyes');
      const approved = await ok(ctx, 'officer2', 'POST', `/subsidy/claims/${id}/approve-determination`);
      expect(approved.determination.secondApprovedBy).toMatchObject({ id: ctx.ids.users.officer2, username: 'officer2' });
      expect(approved.determination.determinedBy).toMatchObject({ id: ctx.ids.users.officer, username: 'officer' });
      expect((await ok(ctx, 'officer', 'POST', `/subsidy/claims/${id}/publish`)).status).toBe('in_public_notice');

      const small = await claimUnderReview(ctx, ipLoanClaim(200_000, nextMatter(), '2026-04-02'));
      const s = await ok(ctx, 'officer', 'POST', `/subsidy/claims/${small}/determine`);
      expect(s.determination.needsSecondApproval).toBe(false); // exactly 100,000 is not above it
      expect((await call(ctx, 'officer2', 'POST', `/subsidy/claims/${small}/approve-determination`)).statusCode).toBe(409);
    } finally {
      await ok(ctx, 'admin', 'PUT', '/subsidy/settings', { secondApprovalThreshold: 1_000_000 });
    }
  });
});

describe('payment', () => {
  it('is idempotent on the Idempotency-Key and happens at most once', async () => {
    const id = await claimIn('approved_for_payment');
    const noKey = await call(ctx, 'officer', 'POST', `/subsidy/claims/${id}/pay`, { paymentReference: 'BANK-1' });
    expect(noKey.statusCode).toBe(400);
    expect(issues(noKey)[0]!.path).toBe('headers.idempotency-key');
    const first = await ok(ctx, 'officer', 'POST', `/subsidy/claims/${id}/pay`, { paymentReference: 'BANK-1' }, 200, { 'idempotency-key': 'pay-abc' });
    const replay = await ok(ctx, 'officer', 'POST', `/subsidy/claims/${id}/pay`, { paymentReference: 'BANK-1' }, 200, { 'idempotency-key': 'pay-abc' });
    expect(replay.payment).toEqual(first.payment);
    const again = await call(ctx, 'officer', 'POST', `/subsidy/claims/${id}/pay`, { paymentReference: 'BANK-2' }, { 'idempotency-key': 'pay-def' });
    expect(again.statusCode).toBe(409);
    expect((await audit(id)).filter((r) => r.action === 'subsidy.claim.pay')).toHaveLength(1);
    const other = await claimIn('approved_for_payment');
    const reused = await call(ctx, 'officer', 'POST', `/subsidy/claims/${other}/pay`, { paymentReference: 'BANK-3' }, { 'idempotency-key': 'pay-abc' });
    expect(reused.statusCode).toBe(409);
  });

  it('pays once when the same request arrives twice at the same moment', async () => {
    const id = await claimIn('approved_for_payment');
    const [a, b] = await Promise.all([1, 2].map(() => call(ctx, 'officer', 'POST', `/subsidy/claims/${id}/pay`, { paymentReference: 'BANK-9' }, { 'idempotency-key': 'same-moment' })));
    expect([a!.statusCode, b!.statusCode]).toEqual([200, 200]);
    expect(a!.json().payment).toEqual(b!.json().payment);
    expect((await audit(id)).filter((r) => r.action === 'subsidy.claim.pay')).toHaveLength(1);
  });
});

describe('budgets', () => {
  it('reports allocated, committed, paid and remaining, and refuses a determination that would exceed it', async () => {
    await setBudget(ctx, 'YP2025-8.1', 2026, 100_000);
    const body = { measure: 'YP2025-8.1', eventDate: '2026-05-01', matter: 'ABS-1', facts: { issuanceCost: 120_000 } };
    const first = await claimUnderReview(ctx, body);
    expect((await ok(ctx, 'officer', 'POST', `/subsidy/claims/${first}/determine`)).amount).toBe(60_000);
    const second = await claimUnderReview(ctx, { ...body, matter: 'ABS-2' }, 'entB');
    const refused = await call(ctx, 'officer', 'POST', `/subsidy/claims/${second}/determine`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('budget exceeded: YP2025-8.1 2026 has 100000 allocated, 60000 committed and 0 paid, so 40000 remains; this determination needs 60000');
    const b = await ok(ctx, 'auditor', 'GET', '/subsidy/budgets?year=2026');
    expect(b.items.find((i: { measure: string }) => i.measure === 'YP2025-8.1')).toMatchObject({ allocated: 100_000, committed: 60_000, paid: 0, remaining: 40_000 });
    // Lowering below what is committed is refused; raising it lets the determination through.
    expect((await call(ctx, 'officer', 'PUT', '/subsidy/budgets/YP2025-8.1/2026', { allocated: 50_000 })).statusCode).toBe(409);
    await setBudget(ctx, 'YP2025-8.1', 2026, 120_000);
    expect((await ok(ctx, 'officer', 'POST', `/subsidy/claims/${second}/determine`)).amount).toBe(60_000);
    const rows = await ctx.db.selectFrom('audit_log').select(['action', 'diff']).where('entity_id', '=', 'YP2025-8.1/2026').orderBy('seq').execute();
    expect(rows.map((r) => (r.diff as { after: { allocated: number } }).after.allocated)).toEqual([10_000_000, 12_000_000]);
  });

  it('refuses a determination when no budget is allocated', async () => {
    const id = await claimUnderReview(ctx, { measure: 'YP2025-7.2', eventDate: '2026-05-01', facts: { intermediaryFees: 1000 } });
    const res = await call(ctx, 'officer', 'POST', `/subsidy/claims/${id}/determine`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('no budget is allocated for YP2025-7.2 in 2026');
  });
});

describe('scoping', () => {
  it('shows enterprise users only their own claims (others are 404), auditors read-only', async () => {
    const id = await claimUnderReview(ctx, ipLoanClaim(1000, nextMatter(), '2026-06-01'));
    expect((await call(ctx, 'entB', 'GET', `/subsidy/claims/${id}`)).statusCode).toBe(404);
    expect((await call(ctx, 'bank', 'GET', `/subsidy/claims/${id}`)).statusCode).toBe(404);
    expect((await call(ctx, 'entB', 'POST', `/subsidy/claims/${id}/withdraw`, { reason: 'x' })).statusCode).toBe(404);
    expect((await call(ctx, 'auditor', 'GET', `/subsidy/claims/${id}`)).statusCode).toBe(200);
    expect((await call(ctx, 'auditor', 'POST', `/subsidy/claims/${id}/determine`)).statusCode).toBe(403);
    const listB = await ok(ctx, 'entB', 'GET', '/subsidy/claims?pageSize=200');
    expect(listB.items.every((c: { beneficiary: { enterpriseId: string } }) => c.beneficiary.enterpriseId === ctx.ids.enterpriseB)).toBe(true);
    const listA = await ok(ctx, 'entA', 'GET', '/subsidy/claims?pageSize=200');
    expect(listA.items.map((c: { id: string }) => c.id)).toContain(id);
    expect(listA.items.some((c: { beneficiary: { enterpriseId: string } }) => c.beneficiary.enterpriseId !== ctx.ids.enterpriseA)).toBe(false);
  });

  it('lets an institution claim for its organisation and see only those', async () => {
    const uscc = makeUscc(777001);
    const body = { measure: 'YP2025-11', eventDate: '2026-03-01', facts: {}, beneficiary: { uscc, registeredInYangpu: true, registeredInShanghai: true } };
    const c = await ok(ctx, 'bank', 'POST', '/subsidy/claims', body, 201);
    expect(c.beneficiary).toMatchObject({ uscc, kind: 'bank', organizationId: ctx.ids.bankOrg, enterpriseId: null });
    expect((await call(ctx, 'bank2', 'GET', `/subsidy/claims/${c.id}`)).statusCode).toBe(404);
    expect((await call(ctx, 'entA', 'GET', `/subsidy/claims/${c.id}`)).statusCode).toBe(404);
    const missing = await call(ctx, 'bank', 'POST', '/subsidy/claims', { ...body, beneficiary: { kind: 'guarantor' } });
    expect(issues(missing).map((i) => i.path).sort()).toEqual(['body.beneficiary.kind', 'body.beneficiary.registeredInShanghai', 'body.beneficiary.registeredInYangpu', 'body.beneficiary.uscc']);
  });
});

describe('bad input names the field', () => {
  it.each([
    ['an unknown measure', { ...ipLoanClaim(1000), measure: 'YP2099-1' }, 'body.measure'],
    ['a missing fact', { ...ipLoanClaim(1000), facts: {} }, 'body.facts.interestPaid'],
    ['a negative amount', ipLoanClaim(-5), 'body.facts.interestPaid'],
    ['an impossible date', { ...ipLoanClaim(1000), eventDate: '2025-02-30' }, 'body.eventDate'],
    ['a missing matter in a non-duplication group', { measure: 'YP2025-8.2', eventDate: '2025-06-30', facts: { interestPaid: 1 } }, 'body.matter'],
    ['a service measure', { measure: 'YP2025-13', eventDate: '2025-06-30', facts: {} }, 'body.measure'],
    ['an unknown field', { ...ipLoanClaim(1000), extra: 1 }, 'body.extra'],
  ])('%s → 400 at %s', async (_name, body, path) => {
    const res = await call(ctx, 'entA', 'POST', '/subsidy/claims', body);
    expect(res.statusCode, res.body).toBe(400);
    expect(issues(res).map((i) => i.path)).toContain(path);
  });

  it('edits a draft only (409 after submission) and re-checks facts', async () => {
    const c = await ok(ctx, 'entA', 'POST', '/subsidy/claims', ipLoanClaim(1000, nextMatter()), 201);
    expect(c.status).toBe('draft');
    const bad = await call(ctx, 'entA', 'PATCH', `/subsidy/claims/${c.id}`, { facts: { interestPaid: 'lots' } });
    expect(issues(bad)[0]!.path).toBe('body.facts.interestPaid');
    expect((await ok(ctx, 'entA', 'PATCH', `/subsidy/claims/${c.id}`, { facts: { interestPaid: 2000 } })).facts).toEqual({ interestPaid: 2000 });
    await ok(ctx, 'entA', 'POST', `/subsidy/claims/${c.id}/submit`);
    expect((await call(ctx, 'entA', 'PATCH', `/subsidy/claims/${c.id}`, { facts: { interestPaid: 3000 } })).statusCode).toBe(409);
  });
});

describe('evidence files', () => {
  it('stores uploads in the database, lists and downloads them within scope, and limits their size', async () => {
    const c = await ok(ctx, 'entA', 'POST', '/subsidy/claims', ipLoanClaim(1000, nextMatter()), 201);
    const m = multipartFile('贷款合同.pdf', Buffer.from('%PDF-1.4 contract'));
    const up = await ctx.as('entA', { method: 'POST', url: `/api/v1/subsidy/claims/${c.id}/files`, payload: m.payload, headers: m.headers });
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json();
    expect(file).toMatchObject({ filename: '贷款合同.pdf', size: 17 });
    const down = await call(ctx, 'officer', 'GET', `/subsidy/claims/${c.id}/files/${file.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.toString()).toBe('%PDF-1.4 contract');
    expect(down.headers['content-disposition']).toContain(encodeURIComponent('贷款合同.pdf'));
    expect((await call(ctx, 'entB', 'GET', `/subsidy/claims/${c.id}/files/${file.id}`)).statusCode).toBe(404);
    const detail = await ok(ctx, 'entA', 'GET', `/subsidy/claims/${c.id}`);
    expect(detail.files.map((f: { id: string }) => f.id)).toEqual([file.id]);
    const big = multipartFile('big.bin', Buffer.alloc(65 * 1024, 1));
    const tooBig = await ctx.as('entA', { method: 'POST', url: `/api/v1/subsidy/claims/${c.id}/files`, payload: big.payload, headers: big.headers });
    expect(tooBig.statusCode).toBe(413);
    const other = multipartFile('x.txt', 'x');
    expect((await ctx.as('entB', { method: 'POST', url: `/api/v1/subsidy/claims/${c.id}/files`, payload: other.payload, headers: other.headers })).statusCode).toBe(404);
  });
});
