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

const SYNTHETIC_ROUNDS = ['angel', 'pre_a', 'a', 'b', 'c'];
const SYNTHETIC_SECTORS = ['数字经济', '人工智能', '生命健康', '绿色低碳', '智能制造'];

/**
 * Deterministic synthetic enterprise-years (the benchmark's registry, and the equality tests' inputs): three years
 * of financials with the kinds of gaps the registry has (tech staff, domestic R&D, cash flow, ROE, share capital
 * often unknown), rounds with and without post-money valuations, IP, certifications. `seed` picks the sequence.
 */
export function syntheticFacts(n: number, seed = 42, opts: { varied?: boolean } = {}): EnterpriseYearFacts[] {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out: EnterpriseYearFacts[] = [];
  for (let i = 0; i < n; i++) {
    const scale = 1e6 * (0.5 + rnd() * 400);
    const employees = 10 + Math.floor(rnd() * 600);
    const years: Record<number, Record<string, number | null>> = {};
    for (const [k, y] of [2023, 2024, 2025].entries()) {
      const revenue = Math.round(scale * (0.7 + 0.15 * k));
      years[y] = {
        revenue, rdExpense: Math.round(revenue * (0.02 + rnd() * 0.15)), totalCost: Math.round(revenue * (0.7 + rnd() * 0.4)),
        netProfit: Math.round(revenue * (rnd() * 0.3 - 0.1)), totalAssets: Math.round(revenue * (1 + rnd())), totalLiabilities: Math.round(revenue * rnd() * 0.6),
        employees, rdStaff: Math.floor(employees * rnd() * 0.4), techStaff: rnd() < 0.7 ? Math.floor(employees * rnd() * 0.5) : null,
        highTechProductRevenue: Math.round(revenue * rnd()), rdExpenseDomestic: rnd() < 0.5 ? Math.round(revenue * 0.05) : null,
        operatingCashFlow: rnd() < 0.5 ? Math.round(revenue * (rnd() * 0.2 - 0.05)) : null, weightedRoeBp: rnd() < 0.3 ? Math.floor(rnd() * 2000) : null,
        shareCapital: rnd() < 0.3 ? Math.round(scale * 0.2) : null,
      };
    }
    const rounds = SYNTHETIC_ROUNDS.slice(0, Math.floor(rnd() * 5)).map((round, k) => ({ round, date: `${2018 + k}-06-01`, amount: scale * (k + 1), postMoney: rnd() < 0.8 ? scale * (k + 1) * 8 : null }));
    out.push({
      ...makeFacts({
        year: 2025, foundedOn: `${2005 + (i % 19)}-0${1 + (i % 9)}-15`, sector: SYNTHETIC_SECTORS[i % 5]!,
        years, rounds, ip: { invention_patent: Math.floor(rnd() * 12), utility_model: Math.floor(rnd() * 8), software_copyright: Math.floor(rnd() * 10) },
        certifications: rnd() < 0.3 ? ['高新技术企业'] : [],
        extras: { residentEnterprise: true, prohibitedIndustry: false, seriousViolation: rnd() < 0.02, provincialRdInstitution: rnd() < 0.1 ? true : null },
      }),
      enterpriseId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    });
    if (opts.varied) vary(out[i]!, i);
  }
  return out;
}

/** The registry's other shapes, every few enterprises: NEEQ listings, officers' inputs, gaps, zero and missing years. */
function vary(f: EnterpriseYearFacts, i: number): void {
  const x = f.extras;
  if (i % 6 === 1) { f.listingStatus = 'neeq_innovation'; x.neeqListedOn = i % 12 === 1 ? null : `202${i % 5}-0${1 + (i % 9)}-15`; }
  if (i % 5 === 2) { x.hnteIpScore = 20; x.hnteConversionScore = 18 + (i % 10); x.hnteRdManagementScore = 15; x.mainBusinessInventionPatents = i % 10; x.star5Qualitative = i % 4 === 2; }
  if (i % 7 === 3) { x.marketValueEstimate = 100_000 * (i % 50_000); x.marketValueEstimatedOn = i % 14 === 3 ? null : '2025-06-30'; }
  if (i % 9 === 4) f.financials.delete(f.year - 2);
  if (i % 11 === 5) f.foundedOn = null;
  if (i % 11 === 6) f.foundedOn = `${f.year}-0${1 + (i % 9)}-01`;
  if (i % 13 === 6) { x.otherClassIIp = 1; x.nationalAwardTop3 = false; x.ledStandard = true; x.residentEnterprise = null; x.prohibitedIndustry = null; }
  if (i % 10 === 7) {
    const y0 = f.financials.get(f.year - 2);
    if (y0) y0.revenue = 0;
    const y1 = f.financials.get(f.year - 1);
    if (y1) { y1.rdExpense = null; y1.totalAssets = y1.totalLiabilities; }
  }
  if (i % 17 === 8) f.financials.clear();
  if (i % 19 === 9) { f.ipGranted = { plant_variety: 1, design: 2 }; f.certifications = ['专精特新', '高新技术企业']; }
}
