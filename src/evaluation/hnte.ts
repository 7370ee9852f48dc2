// High-tech enterprise (HNTE) readiness, 国科发火〔2016〕32号 第十一条: each computable condition met or not with
// its numbers; the expert-judged parts of the innovation-capability score are inputs shown as ranges.
import params from './data/hnte.json';
import { check, type Check } from './check';
import { netAssets, yearOf, type EnterpriseYearFacts } from './facts';
import { growthScore, type GrowthResult } from './growth';
import { and3, ratio, shareAtLeast, sum, yearsBefore, type Tri } from './logic';

export const HNTE = params;

export interface HnteResult {
  ready: Tri;
  checks: Check[];
  growth: { netAssets: GrowthResult; sales: GrowthResult; points: [number, number] };
  innovation: { parts: { id: string; label: string; points: [number, number]; input: boolean }[]; total: [number, number]; required: number; met: Tri };
  /** A single number for storage and filters: the lower bound of the innovation-capability score. */
  score: number;
  needed: string[];
}

const yuan = (fen: number | null) => (fen === null ? null : fen / 100);

function expert(id: string, label: string, v: number | null, range: { min: number; max: number }) {
  return ({ id, label, points: (v === null ? [range.min, range.max] : [v, v]) as [number, number], input: v === null });
}

/** The shared empty list of needed facts when nothing is explained (never mutated). */
const NONE: string[] = [];

/**
 * `explain = false` decides without explaining (the nightly run): the same `met`, numbers and score, but no detail
 * texts or needed facts (the stored result keeps the facts; the explanation is rendered from them on read).
 */
export function evaluateHnte(f: EnterpriseYearFacts, explain = true): HnteResult {
  const e = explain;
  const y = f.year;
  const years = [y - 2, y - 1, y];
  const checks: Check[] = [];

  // (一) registered at least one year before the year-end
  const cutoff = yearsBefore(f.asOf, params.minRegisteredYears);
  checks.push(check({
    id: 'registered', label: '注册成立一年以上', clause: '第十一条(一)', unit: 'bool', actual: null, required: params.minRegisteredYears,
    met: f.foundedOn === null ? null : f.foundedOn <= cutoff,
    detail: !e ? '' : (f.foundedOn === null ? 'founding date unknown' : `founded ${f.foundedOn}, needs on or before ${cutoff}`),
    needed: f.foundedOn === null ? ['foundedOn'] : [],
  }));

  // (二) core IP present
  const coreIp = params.coreIpKinds.reduce((n, k) => n + (f.ipGranted[k] ?? 0), 0) + (f.extras.otherClassIIp ?? 0);
  checks.push(check({ id: 'coreIp', label: '拥有核心自主知识产权', clause: '第十一条(二)', unit: 'count', actual: coreIp, required: 1, met: coreIp >= 1, detail: e ? `${coreIp} granted IP item(s) (patents, software copyrights, IC layouts, plant varieties)` : '' }));

  // (四) tech staff ≥ 10 %
  const cur = yearOf(f, y);
  const staffKnown = cur.techStaff !== null && cur.employees !== null;
  checks.push(check({
    id: 'techStaff', label: '科技人员占比 ≥ 10%', clause: '第十一条(四)', unit: 'share', required: params.minTechStaffPct / 100,
    actual: staffKnown ? ratio(cur.techStaff!, cur.employees!) : null,
    met: staffKnown ? shareAtLeast(cur.techStaff!, cur.employees!, params.minTechStaffPct) : null,
    detail: !e ? '' : (staffKnown ? `${cur.techStaff} of ${cur.employees} staff` : 'needs tech staff and employees'),
    needed: !e ? NONE : [...(cur.techStaff === null ? [`techStaff[${y}]`] : []), ...(cur.employees === null ? [`employees[${y}]`] : [])],
  }));

  // (五) R&D ÷ sales over the last three years (fewer when the enterprise is younger), band by latest sales
  const founded = f.foundedOn ? Number(f.foundedOn.slice(0, 4)) : null;
  const rdYears = years.filter((yy) => founded === null || yy >= founded);
  const rdSum = sum(rdYears.map((yy) => yearOf(f, yy).rdExpense));
  const salesSum = sum(rdYears.map((yy) => yearOf(f, yy).revenue));
  const latestSales = cur.revenue;
  const tier = latestSales === null ? null : params.rdIntensity.find((t) => t.maxLatestSalesYuan === null || latestSales <= t.maxLatestSalesYuan * 100)!;
  checks.push(check({
    id: 'rdIntensity', label: '近三年研发费用占销售收入比例', clause: '第十一条(五)', unit: 'share',
    required: tier ? tier.minPct / 100 : null,
    actual: rdSum !== null && salesSum !== null ? ratio(rdSum, salesSum) : null,
    met: rdSum !== null && salesSum !== null && tier ? shareAtLeast(rdSum, salesSum, tier.minPct) : null,
    detail: !e ? '' : rdSum !== null && salesSum !== null && tier
      ? `R&D ${yuan(rdSum)} 元 ÷ sales ${yuan(salesSum)} 元 over ${rdYears.join(', ')}; latest sales ${yuan(latestSales)} 元 → needs ≥ ${tier.minPct}%`
      : 'needs R&D and revenue for each of the years',
    needed: !e ? NONE : rdYears.flatMap((yy) => [...(yearOf(f, yy).rdExpense === null ? [`rdExpense[${yy}]`] : []), ...(yearOf(f, yy).revenue === null ? [`revenue[${yy}]`] : [])]),
  }));

  // (五) domestic R&D ≥ 60 % of R&D
  const domSum = sum(rdYears.map((yy) => yearOf(f, yy).rdExpenseDomestic));
  checks.push(check({
    id: 'rdDomestic', label: '境内研发费用占比 ≥ 60%', clause: '第十一条(五)', unit: 'share', required: params.minDomesticRdPct / 100,
    actual: domSum !== null && rdSum ? ratio(domSum, rdSum) : null,
    met: domSum !== null && rdSum !== null ? rdSum > 0 && shareAtLeast(domSum, rdSum, params.minDomesticRdPct) : null,
    detail: !e ? '' : (domSum !== null && rdSum !== null ? `domestic R&D ${yuan(domSum)} 元 of ${yuan(rdSum)} 元` : 'needs domestic R&D expense for each year'),
    needed: !e ? NONE : rdYears.filter((yy) => yearOf(f, yy).rdExpenseDomestic === null).map((yy) => `rdExpenseDomestic[${yy}]`),
  }));

  // (六) high-tech product (service) revenue ≥ 60 % of the latest year's revenue
  const htKnown = cur.highTechProductRevenue !== null && cur.revenue !== null;
  checks.push(check({
    id: 'highTechRevenue', label: '高新技术产品（服务）收入占比 ≥ 60%', clause: '第十一条(六)', unit: 'share', required: params.minHighTechRevenuePct / 100,
    actual: htKnown ? ratio(cur.highTechProductRevenue!, cur.revenue!) : null,
    met: htKnown ? shareAtLeast(cur.highTechProductRevenue!, cur.revenue!, params.minHighTechRevenuePct) : null,
    detail: !e ? '' : (htKnown ? `${yuan(cur.highTechProductRevenue)} 元 of ${yuan(cur.revenue)} 元` : 'needs high-tech product revenue and revenue'),
    needed: !e ? NONE : [...(cur.highTechProductRevenue === null ? [`highTechProductRevenue[${y}]`] : []), ...(cur.revenue === null ? [`revenue[${y}]`] : [])],
  }));

  // (七) innovation capability ≥ 70: growth computed, the rest expert-judged inputs
  const na = growthScore([netAssets(yearOf(f, y - 2)), netAssets(yearOf(f, y - 1)), netAssets(cur)], 'netAssets', e);
  const sales = growthScore([yearOf(f, y - 2).revenue, yearOf(f, y - 1).revenue, cur.revenue], 'revenue', e);
  const growthPoints: [number, number] = [na.points[0] + sales.points[0], na.points[1] + sales.points[1]];
  const parts = [
    expert('ip', '知识产权 (expert)', f.extras.hnteIpScore, params.expertParts.ip),
    expert('conversion', '科技成果转化能力 (expert)', f.extras.hnteConversionScore, params.expertParts.conversion),
    expert('rdManagement', '研究开发组织管理水平 (expert)', f.extras.hnteRdManagementScore, params.expertParts.rdManagement),
    { id: 'growth', label: '企业成长性 (computed)', points: growthPoints, input: false },
  ];
  const total: [number, number] = [parts.reduce((s, p) => s + p.points[0], 0), parts.reduce((s, p) => s + p.points[1], 0)];
  const innovationMet: Tri = total[0] >= params.innovationPassScore ? true : total[1] < params.innovationPassScore ? false : null;
  checks.push(check({
    id: 'innovation', label: '企业创新能力评价 ≥ 70', clause: '第十一条(七)', unit: 'points', actual: total[0], required: params.innovationPassScore, met: innovationMet,
    detail: !e ? '' : (`score range ${total[0]}–${total[1]} (growth ${growthPoints[0]}–${growthPoints[1]}; expert parts ${parts.filter((p) => p.input).map((p) => p.id).join(', ') || 'all entered'})`),
    needed: !e ? NONE : [...na.needed, ...sales.needed, ...parts.filter((p) => p.input).map((p) => `hnte.${p.id}Score`)],
  }));

  const ready = and3(...checks.map((c) => c.met));
  return {
    ready, checks, growth: { netAssets: na, sales, points: growthPoints },
    innovation: { parts, total, required: params.innovationPassScore, met: innovationMet },
    score: total[0],
    needed: !e ? NONE : [...new Set(checks.flatMap((c) => c.needed))],
  };
}
