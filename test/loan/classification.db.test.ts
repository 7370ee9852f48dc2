import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/server/jobs';
import { registeredJobs } from '../../src/server/platform/jobs';
import { DEFAULT_FLOORS, standingOn } from '../../src/server/modules/loan/classification';
import { runClassification } from '../../src/server/modules/loan/classify.service';
import { insertLoans } from '../../src/server/modules/loan/create-loan';
import { loanStandings } from '../../src/server/modules/loan/standing.repository';
import { addDays } from '../../src/server/platform/dates';
import { createTestContext, type TestContext } from '../helpers/app';
import { expectStatus, loanApi } from './helpers';

// The set-based classification (standing.repository.ts, classify.service.ts) against the pure rule
// (classification.ts), the daily job's history, and officers' dated floors tables.
let ctx: TestContext;
const job = { principal: null, requestId: null, systemActor: 'test' };

/** A deterministic generator so a failure reproduces. */
function rng(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

describe('set-based standing equals the pure rule', () => {
  it('on 60 generated loans with repayments, reports and both, on several dates', async () => {
    const r = rng(42);
    const methods = ['equal_instalment', 'equal_principal', 'interest_only'] as const;
    const loans = Array.from({ length: 60 }, (_, i) => {
      const start = addDays('2024-01-01', r(200));
      return {
        loan: {
          loanNo: `GEN-${i}`, bankOrgId: ctx.ids.bankOrg, enterpriseId: i % 2 ? ctx.ids.enterpriseA : ctx.ids.enterpriseB, applicationId: null, productId: null,
          collateralMode: 'credit' as const, guarantorOrgId: null, insurerOrgId: null, guaranteeFeeRate: null, principal: 10_000_00 + r(90_000_00), annualRate: `0.0${3 + r(5)}`,
          termMonths: 3 + r(12), startDate: start, maturityDate: addDays(start, 400), repaymentMethod: methods[r(3)]!, firstTimeBorrower: false, linkageMode: null, source: 'import' as const,
          // Every tenth loan (these have repayments) interest-free and interest-only: instalments of 0 until maturity, so the schedule's
          // running total (due_cum) repeats and "the first instalment not covered" must take the earliest of them.
          ...(i % 10 === 8 ? { annualRate: '0', repaymentMethod: 'interest_only' as const } : {}),
        },
        report: { asOf: addDays(start, r(30)), outstanding: 5_000_00 + r(5_000_00), dpd: r(400), reportedClass: r(4) === 0 ? ('doubtful' as const) : null, source: 'import' as const },
      };
    });
    const ids = await ctx.db.transaction().execute((trx) => insertLoans(trx, loans));
    // A second report on some, repayments (on time, short or late) on others.
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (i % 3 === 0) await ctx.db.insertInto('loan_reports').values({ loan_id: id, as_of: addDays(loans[i]!.report.asOf, 60 + r(60)), outstanding: r(5_000_00), dpd: r(200), reported_class: null, source: 'api' }).execute();
      if (i % 2 === 0) {
        const sched = await ctx.db.selectFrom('loan_schedule').selectAll().where('loan_id', '=', id).orderBy('seq').execute();
        const paidCount = r(sched.length + 1);
        for (let k = 0; k < paidCount; k++) {
          const s = sched[k]!;
          const short = r(5) === 0 && s.principal > 0 ? 1 : 0;
          await ctx.db.insertInto('loan_repayments').values({ loan_id: id, external_id: `P${k}`, paid_on: addDays(s.due_on, r(4) === 0 ? r(40) : 0), principal: s.principal - short, interest: s.interest, recorded_by: null }).execute();
        }
      }
    }
    const facts = async (id: string) => {
      const [loan, schedule, repayments, reports] = await Promise.all([
        ctx.db.selectFrom('loans').select(['principal', 'start_date']).where('id', '=', id).executeTakeFirstOrThrow(),
        ctx.db.selectFrom('loan_schedule').selectAll().where('loan_id', '=', id).execute(),
        ctx.db.selectFrom('loan_repayments').selectAll().where('loan_id', '=', id).execute(),
        ctx.db.selectFrom('loan_reports').selectAll().where('loan_id', '=', id).execute(),
      ]);
      return {
        principal: loan.principal, startDate: loan.start_date,
        schedule: schedule.map((s) => ({ dueOn: s.due_on, principal: s.principal, interest: s.interest })),
        repayments: repayments.map((p) => ({ paidOn: p.paid_on, principal: p.principal, interest: p.interest })),
        reports: reports.map((p) => ({ asOf: p.as_of, outstanding: p.outstanding, dpd: p.dpd, reportedClass: p.reported_class })),
      };
    };
    const all = await Promise.all(ids.map(async (id) => [id, await facts(id)] as const));
    let compared = 0;
    const bases = new Set<string>();
    for (const date of ['2024-03-01', '2024-06-15', '2024-10-01', '2025-02-28', '2026-01-01']) {
      const sql = new Map((await loanStandings(ctx.db, date, { loanIds: ids })).map((s) => [s.loan_id, s]));
      // Unfiltered (every loan: the daily job's shape, reading whole tables in loan order) gives the same rows.
      const unfiltered = (await loanStandings(ctx.db, date)).filter((s) => sql.has(s.loan_id));
      expect(unfiltered).toEqual([...sql.values()]);
      for (const [id, f] of all) {
        if (f.startDate > date) {
          expect(sql.has(id)).toBe(false);
          continue;
        }
        const want = standingOn(f, date, DEFAULT_FLOORS);
        const got = sql.get(id)!;
        expect({ id, date, dpd: got.dpd, outstanding: got.outstanding, computed: got.computed_class, reported: got.reported_class, final: got.final_class, basis: got.basis })
          .toEqual({ id, date, dpd: want.dpd, outstanding: want.outstanding, computed: want.computedClass, reported: want.reportedClass, final: want.finalClass, basis: want.basis });
        bases.add(want.basis);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(150);
    expect([...bases].sort()).toEqual(['none', 'repayments', 'report']);
  });
});

describe('the daily job', () => {
  it('is registered as loan-classification and writes loan_status for every loan', async () => {
    expect(registeredJobs().map((j) => j.name)).toContain('loan-classification');
    const r = await registeredJobs().find((j) => j.name === 'loan-classification')!.handler(ctx.db, { asOf: '2025-02-28' });
    expect(r).toMatchObject({ asOf: '2025-02-28' });
    const count = await ctx.db.selectFrom('loan_status').select((eb) => eb.fn.countAll<number>().as('n')).where('as_of', '=', '2025-02-28').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe((r as { loans: number }).loans);
  });

  it('appends history only on a change and a rerun of the day changes nothing', async () => {
    const loan = expectStatus(await loanApi(ctx).post('bank', '/loans', { loanNo: 'HIST-1', enterpriseUscc: (await ctx.db.selectFrom('enterprises').select('uscc').where('id', '=', ctx.ids.enterpriseA).executeTakeFirstOrThrow()).uscc, collateralMode: 'credit', principal: 300, annualRate: '0.12', termMonths: 3, startDate: '2025-01-15', repaymentMethod: 'equal_principal' }), 201);
    expectStatus(await loanApi(ctx).post('bank', `/loans/${loan.id}/repayments`, { repaymentId: 'R1', paidOn: '2025-02-15', principal: 100, interest: 3 }), 201);
    for (const d of ['2025-03-01', '2025-03-20', '2025-03-21', '2025-06-14', '2025-06-15']) await runClassification(ctx.db, job, { asOf: d });
    const again = await runClassification(ctx.db, job, { asOf: '2025-06-15' });
    const history = await ctx.db.selectFrom('loan_class_history').select(['effective_on', 'dpd', 'final_class']).where('loan_id', '=', loan.id).where('effective_on', '<', '2026-01-01').orderBy('effective_on').execute();
    // Normal at the start; overdue from 16 March (second instalment) → special mention; 91 days on 14 June → substandard.
    expect(history.map((h) => [h.effective_on, h.final_class])).toEqual([['2025-01-15', 'normal'], ['2025-03-20', 'special_mention'], ['2025-06-14', 'substandard']]);
    expect(again.classChanges).toBe(0);
    expect(again.statusWritten).toBe(0);
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'loan.classify').execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('an earlier date (backfill) does not move a newer status back', async () => {
    const before = await ctx.db.selectFrom('loan_status').select(['as_of']).where('as_of', '=', '2025-06-15').execute();
    await runClassification(ctx.db, job, { asOf: '2025-01-31' });
    const after = await ctx.db.selectFrom('loan_status').select(['as_of']).where('as_of', '=', '2025-06-15').execute();
    expect(after.length).toBe(before.length);
  });

  it('refuses a malformed date', async () => {
    await expect(runClassification(ctx.db, job, { asOf: '2025-02-30' })).rejects.toMatchObject({ status: 400 });
  });
});

describe('dated floors tables', () => {
  const stricter = { effectiveFrom: '2025-06-01', source: '测试：更严格的分类标准', floors: [{ minDpd: 1, class: 'special_mention' }, { minDpd: 61, class: 'substandard' }, { minDpd: 181, class: 'doubtful' }, { minDpd: 361, class: 'loss' }] };

  it('officers add one (audited); invalid tables are a 400 naming the floor; a taken date is a 409', async () => {
    const bad = await loanApi(ctx).post('officer', '/loans/classification-floors', { ...stricter, floors: [{ minDpd: 30, class: 'doubtful' }, { minDpd: 10, class: 'loss' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string }) => i.path)).toContain('body.floors.1.minDpd');
    expectStatus(await loanApi(ctx).post('bank', '/loans/classification-floors', stricter), 403);
    const made = expectStatus(await loanApi(ctx).post('officer', '/loans/classification-floors', stricter), 201);
    expectStatus(await loanApi(ctx).post('officer', '/loans/classification-floors', stricter), 409);
    const list = expectStatus(await loanApi(ctx).get('bank', '/loans/classification-floors'), 200);
    expect(list.items.map((t: { effectiveFrom: string }) => t.effectiveFrom)).toEqual(['2023-07-01', '2025-06-01']);
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', made.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['loan.floors.create']);
  });

  it('applies from its date: 70 days past due is special mention before, substandard after', async () => {
    const loan = await ctx.db.selectFrom('loans').select('id').where('loan_no', '=', 'HIST-1').executeTakeFirstOrThrow();
    // Second instalment due 2025-03-15 unpaid: 70 days on 2025-05-24 (old table), 79 on 2025-06-02 (new table).
    const at = async (d: string) => (await loanStandings(ctx.db, d, { loanIds: [loan.id] }))[0]!;
    expect(await at('2025-05-24')).toMatchObject({ dpd: 70, computed_class: 'special_mention' });
    expect(await at('2025-06-02')).toMatchObject({ dpd: 79, computed_class: 'substandard' });
    const floors = await ctx.db.selectFrom('classification_floors').select(['id', 'effective_from']).execute();
    expect((await at('2025-06-02')).floors_id).toBe(floors.find((f) => f.effective_from === '2025-06-01')!.id);
  });
});
