// Listing readiness: STAR Market (科创板 2.1.2 five standards + 科创属性), Beijing Stock Exchange (2.1.3 four
// standards + basic conditions) and the NEEQ innovation layer. Thresholds come from data/listing-thresholds.json
// (dated, cited). For each standard: its checks with numbers; the nearest unmet standard and what is missing.
import T from './data/listing-thresholds.json';
import { check, type Check } from './check';
import { netAssets, yearOf, type EnterpriseYearFacts } from './facts';
import { and3, atLeastPercentOf, monthsBefore, or3, ratio, shareAtLeast, yuanText, type Tri } from './logic';

export const LISTING_THRESHOLDS = T;

export type Board = 'star' | 'bse' | 'neeq_innovation';

export interface MarketValue {
  /** fen */
  value: number | null;
  source: 'round_post_money' | 'officer_estimate' | null;
  label: string;
  date: string | null;
}

export interface StandardResult {
  id: string;
  board: Board;
  clause: string;
  met: Tri;
  /** Alternatives (standard 1 of STAR and BSE have two); one list for the others. */
  alternatives: Check[][];
  /** The sum of the relative shortfalls of the best alternative: 0 when met (see docs/evaluation.md). */
  gap: number;
  missing: { id: string; label: string; actual: number | null; required: number | null; unit: string; shortfall: number | null; needed: string[] }[];
}

export interface BoardResult {
  board: Board;
  reference: string;
  basic: Check[];
  standards: StandardResult[];
  /** A standard met and the basic conditions (STAR: 科创属性) hold. */
  ready: Tri;
}

export interface ListingResult {
  marketValue: MarketValue;
  boards: BoardResult[];
  /** Standards met, e.g. { board: 'star', standard: 'star.4', clause: '2.1.2(四)' }. */
  met: { board: Board; standard: string; clause: string }[];
  /** Boards whose basic conditions also hold. */
  ready: Board[];
  /** The unmet standard closest to being met, with what is missing in numbers. */
  nearest: { board: Board; standard: string; clause: string; gap: number; missing: StandardResult['missing'] } | null;
  needed: string[];
}

/** Labels that name a threshold, made once from the data file (not once per enterprise). */
const LABELS = {
  kcRd: `最近三年研发投入占比 ≥ ${T.kechuang.minRdShare3yPct}% 或累计 ≥ ${T.kechuang.minRdSum3yYuan / 1e4} 万元`,
  kcRdStaff: `研发人员占比 ≥ ${T.kechuang.minRdStaffPct}%`,
  kcPatents: `应用于主营业务的发明专利 ≥ ${T.kechuang.minMainBusinessInventionPatents} 项`,
  kcRevenue: `最近三年营业收入复合增长率 ≥ ${T.kechuang.minRevenueCagr3yPct}% 或最近一年营业收入 ≥ ${T.kechuang.minLatestRevenueYuan / 1e8} 亿元`,
  neeqInnovation12m: `新三板连续挂牌满 ${T.bse.basic.neeqInnovationMonths} 个月的创新层公司`,
  revenueGrowth: `最近一年营业收入增长率 ≥ ${T.bse.standards[1]!.minRevenueGrowthPct}%`,
  revenueCagr2y: `营业收入持续增长且年均复合增长率 ≥ ${T.neeqInnovation.standards[1]!.minRevenueCagr2yPct}%`,
  placementMarketValue: `每次发行市值 ≥ ${T.neeqInnovation.standards[2]!.minPlacementMarketValueYuan! / 1e8} 亿元`,
};
const MARKET_VALUE_LABELS: Record<MarketValue['source'] & string | 'unknown', string> = {
  round_post_money: '预计市值 (round_post_money)', officer_estimate: '预计市值 (officer_estimate)', unknown: '预计市值 (unknown)',
};

const Y = (yuan: number) => yuan * 100;
/** The shared empty list of needed facts when nothing is explained (never mutated). In the helpers below `e` is
 * evaluateListing's `explain`: false leaves detail texts empty and needed facts unlisted. */
const NONE: string[] = [];
/** Two lists of needed facts as one, without a copy when either is empty. */
const joined = (a: string[], b: string[]) => (a.length === 0 ? b : b.length === 0 ? a : a.concat(b));
const fmt = (fen: number | null) => (fen === null ? 'unknown' : yuanText(fen));

export function marketValue(f: EnterpriseYearFacts): MarketValue {
  let round: EnterpriseYearFacts['rounds'][number] | null = null;
  for (const r of f.rounds) if (r.postMoney !== null && r.date <= f.asOf && (!round || r.date >= round.date)) round = r;
  const est = f.extras.marketValueEstimate !== null ? { value: f.extras.marketValueEstimate, date: f.extras.marketValueEstimatedOn } : null;
  // The more recent of the two; an officer's estimate dated on or after the round wins.
  if (est && (!round || (est.date ?? '') >= round.date)) return { value: est.value, source: 'officer_estimate', label: `专员估计市值 (officer's estimate${est.date ? `, ${est.date}` : ''})`, date: est.date };
  if (round) return { value: round.postMoney, source: 'round_post_money', label: `最近一轮投后估值 (post-money of the ${round.round} round, ${round.date})`, date: round.date };
  return { value: null, source: null, label: '市值未知 (no round post-money valuation and no officer estimate)', date: null };
}

/** Thresholds in text, each formatted once: they come from the data file, a few dozen values. */
const THRESHOLD_TEXT = new Map<number, string>();
function thresholdText(fen: number): string {
  let s = THRESHOLD_TEXT.get(fen);
  if (s === undefined) {
    s = yuanText(fen);
    if (THRESHOLD_TEXT.size < 1000) THRESHOLD_TEXT.set(fen, s);
  }
  return s;
}

function minCheck(e: boolean, id: string, label: string, actual: number | null, requiredYuan: number, needed: string[], strict = false): Check {
  const req = Y(requiredYuan);
  return check({
    id, label, unit: 'yuan', actual: actual === null ? null : actual / 100, required: requiredYuan,
    met: actual === null ? null : strict ? actual > req : actual >= req,
    detail: e ? `${fmt(actual)} ${strict ? '>' : '≥'} ${thresholdText(req)}` : '', needed: actual === null ? needed : [],
  });
}

function shareCheck(e: boolean, id: string, label: string, part: number | null, whole: number | null, pct: number, needed: string[]): Check {
  const known = part !== null && whole !== null;
  return check({
    id, label, unit: 'share', actual: known ? ratio(part, whole) : null, required: pct / 100,
    met: known ? shareAtLeast(part, whole, pct) : null,
    detail: !e ? '' : known ? `${fmt(part)} ÷ ${fmt(whole)} ≥ ${pct}%` : 'unknown', needed: known ? [] : needed,
  });
}

/**
 * A string made from a year and a text once per pair and then reused: the ~40 checks of every enterprise name the
 * same few facts and labels per year. At most 200 years are kept (a clear beyond that).
 */
function perYearText(make: (year: number, text: string) => string): (year: number, text: string) => string {
  const byYear = new Map<number, Map<string, string>>();
  return (year, text) => {
    let byText = byYear.get(year);
    if (!byText) {
      if (byYear.size >= 200) byYear.clear();
      byYear.set(year, (byText = new Map()));
    }
    let s = byText.get(text);
    if (s === undefined) byText.set(text, (s = make(year, text)));
    return s;
  };
}

const factNames = perYearText((year, field) => `${field}[${year}]`);
/** `field[year]`, the name of a missing fact. */
function factName(field: string, year: number): string {
  return factNames(year, field);
}

/** A figure summed over years; null when any year lacks it. */
function sumYears(f: EnterpriseYearFacts, field: keyof ReturnType<typeof yearOf>, years: number[]): number | null {
  let total = 0;
  for (const y of years) {
    const v = yearOf(f, y)[field];
    if (v === null) return null;
    total += v;
  }
  return total;
}

function fieldsMissing(e: boolean, f: EnterpriseYearFacts, field: keyof ReturnType<typeof yearOf>, years: number[]): string[] {
  if (!e) return NONE;
  const out: string[] = [];
  for (const y of years) if (yearOf(f, y)[field] === null) out.push(factName(field, y));
  return out;
}

function standard(e: boolean, board: Board, id: string, clause: string, alternatives: Check[][]): StandardResult {
  let best = 0;
  let bestGap = 0;
  let met: Tri = false;
  for (let a = 0; a < alternatives.length; a++) {
    const checks = alternatives[a]!;
    let gap = 0;
    let all: Tri = true;
    for (const c of checks) {
      if (c.met === false) all = false;
      else if (c.met === null && all === true) all = null;
      if (c.met === true) continue;
      if (c.met === null) { gap += 0.5; continue; }
      if (c.actual !== null && c.required !== null && c.required > 0 && c.unit !== 'bool') gap += Math.min(1, Math.max(0, (c.required - c.actual) / c.required));
      else gap += 1;
    }
    if (all === true) met = true;
    else if (all === null && met === false) met = null;
    // The first alternative with the smallest gap.
    if (a === 0 || gap < bestGap) {
      best = a;
      bestGap = gap;
    }
  }
  const missing: StandardResult['missing'] = [];
  if (e) for (const c of alternatives[best]!) {
    if (c.met === true) continue;
    missing.push({
      id: c.id, label: c.label, actual: c.actual, required: c.required, unit: c.unit, needed: c.needed,
      shortfall: c.met === false && c.actual !== null && c.required !== null && c.unit !== 'bool' ? Math.round((c.required - c.actual) * 10000) / 10000 : null,
    });
  }
  return { id, board, clause, alternatives, met, gap: Math.round(bestGap * 1000) / 1000, missing };
}

function mvCheck(e: boolean, mv: MarketValue, label: string, min: number): Check {
  return minCheck(e, 'marketValue', label, mv.value, min, ['marketValue (round post-money or officer estimate)']);
}

function positive(e: boolean, f: EnterpriseYearFacts, yy: number): Check {
  const np = yearOf(f, yy).netProfit;
  return check({ id: factName('netProfitPositive', yy), label: yearLabel(yy, ' 净利润为正'), unit: 'yuan', actual: np === null ? null : np / 100, required: 0.01, met: np === null ? null : np > 0, detail: e ? `net profit ${fmt(np)} > 0` : '', needed: np === null ? [factName('netProfit', yy)] : [] });
}

/** `${year}${text}`, a check's label. */
const yearLabel = perYearText((year, text) => `${year}${text}`);

function roeCheck(e: boolean, id: string, label: string, bp: number | null, pct: number, needed: string[]): Check {
  return check({ id, label, unit: 'share', actual: bp === null ? null : bp / 10000, required: pct / 100, met: bp === null ? null : bp >= pct * 100, detail: !e ? '' : bp === null ? 'weighted average ROE unknown' : `${bp / 100}% ≥ ${pct}%`, needed: bp === null ? needed : [] });
}

function capCheck(e: boolean, shareCap: number | null, needed: string[], min: number): Check {
  return minCheck(e, 'shareCapital', '股本总额', shareCap, min, needed);
}

/**
 * `explain = false` decides without explaining (the nightly run): every check's `met`, numbers and the standards'
 * gaps as with `true`, but no detail texts, needed facts or `missing` lists (the stored result keeps the facts,
 * and the explanation is rendered from them on read).
 */
export function evaluateListing(f: EnterpriseYearFacts, explain = true): ListingResult {
  const e = explain;
  const y = f.year;
  const cur = yearOf(f, y);
  const prev = yearOf(f, y - 1);
  const mv = marketValue(f);
  const mvLabel = MARKET_VALUE_LABELS[mv.source ?? 'unknown'];
  const y3 = [y - 2, y - 1, y];
  const y2 = [y - 1, y];
  const rd3 = sumYears(f, 'rdExpense', y3);
  const rev3 = sumYears(f, 'revenue', y3);
  const rd2 = sumYears(f, 'rdExpense', y2);
  const rev2 = sumYears(f, 'revenue', y2);

  // STAR 2.1.2
  const S = T.star.standards;
  const s1 = S[0]!.alternatives!;
  const star: StandardResult[] = [
    standard(e, 'star', 'star.1', S[0]!.clause, [
      [mvCheck(e, mv, mvLabel, S[0]!.minMarketValueYuan), positive(e, f, y - 1), positive(e, f, y), minCheck(e, 'netProfitSum2y', '最近两年累计净利润', sumYears(f, 'netProfit', y2), s1[0]!.minNetProfitSumYuan!, fieldsMissing(e, f, 'netProfit', y2))],
      [mvCheck(e, mv, mvLabel, S[0]!.minMarketValueYuan), positive(e, f, y), minCheck(e, 'revenue', '最近一年营业收入', cur.revenue, s1[1]!.minRevenueYuan!, fieldsMissing(e, f, 'revenue', [y]))],
    ]),
    standard(e, 'star', 'star.2', S[1]!.clause, [[mvCheck(e, mv, mvLabel, S[1]!.minMarketValueYuan), minCheck(e, 'revenue', '最近一年营业收入', cur.revenue, S[1]!.minRevenueYuan!, fieldsMissing(e, f, 'revenue', [y])), shareCheck(e, 'rdShare3y', '最近三年累计研发投入占累计营业收入比例', rd3, rev3, S[1]!.minRdShare3yPct!, joined(fieldsMissing(e, f, 'rdExpense', y3), fieldsMissing(e, f, 'revenue', y3)))]]),
    standard(e, 'star', 'star.3', S[2]!.clause, [[mvCheck(e, mv, mvLabel, S[2]!.minMarketValueYuan), minCheck(e, 'revenue', '最近一年营业收入', cur.revenue, S[2]!.minRevenueYuan!, fieldsMissing(e, f, 'revenue', [y])), minCheck(e, 'operatingCashFlow3y', '最近三年经营活动现金流量净额累计', sumYears(f, 'operatingCashFlow', y3), S[2]!.minOperatingCashFlow3yYuan!, fieldsMissing(e, f, 'operatingCashFlow', y3))]]),
    standard(e, 'star', 'star.4', S[3]!.clause, [[mvCheck(e, mv, mvLabel, S[3]!.minMarketValueYuan), minCheck(e, 'revenue', '最近一年营业收入', cur.revenue, S[3]!.minRevenueYuan!, fieldsMissing(e, f, 'revenue', [y]))]]),
    standard(e, 'star', 'star.5', S[4]!.clause, [[mvCheck(e, mv, mvLabel, S[4]!.minMarketValueYuan), check({ id: 'qualitative', label: S[4]!.qualitative!, unit: 'bool', actual: null, required: null, met: f.extras.star5Qualitative, detail: !e ? '' : f.extras.star5Qualitative === null ? 'officer judgement needed' : `officer judgement: ${f.extras.star5Qualitative ? 'holds' : 'does not hold'}`, needed: f.extras.star5Qualitative === null ? ['star5Qualitative (officer judgement)'] : [] })]]),
  ];

  // 科创属性 (常规指标: all four; standard 5 applicants are exempt from the revenue test)
  const K = T.kechuang;
  const rdShareOk = rd3 !== null && rev3 !== null ? shareAtLeast(rd3, rev3, K.minRdShare3yPct) : null;
  const rdSumOk = rd3 === null ? null : rd3 >= Y(K.minRdSum3yYuan);
  const rev3Known = yearOf(f, y - 2).revenue !== null && cur.revenue !== null;
  // 最近三年营业收入复合增长率 = (revenue_y ÷ revenue_{y-2})^(1/2) − 1 ≥ 25 %  ⇔  revenue_y ≥ 156.25 % of revenue_{y-2}.
  const cagrOk = rev3Known ? yearOf(f, y - 2).revenue! > 0 && shareAtLeast(cur.revenue!, yearOf(f, y - 2).revenue!, 156.25) : null;
  const patents = f.extras.mainBusinessInventionPatents;
  const kechuang: Check[] = [
    check({ id: 'kcRd', label: LABELS.kcRd, unit: 'share', actual: rd3 !== null && rev3 ? ratio(rd3, rev3) : null, required: K.minRdShare3yPct / 100, met: or3(rdShareOk, rdSumOk), detail: e ? `R&D ${fmt(rd3)} of revenue ${fmt(rev3)}` : '', needed: joined(fieldsMissing(e, f, 'rdExpense', y3), fieldsMissing(e, f, 'revenue', y3)) }),
    shareCheck(e, 'kcRdStaff', LABELS.kcRdStaff, cur.rdStaff, cur.employees, K.minRdStaffPct, joined(fieldsMissing(e, f, 'rdStaff', [y]), fieldsMissing(e, f, 'employees', [y]))),
    check({ id: 'kcPatents', label: LABELS.kcPatents, unit: 'count', actual: patents, required: K.minMainBusinessInventionPatents, met: patents === null ? null : patents >= K.minMainBusinessInventionPatents, detail: !e ? '' : patents === null ? `registry holds ${f.ipGranted.invention_patent ?? 0} granted invention patent(s); how many serve the main business needs an officer's count` : `${patents} patent(s)`, needed: patents === null ? ['mainBusinessInventionPatents'] : [] }),
    check({ id: 'kcRevenue', label: LABELS.kcRevenue, unit: 'yuan', actual: cur.revenue === null ? null : cur.revenue / 100, required: K.minLatestRevenueYuan, met: or3(cagrOk, cur.revenue === null ? null : cur.revenue >= Y(K.minLatestRevenueYuan)), detail: e ? `revenue ${fmt(yearOf(f, y - 2).revenue)} (${y - 2}) → ${fmt(cur.revenue)} (${y})` : '', needed: fieldsMissing(e, f, 'revenue', [y - 2, y]) }),
  ];
  const kcCore = and3(kechuang[0]!.met, kechuang[1]!.met, kechuang[2]!.met);
  const starReady = or3(
    and3(or3(star[0]!.met, star[1]!.met, star[2]!.met, star[3]!.met), kcCore, kechuang[3]!.met),
    and3(star[4]!.met, kcCore),
  );

  // BSE 2.1.2 basic + 2.1.3
  const B = T.bse;
  const b1 = B.standards[0]!.alternatives!;
  const roeY = cur.weightedRoeBp;
  const roePrev = prev.weightedRoeBp;
  const avgRoe = roeY !== null && roePrev !== null ? (roeY + roePrev) / 2 : null;
  const neeqOn = f.extras.neeqListedOn;
  const neeqCutoff = monthsBefore(f.asOf, B.basic.neeqInnovationMonths);
  const bseBasic: Check[] = [
    check({ id: 'neeqInnovation12m', label: LABELS.neeqInnovation12m, unit: 'bool', actual: null, required: null,
      met: f.listingStatus !== 'neeq_innovation' ? false : neeqOn === null ? null : neeqOn <= neeqCutoff,
      detail: !e ? '' : f.listingStatus !== 'neeq_innovation' ? `listing status is ${f.listingStatus}` : neeqOn === null ? 'NEEQ listing date unknown' : `listed ${neeqOn}, needs on or before ${neeqCutoff}`,
      needed: f.listingStatus === 'neeq_innovation' && neeqOn === null ? ['neeqListedOn'] : [] }),
    minCheck(e, 'netAssets', '最近一年期末净资产', netAssets(cur), B.basic.minNetAssetsYuan, joined(fieldsMissing(e, f, 'totalAssets', [y]), fieldsMissing(e, f, 'totalLiabilities', [y]))),
  ];
  const revGrowth = cur.revenue !== null && prev.revenue !== null ? (prev.revenue > 0 ? atLeastPercentOf(cur.revenue, prev.revenue, 100 + B.standards[1]!.minRevenueGrowthPct!) : false) : null;
  const bse: StandardResult[] = [
    standard(e, 'bse', 'bse.1', B.standards[0]!.clause, [
      [mvCheck(e, mv, mvLabel, B.standards[0]!.minMarketValueYuan), minCheck(e, factName('netProfit', y - 1), yearLabel(y - 1, ' 净利润'), prev.netProfit, b1[0]!.minNetProfitEachOf2yYuan!, fieldsMissing(e, f, 'netProfit', [y - 1])), minCheck(e, factName('netProfit', y), yearLabel(y, ' 净利润'), cur.netProfit, b1[0]!.minNetProfitEachOf2yYuan!, fieldsMissing(e, f, 'netProfit', [y])), roeCheck(e, 'avgRoe2y', '最近两年加权平均净资产收益率平均', avgRoe, b1[0]!.minAvgRoe2yPct!, fieldsMissing(e, f, 'weightedRoeBp', y2))],
      [mvCheck(e, mv, mvLabel, B.standards[0]!.minMarketValueYuan), minCheck(e, factName('netProfit', y), yearLabel(y, ' 净利润'), cur.netProfit, b1[1]!.minNetProfitLatestYuan!, fieldsMissing(e, f, 'netProfit', [y])), roeCheck(e, 'roe', '最近一年加权平均净资产收益率', roeY, b1[1]!.minRoeLatestPct!, fieldsMissing(e, f, 'weightedRoeBp', [y]))],
    ]),
    standard(e, 'bse', 'bse.2', B.standards[1]!.clause, [[
      mvCheck(e, mv, mvLabel, B.standards[1]!.minMarketValueYuan),
      minCheck(e, 'avgRevenue2y', '最近两年营业收入平均', rev2 === null ? null : Math.floor(rev2 / 2), B.standards[1]!.minAvgRevenue2yYuan!, fieldsMissing(e, f, 'revenue', y2)),
      check({ id: 'revenueGrowth', label: LABELS.revenueGrowth, unit: 'share', actual: cur.revenue !== null && prev.revenue ? ratio(cur.revenue - prev.revenue, prev.revenue) : null, required: B.standards[1]!.minRevenueGrowthPct! / 100, met: revGrowth, detail: e ? `${fmt(prev.revenue)} → ${fmt(cur.revenue)}` : '', needed: fieldsMissing(e, f, 'revenue', y2) }),
      minCheck(e, 'operatingCashFlow', '最近一年经营活动现金流量净额为正', cur.operatingCashFlow, 0, fieldsMissing(e, f, 'operatingCashFlow', [y]), true),
    ]]),
    standard(e, 'bse', 'bse.3', B.standards[2]!.clause, [[mvCheck(e, mv, mvLabel, B.standards[2]!.minMarketValueYuan), minCheck(e, 'revenue', '最近一年营业收入', cur.revenue, B.standards[2]!.minRevenueYuan!, fieldsMissing(e, f, 'revenue', [y])), shareCheck(e, 'rdShare2y', '最近两年研发投入合计占营业收入合计比例', rd2, rev2, B.standards[2]!.minRdShare2yPct!, joined(fieldsMissing(e, f, 'rdExpense', y2), fieldsMissing(e, f, 'revenue', y2)))]]),
    standard(e, 'bse', 'bse.4', B.standards[3]!.clause, [[mvCheck(e, mv, mvLabel, B.standards[3]!.minMarketValueYuan), minCheck(e, 'rdSum2y', '最近两年研发投入合计', rd2, B.standards[3]!.minRdSum2yYuan!, fieldsMissing(e, f, 'rdExpense', y2))]]),
  ];
  const bseReady = and3(bseBasic[0]!.met, bseBasic[1]!.met, or3(bse[0]!.met, bse[1]!.met, bse[2]!.met, bse[3]!.met));

  // NEEQ innovation layer
  const N = T.neeqInnovation.standards;
  const shareCap = cur.shareCapital;
  const capNeeded = fieldsMissing(e, f, 'shareCapital', [y]);
  const since24m = monthsBefore(f.asOf, 24);
  const placements = f.rounds.filter((r) => r.date > since24m && r.date <= f.asOf);
  const placementsSum = placements.reduce((s, r) => s + r.amount, 0);
  const placementMvKnown = placements.every((r) => r.postMoney !== null);
  const rev0 = yearOf(f, y - 2).revenue;
  const cagr2 = cur.revenue !== null && rev0 !== null && prev.revenue !== null
    ? rev0 > 0 && cur.revenue > prev.revenue && prev.revenue > rev0 && atLeastPercentOf(cur.revenue, rev0, 169)
    : null;
  const neeqBasic: Check[] = [minCheck(e, 'netAssetsNonNegative', '最近一年期末净资产不为负值', netAssets(cur), 0, joined(fieldsMissing(e, f, 'totalAssets', [y]), fieldsMissing(e, f, 'totalLiabilities', [y])))];
  const neeq: StandardResult[] = [
    standard(e, 'neeq_innovation', 'neeq_innovation.1', N[0]!.clause, [[
      minCheck(e, factName('netProfit', y - 1), yearLabel(y - 1, ' 净利润'), prev.netProfit, N[0]!.minNetProfitEachOf2yYuan!, fieldsMissing(e, f, 'netProfit', [y - 1])),
      minCheck(e, factName('netProfit', y), yearLabel(y, ' 净利润'), cur.netProfit, N[0]!.minNetProfitEachOf2yYuan!, fieldsMissing(e, f, 'netProfit', [y])),
      roeCheck(e, 'avgRoe2y', '最近两年加权平均净资产收益率平均', avgRoe, N[0]!.minAvgRoe2yPct!, fieldsMissing(e, f, 'weightedRoeBp', y2)),
      capCheck(e, shareCap, capNeeded, N[0]!.minShareCapitalYuan!),
    ]]),
    standard(e, 'neeq_innovation', 'neeq_innovation.2', N[1]!.clause, [[
      minCheck(e, 'avgRevenue2y', '最近两年营业收入平均', rev2 === null ? null : Math.floor(rev2 / 2), N[1]!.minAvgRevenue2yYuan!, fieldsMissing(e, f, 'revenue', y2)),
      check({ id: 'revenueCagr2y', label: LABELS.revenueCagr2y, unit: 'share', actual: cur.revenue !== null && rev0 ? Math.round((Math.sqrt(cur.revenue / rev0) - 1) * 10000) / 10000 : null, required: N[1]!.minRevenueCagr2yPct! / 100, met: cagr2, detail: e ? `${fmt(rev0)} → ${fmt(prev.revenue)} → ${fmt(cur.revenue)}` : '', needed: fieldsMissing(e, f, 'revenue', y3) }),
      capCheck(e, shareCap, capNeeded, N[1]!.minShareCapitalYuan!),
    ]]),
    standard(e, 'neeq_innovation', 'neeq_innovation.3', N[2]!.clause, [[
      minCheck(e, 'rdSum2y', '最近两年研发投入累计', rd2, N[2]!.minRdSum2yYuan!, fieldsMissing(e, f, 'rdExpense', y2)),
      minCheck(e, 'placements24m', '24个月内定向发行融资累计 (registry rounds)', placementsSum, N[2]!.minPlacements24mYuan!, []),
      check({ id: 'placementMarketValue', label: LABELS.placementMarketValue, unit: 'yuan', actual: placements.length && placementMvKnown ? Math.min(...placements.map((r) => r.postMoney!)) / 100 : null, required: N[2]!.minPlacementMarketValueYuan!, met: placements.length === 0 ? false : placementMvKnown ? placements.every((r) => r.postMoney! >= Y(N[2]!.minPlacementMarketValueYuan!)) : null, detail: e ? `${placements.length} round(s) in 24 months` : '', needed: placementMvKnown ? [] : ['postMoney of each round in the last 24 months'] }),
    ]]),
    standard(e, 'neeq_innovation', 'neeq_innovation.4', N[3]!.clause, [[
      mvCheck(e, mv, mvLabel, N[3]!.minMarketValueYuan!), capCheck(e, shareCap, capNeeded, N[3]!.minShareCapitalYuan!),
      check({ id: 'trading', label: N[3]!.tradingConditions!, unit: 'bool', actual: null, required: null, met: null, detail: 'trading data is not in the registry', needed: ['NEEQ trading data (market makers or auction volume)'] }),
    ]]),
  ];
  const neeqReady = and3(neeqBasic[0]!.met, or3(neeq[0]!.met, neeq[1]!.met, neeq[2]!.met, neeq[3]!.met));

  const boards: BoardResult[] = [
    { board: 'star', reference: T.star.reference, basic: kechuang, standards: star, ready: starReady },
    { board: 'bse', reference: T.bse.reference, basic: bseBasic, standards: bse, ready: bseReady },
    { board: 'neeq_innovation', reference: T.neeqInnovation.reference, basic: neeqBasic, standards: neeq, ready: neeqReady },
  ];
  const all = boards.flatMap((b) => b.standards);
  const unmet = all.filter((s) => s.met !== true);
  const nearestStd = unmet.length ? unmet.reduce((a, b) => (b.gap < a.gap ? b : a)) : null;
  return {
    marketValue: mv,
    boards,
    met: all.filter((s) => s.met === true).map((s) => ({ board: s.board, standard: s.id, clause: s.clause })),
    ready: boards.filter((b) => b.ready === true).map((b) => b.board),
    nearest: nearestStd ? { board: nearestStd.board, standard: nearestStd.id, clause: nearestStd.clause, gap: nearestStd.gap, missing: nearestStd.missing } : null,
    needed: e ? [...new Set(all.flatMap((s) => s.missing.flatMap((m) => m.needed)))] : NONE,
  };
}
