// Product matching (issue #4, 靶向对接): which active products an enterprise qualifies for, and why. Pure: no I/O,
// no clock (the caller passes today, Asia/Shanghai). Tested as tables in test/product/match-rules.test.ts.
//
// Two entry points share one set of rules:
//  - compileCriteria + qualifies: the fast path (no strings built) used for 100,000 × 500 pairs;
//  - explainMatch: the same decision with every criterion met or failed in words (中文 and English).
import { fenToYuan } from '../../platform/tabular';

export const STAGES = ['startup', 'growth', 'mature'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_ZH: Record<Stage, string> = { startup: '初创期', growth: '成长期', mature: '成熟期' };

/** Eligibility criteria as stored in product_versions.criteria (money in fen). Absent = no requirement. */
export interface Criteria {
  stages?: Stage[];
  sectors?: string[];
  certifications?: string[];
  /** 'all' (default): every listed certification is required; 'any': one of them suffices. */
  certificationsMatch?: 'all' | 'any';
  minYearsSinceFounding?: number;
  minRevenue?: number;
  maxNplCount?: number;
  yangpuRegistered?: boolean;
}

/** What the registry and the loan ledger hold about an enterprise, loaded once. Money in fen. */
export interface EnterpriseFacts {
  id: string;
  district: string;
  sector: string;
  foundedOn: string | null;
  latestRevenue: { year: number; amount: number } | null;
  /** Certification types valid today (issued on or before, not expired). */
  certifications: string[];
  /** Loans classified substandard, doubtful or loss; null when the ledger holds no classification at all. */
  nplCount: number | null;
}

export const YANGPU = '杨浦区';

// Lifecycle stage thresholds: a platform rule (the seeds name the stages but give no numbers), chosen to be
// explainable in one sentence. Revenue in fen.
export const STAGE_RULE = {
  startupMaxYears: 3,
  startupMaxRevenue: 5_000_000_00,
  matureMinYears: 10,
  matureMinRevenue: 100_000_000_00,
} as const;

/** Whole years from a founding date to today, compared as YYYY-MM-DD text (no Date arithmetic). */
export function yearsSince(foundedOn: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(foundedOn.slice(0, 4));
  return today.slice(5) < foundedOn.slice(5) ? years - 1 : years;
}

/**
 * 初创期 if founded under 3 years ago or the latest revenue is under 500万元; 成熟期 if founded 10 or more years ago
 * and the latest revenue is at least 1亿元; otherwise 成长期. Unknown without a founding date, and unknown for a
 * company over 3 years old with no revenue recorded.
 */
export function lifecycleStage(foundedOn: string | null, latestRevenue: { amount: number } | null, today: string): Stage | null {
  if (foundedOn === null) return null;
  const age = yearsSince(foundedOn, today);
  if (age < STAGE_RULE.startupMaxYears) return 'startup';
  if (latestRevenue === null) return null;
  if (latestRevenue.amount < STAGE_RULE.startupMaxRevenue) return 'startup';
  if (age >= STAGE_RULE.matureMinYears && latestRevenue.amount >= STAGE_RULE.matureMinRevenue) return 'mature';
  return 'growth';
}

/** Facts with the derived values every product reads, computed once per enterprise. */
export interface PreparedFacts {
  facts: EnterpriseFacts;
  years: number | null;
  stage: Stage | null;
  certs: Set<string>;
}

export function prepareFacts(facts: EnterpriseFacts, today: string): PreparedFacts {
  return {
    facts,
    years: facts.foundedOn === null ? null : yearsSince(facts.foundedOn, today),
    stage: lifecycleStage(facts.foundedOn, facts.latestRevenue, today),
    certs: new Set(facts.certifications),
  };
}

export type Predicate = (p: PreparedFacts) => boolean;

/** The criteria as a list of checks, cheapest and most selective first; a product with none matches everyone. */
export function compileCriteria(c: Criteria): Predicate {
  const checks: Predicate[] = [];
  if (c.yangpuRegistered) checks.push((p) => p.facts.district === YANGPU);
  if (c.sectors?.length) {
    const sectors = new Set(c.sectors);
    checks.push((p) => sectors.has(p.facts.sector));
  }
  if (c.minYearsSinceFounding !== undefined) {
    const min = c.minYearsSinceFounding;
    checks.push((p) => p.years !== null && p.years >= min);
  }
  if (c.minRevenue !== undefined) {
    const min = c.minRevenue;
    checks.push((p) => p.facts.latestRevenue !== null && p.facts.latestRevenue.amount >= min);
  }
  if (c.stages?.length) {
    const stages = new Set<Stage | null>(c.stages);
    checks.push((p) => stages.has(p.stage));
  }
  if (c.certifications?.length) {
    const required = c.certifications;
    checks.push(c.certificationsMatch === 'any' ? (p) => required.some((t) => p.certs.has(t)) : (p) => required.every((t) => p.certs.has(t)));
  }
  if (c.maxNplCount !== undefined) {
    const max = c.maxNplCount;
    checks.push((p) => (p.facts.nplCount ?? 0) <= max);
  }
  return (p) => {
    for (const check of checks) if (!check(p)) return false;
    return true;
  };
}

export interface Reason {
  criterion: 'yangpu' | 'sector' | 'yearsSinceFounding' | 'revenue' | 'stage' | 'certifications' | 'npl';
  zh: string;
  en: string;
}

export interface Explanation {
  qualifies: boolean;
  met: Reason[];
  failed: Reason[];
}

/** Yuan with thousands separators, from integer fen: 123456789 → '1,234,567.89'. */
export function formatYuan(fen: number): string {
  const [whole, frac] = fenToYuan(fen).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

const list = (xs: readonly string[]) => xs.join('、');
const listEn = (xs: readonly string[]) => xs.join(', ');

/** The same decision as compileCriteria, with every criterion the product sets explained. */
export function explainMatch(c: Criteria, p: PreparedFacts): Explanation {
  const met: Reason[] = [];
  const failed: Reason[] = [];
  const add = (ok: boolean, r: Reason) => (ok ? met : failed).push(r);
  const f = p.facts;

  if (c.yangpuRegistered) {
    add(f.district === YANGPU, f.district === YANGPU
      ? { criterion: 'yangpu', zh: '注册地为杨浦区', en: 'Registered in Yangpu District (杨浦区)' }
      : { criterion: 'yangpu', zh: `注册地为${f.district}，产品要求注册在杨浦区`, en: `Registered in ${f.district}; the product requires registration in Yangpu District (杨浦区)` });
  }
  if (c.sectors?.length) {
    const ok = c.sectors.includes(f.sector);
    add(ok, {
      criterion: 'sector',
      zh: `所属领域${f.sector}${ok ? '属于' : '不属于'}产品支持领域（${list(c.sectors)}）`,
      en: `Sector ${f.sector} is ${ok ? '' : 'not '}one the product serves (${listEn(c.sectors)})`,
    });
  }
  if (c.minYearsSinceFounding !== undefined) {
    const min = c.minYearsSinceFounding;
    if (p.years === null) {
      failed.push({ criterion: 'yearsSinceFounding', zh: `成立日期未登记，无法判断是否成立满${min}年`, en: `No founding date is registered, so ${min} years since founding cannot be shown` });
    } else {
      const ok = p.years >= min;
      add(ok, {
        criterion: 'yearsSinceFounding',
        zh: `成立${p.years}年（${f.foundedOn}），${ok ? '满足' : '不满足'}成立满${min}年的要求`,
        en: `Founded ${p.years} year(s) ago (${f.foundedOn}); the product requires at least ${min}`,
      });
    }
  }
  if (c.minRevenue !== undefined) {
    const min = formatYuan(c.minRevenue);
    const r = f.latestRevenue;
    if (r === null) {
      failed.push({ criterion: 'revenue', zh: `未登记营业收入，产品要求最近年度营业收入不低于${min}元`, en: `No revenue is registered; the product requires latest annual revenue of at least ${min} yuan` });
    } else {
      const ok = r.amount >= c.minRevenue;
      add(ok, {
        criterion: 'revenue',
        zh: `${r.year}年营业收入${formatYuan(r.amount)}元，${ok ? '不低于' : '低于'}产品要求的${min}元`,
        en: `Revenue in ${r.year} was ${formatYuan(r.amount)} yuan, ${ok ? 'at least' : 'below'} the ${min} yuan the product requires`,
      });
    }
  }
  if (c.stages?.length) {
    const wanted = c.stages.map((s) => STAGE_ZH[s]);
    if (p.stage === null) {
      failed.push({
        criterion: 'stage',
        zh: `成立日期或营业收入未登记，无法判断企业阶段（产品面向${list(wanted)}企业）`,
        en: `The lifecycle stage cannot be derived without a founding date and revenue (the product serves ${listEn(c.stages)} companies)`,
      });
    } else {
      const ok = c.stages.includes(p.stage);
      add(ok, {
        criterion: 'stage',
        zh: `企业处于${STAGE_ZH[p.stage]}，${ok ? '属于' : '不属于'}产品面向的${list(wanted)}`,
        en: `The company is at the ${p.stage} stage, ${ok ? 'one' : 'not one'} the product serves (${listEn(c.stages)})`,
      });
    }
  }
  if (c.certifications?.length) {
    const held = c.certifications.filter((t) => p.certs.has(t));
    const missing = c.certifications.filter((t) => !p.certs.has(t));
    if (c.certificationsMatch === 'any') {
      add(held.length > 0, held.length > 0
        ? { criterion: 'certifications', zh: `持有有效的${list(held)}认定（产品要求其一：${list(c.certifications)}）`, en: `Holds a valid ${listEn(held)} certification (the product requires one of: ${listEn(c.certifications)})` }
        : { criterion: 'certifications', zh: `未持有有效的${list(c.certifications)}认定中的任何一项`, en: `Holds none of the certifications the product requires one of: ${listEn(c.certifications)}` });
    } else {
      add(missing.length === 0, missing.length === 0
        ? { criterion: 'certifications', zh: `持有有效的${list(held)}认定`, en: `Holds a valid ${listEn(held)} certification` }
        : { criterion: 'certifications', zh: `缺少有效的${list(missing)}认定`, en: `Lacks a valid ${listEn(missing)} certification` });
    }
  }
  if (c.maxNplCount !== undefined) {
    const max = c.maxNplCount;
    if (f.nplCount === null) {
      met.push({
        criterion: 'npl',
        zh: `平台未记录该企业的不良贷款（贷款台账尚无五级分类数据），产品要求不良贷款不超过${max}笔`,
        en: `No non-performing loans are recorded on the platform for this company (the loan ledger holds no classification yet); the product allows at most ${max}`,
      });
    } else {
      const ok = f.nplCount <= max;
      add(ok, {
        criterion: 'npl',
        zh: `平台记录不良贷款${f.nplCount}笔，${ok ? '未超过' : '超过'}产品允许的${max}笔`,
        en: `${f.nplCount} non-performing loan(s) recorded on the platform; the product allows at most ${max}`,
      });
    }
  }
  return { qualifies: failed.length === 0, met, failed };
}

export interface RankedProduct {
  code: string;
  policyProduct: boolean;
  explanation: Explanation;
}

/**
 * Qualifying products first; then near misses by fewest failed criteria; within those, designated policy products
 * (区政策性金融产品, cheaper money under YP2025-5), then the more specific product (more criteria met), then code.
 */
export function compareRanked(a: RankedProduct, b: RankedProduct): number {
  return (
    Number(b.explanation.qualifies) - Number(a.explanation.qualifies) ||
    a.explanation.failed.length - b.explanation.failed.length ||
    Number(b.policyProduct) - Number(a.policyProduct) ||
    b.explanation.met.length - a.explanation.met.length ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

/** Why the stage is what it is, in words, for the facts panel beside the matches. */
export function describeStage(p: PreparedFacts): { zh: string; en: string } {
  const r = p.facts.latestRevenue;
  if (p.stage === null) {
    return p.years === null
      ? { zh: '成立日期未登记，企业阶段未知', en: 'No founding date is registered: stage unknown' }
      : { zh: `成立${p.years}年且未登记营业收入，企业阶段未知`, en: `Founded ${p.years} year(s) ago with no revenue registered: stage unknown` };
  }
  const basis = r === null ? `成立${p.years}年` : `成立${p.years}年，${r.year}年营业收入${formatYuan(r.amount)}元`;
  const basisEn = r === null ? `founded ${p.years} year(s) ago` : `founded ${p.years} year(s) ago, revenue ${formatYuan(r.amount)} yuan in ${r.year}`;
  return { zh: `${STAGE_ZH[p.stage]}（${basis}）`, en: `${p.stage} (${basisEn})` };
}
