import { makeUscc } from '../../src/shared/uscc';
import type { TestContext } from '../helpers/app';

/**
 * A small hand-made portfolio (issue #8 tests). Figures as of 2025-06-30, worked out by hand:
 * - L1 BANK1 entA P1 credit, 1,000,000 from 2025-01-10 at 4%, first-time borrower; report 06-30: 800,000, 0 dpd → normal
 * - L2 BANK1 entB P1 ip_pledge, 500,000 from 2024-03-01 at 5%; report 05-31: 400,000, 100 dpd → substandard
 * - L3 BANK2 entA no product, guarantee, 300,000 from 2024-06-01 at 4.5%, 投贷联动; report 06-30: 300,000, 30 dpd → special_mention;
 *   report 07-15 repaid (after the date)
 * - L4 BANK2 entB credit 200,000 from 2025-07-01: not started yet
 * - L5 BANK1 entC P1 credit 100,000 from 2023-01-01; report 2025-01-31: repaid (0)
 * - L6 BANK2 entC credit 120,000 from 2025-01-01 at 3.6%, schedule 60,000 on 03-01 and 09-01, 60,000 repaid 03-01 → 60,000, 0 dpd
 * Outstanding 1,560,000; NPL 400,000; borrowers A, B, C; first-time A.
 * A year before (2024-06-30): L2 500,000 and L3 300,000 (no report yet: principal), L5 100,000 → 3 loans, 900,000.
 */
export async function seedPortfolio(ctx: TestContext) {
  const { bankOrg: B1, bank2Org: B2, enterpriseA: A, enterpriseB: B } = ctx.ids;
  const C = (await ctx.db.insertInto('enterprises').values({ uscc: makeUscc(77), name: '丙数字科技有限公司', district: '浦东新区', street: null, sector: '数字经济' }).returning('id').executeTakeFirstOrThrow()).id;
  const P1 = (await ctx.db.insertInto('products').values({ code: 'P1', name: '科创信用贷', type: 'credit_loan', owner_org_id: B1 }).returning('id').executeTakeFirstOrThrow()).id;
  const loan = async (no: string, bank: string, ent: string, product: string | null, mode: string, principal: number, start: string, rate: string, extra: Record<string, unknown> = {}) =>
    (await ctx.db.insertInto('loans').values({
      loan_no: no, bank_org_id: bank, enterprise_id: ent, product_id: product, collateral_mode: mode as never, principal: principal * 100, annual_rate: rate,
      term_months: 12, start_date: start, maturity_date: '2026-12-31', repayment_method: 'equal_instalment', source: 'import', ...extra,
    }).returning('id').executeTakeFirstOrThrow()).id;
  const report = (loanId: string, asOf: string, outstanding: number, dpd: number) =>
    ctx.db.insertInto('loan_reports').values({ loan_id: loanId, as_of: asOf, outstanding: outstanding * 100, dpd, reported_class: null, source: 'import' }).execute();
  const L1 = await loan('L1', B1, A, P1, 'credit', 1_000_000, '2025-01-10', '0.04', { first_time_borrower: true });
  await report(L1, '2025-06-30', 800_000, 0);
  const L2 = await loan('L2', B1, B, P1, 'ip_pledge', 500_000, '2024-03-01', '0.05');
  await report(L2, '2025-05-31', 400_000, 100);
  const L3 = await loan('L3', B2, A, null, 'guarantee', 300_000, '2024-06-01', '0.045', { linkage_mode: 'loan_warrant' });
  await report(L3, '2025-06-30', 300_000, 30);
  await report(L3, '2025-07-15', 0, 0);
  const L4 = await loan('L4', B2, B, null, 'credit', 200_000, '2025-07-01', '0.04');
  const L5 = await loan('L5', B1, C, P1, 'credit', 100_000, '2023-01-01', '0.05');
  await report(L5, '2025-01-31', 0, 0);
  const L6 = await loan('L6', B2, C, null, 'credit', 120_000, '2025-01-01', '0.036');
  await ctx.db.insertInto('loan_schedule').values([
    { loan_id: L6, seq: 1, due_on: '2025-03-01', principal: 60_000_00, interest: 0, due_cum: 60_000_00 },
    { loan_id: L6, seq: 2, due_on: '2025-09-01', principal: 60_000_00, interest: 0, due_cum: 120_000_00 },
  ]).execute();
  await ctx.db.insertInto('loan_repayments').values({ loan_id: L6, external_id: 'R1', paid_on: '2025-03-01', principal: 60_000_00, interest: 0 }).execute();
  return { C, P1, L1, L2, L3, L4, L5, L6, report };
}
