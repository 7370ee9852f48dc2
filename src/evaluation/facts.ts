// What the evaluations read about one enterprise for one year, assembled from the registry by the server
// (modules/evaluation/evaluation.repository.ts) and by the benchmark. Money is integer fen, head counts
// integers; null means the registry does not hold the fact (the evaluation then says "unknown, needed: …").

export interface FinancialYear {
  revenue: number | null;
  mainBusinessRevenue: number | null;
  highTechProductRevenue: number | null;
  rdExpense: number | null;
  totalCost: number | null;
  netProfit: number | null;
  totalAssets: number | null;
  totalLiabilities: number | null;
  employees: number | null;
  rdStaff: number | null;
  // enterprise_evaluation_facts (migration 0013): facts the original registry did not hold
  techStaff: number | null;
  rdExpenseDomestic: number | null;
  operatingCashFlow: number | null;
  /** 加权平均净资产收益率 in basis points (8 % = 800). */
  weightedRoeBp: number | null;
  shareCapital: number | null;
}

export interface RoundFact {
  round: string;
  date: string;
  amount: number;
  postMoney: number | null;
}

/** Year-scoped facts an officer or the enterprise records for the evaluations (all optional). */
export interface EvaluationExtras {
  residentEnterprise: boolean | null;
  prohibitedIndustry: boolean | null;
  seriousViolation: boolean | null;
  /** A national S&T award in the five years up to this year, ranked in the top three (115号 第七条(二)). */
  nationalAwardTop3: boolean | null;
  provincialRdInstitution: boolean | null;
  /** Led an international, national or industry standard in the five years up to this year (第七条(四)). */
  ledStandard: boolean | null;
  /** Class I IP the registry's IP table cannot hold: national new drugs, national class-1 protected TCM varieties. */
  otherClassIIp: number | null;
  /** HNTE expert-judged sub-scores (工作指引): IP 0–30, conversion 0–30, R&D management 0–20. */
  hnteIpScore: number | null;
  hnteConversionScore: number | null;
  hnteRdManagementScore: number | null;
  /** 科创属性: invention patents applied in the main business (the registry counts all granted ones). */
  mainBusinessInventionPatents: number | null;
  /** STAR standard 5's qualitative test (national approval needed, large market, staged results) as judged by an officer. */
  star5Qualitative: boolean | null;
  marketValueEstimate: number | null;
  marketValueEstimatedOn: string | null;
  neeqListedOn: string | null;
}

export interface EnterpriseYearFacts {
  enterpriseId: string;
  year: number;
  /** 'YYYY-12-31' of `year`. */
  asOf: string;
  sector: string;
  foundedOn: string | null;
  listingStatus: string;
  /** Keyed by year; the evaluations read `year`, `year-1`, `year-2`. */
  financials: Map<number, FinancialYear>;
  /** Granted, unexpired IP counts as of `asOf` by registry kind. */
  ipGranted: Record<string, number>;
  /** Certification types valid on `asOf`. */
  certifications: string[];
  /** Rounds on or before `asOf`, oldest first. */
  rounds: RoundFact[];
  extras: EvaluationExtras;
}

export const EMPTY_EXTRAS: EvaluationExtras = {
  residentEnterprise: null, prohibitedIndustry: null, seriousViolation: null, nationalAwardTop3: null,
  provincialRdInstitution: null, ledStandard: null, otherClassIIp: null, hnteIpScore: null, hnteConversionScore: null,
  hnteRdManagementScore: null, mainBusinessInventionPatents: null, star5Qualitative: null, marketValueEstimate: null,
  marketValueEstimatedOn: null, neeqListedOn: null,
};

export const EMPTY_YEAR: FinancialYear = {
  revenue: null, mainBusinessRevenue: null, highTechProductRevenue: null, rdExpense: null, totalCost: null, netProfit: null,
  totalAssets: null, totalLiabilities: null, employees: null, rdStaff: null, techStaff: null, rdExpenseDomestic: null,
  operatingCashFlow: null, weightedRoeBp: null, shareCapital: null,
};

export const yearOf = (f: EnterpriseYearFacts, year: number): FinancialYear => f.financials.get(year) ?? EMPTY_YEAR;

export const netAssets = (y: FinancialYear): number | null =>
  y.totalAssets === null || y.totalLiabilities === null ? null : y.totalAssets - y.totalLiabilities;

/** IP classes of 国科发政〔2017〕115号 附件 (科技成果指标). */
export const CLASS_I_KINDS = ['invention_patent', 'plant_variety', 'ic_layout'] as const;
export const CLASS_II_KINDS = ['utility_model', 'design', 'software_copyright'] as const;

/**
 * The facts as JSON text: what the input hash digests and what a stored result keeps (its explanation is
 * rendered from it on read). `financials` as `[year, FinancialYear]` pairs.
 */
export function factsSnapshot(f: EnterpriseYearFacts): string {
  return JSON.stringify({ ...f, financials: [...f.financials.entries()] });
}

/** The facts back from a snapshot (parsed JSON, e.g. a jsonb value). */
export function factsFromSnapshot(s: unknown): EnterpriseYearFacts {
  const o = s as Omit<EnterpriseYearFacts, 'financials'> & { financials: [number, FinancialYear][] };
  return { ...o, financials: new Map(o.financials) };
}
