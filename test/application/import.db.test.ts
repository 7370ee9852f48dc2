import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/shared/uscc';
import { createTestContext, multipartFile, type TestContext } from '../helpers/app';
import { api, expectStatus, recommendedTo, seedProducts } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedProducts(ctx);
});
afterAll(async () => ctx?.close());

const HEADER = 'application_no,uscc,enterprise_name,district,product_code,submitted_on,screening_result,recommended_on,recommended_amount,bank_code,bank_decision,decided_on,approved_amount';
const NEW_USCC = makeUscc(424242);
const GOOD = [
  HEADER,
  `H2017-001,${makeUscc(1)},甲科技有限公司,杨浦区,LYD,2017-02-10,recommended,2017-03-01,3000000,BANK1,approved,2017-04-15,2800000.50`,
  `H2017-002,${NEW_USCC},丙新材料有限公司,浦东新区,LYD,2017-05-06,deferred,,,,,,`,
  `H2017-003,${makeUscc(2)},乙生物医药有限公司,杨浦区,LYD,2017-06-01,recommended,2017-06-20,1000000,BANK2,declined,2017-08-01,`,
  `H2017-004,${makeUscc(2)},乙生物医药有限公司,杨浦区,CRD,2017-07-01,recommended,2017-07-05,500000,BANK1,pending,,`,
  `H2017-005,${NEW_USCC},丙新材料有限公司,浦东新区,LYD,2017-09-01,pending,,,,,,`,
].join('\n');

const upload = (user: 'officer' | 'bank', csv: string, qs = '') => {
  const m = multipartFile('history.csv', csv);
  return ctx.as(user, { method: 'POST', url: `/api/v1/applications/import${qs}`, payload: m.payload, headers: m.headers });
};
const count = async (table: 'applications' | 'application_events' | 'application_assignments' | 'enterprises' | 'audit_log') =>
  Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const snapshot = async () => ({ apps: await count('applications'), events: await count('application_events'), assignments: await count('application_assignments'), enterprises: await count('enterprises'), audit: await count('audit_log') });

describe('import of historical applications', () => {
  it('reports every bad cell and reference by line and column, and writes nothing', async () => {
    await ctx.session('officer'); // signing in writes an audit row of its own
    const before = await snapshot();
    const bad = [
      HEADER,
      `B-1,${makeUscc(1)},甲,杨浦区,LYD,2017-02-30,recommended,2017-03-01,3000000,BANK1,approved,2017-04-15,`,
      `B-2,${makeUscc(1)},甲,杨浦区,NOPE,2017-02-01,recommended,2017-03-01,3000000,NOBANK,pending,,`,
      `B-3,${makeUscc(1)},甲,火星区,LYD,2017-02-01,deferred,2017-03-01,,,,,`,
      `B-4,${makeUscc(1)},甲,杨浦区,LYD,2017-02-01,recommended,2017-01-01,5万,BANK1,pending,,`,
      `B-1,${makeUscc(1)},甲,杨浦区,LYD,2017-02-01,rejected,,,,,,`,
    ].join('\n');
    const r = expectStatus(await upload('officer', bad), 200);
    expect(r.ok).toBe(false);
    expect(r.imported).toBe(0);
    expect(r.errors).toEqual([
      { line: 2, column: 'submitted_on', message: expect.stringMatching(/February 2017 has 28 days/) },
      { line: 4, column: 'district', message: expect.stringMatching(/'火星区' is not one of/) },
      { line: 5, column: 'recommended_amount', message: expect.stringMatching(/not 万元/) },
      { line: 6, column: 'application_no', message: "duplicate application_no 'B-1', first seen on line 2" },
    ]);
    expect(await snapshot()).toEqual(before);
    // Cells all fine: now the cross-column rules and the references.
    const refs = [
      HEADER,
      `R-1,${makeUscc(1)},甲,杨浦区,NOPE,2017-02-01,recommended,2017-03-01,3000000,NOBANK,pending,,`,
      `R-2,${makeUscc(1)},甲,杨浦区,LYD,2017-02-01,deferred,2017-03-01,,,,,`,
      `R-3,${makeUscc(1)},甲,杨浦区,LYD,2017-02-01,recommended,2017-01-01,100,BANK1,approved,2017-04-01,`,
    ].join('\n');
    const r2 = expectStatus(await upload('officer', refs), 200);
    expect(r2.errors).toEqual([
      { line: 3, column: 'recommended_on', message: 'must be empty when screening_result is deferred' },
      { line: 4, column: 'approved_amount', message: 'is required when bank_decision is approved' },
      { line: 4, column: 'recommended_on', message: '2017-01-01 is before submitted_on 2017-02-01' },
    ]);
    const r3 = expectStatus(await upload('officer', refs.split('\n').slice(0, 2).join('\n')), 200);
    expect(r3.errors).toEqual([
      { line: 2, column: 'product_code', message: "no product with code 'NOPE'" },
      { line: 2, column: 'bank_code', message: "no bank with code 'NOBANK'" },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('creates each application in its final state with an imported history, and unknown enterprises', async () => {
    const r = expectStatus(await upload('officer', GOOD), 200);
    expect(r).toMatchObject({ ok: true, imported: 5, created: 5, updated: 0, unchanged: 0, enterprisesCreated: 1 });
    const apps = await ctx.db.selectFrom('applications').select(['application_no', 'status', 'imported', 'approved_amount', 'recommended_amount', 'bank_org_id']).where('application_no', 'like', 'H2017-%').orderBy('application_no').execute();
    expect(apps.map((x) => [x.application_no, x.status, x.imported])).toEqual([
      ['H2017-001', 'approved', true], ['H2017-002', 'deferred', true], ['H2017-003', 'declined', true], ['H2017-004', 'recommended', true], ['H2017-005', 'screening', true],
    ]);
    expect(apps[0]).toMatchObject({ approved_amount: 2_800_000_50, recommended_amount: 3_000_000_00, bank_org_id: ctx.ids.bankOrg });
    const created = await ctx.db.selectFrom('enterprises').select(['name', 'district', 'sector']).where('uscc', '=', NEW_USCC).executeTakeFirstOrThrow();
    expect(created).toEqual({ name: '丙新材料有限公司', district: '浦东新区', sector: '其他' });

    const id = (await ctx.db.selectFrom('applications').select('id').where('application_no', '=', 'H2017-001').executeTakeFirstOrThrow()).id;
    const detail = expectStatus(await api(ctx).get('officer', `/applications/${id}`), 200);
    expect(detail.history.map((h: { action: string; imported: boolean; at: string }) => `${h.action}:${h.imported}:${h.at.slice(0, 10)}`)).toEqual([
      'import:true:2017-02-10', 'screen:true:2017-02-10', 'recommend:true:2017-03-01', 'accept:true:2017-04-15', 'approve:true:2017-04-15',
    ]);
    expect(detail.assignments).toEqual([expect.objectContaining({ seq: 1, bank: expect.objectContaining({ code: 'BANK1' }), amount: 3_000_000, recommendedOn: '2017-03-01' })]);
    // The funnel counts imported history like the platform's own.
    const f = expectStatus(await ctx.as('officer', { method: 'GET', url: '/api/v1/reports/funnel?year=2017' }), 200);
    expect(f.total).toEqual({ applications: 5, recommendedCount: 3, recommendedAmount: 4_500_000, deferredCount: 1, approvedCount: 1, approvedAmount: 2_800_000.5 });
  });

  it('changes nothing when the same file is imported again (upsert by application_no)', async () => {
    const before = await snapshot();
    expect(expectStatus(await upload('officer', GOOD), 200)).toMatchObject({ ok: true, imported: 5, created: 0, updated: 0, unchanged: 5 });
    expect({ ...(await snapshot()), audit: before.audit }).toEqual(before);
  });

  it('updates a changed historical row, and refuses to overwrite an application made on the platform', async () => {
    const changed = GOOD.replace('BANK1,pending,,', 'BANK1,approved,2017-08-01,450000');
    expect(expectStatus(await upload('officer', changed), 200)).toMatchObject({ ok: true, updated: 1, unchanged: 4 });
    expect((await ctx.db.selectFrom('applications').select('status').where('application_no', '=', 'H2017-004').executeTakeFirstOrThrow()).status).toBe('approved');
    const live = await recommendedTo(ctx, 'BANK1');
    const no = (await ctx.db.selectFrom('applications').select('application_no').where('id', '=', live).executeTakeFirstOrThrow()).application_no;
    const clash = `${HEADER}\n${no},${makeUscc(1)},甲科技有限公司,杨浦区,LYD,2017-02-10,rejected,,,,,,`;
    const r = expectStatus(await upload('officer', clash), 200);
    expect(r.errors).toEqual([{ line: 2, column: 'application_no', message: `'${no}' is an application made on the platform; an import cannot overwrite it` }]);
  });

  it('is for office staff only', async () => {
    expectStatus(await upload('bank', GOOD), 403);
  });
});
