import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, multipartFile, type TestContext } from '../helpers/app';
import { api, applicationInReview, expectStatus, newMeeting, recommendedTo, seedProducts } from './helpers';

let ctx: TestContext;
let a: ReturnType<typeof api>;
beforeAll(async () => {
  ctx = await createTestContext();
  a = api(ctx);
  await seedProducts(ctx);
});
afterAll(async () => ctx?.close());

const auditActions = async (id: string) =>
  (await ctx.db.selectFrom('audit_log').select(['action', 'actor_username']).where('entity_type', '=', 'application').where('entity_id', '=', id).orderBy('seq').execute());

describe('the full path through the API, each role doing its part', () => {
  it('draft → submitted → screening → review → recommended → accepted → approved → disbursed, with a loan', async () => {
    const draft = expectStatus(await a.post('entA', '/applications', { productCode: 'LYD', requestedAmount: 2_000_000.5, requestedTermMonths: 12, purpose: '购置设备' }), 201);
    expect(draft).toMatchObject({ status: 'draft', applicationNo: expect.stringMatching(/^RZ\d{4}-\d{6}$/), requestedAmount: 2_000_000.5, product: { code: 'LYD' }, nextActions: ['submit', 'withdraw'] });
    const id = draft.id as string;
    expectStatus(await ctx.as('entA', { method: 'PATCH', url: `/api/v1/applications/${id}`, payload: { requestedAmount: 3_000_000 } }), 200);

    const doc = multipartFile('营业执照.pdf', '%PDF-1.4 licence');
    expectStatus(await ctx.as('entA', { method: 'POST', url: `/api/v1/applications/${id}/documents`, payload: doc.payload, headers: doc.headers }), 201);

    expect(expectStatus(await a.action('entA', id, 'submit'), 200)).toMatchObject({ status: 'submitted', submittedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    // The screening queue: oldest submission first.
    const queue = expectStatus(await a.get('officer', '/applications?status=submitted,screening&order=queue'), 200);
    expect(queue.items.map((x: { id: string }) => x.id)).toContain(id);

    expectStatus(await a.action('officer', id, 'screen'), 200);
    expectStatus(await a.action('officer', id, 'send-to-review'), 200);
    // Reviewers see applications in review and score them.
    expectStatus(await a.get('reviewer', `/applications/${id}`), 200);
    const meetingId = await newMeeting(ctx);
    expectStatus(await a.action('reviewer', id, 'reviews', { score: 86, opinion: '技术领先', decision: 'recommend', meetingId }), 200);
    expectStatus(await a.action('reviewer', id, 'reviews', { score: 90, meetingId }), 409);

    const rec = expectStatus(await a.action('officer', id, 'recommend', { bankCode: 'BANK1', amount: 2_500_000, meetingId }), 200);
    expect(rec).toMatchObject({ status: 'recommended', recommendation: { bank: { code: 'BANK1' }, productCode: 'LYD', amount: 2_500_000 } });
    expect(rec.assignments).toHaveLength(1);

    const inbox = expectStatus(await a.get('bank', '/applications/inbox'), 200);
    expect(inbox.items.map((x: { id: string }) => x.id)).toContain(id);
    expectStatus(await a.action('bank', id, 'accept'), 200);
    const approved = expectStatus(await a.action('bank', id, 'approve', { amount: 2_400_000, rate: '0.0385', termMonths: 12, decidedOn: rec.recommendation.on }), 200);
    expect(approved).toMatchObject({ status: 'approved', approval: { amount: 2_400_000, rate: '0.0385', termMonths: 12 } });

    const disbursed = expectStatus(await a.action('bank', id, 'disburse', { loanNo: 'JK-0001', collateralMode: 'performance_insurance', repaymentMethod: 'equal_instalment', startDate: '2031-01-31' }), 200);
    expect(disbursed.status).toBe('disbursed');
    expect(disbursed.loan).toMatchObject({ loanNo: 'JK-0001', principal: 2_400_000, annualRate: '0.0385', termMonths: 12, startDate: '2031-01-31', maturityDate: '2032-01-31', firstTimeBorrower: true });

    const loan = await ctx.db.selectFrom('loans').selectAll().where('application_id', '=', id).executeTakeFirstOrThrow();
    expect(loan).toMatchObject({ bank_org_id: ctx.ids.bankOrg, enterprise_id: ctx.ids.enterpriseA, principal: 2_400_000_00, first_time_borrower: true, collateral_mode: 'performance_insurance' });

    // Every move is in the history with its actor, and in the audit log in the same order.
    const detail = expectStatus(await a.get('officer', `/applications/${id}`), 200);
    expect(detail.history.map((h: { action: string; actor: string }) => `${h.action}:${h.actor}`)).toEqual([
      'create:entA', 'submit:entA', 'screen:officer', 'send_to_review:officer', 'score:reviewer', 'recommend:officer', 'accept:bank', 'approve:bank', 'disburse:bank',
    ]);
    expect((await auditActions(id)).map((r) => `${r.action}:${r.actor_username}`)).toEqual([
      'application.create:entA', 'application.update:entA', 'application.document.add:entA', 'application.submit:entA', 'application.screen:officer',
      'application.send_to_review:officer', 'application.score:reviewer', 'application.recommend:officer', 'application.accept:bank', 'application.approve:bank', 'application.disburse:bank',
    ]);
    // The enterprise follows its progress but does not see the reviewers' score sheets.
    const own = expectStatus(await a.get('entA', `/applications/${id}`), 200);
    expect(own.status).toBe('disbursed');
    expect(own.reviews).toEqual([]);
    expect(detail.reviews).toHaveLength(1);
  });

  it('computes the first-time-borrower flag from the enterprise\'s earlier loans', async () => {
    const id = await recommendedTo(ctx, 'BANK1', 1_000_000);
    expectStatus(await a.action('bank', id, 'accept'), 200);
    expectStatus(await a.action('bank', id, 'approve', { amount: 1_000_000, rate: 0.04, termMonths: 6 }), 200);
    expectStatus(await a.action('bank', id, 'disburse', { loanNo: 'JK-0001', collateralMode: 'credit', repaymentMethod: 'interest_only', startDate: '2032-06-01' }), 409);
    const d = expectStatus(await a.action('bank', id, 'disburse', { loanNo: 'JK-0002', collateralMode: 'credit', repaymentMethod: 'interest_only', startDate: '2032-06-01' }), 200);
    expect(d.loan).toMatchObject({ firstTimeBorrower: false, maturityDate: '2032-12-01', annualRate: '0.04' });
  });
});

describe('illegal moves and bad input', () => {
  it('answers 409 for a move the table does not list, 403 for the wrong role, 400 naming the field', async () => {
    const id = await applicationInReview(ctx);
    expect(expectStatus(await a.action('entA', id, 'withdraw'), 409).message).toMatch(/cannot withdraw an application that is review/);
    expectStatus(await a.action('officer', id, 'screen'), 409);
    expectStatus(await a.action('bank', id, 'accept'), 404); // not recommended to BANK1: out of its scope
    expect(expectStatus(await a.action('officer', id, 'recommend', { bankCode: 'BANK1', amount: 100 }), 400).issues).toEqual([{ path: 'body.meetingId', message: expect.stringMatching(/review meeting/) }]);
    const meetingId = await newMeeting(ctx);
    expect(expectStatus(await a.action('officer', id, 'recommend', { bankCode: 'NOPE', amount: 100, meetingId }), 400).issues[0].path).toBe('body.bankCode');
    expect(expectStatus(await a.action('officer', id, 'recommend', { bankCode: 'BANK2', productCode: 'CRD', amount: 100, meetingId }), 400).message).toMatch(/BANK2 does not offer product CRD/);
    expect(expectStatus(await a.action('officer', id, 'recommend', { bankCode: 'BANK1', amount: 100.001, meetingId }), 400).issues[0].path).toBe('body.amount');
    expect(expectStatus(await a.action('officer', id, 'recommend', { bankCode: 'BANK1', amount: 100, meetingId, extra: 1 }), 400).issues[0].path).toBe('body.extra');
    expect(expectStatus(await a.action('officer', id, 'defer', { meetingId }), 400).issues[0].path).toBe('body.reason');
    expectStatus(await a.action('reviewer', id, 'recommend', { bankCode: 'BANK1', amount: 100, meetingId }), 403);
    const deferred = expectStatus(await a.action('officer', id, 'defer', { reason: '需补充专利材料', meetingId }), 200);
    expect(deferred).toMatchObject({ status: 'deferred', deferralReason: '需补充专利材料' });
    expectStatus(await a.action('reviewer', id, 'reviews', { score: 50 }), 404); // no longer in review, and never scored by this reviewer
    expectStatus(await a.action('officer', id, 'reject', { reason: 'x', meetingId }), 409);
    expect(expectStatus(await a.post('entA', '/applications', { requestedAmount: 1, productCode: 'NOPE' }), 400).issues[0].path).toBe('body.productCode');
  });

  it('lets the enterprise withdraw while screening, and not an application of another enterprise', async () => {
    const created = expectStatus(await a.post('entA', '/applications', { requestedAmount: 500_000, submit: true }), 201);
    expectStatus(await a.action('entB', created.id, 'withdraw'), 404);
    expectStatus(await a.action('officer', created.id, 'screen'), 200);
    expect(expectStatus(await a.action('entA', created.id, 'withdraw', { reason: '已获得其他融资' }), 200).status).toBe('withdrawn');
    expectStatus(await a.action('entA', created.id, 'withdraw'), 409);
  });
});

describe('reassignment (更换银行) keeps the whole history', () => {
  it('declined by BANK1, reassigned, recommended to BANK2; BANK1 no longer sees it', async () => {
    const id = await recommendedTo(ctx, 'BANK1', 1_500_000);
    expectStatus(await a.action('bank', id, 'accept'), 200);
    // Not yet declined and no warning line crossed: reassigning now is a conflict.
    expect(expectStatus(await a.action('officer', id, 'reassign', { reason: '企业要求' }), 409).message).toMatch(/warning line/);
    expectStatus(await a.action('bank', id, 'decline', { reason: '抵押不足' }), 200);
    expectStatus(await a.action('officer', id, 'reassign', { reason: '银行拒贷，更换银行' }), 200);
    expectStatus(await a.get('bank', `/applications/${id}`), 404);
    expect(expectStatus(await a.action('officer', id, 'recommend', { bankCode: 'BANK1', amount: 1_500_000 }), 400).issues[0].path).toBe('body.bankCode');
    const again = expectStatus(await a.action('officer', id, 'recommend', { bankCode: 'BANK2', amount: 1_200_000 }), 200);
    expect(again.assignments).toEqual([
      expect.objectContaining({ seq: 1, bank: expect.objectContaining({ code: 'BANK1' }), amount: 1_500_000, endedOn: expect.any(String), endReason: '银行拒贷，更换银行' }),
      expect.objectContaining({ seq: 2, bank: expect.objectContaining({ code: 'BANK2' }), amount: 1_200_000, endedOn: null }),
    ]);
    expect(again.history.map((h: { action: string }) => h.action)).toEqual(['create', 'submit', 'screen', 'send_to_review', 'recommend', 'accept', 'decline', 'reassign', 'recommend']);
    expect(again.history.find((h: { action: string }) => h.action === 'reassign').data).toMatchObject({ fromBankCode: 'BANK1', assignmentSeq: 1 });

    // BANK2 sees its own part only; BANK1's inbox does not hold it (scoping → 404).
    const b2 = expectStatus(await a.get('bank2', `/applications/${id}`), 200);
    expect(b2.assignments.map((s: { bank: { code: string } }) => s.bank.code)).toEqual(['BANK2']);
    expect(b2.history.map((h: { action: string }) => h.action)).toEqual(['recommend']);
    const inbox1 = expectStatus(await a.get('bank', '/applications/inbox?pageSize=200'), 200);
    expect(inbox1.items.map((x: { id: string }) => x.id)).not.toContain(id);
    expectStatus(await a.action('bank', id, 'accept'), 404);
    expectStatus(await a.action('bank2', id, 'accept'), 200);
  });
});

describe('scoping', () => {
  it('bank2 cannot see, download from or act on BANK1\'s inbox items (404)', async () => {
    const id = await recommendedTo(ctx, 'BANK1');
    const doc = multipartFile('minutes.pdf', '%PDF minutes');
    const added = expectStatus(await ctx.as('officer', { method: 'POST', url: `/api/v1/applications/${id}/documents`, payload: doc.payload, headers: doc.headers }), 201);
    expectStatus(await a.get('bank2', `/applications/${id}`), 404);
    expectStatus(await a.get('bank2', `/applications/${id}/documents/${added.id}`), 404);
    expectStatus(await a.action('bank2', id, 'accept'), 404);
    const inbox2 = expectStatus(await a.get('bank2', '/applications/inbox?pageSize=200'), 200);
    expect(inbox2.items.map((x: { id: string }) => x.id)).not.toContain(id);
    const list2 = expectStatus(await a.get('bank2', '/applications?pageSize=200'), 200);
    expect(list2.items.map((x: { id: string }) => x.id)).not.toContain(id);
    // BANK1 downloads it; the download is logged.
    const res = await a.get('bank', `/applications/${id}/documents/${added.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('%PDF minutes');
    const logged = await ctx.db.selectFrom('audit_log').select(['actor_username', 'diff']).where('action', '=', 'application.document.download').where('entity_id', '=', id).execute();
    expect(logged).toEqual([expect.objectContaining({ actor_username: 'bank' })]);
    expectStatus(await a.get('entB', `/applications/${id}`), 404);
    expectStatus(await a.get('entA', `/applications/${id}`), 200);
  });

  it('refuses documents above the size limit', async () => {
    const id = await applicationInReview(ctx);
    const big = multipartFile('big.bin', Buffer.alloc(10 * 1024 * 1024 + 1, 1));
    expectStatus(await ctx.as('entA', { method: 'POST', url: `/api/v1/applications/${id}/documents`, payload: big.payload, headers: big.headers }), 413);
    expect(await ctx.db.selectFrom('application_documents').select('id').where('application_id', '=', id).execute()).toEqual([]);
  });
});
