import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastRoundBefore } from '../../src/server/modules/equity/linkage-rules';
import { readTable } from '../../src/server/platform/tabular';
import { makeUscc } from '../../src/shared/uscc';
import { createTestContext, multipartFile, type TestContext } from '../helpers/app';
import { auditActions, call, fundUser } from './helpers';

// Equity needs, fund interest, investments becoming rounds, loan linkage and the 投贷联动 report (issue #7).
let ctx: TestContext;
let f1: Awaited<ReturnType<typeof fundUser>>;
let f2: Awaited<ReturnType<typeof fundUser>>;
beforeAll(async () => {
  ctx = await createTestContext();
  f1 = await fundUser(ctx, 'FUND1');
  f2 = await fundUser(ctx, 'FUND2');
});
afterAll(async () => ctx?.close());

describe('equity needs and visibility', () => {
  let open: string;
  let selected: string;
  let hidden: string;
  it('an enterprise posts needs for itself, choosing who sees them', async () => {
    open = (await call(ctx, 'entA', 'POST', '/equity/needs', 201, { round: 'a', amount: 30_000_000, useOfFunds: '研发与产线', visibility: 'all_funds', showFinancials: true })).id;
    selected = (await call(ctx, 'entA', 'POST', '/equity/needs', 201, { round: 'a_plus', amount: 10_000_000, useOfFunds: '市场拓展', visibility: 'selected_funds', funds: ['FUND2'] })).id;
    hidden = (await call(ctx, 'entB', 'POST', '/equity/needs', 201, { round: 'b', amount: 80_000_000, useOfFunds: '临床试验', visibility: 'private' })).id;
    const bad = await call(ctx, 'entA', 'POST', '/equity/needs', 400, { round: 'a', amount: 1, useOfFunds: 'x', visibility: 'selected_funds' });
    expect(bad.issues[0].path).toBe('body.funds');
    const notFund = await call(ctx, 'entA', 'POST', '/equity/needs', 400, { round: 'a', amount: 1, useOfFunds: 'x', visibility: 'selected_funds', funds: ['BANK1'] });
    expect(notFund.issues[0]).toEqual({ path: 'body.funds', message: 'not investment funds: BANK1' });
    await call(ctx, 'entA', 'POST', '/equity/needs', 400, { round: 'a', amount: 1, useOfFunds: 'x', visibility: 'private', enterpriseId: ctx.ids.enterpriseB });
  });

  it('a fund sees only what was shown to it; others are 404; banks have no part (403)', async () => {
    expect((await f1.as('GET', '/equity/needs', 200)).items.map((n: any) => n.id)).toEqual([open]);
    expect((await f2.as('GET', '/equity/needs', 200)).items.map((n: any) => n.id).sort()).toEqual([open, selected].sort());
    await f1.as('GET', `/equity/needs/${selected}`, 404);
    await f2.as('GET', `/equity/needs/${hidden}`, 404);
    const seen = await f1.as('GET', `/equity/needs/${open}`, 200);
    expect(seen).not.toHaveProperty('visibility');
    expect(seen.financials).toBeNull(); // A has no financials recorded; shown because showFinancials is on
    expect((await f2.as('GET', `/equity/needs/${selected}`, 200)).financials).toBeNull();
    await call(ctx, 'bank', 'GET', '/equity/needs', 403);
    expect((await call(ctx, 'entB', 'GET', '/equity/needs', 200)).items.map((n: any) => n.id)).toEqual([hidden]);
    await call(ctx, 'entB', 'GET', `/equity/needs/${open}`, 404);
    expect((await call(ctx, 'auditor', 'GET', '/equity/needs', 200)).total).toBe(3);
  });

  it('funds express and withdraw interest; the enterprise sees every fund, a fund its own', async () => {
    await f1.as('POST', `/equity/needs/${open}/interest`, 200, { note: '约见路演' });
    await f2.as('POST', `/equity/needs/${open}/interest`, 200, {});
    await f1.as('POST', `/equity/needs/${open}/interest`, 409, {});
    await f1.as('POST', `/equity/needs/${hidden}/interest`, 404, {});
    await call(ctx, 'entA', 'POST', `/equity/needs/${open}/interest`, 403, {});
    expect((await call(ctx, 'entA', 'GET', `/equity/needs/${open}`, 200)).interests.map((i: any) => i.fund.code)).toEqual(['FUND1', 'FUND2']);
    expect((await f1.as('GET', `/equity/needs/${open}`, 200)).interests.map((i: any) => i.fund.code)).toEqual(['FUND1']);
    await f2.as('DELETE', `/equity/needs/${open}/interest`, 200);
    expect((await call(ctx, 'officer', 'GET', `/equity/needs/${open}`, 200)).interests.map((i: any) => [i.fund.code, i.status])).toEqual([['FUND1', 'expressed'], ['FUND2', 'withdrawn']]);
    expect(await auditActions(ctx, open)).toEqual(['equity.need.create', 'equity.interest.express', 'equity.interest.express', 'equity.interest.withdraw']);
  });

  it('hiding a need takes it from the funds; a closed need too', async () => {
    await call(ctx, 'entA', 'PATCH', `/equity/needs/${selected}`, 200, { visibility: 'private' });
    await f2.as('GET', `/equity/needs/${selected}`, 404);
    await call(ctx, 'entA', 'PATCH', `/equity/needs/${open}`, 200, { status: 'closed' });
    expect((await f1.as('GET', '/equity/needs', 200)).total).toBe(0);
    await call(ctx, 'entA', 'PATCH', `/equity/needs/${open}`, 200, { status: 'open' });
  });

  it('an investment becomes the enterprise\'s round, tagged with guidance-fund participation', async () => {
    const inv = await f1.as('POST', '/equity/investments', 201, { enterpriseId: ctx.ids.enterpriseA, needId: open, round: 'a', investedOn: '2024-06-01', amount: 20_000_000, investors: 'FUND1 基金、杨浦引导基金', guidanceParticipation: 'participating' });
    expect(inv).toMatchObject({ round: 'a', amount: 20_000_000, fund: { code: 'FUND1' }, guidanceParticipation: 'participating' });
    const round = await ctx.db.selectFrom('enterprise_rounds').selectAll().where('id', '=', inv.roundId).executeTakeFirstOrThrow();
    expect(round).toMatchObject({ enterprise_id: ctx.ids.enterpriseA, round: 'a', date: '2024-06-01', amount: 20_000_000_00 });
    // A fund records only against a need it can see.
    await f1.as('POST', '/equity/investments', 400, { enterpriseId: ctx.ids.enterpriseB, round: 'b', investedOn: '2024-06-01', amount: 1, investors: 'x' });
    const hiddenNeed = await f1.as('POST', '/equity/investments', 400, { enterpriseId: ctx.ids.enterpriseB, needId: hidden, round: 'b', investedOn: '2024-06-01', amount: 1, investors: 'x' });
    expect(hiddenNeed.issues[0].path).toBe('body.needId');
    await call(ctx, 'officer', 'POST', '/equity/investments', 201, { enterpriseId: ctx.ids.enterpriseB, fundCode: 'FUND2', round: 'seed', investedOn: '2023-03-01', amount: 2_000_000, investors: '天使投资人', guidanceParticipation: 'direct' });
    expect((await call(ctx, 'auditor', 'GET', '/equity/investments?guidance=any', 200)).total).toBe(2);
    expect((await f1.as('GET', '/equity/investments', 200)).total).toBe(1);
    expect((await call(ctx, 'entB', 'GET', '/equity/investments', 200)).items.map((i: any) => i.round)).toEqual(['seed']);
  });
});

describe('loan linkage and the 投贷联动 report', () => {
  let n = 0;
  const loan = async (enterpriseId: string, start: string, principal: number, mode: string | null, bank = ctx.ids.bankOrg) =>
    (await ctx.db.insertInto('loans').values({
      loan_no: `L-${++n}`, bank_org_id: bank, enterprise_id: enterpriseId, collateral_mode: 'credit', principal: principal * 100, annual_rate: '0.04', term_months: 12,
      start_date: start, maturity_date: `${Number(start.slice(0, 4)) + 1}${start.slice(4)}`, repayment_method: 'interest_only', linkage_mode: mode as never,
    }).returning('id').executeTakeFirstOrThrow()).id;
  const ent = async (k: number) => (await ctx.db.insertInto('enterprises').values({ uscc: makeUscc(800 + k), name: `联动企业${k}`, district: '杨浦区', sector: '智能制造' }).returning('id').executeTakeFirstOrThrow()).id;
  let C: string;
  let D: string;
  let la: string;

  it('links a loan to an investment with a mode; a bank only its own loans; the investment must be the borrower\'s', async () => {
    la = await loan(ctx.ids.enterpriseA, '2025-03-01', 5_000_000, null);
    const inv = (await call(ctx, 'officer', 'GET', `/equity/investments?enterpriseId=${ctx.ids.enterpriseA}`, 200)).items[0];
    const r = await call(ctx, 'bank', 'PUT', `/loans/${la}/linkage`, 200, { mode: 'loan_direct_equity', investmentId: inv.id, note: '投资子公司直投' });
    expect(r).toMatchObject({ mode: 'loan_direct_equity', investmentId: inv.id });
    await call(ctx, 'bank2', 'PUT', `/loans/${la}/linkage`, 404, { mode: 'other' });
    const other = (await call(ctx, 'officer', 'GET', `/equity/investments?enterpriseId=${ctx.ids.enterpriseB}`, 200)).items[0];
    expect((await call(ctx, 'officer', 'PUT', `/loans/${la}/linkage`, 400, { mode: 'loan_warrant', investmentId: other.id })).issues[0].path).toBe('body.investmentId');
    expect((await call(ctx, 'officer', 'PUT', `/loans/${la}/linkage`, 400, { mode: 'warrant' })).issues[0].path).toBe('body.mode');
    await call(ctx, 'entA', 'PUT', `/loans/${la}/linkage`, 403, { mode: 'other' });
    expect(await auditActions(ctx, la)).toEqual(['loan.linkage']);
  });

  it('the report counts linked loans in stock at year end by mode, and 表3 by the last round before the first linked loan', async () => {
    C = await ent(1);
    D = await ent(2);
    // A: round a 2024-06-01 (the investment) before its linked loan 2025-03-01 → 'a'. Balance: report 4,000,000 at 2025-09-30.
    await ctx.db.insertInto('loan_reports').values({ loan_id: la, as_of: '2025-09-30', outstanding: 4_000_000_00, dpd: 0, source: 'import' }).execute();
    await ctx.db.insertInto('loan_reports').values({ loan_id: la, as_of: '2026-01-31', outstanding: 1_000_000_00, dpd: 0, source: 'import' }).execute();
    // B: seed 2023-03-01; linked loans 2025-05-01 (warrant, no report: principal 3,000,000) and a repaid one (report 0).
    await loan(ctx.ids.enterpriseB, '2025-05-01', 3_000_000, 'loan_warrant');
    const repaid = await loan(ctx.ids.enterpriseB, '2025-01-10', 1_000_000, 'loan_warrant', ctx.ids.bank2Org);
    await ctx.db.insertInto('loan_reports').values({ loan_id: repaid, as_of: '2025-12-01', outstanding: 0, dpd: 0, source: 'import' }).execute();
    // C: no rounds, external equity + warrant; D: round c on the loan's own day does not count, b_plus before → 'b_plus'.
    await loan(C, '2025-07-01', 2_000_000, 'loan_external_equity_warrant');
    await ctx.db.insertInto('enterprise_rounds').values([{ enterprise_id: D, round: 'b_plus', date: '2024-01-01', amount: 1 }, { enterprise_id: D, round: 'c', date: '2025-08-01', amount: 1 }, { enterprise_id: D, round: 'strategic', date: '2025-01-01', amount: 1 }]).execute();
    const dLoan = await loan(D, '2025-08-01', 1_500_000, 'loan_warrant');
    // With repayments recorded, the balance is principal less principal repaid (the ledger's rule): 1,000,000.
    await ctx.db.insertInto('loan_repayments').values({ loan_id: dLoan, external_id: 'R1', paid_on: '2025-10-01', principal: 500_000_00, interest: 5_000_00, recorded_by: null }).execute();
    await ctx.db.insertInto('loan_repayments').values({ loan_id: dLoan, external_id: 'R2', paid_on: '2026-01-05', principal: 500_000_00, interest: 5_000_00, recorded_by: null }).execute();
    // Not linked, and linked but starting after the year: not counted.
    await loan(D, '2025-02-01', 9_000_000, null);
    await loan(C, '2026-02-01', 9_000_000, 'other');
    const r = await call(ctx, 'auditor', 'GET', '/reports/linkage?year=2025', 200);
    expect(r).toEqual({
      year: 2025,
      modes: [
        { mode: 'loan_direct_equity', enterprises: 1, loans: 1, balance: 4_000_000 },
        { mode: 'loan_warrant', enterprises: 2, loans: 2, balance: 4_000_000 },
        { mode: 'loan_external_equity_warrant', enterprises: 1, loans: 1, balance: 2_000_000 },
        { mode: 'other', enterprises: 0, loans: 0, balance: 0 },
      ],
      roundsBeforeCredit: [
        { round: 'none', enterprises: 1 }, { round: 'seed', enterprises: 1 }, { round: 'angel', enterprises: 0 }, { round: 'pre_a', enterprises: 0 },
        { round: 'a', enterprises: 1 }, { round: 'a_plus', enterprises: 0 }, { round: 'b', enterprises: 0 }, { round: 'b_plus', enterprises: 1 },
        { round: 'c', enterprises: 0 }, { round: 'c_plus', enterprises: 0 }, { round: 'after_c', enterprises: 0 },
      ],
      // read from the stored report (platform/stored-result.ts), computed on this first request
      computedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    // Balances agree with the loan ledger's standing on the same date.
    const { loanStandings } = await import('../../src/server/modules/loan/standing.repository');
    const linked = await ctx.db.selectFrom('loans').select('id').where('linkage_mode', 'is not', null).where('start_date', '<=', '2025-12-31').execute();
    const standing = await loanStandings(ctx.db, '2025-12-31', { loanIds: linked.map((l) => l.id) });
    expect(standing.reduce((t, s) => t + Number(s.outstanding), 0)).toBe((4_000_000 + 4_000_000 + 2_000_000) * 100);
    // The SQL agrees with the pure rule on D.
    const dRounds = await ctx.db.selectFrom('enterprise_rounds').select(['round', 'date']).where('enterprise_id', '=', D).execute();
    expect(lastRoundBefore(dRounds, '2025-08-01')).toBe('b_plus');
  });

  it('as an xlsx workbook in the layout of the seed tables', async () => {
    const res = await ctx.as('officer', { method: 'GET', url: '/api/v1/reports/linkage?year=2025&format=xlsx' });
    expect(res.statusCode).toBe(200);
    const t = await readTable(res.rawPayload, 'xlsx');
    expect(t.header).toEqual(['联动方式', '企业家数', '贷款笔数', '贷款余额(元)']);
    expect(t.rows.map((r) => Object.values(r.cells))).toContainEqual(['合计', '4', '4', '10000000']);
    const t3 = await readTable(res.rawPayload, 'xlsx', { sheet: '授信前完成融资轮次分布' });
    expect(t3.rows.map((r) => Object.values(r.cells))).toContainEqual(['尚未开展股权融资', '1']);
    expect(Object.values(t3.rows.at(-1)!.cells)).toEqual(['总计', '4']);
    await call(ctx, 'officer', 'GET', '/reports/linkage?year=20251', 400);
    await call(ctx, 'entA', 'GET', '/reports/linkage?year=2025', 403);
  });

  it('imports rounds all-or-nothing, naming line and column; re-importing changes nothing', async () => {
    const csv = (body: string) => multipartFile('rounds.csv', `uscc,round,date,amount,investors\n${body}`);
    const bad = csv(`${makeUscc(801)},a,2024-01-01,1000000,某资本\n${makeUscc(999)},z,2024-13-01,abc,\n`);
    const good = csv(`${makeUscc(801)},pre_a,2023-05-01,5000000.50,某资本\n${makeUscc(801)},a,2024-05-01,20000000,甲基金;乙基金\n`);
    const ok1 = await ctx.as('officer', { method: 'POST', url: '/api/v1/equity/rounds/import', payload: good.payload, headers: good.headers });
    expect(ok1.json()).toMatchObject({ ok: true, imported: 2, created: 2, updated: 0, unchanged: 0 });
    const again = await ctx.as('officer', { method: 'POST', url: '/api/v1/equity/rounds/import', payload: good.payload, headers: good.headers });
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const badRes = await ctx.as('officer', { method: 'POST', url: '/api/v1/equity/rounds/import', payload: bad.payload, headers: bad.headers });
    const body = badRes.json();
    expect(body.ok).toBe(false);
    expect(body.imported).toBe(0);
    expect(body.errors.map((e: any) => `${e.line}:${e.column}`)).toEqual(expect.arrayContaining(['3:round', '3:date', '3:amount']));
  });
});
