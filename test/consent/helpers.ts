import { addMonths } from '../../src/server/modules/consent/consent-rules';
import { todayInShanghai } from '../../src/server/platform/dates';
import type { TestContext } from '../helpers/app';

export const today = () => todayInShanghai();
export const monthsAgo = (n: number) => addMonths(today(), -n).slice(0, 7);
export const yearsAgo = (n: number) => Number(today().slice(0, 4)) - n;

let seq = 0;

/** Data clusters of enterprise A spread over the last 30 months, so a lookback visibly cuts them. */
export async function seedClustersOfA(ctx: TestContext) {
  const a = ctx.ids.enterpriseA;
  const months = [0, 1, 5, 11, 13, 24, 30];
  await ctx.db.insertInto('enterprise_social_insurance').values(months.map((m, i) => ({ enterprise_id: a, month: monthsAgo(m), headcount: 40 + i }))).execute();
  await ctx.db.insertInto('enterprise_tax_filings').values(months.map((m) => ({ enterprise_id: a, period: monthsAgo(m), tax_type: '增值税', taxable_revenue: 1_000_000_00, tax_paid: 60_000_00, filed_on: null }))).execute();
  await ctx.db.insertInto('enterprise_financials').values([yearsAgo(0), yearsAgo(1), yearsAgo(3)].map((year) => ({
    enterprise_id: a, year, revenue: 12_000_000_00, main_business_revenue: null, high_tech_product_revenue: null, rd_expense: 1_500_000_00, total_cost: null,
    net_profit: -10_00, total_assets: null, total_liabilities: null, employees: 50, rd_staff: 12,
  }))).execute();
  await ctx.db.insertInto('enterprise_ip_assets').values([
    { enterprise_id: a, kind: 'invention_patent', number: 'ZL201010000001', title: '老专利', applied_on: '2010-01-01', granted_on: '2012-01-01', status: 'granted', pledged: false },
    { enterprise_id: a, kind: 'software_copyright', number: '2024SR000001', title: null, applied_on: null, granted_on: null, status: 'granted', pledged: true },
  ]).execute();
  // Loans with both banks: one matured three years ago (outside any short lookback), two current.
  const loan = (bank: string, start: string, maturity: string, principal: number) => ({
    loan_no: `L-${++seq}`, bank_org_id: bank, enterprise_id: a, collateral_mode: 'credit' as const, principal, annual_rate: '0.035', term_months: 12,
    start_date: start, maturity_date: maturity, repayment_method: 'equal_instalment' as const,
  });
  await ctx.db.insertInto('loans').values([
    loan(ctx.ids.bankOrg, addMonths(today(), -48), addMonths(today(), -36), 1_000_000_00),
    loan(ctx.ids.bankOrg, addMonths(today(), -6), addMonths(today(), 6), 2_000_000_00),
    loan(ctx.ids.bank2Org, addMonths(today(), -3), addMonths(today(), 9), 3_000_000_00),
  ]).execute();
}

/** An application of enterprise A recommended to a bank. */
export async function applicationOfA(ctx: TestContext, bankOrgId: string, enterpriseId = ctx.ids.enterpriseA) {
  const row = await ctx.db.insertInto('applications').values({
    application_no: `APP-${++seq}-${Math.random().toString(16).slice(2, 8)}`, enterprise_id: enterpriseId, status: 'recommended', bank_org_id: bankOrgId,
    recommended_on: today(), submitted_on: today(),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const grantBody = (over: Record<string, unknown> = {}) => ({
  institutionCode: 'BANK1',
  clusters: ['tax_filings', 'social_insurance'],
  purpose: '流动资金贷款授信审查',
  lookbackMonths: 12,
  expiresOn: addMonths(today(), 6),
  ...over,
});

export async function auditActions(ctx: TestContext, entityId: string) {
  const rows = await ctx.db.selectFrom('audit_log').select(['action', 'request_id', 'diff']).where('entity_id', '=', entityId).orderBy('seq').execute();
  return rows;
}
