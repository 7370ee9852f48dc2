import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type OpenedDatabase } from '../../src/server/db/connect';
import { BANK_ASSESSMENT, scoreAllBanks } from '../../src/server/modules/assessment/assessment.service';
import { computeLinkageReport, LINKAGE_REPORT, linkageReport } from '../../src/server/modules/equity/linkage-report';
import { storedResult, type StoredKind } from '../../src/server/platform/stored-result';
import { createTestContext, type TestContext } from '../helpers/app';
import { TEST_DB_KIND } from '../helpers/db';

// Stored reports (migration 0026, platform/stored-result.ts): the linkage report (issue #7) and the bank
// assessment (issue #8's bank dashboard) are read from a stored result that equals a fresh computation, is
// recomputed after a committed write to any table it reads (and only then), and is computed once however many
// first requests arrive together — on PGlite and, from several connection pools, on PostgreSQL.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

/** The kind with a counter on its computations. */
function counted<K, T>(spec: StoredKind<K, T>) {
  const c = { n: 0, spec: { ...spec, compute: async (trx: Parameters<typeof spec.compute>[0], k: K) => { c.n++; return spec.compute(trx, k); } } as StoredKind<K, T> };
  return c;
}

let n = 0;
const loan = async (enterpriseId: string, start: string, principal: number, mode: string | null, bank = ctx.ids.bankOrg) =>
  (await ctx.db.insertInto('loans').values({
    loan_no: `S-${++n}`, bank_org_id: bank, enterprise_id: enterpriseId, collateral_mode: 'credit', principal: principal * 100, annual_rate: '0.04', term_months: 12,
    start_date: start, maturity_date: `${Number(start.slice(0, 4)) + 1}${start.slice(4)}`, repayment_method: 'interest_only', linkage_mode: mode as never,
  }).returning('id').executeTakeFirstOrThrow()).id;

describe('the stored 投贷联动 report', () => {
  const linkage = counted(LINKAGE_REPORT);
  const key = { year: 2025, asOf: '2025-12-31' };
  const read = () => storedResult(ctx.db, linkage.spec, key);
  let la: string;

  /** After `write`, the stored report is recomputed exactly once and equals a fresh computation. */
  async function recomputedAfter(write: (db: Database) => Promise<unknown>) {
    const before = linkage.n;
    await write(ctx.db);
    const s = await read();
    expect(linkage.n).toBe(before + 1);
    expect(s.result).toEqual(await computeLinkageReport(ctx.db, 2025));
    await read();
    expect(linkage.n).toBe(before + 1);
    return s.result;
  }

  it('equals the computed report, is computed once and then read, and says when it was computed', async () => {
    la = await loan(ctx.ids.enterpriseA, '2025-03-01', 5_000_000, 'loan_direct_equity');
    await loan(ctx.ids.enterpriseB, '2025-05-01', 3_000_000, 'loan_warrant');
    const first = await read();
    // Equal down to the order of the keys (what the API and CLI print).
    expect(JSON.stringify(first.result)).toBe(JSON.stringify(await computeLinkageReport(ctx.db, 2025)));
    expect(first.result.modes.find((m) => m.mode === 'loan_warrant')).toEqual({ mode: 'loan_warrant', enterprises: 1, loans: 1, balance: 3_000_000 });
    const again = await read();
    expect(linkage.n).toBe(1);
    expect(again).toEqual(first);
    expect(Date.parse(first.computedAt)).toBeGreaterThan(Date.now() - 60_000);
    // What the API, CLI and packs call reads the same stored row.
    const viaReport = await linkageReport(ctx.db, 2025);
    expect(viaReport).toEqual({ ...first.result, computedAt: first.computedAt });
  });

  it('is recomputed after a write to each table it reads', async () => {
    // loans: a new linked loan, then a mode change
    let r = await recomputedAfter(() => loan(ctx.ids.enterpriseB, '2025-06-01', 1_000_000, 'other'));
    expect(r.modes.find((m) => m.mode === 'other')?.loans).toBe(1);
    r = await recomputedAfter((db) => db.updateTable('loans').set({ linkage_mode: 'loan_warrant' }).where('id', '=', la).execute());
    expect(r.modes.find((m) => m.mode === 'loan_direct_equity')?.loans).toBe(0);
    // bank reports and repayments change the balance
    r = await recomputedAfter((db) => db.insertInto('loan_reports').values({ loan_id: la, as_of: '2025-09-30', outstanding: 4_000_000_00, dpd: 0, source: 'import' }).execute());
    expect(r.modes.find((m) => m.mode === 'loan_warrant')?.balance).toBe(7_000_000);
    r = await recomputedAfter((db) => db.insertInto('loan_repayments').values({ loan_id: la, external_id: 'R1', paid_on: '2025-10-01', principal: 2_000_000_00, interest: 1_00, recorded_by: null }).execute());
    expect(r.modes.find((m) => m.mode === 'loan_warrant')?.balance).toBe(6_000_000);
    // enterprise rounds move 表3
    r = await recomputedAfter((db) => db.insertInto('enterprise_rounds').values({ enterprise_id: ctx.ids.enterpriseA, round: 'b', date: '2024-01-01', amount: 1 }).execute());
    expect(r.roundsBeforeCredit.find((x) => x.round === 'b')?.enterprises).toBe(1);
    // the schedule and the floors table enter the standing the report is computed from
    await recomputedAfter((db) => db.insertInto('loan_schedule').values({ loan_id: la, seq: 1, due_on: '2026-03-01', principal: 5_000_000_00, interest: 0, due_cum: 5_000_000_00 }).execute());
    await recomputedAfter((db) => sql`insert into classification_floors (effective_from, floors, source) select '2001-01-01', floors, 'stored-results test' from classification_floors order by effective_from limit 1`.execute(db));
    // a delete counts as much as an insert
    await recomputedAfter((db) => db.deleteFrom('enterprise_rounds').where('enterprise_id', '=', ctx.ids.enterpriseA).execute());
  });

  it('is not recomputed for a write that rolled back or to a table it does not read', async () => {
    const before = linkage.n;
    await read();
    await expect(ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('loans').set({ linkage_mode: 'other' }).where('id', '=', la).execute();
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    await ctx.db.updateTable('enterprises').set({ name: '改名企业' }).where('id', '=', ctx.ids.enterpriseB).execute();
    await read();
    expect(linkage.n).toBe(before);
  });

  it('keeps one change row per table and transaction, and prunes what every stored result has seen', async () => {
    const xid = await ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 5; i++) await trx.insertInto('enterprise_rounds').values({ enterprise_id: ctx.ids.enterpriseB, round: 'seed', date: `2020-0${i + 1}-01`, amount: 1 }).execute();
      return (await sql<{ xid: string }>`select pg_current_xact_id()::text as xid`.execute(trx)).rows[0]!.xid;
    });
    const rows = await sql<{ n: number }>`select count(*)::int as n from stored_result_changes where source = 'enterprise_rounds' and xid = ${xid}::xid8`.execute(ctx.db);
    expect(rows.rows[0]!.n).toBe(1);
    await read();
    // Recomputed: every change left is one the stored snapshot sees, and those older than its oldest running
    // transaction are gone (on a shared PostgreSQL server, another database's open transaction may hold that back).
    const left = await sql<{ stale: number; old: number }>`
      select count(*) filter (where not pg_visible_in_snapshot(c.xid, s.snapshot))::int as stale,
        count(*) filter (where c.xid < pg_snapshot_xmin(s.snapshot))::int as old
      from stored_result_changes c, stored_results s
      where s.kind = 'linkage_report' and s.key = '2025:2025-12-31' and c.source = any(s.sources)`.execute(ctx.db);
    expect(left.rows[0]).toEqual({ stale: 0, old: 0 });
  });
});

describe('the stored bank assessment', () => {
  const assessment = counted(BANK_ASSESSMENT);
  const read = () => storedResult(ctx.db, assessment.spec, 2025);
  let app: string;

  async function recomputedAfter(write: (db: Database) => Promise<unknown>) {
    const before = assessment.n;
    await write(ctx.db);
    const s = await read();
    expect(assessment.n).toBe(before + 1);
    expect(s.result).toEqual(await scoreAllBanks(ctx.db, 2025, null));
    return s.result;
  }
  const bank1 = (r: Awaited<ReturnType<typeof scoreAllBanks>>) => r.banks.find((b) => b.bank === 'BANK1')!;

  it('equals the computed assessment and is recomputed after a write to each table it reads', async () => {
    const first = await read();
    expect(first.result).toEqual(await scoreAllBanks(ctx.db, 2025, null));
    await read();
    expect(assessment.n).toBe(1);
    let r = await recomputedAfter(async (db) => {
      app = (await db.insertInto('applications').values({ application_no: 'ST-1', enterprise_id: ctx.ids.enterpriseA, status: 'approved', bank_org_id: ctx.ids.bankOrg, submitted_on: '2025-03-01', approved_amount: 1_000_000_00 }).returning('id').executeTakeFirstOrThrow()).id;
    });
    expect(bank1(r).indicators.creditTotal.value).toBeGreaterThan(bank1(first.result).indicators.creditTotal.value);
    r = await recomputedAfter((db) => db.insertInto('application_assignments').values({ application_id: app, seq: 1, bank_org_id: ctx.ids.bank2Org, recommended_on: '2025-03-02' }).execute());
    expect(r.banks.find((b) => b.bank === 'BANK2')!.indicators.applicants.value).toBeGreaterThanOrEqual(1);
    r = await recomputedAfter((db) => db.insertInto('events').values({ held_on: '2025-04-01', title: '银企对接会', attendees: 30, bank_org_id: ctx.ids.bankOrg }).execute());
    expect(bank1(r).indicators.activities.value).toBe(bank1(first.result).indicators.activities.value + 1);
    await recomputedAfter((db) => db.updateTable('applications').set({ status: 'disbursed' }).where('id', '=', app).execute());
    await recomputedAfter((db) => db.updateTable('organizations').set({ name: '测试银行（改名）' }).where('id', '=', ctx.ids.bankOrg).execute());
    await recomputedAfter((db) => db.updateTable('products').set({ updated_at: new Date() }).execute());
    await recomputedAfter(() => loan(ctx.ids.enterpriseA, '2025-02-01', 100_000, null));
    // A table it does not read (the linkage report's) leaves it alone.
    const before = assessment.n;
    const anyLoan = (await ctx.db.selectFrom('loans').select('id').executeTakeFirstOrThrow()).id;
    await ctx.db.insertInto('loan_reports').values({ loan_id: anyLoan, as_of: '2025-02-28', outstanding: 0, dpd: 0, source: 'import' }).execute();
    await read();
    expect(assessment.n).toBe(before);
  });

  it('serves the bank dashboard, with when it was computed', async () => {
    const res = await ctx.as('bank', { method: 'GET', url: '/api/v1/monitoring/dashboard/bank' });
    expect(res.statusCode).toBe(200);
    // The dashboard shows this year's assessment; its row is the stored one's.
    const year = (res.json().assessment as { year: number }).year;
    const stored = await storedResult(ctx.db, BANK_ASSESSMENT, year);
    const own = stored.result.banks.find((b) => b.bank === 'BANK1')!;
    expect(res.json().assessment).toEqual({ year, total: own.total, indicators: own.indicators, computedAt: stored.computedAt });
  });
});

describe('concurrent first requests', () => {
  it('compute once, whoever asks, and the others read what it stored', async () => {
    const slow = counted({ ...LINKAGE_REPORT, kind: 'linkage_report_concurrency' });
    const spec = { ...slow.spec, compute: async (trx: Parameters<typeof slow.spec.compute>[0], k: { year: number; asOf: string }) => {
      await sql`select pg_sleep(0.3)`.execute(trx);
      return slow.spec.compute(trx, k);
    } };
    // On PostgreSQL, three connection pools stand for three app servers; PGlite has one connection.
    const others: OpenedDatabase[] = TEST_DB_KIND === 'pg' ? await Promise.all([0, 1].map(() => openDatabase({ databaseUrl: dbUrl(), dataDir: '' }))) : [];
    try {
      const handles = [ctx.db, ...others.map((o) => o.db)];
      const all = await Promise.all(Array.from({ length: 9 }, (_, i) => storedResult(handles[i % handles.length]!, spec, { year: 2025, asOf: '2025-11-30' })));
      expect(slow.n).toBe(1);
      for (const s of all) expect(s).toEqual(all[0]);
      expect(all[0]!.result).toEqual(await computeLinkageReport(ctx.db, 2025, '2025-11-30'));
    } finally {
      await Promise.all(others.map((o) => o.close()));
    }
  });

  it.runIf(TEST_DB_KIND === 'pg')('a write committed while the report is being computed makes what it stores stale', async () => {
    const other = await openDatabase({ databaseUrl: dbUrl(), dataDir: '' });
    try {
      let started!: () => void;
      const running = new Promise<void>((r) => (started = r));
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const gated = counted({ ...LINKAGE_REPORT, kind: 'linkage_report_race' });
      const spec = { ...gated.spec, compute: async (trx: Parameters<typeof gated.spec.compute>[0], k: { year: number; asOf: string }) => {
        const r = await gated.spec.compute(trx, k);
        started();
        await gate;
        return r;
      } };
      const key = { year: 2025, asOf: '2025-12-31' };
      const first = storedResult(ctx.db, spec, key);
      await running;
      await other.db.insertInto('loans').values({
        loan_no: 'S-race', bank_org_id: ctx.ids.bankOrg, enterprise_id: ctx.ids.enterpriseA, collateral_mode: 'credit', principal: 7_00, annual_rate: '0.04', term_months: 12,
        start_date: '2025-07-01', maturity_date: '2026-07-01', repayment_method: 'interest_only', linkage_mode: 'other',
      }).execute();
      release();
      const stale = await first;
      const fresh = await storedResult(ctx.db, spec, key);
      expect(gated.n).toBe(2);
      expect(fresh.result.modes.find((m) => m.mode === 'other')!.loans).toBe(stale.result.modes.find((m) => m.mode === 'other')!.loans + 1);
      expect(fresh.result).toEqual(await computeLinkageReport(ctx.db, 2025));
    } finally {
      await other.close();
    }
  });
});

function dbUrl(): string {
  if (!ctx.opened.databaseUrl) throw new Error('the PostgreSQL project has a database URL');
  return ctx.opened.databaseUrl;
}
