// 科技金融服务站考核评价指标表 (seed 003 appendix 七, 附件). Pure: the score of each item from its count, with the table's
// caps. The platform counts three items from its own data (events held, projects screened, applications growth);
// officers enter the rest. Numbering follows the table (综合 1, 2, 3, 5 — the table has no 4; 专项 1, 2, 3).

export type ItemSource = 'entered' | 'events' | 'screenings' | 'applications';

export interface ItemDefinition {
  code: string;
  group: 'comprehensive' | 'special';
  no: string;
  title: string;
  standard: string;
  max: number;
  source: ItemSource;
}

export const ASSESSMENT_ITEMS: readonly ItemDefinition[] = [
  { code: 'attendance', group: 'comprehensive', no: '一.1', title: '科技金融服务站出席培训、考察、例会的情况', standard: '全部出席得5分，每缺席1次，扣1分', max: 5, source: 'entered' },
  { code: 'responsiveness', group: 'comprehensive', no: '一.2', title: '支持并协助科技金融平台开展各项科技金融服务工作的响应情况', standard: '按照实际配合情况打分', max: 5, source: 'entered' },
  { code: 'events', group: 'comprehensive', no: '一.3', title: '组织科技金融政策宣传培训辅导等的情况', standard: '原则上举办5场活动，每场得2分。超过5场次以上的，每1场次得3分，最高不超过15分', max: 15, source: 'events' },
  { code: 'work_features', group: 'comprehensive', no: '一.5', title: '围绕科技金融服务工作，结合自身特点，加速推进成果转化、促进科技企业发展形成的工作特色与成效', standard: '提交工作总结及案例每1篇计2分，向平台及杂志提供研究调研或研究报告并被录用的，得3分，最高不超过15分', max: 15, source: 'entered' },
  { code: 'screened_projects', group: 'special', no: '二.1', title: '年内向平台推荐、初审、调查的贷款项目数量考核', standard: '按照全年度服务站完成调查项目总数进行排名进行计分，1-3名计分50-40，4-6名计分40-30，7名及以后的计分30-10', max: 50, source: 'screenings' },
  { code: 'application_growth', group: 'special', no: '二.2', title: '年内所服务的地区及系统内科技企业贷款申请增长考核', standard: '依据年度申请量增长幅度综合计分，未实现增长的不计分', max: 5, source: 'applications' },
  { code: 'cooperation', group: 'special', no: '二.3', title: '年内与市科创中心合作展开课题或新产品新服务等研究工作等考核', standard: '市区联动合作项目，每项计5分', max: 5, source: 'entered' },
];

const round2 = (x: number) => Math.round(x * 100) / 100;
const clamp = (x: number, max: number) => Math.max(0, Math.min(max, x));

/** 一.1: 5 less one per absence. */
export const attendanceScore = (absences: number): number => clamp(5 - absences, 5);
/** 一.2: the officer's mark, 0–5. */
export const responsivenessScore = (mark: number): number => clamp(mark, 5);
/** 一.3: 2 points for each of the first 5 events, 3 for each one beyond, at most 15. */
export const eventsScore = (events: number): number => clamp(2 * Math.min(events, 5) + 3 * Math.max(0, events - 5), 15);
/** 一.5: 2 per work summary or case, 3 per research report adopted by the platform or a journal, at most 15. */
export const workFeaturesScore = (reports: number, adopted: number): number => clamp(2 * reports + 3 * adopted, 15);
/** 二.3: 5 per 市区联动 cooperation project, at most 5. */
export const cooperationScore = (projects: number): number => clamp(5 * projects, 5);

/**
 * 二.2: growth of the year's applications from the station's area over the year before. No growth scores nothing
 * (the table); growth scores 5 × the growth rate, full marks from +100% (the platform's reading of 综合计分: the
 * table fixes neither the scale nor the top, so the scale is linear and named here). From none to some is full marks.
 */
export function growthScore(thisYear: number, lastYear: number): { growth: number | null; score: number } {
  if (thisYear <= lastYear) return { growth: lastYear === 0 ? null : round2((thisYear - lastYear) / lastYear), score: 0 };
  if (lastYear === 0) return { growth: null, score: 5 };
  const growth = (thisYear - lastYear) / lastYear;
  return { growth: round2(growth), score: round2(clamp(5 * growth, 5)) };
}

/**
 * 二.1: stations ranked by projects screened (more is better; equal counts share the better rank). Ranks 1–3 score in
 * 50–40, 4–6 in 40–30, 7 and after in 30–10: within a band each rank steps down evenly from the band's top, so the
 * band's last rank stays above the next band's top (1–3: 50, 46.67, 43.33). The 7th-and-after band spreads its
 * ranks over 30 down to 10 (the last rank gets 10 when there are two or more). A station that screened nothing
 * is not ranked and scores 0.
 */
export function rankScores(counts: ReadonlyMap<string, number>): Map<string, { rank: number | null; score: number }> {
  const ranked = [...counts.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const out = new Map<string, { rank: number | null; score: number }>();
  for (const [id, n] of counts) if (n <= 0) out.set(id, { rank: null, score: 0 });
  const lastRank = ranked.length === 0 ? 0 : 1 + ranked.findIndex(([, n]) => n === ranked[ranked.length - 1]![1]);
  ranked.forEach(([id, n]) => {
    const rank = 1 + ranked.findIndex(([, m]) => m === n);
    out.set(id, { rank, score: rankScore(rank, lastRank) });
  });
  return out;
}

export function rankScore(rank: number, lastRank: number): number {
  if (rank <= 3) return round2(50 - ((rank - 1) * 10) / 3);
  if (rank <= 6) return round2(40 - ((rank - 4) * 10) / 3);
  const span = lastRank - 7;
  if (span <= 0) return 30;
  return round2(30 - ((rank - 7) * 20) / span);
}
