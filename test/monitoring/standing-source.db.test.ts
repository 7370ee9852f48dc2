import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyLoans, runClassification } from '../../src/server/modules/loan/classify.service';
import { standingMaintainedOn } from '../../src/server/modules/loan/standing-source';
import { computeIndicators } from '../../src/server/modules/monitoring/indicators.service';
import { storeMonthEnd } from '../../src/server/modules/monitoring/snapshots.service';
import { addDays, todayInShanghai } from '../../src/server/platform/dates';
import { createTestContext, type FixtureUser, type TestContext } from '../helpers/app';
import { seedPortfolio } from './fixtures';

// The maintained standing (migration 0027, loan/standing-source.ts): when loan_status is the standing on a date the
// indicators and the loan drill-downs read it; they must give exactly what computing the standing gives, and must
// stop reading it the moment it no longer is (a floors table, a late bank report, a loan without status, a write
// for a later date).

let ctx: TestContext;
let f: Awaited<ReturnType<typeof seedPortfolio>>;
const sys = { principal: null, requestId: null, systemActor: 'test' };
const today = todayInShanghai();

beforeAll(async () => {
  ctx = await createTestContext();
  f = await seedPortfolio(ctx);
});
afterAll(async () => ctx?.close());

const DRILLDOWNS: [FixtureUser, string][] = [
  ['officer', ''], ['officer', '&bank=BANK1'], ['officer', '&bank=BANK2&class=special_mention'], ['officer', '&class=npl'], ['officer', '&district=杨浦区'],
  ['officer', '&collateral=credit'], ['officer', '&linked=true'], ['officer', '&firstTime=true'], ['officer', '&product='], ['officer', '&pageSize=1&page=2'],
  ['officer', '&bank=NOSUCH'], ['bank', ''], ['bank', '&bank=BANK2'], ['bank', '&class=npl'],
];

async function drilldowns(asOf: string) {
  const out = [];
  for (const [user, q] of DRILLDOWNS) {
    const res = await ctx.as(user, { method: 'GET', url: `/api/v1/monitoring/drilldown/loans?asOf=${asOf}${q}` });
    expect(res.statusCode, res.body).toBe(200);
    out.push(res.json());
  }
  return out;
}

/** Runs fn with the record cleared (so everything computes), then puts it back. */
async function computedOnly<T>(fn: () => Promise<T>): Promise<T> {
  const saved = await ctx.db.selectFrom('loan_standing_state').selectAll().executeTakeFirstOrThrow();
  await ctx.db.updateTable('loan_standing_state').set({ classified_on: null, floors_id: null }).execute();
  try {
    return await fn();
  } finally {
    await ctx.db.updateTable('loan_standing_state').set({ classified_on: saved.classified_on, floors_id: saved.floors_id }).execute();
  }
}

/** The indicators and drill-downs read from loan_status equal the computed ones. */
async function expectSameBothWays(asOf: string) {
  expect(await standingMaintainedOn(ctx.db, asOf)).toBe(true);
  const read = await computeIndicators(ctx.db, asOf);
  expect(read).toEqual(await computeIndicators(ctx.db, asOf, { computed: true }));
  const drill = await drilldowns(asOf);
  expect(drill).toEqual(await computedOnly(() => drilldowns(asOf)));
  return { read, drill };
}

describe('the maintained standing', () => {
  it('is read after a full classification of that date, for several dates, and gives the computed figures', async () => {
    expect(await standingMaintainedOn(ctx.db, '2025-06-30')).toBe(false);
    for (const d of ['2024-06-30', '2025-06-30', '2025-07-31']) {
      await runClassification(ctx.db, sys, { asOf: d });
      const { read, drill } = await expectSameBothWays(d);
      expect(read.loans).toBeGreaterThan(0);
      expect(drill[0].total).toBe(read.loans);
    }
    // The hand-worked figures of the fixture (indicators.db.test.ts) hold on the read path too.
    await runClassification(ctx.db, sys, { asOf: '2025-06-30' });
    expect(await standingMaintainedOn(ctx.db, '2025-06-30')).toBe(false); // rows stay as of 2025-07-31: not moved back
    expect(await standingMaintainedOn(ctx.db, '2025-07-31')).toBe(true);
  });

  it('year-on-year reads the stored month end of the year before, which equals computing it', async () => {
    await storeMonthEnd(ctx.db, sys, '2024-07-31');
    await sql`update indicator_snapshots set data = jsonb_set(data, '{outstanding}', '1') where as_of = '2024-07-31' and kind = 'month_end'`.execute(ctx.db);
    // (the stored figure is what it reads: changed here to see it)
    expect((await computeIndicators(ctx.db, '2025-07-31')).yoy.outstanding).not.toEqual((await computeIndicators(ctx.db, '2025-07-31', { computed: true })).yoy.outstanding);
    await sql`delete from indicator_snapshots where as_of = '2024-07-31'`.execute(ctx.db);
    await storeMonthEnd(ctx.db, sys, '2024-07-31');
    await expectSameBothWays('2025-07-31');
  });

  it('is not read once a floors table takes effect on or before its date, until the next full run', async () => {
    const before = await computeIndicators(ctx.db, '2025-07-31');
    const made = await ctx.as('officer', {
      method: 'POST', url: '/api/v1/loans/classification-floors',
      payload: { effectiveFrom: '2025-07-01', source: '测试：更严格', floors: [{ minDpd: 1, class: 'special_mention' }, { minDpd: 91, class: 'doubtful' }, { minDpd: 361, class: 'loss' }] },
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(await standingMaintainedOn(ctx.db, '2025-07-31')).toBe(false);
    const stricter = await computeIndicators(ctx.db, '2025-07-31');
    // L2, 100 days past due, is doubtful under the new table (substandard before).
    expect(stricter.byClassification.doubtful).toBe(before.byClassification.substandard + before.byClassification.doubtful);
    await runClassification(ctx.db, sys, { asOf: '2025-07-31' });
    const { read } = await expectSameBothWays('2025-07-31');
    expect(read).toEqual(stricter);
  });

  it('stays read through writes of the day it is as of: a late bank report, a repayment, a new loan', async () => {
    await runClassification(ctx.db, sys, { asOf: today });
    await expectSameBothWays(today);
    // A late bank report for L2 (as of a past date, after its last one): the write path reclassifies it as of today.
    const late = await ctx.as('officer', { method: 'POST', url: `/api/v1/loans/${f.L2}/reports`, payload: { asOf: addDays(today, -3), outstanding: 350_000, dpd: 400 } });
    expect(late.statusCode, late.body).toBe(201);
    await expectSameBothWays(today);
    const posted = await ctx.as('bank', {
      method: 'POST', url: '/api/v1/loans',
      payload: { loanNo: 'NEW-1', enterpriseUscc: (await ctx.db.selectFrom('enterprises').select('uscc').where('id', '=', ctx.ids.enterpriseA).executeTakeFirstOrThrow()).uscc, collateralMode: 'credit', principal: 5000, annualRate: '0.05', termMonths: 12, startDate: addDays(today, -40), repaymentMethod: 'equal_principal' },
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const paid = await ctx.as('bank', { method: 'POST', url: `/api/v1/loans/${posted.json().id}/repayments`, payload: { repaymentId: 'P1', paidOn: today, principal: 100, interest: 10 } });
    expect(paid.statusCode, paid.body).toBe(201);
    const { read } = await expectSameBothWays(today);
    expect((read.byBank as unknown as { bank: string; loans: number }[]).find((b) => b.bank === 'BANK1')!.loans).toBe(3);
  });

  it('is not read while a loan has no status or a fact was written past the write paths; reclassifying it restores it', async () => {
    const stray = (await ctx.db.insertInto('loans').values({
      loan_no: 'STRAY', bank_org_id: ctx.ids.bankOrg, enterprise_id: f.C, product_id: null, collateral_mode: 'credit', principal: 70_000_00, annual_rate: '0.04',
      term_months: 12, start_date: addDays(today, -10), maturity_date: '2027-12-31', repayment_method: 'equal_instalment', source: 'import',
    }).returning('id').executeTakeFirstOrThrow()).id;
    expect(await standingMaintainedOn(ctx.db, today)).toBe(false);
    const computed = await computeIndicators(ctx.db, today);
    expect(computed).toEqual(await computeIndicators(ctx.db, today, { computed: true }));
    expect((await computeIndicators(ctx.db, today)).loans).toBe(computed.loans);
    await classifyLoans(ctx.db, today, { loanIds: [stray] });
    await expectSameBothWays(today);

    await f.report(f.L1, addDays(today, -1), 1, 0); // straight into loan_reports, no reclassification
    expect(await standingMaintainedOn(ctx.db, today)).toBe(false);
    await classifyLoans(ctx.db, today, { loanIds: [f.L1] });
    await expectSameBothWays(today);
  });

  it("keeps the count of a bank's or a class's loans as a stored result, recounted once loan_status is written", async () => {
    await runClassification(ctx.db, sys, { asOf: today });
    const total = async (q: string) => {
      const res = await ctx.as('officer', { method: 'GET', url: `/api/v1/monitoring/drilldown/loans?asOf=${today}${q}` });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { total: number }).total;
    };
    const npl = await total('&class=npl');
    const bank1 = await total('&bank=BANK1');
    const keys = (await sql<{ key: string }>`select key from stored_results where kind = 'loan_status_count'`.execute(ctx.db)).rows;
    expect(keys.map((k) => k.key)).toEqual(expect.arrayContaining(['*|npl', `${ctx.ids.bankOrg}|*`]));
    // Written past every write path (no reclassification): the stored count must not be what it read before.
    const performing = await sql<{ loan_id: string }>`
      select loan_id from loan_status where outstanding > 0 and final_class not in ('substandard','doubtful','loss') limit 1`.execute(ctx.db);
    await sql`update loan_status set final_class = 'loss' where loan_id = ${performing.rows[0]!.loan_id}`.execute(ctx.db);
    expect(await total('&class=npl')).toBe(npl + 1);
    expect(await total('&bank=BANK1')).toBe(bank1);
    await runClassification(ctx.db, sys, { asOf: today });
    expect(await total('&class=npl')).toBe(npl);
  });

  it('is not read after any loan is classified for a later date (rows moved past it)', async () => {
    await classifyLoans(ctx.db, addDays(today, 1), { loanIds: [f.L1] });
    expect(await standingMaintainedOn(ctx.db, today)).toBe(false);
    expect(await standingMaintainedOn(ctx.db, addDays(today, 1))).toBe(false);
    // A full run for a date still to come is not recorded either: writes until then would not move its rows.
    await runClassification(ctx.db, sys, { asOf: addDays(today, 2) });
    expect(await standingMaintainedOn(ctx.db, addDays(today, 2))).toBe(false);
  });
});
