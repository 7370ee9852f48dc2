import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { EnterpriseEvaluationFactsTable, EvaluationKindColumn } from '../../db/schema-evaluation';
import { EMPTY_EXTRAS, EMPTY_YEAR, type EnterpriseYearFacts, type EvaluationExtras, type FinancialYear } from '../../../evaluation/facts';
import { storedResultText, type EvaluationRecord } from '../../../evaluation';
import { yearEnd } from '../../../evaluation/logic';

type Handle = Kysely<DB> | Transaction<DB>;

/** Columns of enterprise_evaluation_facts as API field names (money in fen inside). */
export const FACT_COLUMNS = {
  techStaff: 'tech_staff', rdExpenseDomestic: 'rd_expense_domestic', operatingCashFlow: 'operating_cash_flow', weightedRoeBp: 'weighted_roe_bp',
  shareCapital: 'share_capital', residentEnterprise: 'resident_enterprise', prohibitedIndustry: 'prohibited_industry', seriousViolation: 'serious_violation',
  nationalAwardTop3: 'national_award_top3', provincialRdInstitution: 'provincial_rd_institution', ledStandard: 'led_standard', otherClassIIp: 'other_class_i_ip',
  hnteIpScore: 'hnte_ip_score', hnteConversionScore: 'hnte_conversion_score', hnteRdManagementScore: 'hnte_rd_management_score',
  mainBusinessInventionPatents: 'main_business_invention_patents', star5Qualitative: 'star5_qualitative', marketValueEstimate: 'market_value_estimate',
  marketValueEstimatedOn: 'market_value_estimated_on', neeqListedOn: 'neeq_listed_on',
} as const satisfies Record<string, keyof EnterpriseEvaluationFactsTable>;
export type FactField = keyof typeof FACT_COLUMNS;
export const MONEY_FACTS: FactField[] = ['rdExpenseDomestic', 'operatingCashFlow', 'shareCapital', 'marketValueEstimate'];

function yearFrom(f: DB['enterprise_financials'] | undefined, x: EnterpriseEvaluationFactsTable | undefined): FinancialYear {
  return {
    ...EMPTY_YEAR,
    ...(f ? {
      revenue: f.revenue, mainBusinessRevenue: f.main_business_revenue, highTechProductRevenue: f.high_tech_product_revenue, rdExpense: f.rd_expense,
      totalCost: f.total_cost, netProfit: f.net_profit, totalAssets: f.total_assets, totalLiabilities: f.total_liabilities, employees: f.employees, rdStaff: f.rd_staff,
    } : {}),
    ...(x ? { techStaff: x.tech_staff, rdExpenseDomestic: x.rd_expense_domestic, operatingCashFlow: x.operating_cash_flow, weightedRoeBp: x.weighted_roe_bp, shareCapital: x.share_capital } : {}),
  };
}

function extrasFrom(x: EnterpriseEvaluationFactsTable | undefined): EvaluationExtras {
  if (!x) return { ...EMPTY_EXTRAS };
  return {
    residentEnterprise: x.resident_enterprise, prohibitedIndustry: x.prohibited_industry, seriousViolation: x.serious_violation,
    nationalAwardTop3: x.national_award_top3, provincialRdInstitution: x.provincial_rd_institution, ledStandard: x.led_standard,
    otherClassIIp: x.other_class_i_ip, hnteIpScore: x.hnte_ip_score, hnteConversionScore: x.hnte_conversion_score, hnteRdManagementScore: x.hnte_rd_management_score,
    mainBusinessInventionPatents: x.main_business_invention_patents, star5Qualitative: x.star5_qualitative, marketValueEstimate: x.market_value_estimate,
    marketValueEstimatedOn: x.market_value_estimated_on, neeqListedOn: x.neeq_listed_on,
  };
}

/**
 * Registry facts of a page of enterprises (by id order after `afterId`, or the given ids) for one year: five
 * queries per page whatever its size, so the nightly run over the whole registry costs a few round trips per
 * thousand enterprises.
 */
export async function loadFacts(db: Handle, year: number, page: { ids?: string[]; afterId?: string; limit?: number }): Promise<EnterpriseYearFacts[]> {
  let q = db.selectFrom('enterprises').select(['id', 'sector', 'founded_on', 'listing_status']).orderBy('id');
  if (page.ids) q = q.where('id', 'in', page.ids.length ? page.ids : ['00000000-0000-0000-0000-000000000000']);
  if (page.afterId) q = q.where('id', '>', page.afterId);
  if (page.limit) q = q.limit(page.limit);
  const ents = await q.execute();
  if (ents.length === 0) return [];
  const ids = ents.map((e) => e.id);
  const asOf = yearEnd(year);
  const fin = await db.selectFrom('enterprise_financials').selectAll().where('enterprise_id', 'in', ids).where('year', '>=', year - 2).where('year', '<=', year).execute();
  const extra = await db.selectFrom('enterprise_evaluation_facts').selectAll().where('enterprise_id', 'in', ids).where('year', '>=', year - 2).where('year', '<=', year).execute();
  const ip = await db
    .selectFrom('enterprise_ip_assets')
    .select(['enterprise_id', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('enterprise_id', 'in', ids)
    .where('status', '=', 'granted')
    .where((eb) => eb.or([eb('granted_on', 'is', null), eb('granted_on', '<=', asOf)]))
    .groupBy(['enterprise_id', 'kind'])
    .execute();
  const certs = await db
    .selectFrom('enterprise_certifications')
    .select(['enterprise_id', 'type'])
    .where('enterprise_id', 'in', ids)
    .where('issued_on', '<=', asOf)
    .where((eb) => eb.or([eb('expires_on', 'is', null), eb('expires_on', '>=', asOf)]))
    .execute();
  const rounds = await db
    .selectFrom('enterprise_rounds')
    .select(['enterprise_id', 'round', 'date', 'amount', 'post_money'])
    .where('enterprise_id', 'in', ids)
    .where('date', '<=', asOf)
    .orderBy('date')
    .orderBy('id')
    .execute();

  const finBy = new Map<string, DB['enterprise_financials']>();
  for (const r of fin) finBy.set(`${r.enterprise_id}|${r.year}`, r);
  const extraBy = new Map<string, EnterpriseEvaluationFactsTable>();
  for (const r of extra) extraBy.set(`${r.enterprise_id}|${r.year}`, r as unknown as EnterpriseEvaluationFactsTable);
  const out = new Map<string, EnterpriseYearFacts>();
  for (const e of ents) {
    const financials = new Map<number, FinancialYear>();
    for (let y = year - 2; y <= year; y++) {
      const f = finBy.get(`${e.id}|${y}`);
      const x = extraBy.get(`${e.id}|${y}`);
      if (f || x) financials.set(y, yearFrom(f, x));
    }
    out.set(e.id, {
      enterpriseId: e.id, year, asOf, sector: e.sector, foundedOn: e.founded_on, listingStatus: e.listing_status,
      financials, ipGranted: {}, certifications: [], rounds: [], extras: extrasFrom(extraBy.get(`${e.id}|${year}`)),
    });
  }
  for (const r of ip) out.get(r.enterprise_id)!.ipGranted[r.kind] = Number(r.n);
  for (const r of certs) {
    const list = out.get(r.enterprise_id)!.certifications;
    if (!list.includes(r.type)) list.push(r.type);
  }
  for (const r of rounds) out.get(r.enterprise_id)!.rounds.push({ round: r.round, date: r.date, amount: r.amount, postMoney: r.post_money });
  for (const f of out.values()) f.certifications.sort();
  return [...out.values()];
}

export async function storedHashes(db: Handle, ids: string[], year: number): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  if (ids.length === 0) return map;
  const rows = await db.selectFrom('enterprise_evaluations').select(['enterprise_id', 'kind', 'input_hash']).where('enterprise_id', 'in', ids).where('year', '=', year).execute();
  for (const r of rows) map.set(`${r.enterprise_id}|${r.kind}`, r.input_hash);
  return map;
}

/** A result to store: its compact record and the facts snapshot it was computed from (the input hash's text). */
export interface StoredRow { enterpriseId: string; year: number; record: EvaluationRecord; inputHash: string; snapshot: string }

/** Upserts the current results and the per-model-version history in two statements. */
export async function storeResults(db: Handle, rows: StoredRow[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((r) => ({
    enterprise_id: r.enterpriseId, year: r.year, kind: r.record.kind as EvaluationKindColumn, model_version: r.record.modelVersion,
    score: r.record.score, eligible: r.record.eligible, result: storedResultText(r.record.result, r.snapshot), evaluated_at: at, input_hash: r.inputHash,
  }));
  const set = (eb: { ref: (c: string) => unknown }) => ({
    model_version: eb.ref('excluded.model_version'), score: eb.ref('excluded.score'), eligible: eb.ref('excluded.eligible'),
    result: eb.ref('excluded.result'), evaluated_at: eb.ref('excluded.evaluated_at'), input_hash: eb.ref('excluded.input_hash'),
  });
  await db.insertInto('enterprise_evaluations').values(values).onConflict((oc) => oc.columns(['enterprise_id', 'year', 'kind']).doUpdateSet(set as never)).execute();
  await db.insertInto('enterprise_evaluation_versions').values(values).onConflict((oc) => oc.columns(['enterprise_id', 'year', 'kind', 'model_version']).doUpdateSet(set as never)).execute();
}

export async function evaluationsOf(db: Handle, enterpriseId: string, year: number) {
  return db.selectFrom('enterprise_evaluations').selectAll().where('enterprise_id', '=', enterpriseId).where('year', '=', year).execute();
}

export async function evaluatedYears(db: Handle, enterpriseId: string): Promise<number[]> {
  const rows = await db.selectFrom('enterprise_evaluations').select('year').distinct().where('enterprise_id', '=', enterpriseId).orderBy('year', 'desc').execute();
  return rows.map((r) => r.year);
}

/** Share of enterprises (same kind, year and model version) scoring below `score`, in the registry and in a sector. */
export async function percentiles(db: Handle, kind: EvaluationKindColumn, year: number, modelVersion: string, score: number, sector: string) {
  const r = await sql<{ below: string; total: string; sector_below: string; sector_total: string }>`
    select count(*) filter (where e.score < ${score}) as below, count(*) as total,
           count(*) filter (where e.score < ${score} and n.sector = ${sector}) as sector_below,
           count(*) filter (where n.sector = ${sector}) as sector_total
      from enterprise_evaluations e join enterprises n on n.id = e.enterprise_id
     where e.kind = ${kind} and e.year = ${year} and e.model_version = ${modelVersion} and e.score is not null`.execute(db);
  const row = r.rows[0]!;
  const pct = (below: number, total: number) => (total > 0 ? Math.round((below / total) * 1000) / 10 : null);
  return {
    registry: { percentile: pct(Number(row.below), Number(row.total)), of: Number(row.total) },
    sector: { sector, percentile: pct(Number(row.sector_below), Number(row.sector_total)), of: Number(row.sector_total) },
  };
}

export async function factsRow(db: Handle, enterpriseId: string, year: number) {
  return db.selectFrom('enterprise_evaluation_facts').selectAll().where('enterprise_id', '=', enterpriseId).where('year', '=', year).executeTakeFirst();
}
