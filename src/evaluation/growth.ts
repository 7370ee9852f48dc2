// 企业成长性 of the HNTE innovation-capability score (国科发火〔2016〕195号 工作指引): net-asset and sales growth
// rate = ½·(y2/y1 + y3/y2) − 1 over the last three year-ends, each scored in a band of points the experts pick
// within. Special cases of the guideline: a first year of 0 → the rate of the latter two years (y3/y2 − 1);
// a second year of 0 → 0 points; a negative rate → 0 points. A negative base year (negative net assets) makes
// the ratio meaningless: the platform scores it 0 as well and says so.
import params from './data/hnte.json';

export interface GrowthResult {
  /** The rate for display (4 decimals), null when it cannot be computed. */
  rate: number | null;
  points: [number, number];
  formula: 'three-year' | 'latter-two-years' | 'zero' | 'unknown';
  detail: string;
  needed: string[];
}

/** rate ≥ pct % (or > when strict), exactly, on integers. */
function rateAtLeast(y1: bigint, y2: bigint, y3: bigint, pct: number, strict: boolean, twoYear: boolean): boolean {
  const g = BigInt(Math.round(pct * 100));
  // three-year: (y2/y1 + y3/y2)/2 − 1 ≥ g/10000  ⇔  10000·(y2² + y1·y3) ≥ 2·(10000 + g)·y1·y2   (y1, y2 > 0)
  // two-year:   y3/y2 − 1 ≥ g/10000              ⇔  10000·y3 ≥ (10000 + g)·y2                   (y2 > 0)
  const left = twoYear ? 10000n * y3 : 10000n * (y2 * y2 + y1 * y3);
  const right = twoYear ? (10000n + g) * y2 : 2n * (10000n + g) * y1 * y2;
  return strict ? left > right : left >= right;
}

/** `explain = false`: the same rate, points and formula without the detail text and needed facts (the nightly run). */
export function growthScore(values: [number | null, number | null, number | null], name: string, explain = true): GrowthResult {
  const [a, b, c] = values;
  const needed = explain ? ([['y1', a], ['y2', b], ['y3', c]] as const).filter(([, v]) => v === null).map(([k]) => `${name}.${k}`) : [];
  if (b === null || c === null || a === null) return { rate: null, points: [0, 10], formula: 'unknown', detail: `${name}: needs three year-end values`, needed };
  if (b === 0) return { rate: null, points: [0, 0], formula: 'zero', detail: `${name}: second year is 0 → 0 points (工作指引)`, needed: [] };
  if (a < 0 || b < 0) return { rate: null, points: [0, 0], formula: 'zero', detail: `${name}: negative base year → 0 points (platform reading: the ratio is not meaningful)`, needed: [] };
  const twoYear = a === 0;
  const rate = twoYear ? c / b - 1 : 0.5 * (b / a + c / b) - 1;
  const [y1, y2, y3] = [BigInt(a), BigInt(b), BigInt(c)];
  for (const band of params.growthBands) {
    if (rateAtLeast(y1, y2, y3, band.minPct, band.exclusive, twoYear)) {
      const points = band.points as [number, number];
      return {
        rate: Math.round(rate * 10000) / 10000,
        points,
        formula: twoYear ? 'latter-two-years' : 'three-year',
        detail: explain ? `${name}: ${twoYear ? 'y3/y2 − 1 (first year 0)' : '½·(y2/y1 + y3/y2) − 1'} = ${(rate * 100).toFixed(2)}% ${band.exclusive ? '>' : '≥'} ${band.minPct}% → ${points[0]}–${points[1]} points` : '',
        needed: [],
      };
    }
  }
  return { rate: Math.round(rate * 10000) / 10000, points: [0, 0], formula: twoYear ? 'latter-two-years' : 'three-year', detail: explain ? `${name}: ${(rate * 100).toFixed(2)}% ≤ 0 → 0 points` : '', needed: [] };
}
