import { makeUscc } from '../../src/shared/uscc';
import type { TestContext } from '../helpers/app';

/**
 * One hand-made assessed year (2025, with 2024 before it) for the assessment and product-statistics tests; the
 * expected figures are worked out by hand in those files. Banks BANK1, BANK2 (fixture users bank, bank2) and BANK3;
 * products LYD (科技履约贷, office programme), CRD (BANK1's own credit loan), WDT (科技微贷通, micro_loan programme);
 * enterprises A, B (fixtures), C, D, E, F.
 */
export async function seedAssessmentYear(ctx: TestContext) {
  const db = ctx.db;
  const { office, bankOrg: B1, bank2Org: B2, enterpriseA: A, enterpriseB: B } = ctx.ids;
  const B3 = (await db.insertInto('organizations').values({ code: 'BANK3', name: '第三银行', kind: 'bank' }).returning('id').executeTakeFirstOrThrow()).id;
  const product = async (code: string, name: string, type: string, owner: string) =>
    (await db.insertInto('products').values({ code, name, type: type as never, owner_org_id: owner, is_programme: owner === office }).returning('id').executeTakeFirstOrThrow()).id;
  const LYD = await product('LYD', '科技履约贷', 'performance_insurance_loan', office);
  const CRD = await product('CRD', '测试银行信用贷', 'credit_loan', B1);
  const WDT = await product('WDT', '科技微贷通', 'micro_loan', office);
  const ent = async (n: number) => (await db.insertInto('enterprises').values({ uscc: makeUscc(500 + n), name: `企业${n}`, district: '杨浦区', sector: '其他' }).returning('id').executeTakeFirstOrThrow()).id;
  const [C, D, E, F] = [await ent(3), await ent(4), await ent(5), await ent(6)];

  // Applications: [enterprise, product, status, submitted_on, bank, approved yuan, banks recommended to in order].
  type App = [string, string, string, string | null, string | null, number | null, string[]];
  const apps: App[] = [
    [A, LYD, 'approved', '2025-02-01', B1, 3_000_000, [B1]], // 1
    [B, LYD, 'disbursed', '2025-03-01', B1, 2_000_000, [B1]], // 2
    [C, LYD, 'approved', '2025-04-01', B2, 1_000_000, [B1, B2]], // 3: BANK1 declined, reassigned, BANK2 approved
    [D, CRD, 'deferred', '2025-05-01', null, null, []], // 4: applied for BANK1's own product, never recommended
    [E, LYD, 'recommended', '2025-06-01', B2, null, [B2]], // 5: waiting at BANK2
    [F, WDT, 'approved', '2025-07-01', B2, 500_000, [B2]], // 6: 微贷通 at BANK2
    [A, LYD, 'approved', '2024-06-01', B1, 4_000_000, [B1]], // 7: the year before
    [A, CRD, 'approved', '2025-08-01', B1, 1_000_000, [B1]], // 8: A again at BANK1 (one enterprise, two approvals)
    [B, LYD, 'draft', null, null, null, []], // 9: a draft has no submitted_on and counts nowhere
  ];
  // A few round trips (one insert per table), so the fixture stays quick on a loaded machine.
  const ids = await db.insertInto('applications').values(apps.map(([enterprise, productId, status, submitted, bank, approvedYuan], i) => ({
    application_no: `AS-${i + 1}`, enterprise_id: enterprise, product_id: productId, status: status as never, submitted_on: submitted, bank_org_id: bank,
    approved_amount: approvedYuan === null ? null : approvedYuan * 100,
  }))).returning(['id', 'application_no']).execute();
  const idOf = new Map(ids.map((r) => [r.application_no, r.id]));
  await db.insertInto('application_assignments').values(apps.flatMap(([, , , submitted, , , banks], i) => banks.map((b, k) => {
    const ended = k < banks.length - 1 ? '2025-06-01' : null;
    return { application_id: idOf.get(`AS-${i + 1}`)!, seq: k + 1, bank_org_id: b, amount: 100_000_00, recommended_on: submitted!, ended_on: ended, end_reason: ended ? '拒贷' : null };
  }))).execute();

  // Loans: [bank, enterprise, product, yuan, start_date].
  const loans: [string, string, string | null, number, string][] = [
    [B1, A, LYD, 3_000_000, '2025-03-01'], // L1
    [B1, B, LYD, 2_000_000, '2025-04-01'], // L2
    [B2, F, WDT, 500_000, '2025-07-01'], // L3
    [B3, D, WDT, 300_000, '2025-05-01'], // L4: BANK3's 微贷通 loan, imported without an application
    [B1, A, LYD, 4_000_000, '2024-07-01'], // L5
    [B1, A, null, 1_000_000, '2023-01-01'], // L6: no product (其他)
    [B2, C, LYD, 1_000_000, '2026-01-01'], // L7: after the year
    [B2, C, WDT, 200_000, '2024-02-01'], // L8
  ];
  await db.insertInto('loans').values(loans.map(([bank, enterprise, productId, yuan, start], i) => ({
    loan_no: `L${i + 1}`, bank_org_id: bank, enterprise_id: enterprise, product_id: productId, collateral_mode: 'credit' as const, principal: yuan * 100, annual_rate: '0.04',
    term_months: 12, start_date: start, maturity_date: `${Number(start.slice(0, 4)) + 1}${start.slice(4)}`, repayment_method: 'equal_instalment' as const,
  }))).execute();

  const event = (heldOn: string, title: string, bank: string | null, station: string | null = 'ST-WJC') =>
    ({ held_on: heldOn, title, bank_org_id: bank, station_code: station, attendees: 30 });
  await db.insertInto('events').values([
    ...[1, 2, 3, 4, 5, 6].map((i) => event(`2025-0${i}-15`, `银企对接会${i}`, B1)), // six: capped at 5
    event('2025-09-01', '政策宣讲', B3),
    event('2024-12-31', '政策宣讲', B2), // the year before
    event('2025-10-01', '服务站沙龙', null), // no bank
  ]).execute();
  return { B3, LYD, CRD, WDT, C, D, E, F };
}
