import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/server/platform/audit';
import { todayInShanghai } from '../../src/server/platform/dates';
import { createTestContext, type TestContext } from '../helpers/app';
import { call, createPool, enrolledNpl, loan, ok, poolBody, reviewedClaim, setStanding } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const claim = (id: string, user: 'officer' | 'bank' | 'bank2' | 'auditor' = 'officer') => ok(ctx, user, 'GET', `/risk-pool-claims/${id}`);
const pool = (id: string, user: 'officer' | 'bank' | 'bank2' | 'auditor' = 'officer') => ok(ctx, user, 'GET', `/risk-pools/${id}`);

describe('pools', () => {
  it('are created with their terms, and bad terms are 400 naming the field', async () => {
    const p = await ok(ctx, 'officer', 'POST', '/risk-pools', { sponsorOrgId: ctx.ids.office, ...poolBody({ mode: 'upfront', share: 0.55, collateralModes: ['ip_pledge'], perLoanCap: 5_000_000, perBankYearCap: 20_000_000 }) }, 201);
    expect(p).toMatchObject({ mode: 'upfront', share: 0.55, collateralModes: ['ip_pledge'], perLoanCap: 5_000_000, perBankYearCap: 20_000_000, nplTolerance: 0.03, balance: 0, status: 'active' });
    for (const [field, value] of [['share', 1.5], ['share', 0], ['share', 0.12345], ['nplTolerance', -0.1], ['mode', 'other'], ['perLoanCap', 0], ['collateralModes', ['gold']]] as const) {
      const res = await call(ctx, 'officer', 'POST', '/risk-pools', { sponsorOrgId: ctx.ids.office, ...poolBody({ [field]: value }) });
      expect(res.statusCode, `${field}=${JSON.stringify(value)}`).toBe(400);
      expect(JSON.stringify(res.json().issues)).toContain(field);
    }
    const enterpriseSponsor = await call(ctx, 'officer', 'POST', '/risk-pools', { sponsorOrgId: ctx.ids.orgA, ...poolBody() });
    expect(enterpriseSponsor.statusCode).toBe(400);
    expect(enterpriseSponsor.json().issues[0].path).toBe('body.sponsorOrgId');
    const dup = await call(ctx, 'officer', 'POST', '/risk-pools', { sponsorOrgId: ctx.ids.office, ...poolBody({ code: p.code }) });
    expect(dup.statusCode).toBe(409);
  });

  it('take contributions into the ledger; a retried contribution (same Idempotency-Key) counts once', async () => {
    const id = await createPool(ctx);
    const body = { amount: 1_000_000, contributedOn: '2025-03-01', reference: '杨财预〔2025〕1号' };
    const first = await ok(ctx, 'officer', 'POST', `/risk-pools/${id}/contributions`, body, 201, { 'idempotency-key': 'c-1' });
    expect(first.pool.balance).toBe(1_000_000);
    const again = await ok(ctx, 'officer', 'POST', `/risk-pools/${id}/contributions`, body, 200, { 'idempotency-key': 'c-1' });
    expect(again).toMatchObject({ replayed: true, pool: { balance: 1_000_000, contributed: 1_000_000 } });
    const other = await call(ctx, 'officer', 'POST', `/risk-pools/${id}/contributions`, { ...body, amount: 5 }, { 'idempotency-key': 'c-1' });
    expect(other.statusCode).toBe(409);
    const future = await call(ctx, 'officer', 'POST', `/risk-pools/${id}/contributions`, { ...body, contributedOn: '2999-01-01' });
    expect(future.json().issues[0].path).toBe('body.contributedOn');
    const ledger = await ok(ctx, 'auditor', 'GET', `/risk-pools/${id}/ledger`);
    expect(ledger.items).toMatchObject([{ kind: 'contribution', amount: 1_000_000, balanceAfter: 1_000_000, entryDate: '2025-03-01', reference: '杨财预〔2025〕1号' }]);
  });
});

describe('enrolment', () => {
  it('must match the pool\'s coverage (400 with each reason) and the pool\'s state (409)', async () => {
    const product = await ctx.db.insertInto('products').values({ code: 'RP-IP', name: '知识产权质押贷', type: 'ip_pledge_loan', owner_org_id: ctx.ids.bankOrg }).returning('id').executeTakeFirstOrThrow();
    const id = await createPool(ctx, { collateralModes: ['ip_pledge'], productIds: [product.id] });
    const credit = await loan(ctx, { collateral: 'credit' });
    const res = await call(ctx, 'bank', 'POST', `/risk-pools/${id}/enrolments`, { loanId: credit, enrolledOn: '2025-02-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.map((i: { path: string; message: string }) => i.message).join(' | ')).toMatch(/collateral mode credit is not covered.*\|.*no product/);

    const ip = await loan(ctx, { collateral: 'ip_pledge', productId: product.id });
    const e = await ok(ctx, 'bank', 'POST', `/risk-pools/${id}/enrolments`, { loanId: ip, enrolledOn: '2025-02-01' }, 201);
    expect(e).toMatchObject({ loan: { id: ip, collateralMode: 'ip_pledge' }, principal: 1_000_000, standing: { finalClass: 'normal' } });
    expect((await call(ctx, 'bank', 'POST', `/risk-pools/${id}/enrolments`, { loanId: ip, enrolledOn: '2025-02-01' })).statusCode).toBe(409);
    const other = await createPool(ctx);
    expect((await call(ctx, 'officer', 'POST', `/risk-pools/${other}/enrolments`, { loanId: ip, enrolledOn: '2025-02-01' })).json().message).toContain('already enrolled');

    const bad = await loan(ctx, { finalClass: 'doubtful' });
    expect((await call(ctx, 'bank', 'POST', `/risk-pools/${other}/enrolments`, { loanId: bad, enrolledOn: '2025-02-01' })).statusCode).toBe(409);
    // Another bank's loan is not there for BANK2 (404), and a date before the loan began is a 400.
    const mine = await loan(ctx);
    expect((await call(ctx, 'bank2', 'POST', `/risk-pools/${other}/enrolments`, { loanId: mine, enrolledOn: '2025-02-01' })).statusCode).toBe(404);
    expect((await call(ctx, 'bank', 'POST', `/risk-pools/${other}/enrolments`, { loanId: mine, enrolledOn: '2024-01-01' })).json().issues[0].path).toBe('body.enrolledOn');
    await ok(ctx, 'officer', 'PATCH', `/risk-pools/${other}`, { status: 'closed', reason: '资金池到期' });
    expect((await call(ctx, 'bank', 'POST', `/risk-pools/${other}/enrolments`, { loanId: mine, enrolledOn: '2025-02-01' })).statusCode).toBe(409);
  });

  it('are scoped: a bank lists its own, staff and auditors all', async () => {
    const id = await createPool(ctx);
    await enrolledNpl(ctx, id, { bank: 'bank' });
    await enrolledNpl(ctx, id, { bank: 'bank2' });
    expect((await ok(ctx, 'bank', 'GET', `/risk-pool-enrolments?poolId=${id}`)).total).toBe(1);
    expect((await ok(ctx, 'bank2', 'GET', `/risk-pool-enrolments?poolId=${id}`)).total).toBe(1);
    expect((await ok(ctx, 'auditor', 'GET', `/risk-pool-enrolments?poolId=${id}`)).total).toBe(2);
    expect((await call(ctx, 'entA', 'GET', `/risk-pool-enrolments?poolId=${id}`)).statusCode).toBe(403);
  });
});

describe('claims', () => {
  it('filed on a non-performing enrolled loan only, with loss = principal at default − recoveries so far', async () => {
    const id = await createPool(ctx, {}, 10_000_000);
    const performing = await loan(ctx);
    await ok(ctx, 'bank', 'POST', `/risk-pools/${id}/enrolments`, { loanId: performing, enrolledOn: '2025-02-01' }, 201);
    const body = { loanId: performing, defaultedOn: '2025-10-01', principalAtDefault: 800_000, recoveriesSoFar: 50_000 };
    expect((await call(ctx, 'bank', 'POST', '/risk-pool-claims', body)).statusCode).toBe(409);
    await setStanding(ctx, performing, 'special_mention', 800_000_00);
    expect((await call(ctx, 'bank', 'POST', '/risk-pool-claims', body)).statusCode).toBe(409);
    await setStanding(ctx, performing, 'substandard', 800_000_00);
    expect((await call(ctx, 'bank', 'POST', '/risk-pool-claims', { ...body, principalAtDefault: 2_000_000 })).json().issues[0].path).toBe('body.principalAtDefault');
    expect((await call(ctx, 'bank', 'POST', '/risk-pool-claims', { ...body, recoveriesSoFar: 800_000 })).json().issues[0].path).toBe('body.recoveriesSoFar');
    expect((await call(ctx, 'bank2', 'POST', '/risk-pool-claims', body)).statusCode).toBe(404);
    const c = await ok(ctx, 'bank', 'POST', '/risk-pool-claims', body, 201);
    expect(c).toMatchObject({ status: 'filed', loss: 750_000, principalAtDefault: 800_000, recoveriesBefore: 50_000, actions: ['withdraw'] });
    expect((await call(ctx, 'bank', 'POST', '/risk-pool-claims', body)).json().message).toContain('open claim');
    // Scoping: BANK2 cannot see it, auditors can, enterprises have no access.
    expect((await call(ctx, 'bank2', 'GET', `/risk-pool-claims/${c.id}`)).statusCode).toBe(404);
    expect((await claim(c.id, 'auditor')).actions).toEqual([]);
    expect((await call(ctx, 'entA', 'GET', `/risk-pool-claims/${c.id}`)).statusCode).toBe(403);
  });

  it('go filed → reviewed → approved by a second officer → paid: 90% of the accepted loss, audited', async () => {
    const id = await createPool(ctx, {}, 10_000_000);
    const loanId = await enrolledNpl(ctx, id);
    const c = await ok(ctx, 'bank', 'POST', '/risk-pool-claims', { loanId, defaultedOn: '2025-10-01', principalAtDefault: 1_000_000, recoveriesSoFar: 100_000 }, 201);
    expect((await call(ctx, 'officer', 'POST', `/risk-pool-claims/${c.id}/approve`, {})).statusCode).toBe(409); // not reviewed yet
    const lower = await call(ctx, 'officer', 'POST', `/risk-pool-claims/${c.id}/review`, { assessedLoss: 800_000 });
    expect(lower.json().issues[0].path).toBe('body.note');
    expect((await call(ctx, 'officer', 'POST', `/risk-pool-claims/${c.id}/review`, { assessedLoss: 950_000 })).json().issues[0].path).toBe('body.assessedLoss');
    const reviewed = await ok(ctx, 'officer', 'POST', `/risk-pool-claims/${c.id}/review`, { assessedLoss: 800_000, note: '抵押物处置回收 10 万元未计入' });
    expect(reviewed).toMatchObject({ status: 'reviewed', assessedLoss: 800_000, reviewedBy: { username: 'officer' } });
    expect((await claim(c.id)).actions).toEqual(['reject']); // the reviewer may not approve
    const self = await call(ctx, 'officer', 'POST', `/risk-pool-claims/${c.id}/approve`, {});
    expect(self.statusCode).toBe(403);
    expect(self.json().message).toContain('four-eyes');
    expect((await call(ctx, 'bank', 'POST', `/risk-pool-claims/${c.id}/approve`, {})).statusCode).toBe(403);
    const paid = await ok(ctx, 'officer2', 'POST', `/risk-pool-claims/${c.id}/approve`, {});
    expect(paid).toMatchObject({ status: 'paid', share: 0.9, payable: 720_000, paid: 720_000, owed: 0, approvedBy: { username: 'officer2' } });
    expect(paid.history.map((h: { action: string }) => h.action)).toEqual(['file', 'review', 'approve', 'settle']);
    expect((await call(ctx, 'officer2', 'POST', `/risk-pool-claims/${c.id}/approve`, {})).statusCode).toBe(409);
    expect((await call(ctx, 'bank', 'POST', `/risk-pool-claims/${c.id}/withdraw`, { reason: 'x' })).statusCode).toBe(409);
    const p = await pool(id);
    expect(p).toMatchObject({ balance: 10_000_000 - 720_000, paidOut: 720_000, figures: { acceptedLoss: 800_000, netLoss: 800_000, enrolledPrincipal: 1_000_000, lossRate: 0.8, overTolerance: true } });
    expect(p.claimsByStatus.find((s: { status: string }) => s.status === 'paid')).toMatchObject({ count: 1, payable: 720_000 });
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', c.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['risk_pool.claim.file', 'risk_pool.claim.review', 'risk_pool.claim.approve', 'risk_pool.claim.settle']);
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
  });

  it('reject and withdraw need a reason and close the claim; a closed claim moves no further (409)', async () => {
    const id = await createPool(ctx, {}, 1_000_000);
    const a = await reviewedClaim(ctx, id);
    expect((await call(ctx, 'officer2', 'POST', `/risk-pool-claims/${a}/reject`, {})).json().issues[0].path).toBe('body.reason');
    expect(await ok(ctx, 'officer2', 'POST', `/risk-pool-claims/${a}/reject`, { reason: '非约定用途' })).toMatchObject({ status: 'rejected', closingReason: '非约定用途' });
    expect((await call(ctx, 'officer2', 'POST', `/risk-pool-claims/${a}/approve`, {})).statusCode).toBe(409);
    const b = await reviewedClaim(ctx, id);
    expect((await call(ctx, 'officer', 'POST', `/risk-pool-claims/${b}/withdraw`, { reason: 'x' })).statusCode).toBe(403);
    expect(await ok(ctx, 'bank', 'POST', `/risk-pool-claims/${b}/withdraw`, { reason: '企业已还款' })).toMatchObject({ status: 'withdrawn' });
    expect((await call(ctx, 'officer', 'POST', `/risk-pool-claims/${b}/review`, {})).statusCode).toBe(409);
  });

  it('wait first in, first out when the balance is short; a contribution pays them in order', async () => {
    const id = await createPool(ctx, {}, 1_000_000);
    const a = await reviewedClaim(ctx, id, { principal: 1_000_000_00 }); // pays 900,000
    const b = await reviewedClaim(ctx, id, { principal: 500_000_00 }); // pays 450,000
    const c = await reviewedClaim(ctx, id, { principal: 100_000_00 }); // pays 90,000
    expect(await ok(ctx, 'officer2', 'POST', `/risk-pool-claims/${a}/approve`, {})).toMatchObject({ status: 'paid', paid: 900_000 });
    expect(await ok(ctx, 'officer2', 'POST', `/risk-pool-claims/${b}/approve`, {})).toMatchObject({ status: 'awaiting_funds', payable: 450_000, paid: 100_000, owed: 350_000, queuePosition: 1 });
    // c is smaller than what is left of nothing: it waits behind b even though it is small.
    expect(await ok(ctx, 'officer2', 'POST', `/risk-pool-claims/${c}/approve`, {})).toMatchObject({ status: 'awaiting_funds', paid: 0, owed: 90_000, queuePosition: 2 });
    expect((await pool(id)).balance).toBe(0);
    const r = await ok(ctx, 'officer', 'POST', `/risk-pools/${id}/contributions`, { amount: 400_000, contributedOn: '2025-11-01', reference: '追加拨款' }, 201);
    expect(r.paidClaims).toEqual([{ claimId: b, amount: 350_000, settled: true }, { claimId: c, amount: 50_000, settled: false }]);
    expect(await claim(c)).toMatchObject({ status: 'awaiting_funds', paid: 50_000, owed: 40_000, queuePosition: 1 });
    await ok(ctx, 'officer', 'POST', `/risk-pools/${id}/contributions`, { amount: 100_000, contributedOn: '2025-11-02', reference: '追加拨款2' }, 201);
    expect(await claim(c)).toMatchObject({ status: 'paid', paid: 90_000, owed: 0 });
    const p = await pool(id);
    expect(p).toMatchObject({ balance: 60_000, contributed: 1_500_000, paidOut: 1_440_000 });
    // Balance at the end of each day with entries: contributions on their dates, payouts on the day they were made.
    expect(p.balanceSeries.map((x: { date: string; balance: number }) => [x.date, x.balance])).toEqual([
      ['2025-01-15', 1_000_000], ['2025-11-01', 1_400_000], ['2025-11-02', 1_500_000], [todayInShanghai(), 60_000],
    ]);
  });

  it('are capped per loan and per bank per year', async () => {
    const id = await createPool(ctx, { perLoanCap: 500_000, perBankYearCap: 800_000 }, 10_000_000);
    const a = await reviewedClaim(ctx, id); // 900,000 → per-loan cap 500,000
    expect(await ok(ctx, 'officer2', 'POST', `/risk-pool-claims/${a}/approve`, {})).toMatchObject({ payable: 500_000, capNote: expect.stringContaining('per-loan cap') });
    const b = await reviewedClaim(ctx, id); // 500,000 by the loan cap → 300,000 left of the bank's year
    expect(await ok(ctx, 'officer2', 'POST', `/risk-pool-claims/${b}/approve`, {})).toMatchObject({ payable: 300_000, capNote: expect.stringContaining('cap 800000') });
    const c = await reviewedClaim(ctx, id);
    const refused = await call(ctx, 'officer2', 'POST', `/risk-pool-claims/${c}/approve`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('used up');
    // Another bank has its own year cap.
    const d = await reviewedClaim(ctx, id, { bank: 'bank2' });
    expect(await ok(ctx, 'officer2', 'POST', `/risk-pool-claims/${d}/approve`, {})).toMatchObject({ payable: 500_000, status: 'paid' });
  });

  it('前补偿: 55% of the principal at default, no recoveries deducted; later recoveries shared back at 55%', async () => {
    const id = await createPool(ctx, { mode: 'upfront', share: 0.55, collateralModes: ['ip_pledge'] }, 10_000_000);
    const loanId = await enrolledNpl(ctx, id, { collateral: 'ip_pledge' });
    const withRecoveries = await call(ctx, 'bank', 'POST', '/risk-pool-claims', { loanId, defaultedOn: '2025-10-01', principalAtDefault: 1_000_000, recoveriesSoFar: 10 });
    expect(withRecoveries.json().issues[0].path).toBe('body.recoveriesSoFar');
    const c = await ok(ctx, 'bank', 'POST', '/risk-pool-claims', { loanId, defaultedOn: '2025-10-01', principalAtDefault: 1_000_000, recoveriesSoFar: 0 }, 201);
    await ok(ctx, 'officer', 'POST', `/risk-pool-claims/${c.id}/review`, {});
    expect(await ok(ctx, 'officer2', 'POST', `/risk-pool-claims/${c.id}/approve`, {})).toMatchObject({ status: 'paid', payable: 550_000 });
    const r = await ok(ctx, 'bank', 'POST', `/risk-pool-claims/${c.id}/recoveries`, { amount: 200_000, recoveredOn: '2025-11-05', reference: '质押专利处置' }, 201);
    expect(r.claim).toMatchObject({ recoveredShare: 110_000, recoveries: [{ reference: '质押专利处置', amount: 200_000, poolPart: 110_000 }] });
    // Reporting it again changes nothing; the same reference with another amount is a 409.
    expect((await ok(ctx, 'bank', 'POST', `/risk-pool-claims/${c.id}/recoveries`, { amount: 200_000, recoveredOn: '2025-11-05', reference: '质押专利处置' }, 200)).replayed).toBe(true);
    expect((await call(ctx, 'bank', 'POST', `/risk-pool-claims/${c.id}/recoveries`, { amount: 1, recoveredOn: '2025-11-05', reference: '质押专利处置' })).statusCode).toBe(409);
    expect((await call(ctx, 'bank', 'POST', `/risk-pool-claims/${c.id}/recoveries`, { amount: 900_000, recoveredOn: '2025-11-05', reference: 'x' })).json().issues[0].path).toBe('body.amount');
    const p = await pool(id);
    expect(p).toMatchObject({ balance: 10_000_000 - 550_000 + 110_000, recovered: 110_000, figures: { netLoss: 800_000 } });
  });

  it('a recovery on a claim still waiting lowers what is owed instead of moving money', async () => {
    const id = await createPool(ctx, {}, 100_000);
    const a = await reviewedClaim(ctx, id); // owes 900,000, 100,000 paid at once
    expect(await ok(ctx, 'officer2', 'POST', `/risk-pool-claims/${a}/approve`, {})).toMatchObject({ status: 'awaiting_funds', paid: 100_000, owed: 800_000 });
    const r = await ok(ctx, 'bank', 'POST', `/risk-pool-claims/${a}/recoveries`, { amount: 888_888, recoveredOn: '2025-11-05', reference: 'R1' }, 201);
    // 888,888 recovered × 90% = 799,999.20, all of it against the 800,000 still owed: no money moves.
    expect(r.claim).toMatchObject({ status: 'awaiting_funds', recoveredShare: 799_999.2, owed: 0.8 });
    expect((await pool(id)).balance).toBe(0);
    const r2 = await ok(ctx, 'bank', 'POST', `/risk-pool-claims/${a}/recoveries`, { amount: 100, recoveredOn: '2025-11-06', reference: 'R2' }, 201);
    // 90 of the pool's part: 0.80 offsets what is owed (the claim is settled), 89.20 flows back into the pool.
    expect(r2.claim).toMatchObject({ status: 'paid', recoveredShare: 800_089.2, owed: 0 });
    expect(r2.claim.history.map((h: { action: string }) => h.action)).toEqual(['file', 'review', 'approve', 'record_recovery', 'record_recovery', 'settle']);
    expect(await pool(id)).toMatchObject({ balance: 89.2, recovered: 89.2 });
  });
});
