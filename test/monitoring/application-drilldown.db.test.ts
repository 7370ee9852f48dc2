import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/shared/uscc';
import { createTestContext, type TestContext } from '../helpers/app';
import { expectStatus, seedProducts } from '../application/helpers';

// The applications behind each funnel number (dashboard drill-down): the same year as the funnel report's test,
// so every stage's list must have exactly the funnel's count, per district and per last-recommended bank.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  const p = await seedProducts(ctx);
  const ent = async (n: number, district: string) =>
    (await ctx.db.insertInto('enterprises').values({ uscc: makeUscc(400 + n), name: `钻取企业${n}`, district, sector: '其他' }).returning('id').executeTakeFirstOrThrow()).id;
  const C = await ent(1, '浦东新区');
  const D = await ent(2, '浦东新区');
  const N = await ent(3, '静安区');
  const { enterpriseA: A, enterpriseB: B, bankOrg: B1, bank2Org: B2 } = ctx.ids;
  let n = 0;
  const app = async (enterprise: string, status: string, submitted: string | null, extra: Record<string, unknown> = {}, assignments: [string, number, string | null][] = []) => {
    const row = await ctx.db.insertInto('applications').values({ application_no: `D-${++n}`, enterprise_id: enterprise, product_id: p.lyd, status: status as never, submitted_on: submitted, ...extra }).returning('id').executeTakeFirstOrThrow();
    let seq = 0;
    for (const [bank, yuan, ended] of assignments) {
      await ctx.db.insertInto('application_assignments').values({ application_id: row.id, seq: ++seq, bank_org_id: bank, amount: yuan * 100, recommended_on: '2025-08-01', ended_on: ended, end_reason: ended ? '拒贷' : null }).execute();
    }
  };
  await app(A, 'approved', '2025-02-01', { bank_org_id: B1, approved_amount: 2_800_000_00 }, [[B1, 3_000_000, null]]); // D-1 杨浦 approved
  await app(B, 'deferred', '2025-03-01'); // D-2 杨浦 deferred
  await app(C, 'disbursed', '2025-04-01', { bank_org_id: B2, approved_amount: 1_100_000_00 }, [[B1, 1_000_000, '2025-08-20'], [B2, 1_200_000, null]]); // D-3 reassigned, approved
  await app(D, 'recommended', '2025-05-01', { bank_org_id: B2 }, [[B2, 800_000, null]]); // D-4 waiting
  await app(D, 'rejected', '2025-06-01'); // D-5
  await app(A, 'approved', '2024-12-31', { bank_org_id: B1, approved_amount: 9_000_000_00 }, [[B1, 9_000_000, null]]); // D-6 other year
  await app(A, 'draft', null); // D-7 never submitted
  await app(C, 'declined', '2025-07-01', { product_id: p.crd, bank_org_id: B1 }, [[B1, 500_000, null]]); // D-8 declined
  await app(N, 'submitted', '2025-09-01'); // D-9 静安, never recommended
});
afterAll(async () => ctx?.close());

const get = async (url: string, user: 'officer' | 'auditor' | 'bank' = 'officer', status = 200) => expectStatus(await ctx.as(user, { method: 'GET', url: `/api/v1${url}` }), status);
const numbers = async (qs: string) => ((await get(`/monitoring/drilldown/applications?${qs}`)).items as { applicationNo: string }[]).map((a) => a.applicationNo).sort();

describe('drill-down: the applications behind a funnel number', () => {
  it('lists each stage of the year by the funnel\'s definitions', async () => {
    expect(await numbers('year=2025&stage=applications')).toEqual(['D-1', 'D-2', 'D-3', 'D-4', 'D-5', 'D-8', 'D-9']);
    expect(await numbers('year=2025&stage=recommended')).toEqual(['D-1', 'D-3', 'D-4', 'D-8']);
    expect(await numbers('year=2025&stage=deferred')).toEqual(['D-2']);
    expect(await numbers('year=2025&stage=approved')).toEqual(['D-1', 'D-3']);
    expect(await numbers('year=2024&stage=approved')).toEqual(['D-6']);
  });

  it('carries the latest recommendation and the approved amount', async () => {
    const r = await get('/monitoring/drilldown/applications?year=2025&stage=approved&district=浦东新区', 'auditor');
    expect(r).toMatchObject({ total: 1, items: [{ applicationNo: 'D-3', district: '浦东新区', recommendedTo: { code: 'BANK2' }, recommendedAmount: 1_200_000, approvedAmount: 1_100_000, status: 'disbursed' }] });
  });

  it('has, for every row and stage of the funnel (by district and by bank), exactly the funnel\'s count', async () => {
    const stages = { applications: 'applications', recommended: 'recommendedCount', deferred: 'deferredCount', approved: 'approvedCount' } as const;
    for (const by of ['district', 'bank'] as const) {
      const funnel = await get(`/reports/funnel?year=2025&by=${by}`);
      for (const row of funnel.rows as Record<string, string | number | null>[]) {
        for (const [stage, column] of Object.entries(stages)) {
          const key = row[by] === null ? '' : String(row[by]);
          const d = await get(`/monitoring/drilldown/applications?year=2025&stage=${stage}&${by}=${encodeURIComponent(key)}`);
          expect(d.total, `${by}=${key} ${stage}`).toBe(row[column]);
        }
      }
    }
  });

  it('pages, and names a bad stage or year', async () => {
    const first = await get('/monitoring/drilldown/applications?year=2025&stage=applications&pageSize=2');
    const second = await get('/monitoring/drilldown/applications?year=2025&stage=applications&pageSize=2&page=2');
    expect(first.total).toBe(7);
    expect([...first.items, ...second.items].map((a: { applicationNo: string }) => a.applicationNo)).toEqual(['D-9', 'D-8', 'D-5', 'D-4']);
    expect((await get('/monitoring/drilldown/applications?year=2025&stage=nope', 'officer', 400)).issues[0].path).toContain('stage');
    expect((await get('/monitoring/drilldown/applications?stage=approved', 'officer', 400)).issues[0].path).toContain('year');
    await get('/monitoring/drilldown/applications?year=2025&stage=approved', 'bank', 403);
  });
});
