// Builders for tests and the benchmark: an enterprise-year with sensible registry data (money in yuan here,
// stored as fen).
import { EMPTY_EXTRAS, EMPTY_YEAR, type EnterpriseYearFacts, type EvaluationExtras, type FinancialYear, type RoundFact } from './facts';
import { yearEnd } from './logic';

export type YearYuan = Partial<Record<keyof FinancialYear, number | null>>;
const MONEY: (keyof FinancialYear)[] = ['revenue', 'mainBusinessRevenue', 'highTechProductRevenue', 'rdExpense', 'totalCost', 'netProfit', 'totalAssets', 'totalLiabilities', 'rdExpenseDomestic', 'operatingCashFlow', 'shareCapital'];

export function yearFen(y: YearYuan): FinancialYear {
  const out: FinancialYear = { ...EMPTY_YEAR };
  for (const [k, v] of Object.entries(y) as [keyof FinancialYear, number | null][]) out[k] = v === null ? null : MONEY.includes(k) ? Math.round(v * 100) : v;
  return out;
}

export function makeFacts(opts: {
  year?: number; foundedOn?: string | null; listingStatus?: string; sector?: string;
  years?: Record<number, YearYuan>; ip?: Record<string, number>; certifications?: string[];
  rounds?: { round: string; date: string; amount: number; postMoney?: number | null }[]; extras?: Partial<EvaluationExtras>;
}): EnterpriseYearFacts {
  const year = opts.year ?? 2025;
  const financials = new Map<number, FinancialYear>();
  for (const [y, v] of Object.entries(opts.years ?? {})) financials.set(Number(y), yearFen(v));
  const rounds: RoundFact[] = (opts.rounds ?? []).map((r) => ({ round: r.round, date: r.date, amount: Math.round(r.amount * 100), postMoney: r.postMoney == null ? null : Math.round(r.postMoney * 100) }));
  const extras = { ...EMPTY_EXTRAS, ...(opts.extras ?? {}) };
  if (typeof extras.marketValueEstimate === 'number') extras.marketValueEstimate = Math.round(extras.marketValueEstimate * 100);
  return {
    enterpriseId: '00000000-0000-0000-0000-000000000001', year, asOf: yearEnd(year), sector: opts.sector ?? '人工智能',
    foundedOn: opts.foundedOn === undefined ? '2015-03-01' : opts.foundedOn, listingStatus: opts.listingStatus ?? 'unlisted',
    financials, ipGranted: opts.ip ?? {}, certifications: opts.certifications ?? [], rounds, extras,
  };
}
