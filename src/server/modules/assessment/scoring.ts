// 科技信贷合作银行考核指标表 (seed 003, appendix 六, 附件): the scoring of the cooperating-bank assessment. Pure: no
// I/O; the service gathers each bank's facts and this file turns them into scores. Tested as a table of cases in
// scoring.test.ts. Every score is computed in hundredths of a point (integers), so 5 − 0.2 × k and 18 × 0.9 are
// exact and the total is an exact sum; points are hundredths / 100 only at the edge.
//
// Readings of the table where it is terse (issue #5, docs/bank-assessment.md):
// - ranks are dense: equal values share a rank and a score, the next distinct value takes the next rank;
// - only a bank with something to rank is ranked (a bank that granted nothing is not "rank 3 of credit"): a value
//   of 0 scores 0 in indicators 1, 2 and 6; indicator 4 ranks positive growth only, as the table says.

/** What the service measures for one bank in the assessed year (and the year before, for growth). */
export interface BankFacts {
  bank: string;
  /** 1 当年度银行授信总额: approved amounts of the year's applications, fen. */
  creditTotal: number;
  /** 2 申请量: enterprises that applied to the bank. */
  applicants: number;
  /** 3 落实率 denominator: enterprises the platform recommended to the bank. */
  recommended: number;
  /** 3 落实率 numerator and 4 授信户数: enterprises the bank approved. */
  approved: number;
  /** 4: enterprises the bank approved in the previous year; 0 means the bank has no previous year. */
  prevApproved: number;
  /** 5(1): activities the bank co-hosted with the platform or a service station. */
  activities: number;
  /** 5(2): enterprises the bank approved for 微贷通 (products of type micro_loan). */
  microLoanApproved: number;
  /** 5(2): 微贷通 loans the bank disbursed in the year (any such loan earns at least 0.5). */
  microLoanLoans: number;
}

export interface BankScore {
  bank: string;
  indicators: {
    creditTotal: { value: number; score: number };
    applicants: { value: number; score: number };
    fulfilment: { rate: number | null; approved: number; recommended: number; coefficient: number; score: number };
    growth: { value: number | null; approved: number; prevApproved: number; firstYear: boolean; score: number };
    activities: { value: number; score: number };
    microLoan: { value: number; loans: number; score: number };
  };
  total: number;
}

/** Hundredths of a point. */
type Cents = number;
const points = (c: Cents): number => c / 100;

/** First-year scale thresholds of indicator 4, in fen: 1亿 and 5000万 yuan. */
export const FIRST_YEAR_LARGE = 100_000_000_00;
export const FIRST_YEAR_MEDIUM = 50_000_000_00;

/**
 * Dense ranks (1 = best) of the eligible items, by `compare` (negative when a ranks before b); items not
 * eligible get null. Equal items (compare = 0) share a rank; the next distinct value takes the next rank.
 */
export function denseRanks<T>(items: readonly T[], eligible: (t: T) => boolean, compare: (a: T, b: T) => number): (number | null)[] {
  const order = items.map((t, i) => ({ t, i })).filter((x) => eligible(x.t)).sort((a, b) => compare(a.t, b.t));
  const ranks: (number | null)[] = items.map(() => null);
  let rank = 0;
  order.forEach((x, k) => {
    if (k === 0 || compare(order[k - 1]!.t, x.t) !== 0) rank += 1;
    ranks[x.i] = rank;
  });
  return ranks;
}

/** Rank 1 earns `top`, each further rank `step` less, never below 0 ("扣完为止"). */
const ranked = (rank: number | null, top: Cents, step: Cents): Cents => (rank === null ? 0 : Math.max(0, top - step * (rank - 1)));

/**
 * 3 落实率: 20 at ≥ 90%, 18 at ≥ 80%, 2 less per further 10% (so 2 below 10%), times the 户数 coefficient: 1 at
 * ≥ 90 approved enterprises, 0.9 at ≥ 80, 0.1 less per further 10 (so 0.1 below 10), not below 0. Band edges
 * are decided in integers (10 × approved ≥ 9 × recommended is "≥ 90%"), never on a rounded rate.
 */
export function fulfilmentScore(approved: number, recommended: number): { score: Cents; coefficientTenths: number } {
  const coefficientTenths = approved >= 90 ? 10 : Math.max(0, 9 - (8 - Math.floor(approved / 10)));
  if (recommended === 0) return { score: 0, coefficientTenths };
  const band = Math.min(9, Math.floor((10 * approved) / recommended)); // 9: ≥ 90%, 8: [80%, 90%), …, 0: below 10%
  const rateScore = Math.max(0, 20 - 2 * (9 - band));
  return { score: rateScore * coefficientTenths * 10, coefficientTenths };
}

/** 4, a bank with no previous year: by its first-year approved amount, 3 at ≥ 1亿, 2 at ≥ 5000万, 1 below (0 with none). */
export function firstYearScore(creditTotalFen: number): Cents {
  if (creditTotalFen >= FIRST_YEAR_LARGE) return 300;
  if (creditTotalFen >= FIRST_YEAR_MEDIUM) return 200;
  return creditTotalFen > 0 ? 100 : 0;
}

/** a/b rounded half-up to 4 decimals, in integers (a, b ≥ 0, b > 0). */
export function ratio4(a: number, b: number): number {
  const sign = a < 0 ? -1 : 1;
  const n = BigInt(Math.abs(a)) * 20000n + BigInt(b);
  return (sign * Number(n / (2n * BigInt(b)))) / 10000;
}

/** Scores every bank; the result keeps the input order (the service sorts). */
export function scoreBanks(facts: readonly BankFacts[]): BankScore[] {
  const credit = denseRanks(facts, (f) => f.creditTotal > 0, (a, b) => b.creditTotal - a.creditTotal);
  const applicants = denseRanks(facts, (f) => f.applicants > 0, (a, b) => b.applicants - a.applicants);
  // Growth (a − p) / p compared exactly: (a1 − p1) · p2 against (a2 − p2) · p1, in BigInt.
  const grows = (f: BankFacts) => f.prevApproved > 0 && f.approved > f.prevApproved;
  const growth = denseRanks(facts, grows, (a, b) => {
    const l = BigInt(b.approved - b.prevApproved) * BigInt(a.prevApproved);
    const r = BigInt(a.approved - a.prevApproved) * BigInt(b.prevApproved);
    return l === r ? 0 : l > r ? 1 : -1;
  });
  const micro = denseRanks(facts, (f) => f.microLoanApproved > 0, (a, b) => b.microLoanApproved - a.microLoanApproved);

  return facts.map((f, i) => {
    const c1 = ranked(credit[i]!, 7000, 200);
    const c2 = ranked(applicants[i]!, 500, 20);
    const ful = fulfilmentScore(f.approved, f.recommended);
    const firstYear = f.prevApproved === 0;
    const c4 = firstYear ? firstYearScore(f.creditTotal) : ranked(growth[i]!, 500, 20);
    const c5 = Math.min(f.activities, 5) * 100;
    const c6 = f.microLoanLoans > 0 ? Math.max(50, ranked(micro[i]!, 500, 50)) : ranked(micro[i]!, 500, 50);
    return {
      bank: f.bank,
      indicators: {
        creditTotal: { value: f.creditTotal / 100, score: points(c1) },
        applicants: { value: f.applicants, score: points(c2) },
        fulfilment: {
          rate: f.recommended > 0 ? ratio4(f.approved, f.recommended) : null, approved: f.approved, recommended: f.recommended,
          coefficient: ful.coefficientTenths / 10, score: points(ful.score),
        },
        growth: {
          value: f.prevApproved > 0 ? ratio4(f.approved - f.prevApproved, f.prevApproved) : null,
          approved: f.approved, prevApproved: f.prevApproved, firstYear, score: points(c4),
        },
        activities: { value: f.activities, score: points(c5) },
        microLoan: { value: f.microLoanApproved, loans: f.microLoanLoans, score: points(c6) },
      },
      total: points(c1 + c2 + ful.score + c4 + c5 + c6),
    };
  });
}
