import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { fenToYuan, fenToYuanOrNull } from '../../platform/money';
import { periodInWindow, type ConsentCluster } from './consent-rules';

type Handle = Kysely<DB> | Transaction<DB>;
type Item = Record<string, unknown>;

/**
 * Each data cluster as an institution reads it, limited to the consent's lookback window [from, today]. Amounts in
 * yuan. A cluster's rows are few per enterprise (dozens), so the window is applied by the pure rule in code rather
 * than re-expressing period arithmetic in SQL.
 */
export const CLUSTER_LOADERS: Record<ConsentCluster, (db: Handle, enterpriseId: string, from: string) => Promise<Item[]>> = {
  // 银税互动: filings as the tax bureau reported them (import tax-filings); a period is shown when it overlaps the window.
  async tax_filings(db, enterpriseId, from) {
    const rows = await db.selectFrom('enterprise_tax_filings').selectAll().where('enterprise_id', '=', enterpriseId).execute();
    return rows
      .filter((r) => periodInWindow(r.period, from))
      .sort((a, b) => (a.period === b.period ? a.tax_type.localeCompare(b.tax_type) : a.period < b.period ? 1 : -1))
      .map((r) => ({ period: r.period, taxType: r.tax_type, taxableRevenue: fenToYuanOrNull(r.taxable_revenue), taxPaid: fenToYuan(r.tax_paid), filedOn: r.filed_on, source: r.source }));
  },

  async financial_statements(db, enterpriseId, from) {
    const rows = await db.selectFrom('enterprise_financials').selectAll().where('enterprise_id', '=', enterpriseId).orderBy('year', 'desc').execute();
    return rows
      .filter((r) => periodInWindow(String(r.year), from))
      .map((r) => ({
        year: r.year, revenue: fenToYuanOrNull(r.revenue), mainBusinessRevenue: fenToYuanOrNull(r.main_business_revenue),
        highTechProductRevenue: fenToYuanOrNull(r.high_tech_product_revenue), rdExpense: fenToYuanOrNull(r.rd_expense), totalCost: fenToYuanOrNull(r.total_cost),
        netProfit: fenToYuanOrNull(r.net_profit), totalAssets: fenToYuanOrNull(r.total_assets), totalLiabilities: fenToYuanOrNull(r.total_liabilities),
        employees: r.employees, rdStaff: r.rd_staff,
      }));
  },

  // IP is a holding, not a flow: the current portfolio is shown whatever the lookback (a patent granted ten years
  // ago still secures an IP-pledge loan today).
  async ip_assets(db, enterpriseId) {
    const rows = await db.selectFrom('enterprise_ip_assets').selectAll().where('enterprise_id', '=', enterpriseId).orderBy('kind').orderBy('number').execute();
    return rows.map((r) => ({ kind: r.kind, number: r.number, title: r.title, appliedOn: r.applied_on, grantedOn: r.granted_on, status: r.status, pledged: r.pledged }));
  },

  async social_insurance(db, enterpriseId, from) {
    const rows = await db.selectFrom('enterprise_social_insurance').selectAll().where('enterprise_id', '=', enterpriseId).orderBy('month', 'desc').execute();
    return rows.filter((r) => periodInWindow(r.month, from)).map((r) => ({ month: r.month, headcount: r.headcount, source: r.source }));
  },

  // The enterprise's loans on the platform with every bank, named: what the enterprise consented to share is its own
  // borrowing history, and a lender judges indebtedness only from the whole of it. The other banks' internal loan
  // numbers and their pricing are left out; they are those banks' business, not the enterprise's history.
  // A loan is in the window when it was outstanding at some point in it (matures on or after the window start).
  async loan_history(db, enterpriseId, from) {
    const rows = await db
      .selectFrom('loans as l')
      .innerJoin('organizations as b', 'b.id', 'l.bank_org_id')
      .leftJoin('products as p', 'p.id', 'l.product_id')
      .select(['l.principal', 'l.collateral_mode', 'l.term_months', 'l.start_date', 'l.maturity_date', 'b.code as bank_code', 'b.name as bank_name', 'p.code as product_code', 'p.name as product_name'])
      .where('l.enterprise_id', '=', enterpriseId)
      .where('l.maturity_date', '>=', from)
      .orderBy('l.start_date', 'desc')
      .orderBy('l.id')
      .execute();
    return rows.map((r) => ({
      bank: { code: r.bank_code, name: r.bank_name },
      product: r.product_code === null ? null : { code: r.product_code, name: r.product_name },
      collateralMode: r.collateral_mode, principal: fenToYuan(r.principal), termMonths: r.term_months, startDate: r.start_date, maturityDate: r.maturity_date,
    }));
  },
};
