// 科技型中小企业 (国科发政〔2017〕115号): conditions (第六条), the 100-point score (附件: 科技人员 20, 研发投入 50,
// 科技成果 30) and the direct paths (第七条). Pure; the CLI and the registry evaluation both call evaluateTechSme.
import params from './data/tech-sme.json';
import { and3, bandPoints, or3, shareAtLeast, yuanText, type Tri } from './logic';

export const TECH_SME = params;

/** Money in fen, heads as integers; null = unknown. */
export interface TechSmeInput {
  employees: number | null;
  techStaff: number | null;
  salesRevenue: number | null;
  totalAssets: number | null;
  rdExpense: number | null;
  totalCost: number | null;
  ip: { classI: number | null; classII: number | null };
  residentEnterprise: boolean | null;
  prohibitedIndustry: boolean | null;
  seriousViolation: boolean | null;
  direct: { hnteValid: boolean | null; nationalAwardTop3: boolean | null; provincialRdInstitution: boolean | null; ledStandard: boolean | null };
}

export interface TechSmeResult {
  eligible: boolean | null;
  path: 'score' | 'direct' | 'none';
  /** Sum of the known parts; with unknown parts it is a lower bound (see `maxScore`). */
  score: number;
  maxScore: number;
  breakdown: { techStaff: number | null; rd: number | null; ip: number | null };
  reasons: string[];
  /** Facts that were missing, by input field name. */
  unknown: string[];
}

const pct = (part: number, whole: number) => (whole > 0 ? `${(Math.round((part / whole) * 10000) / 100).toString()}%` : 'n/a');

export function evaluateTechSme(x: TechSmeInput): TechSmeResult {
  const reasons: string[] = [];
  const unknown: string[] = [];
  const c = params.conditions;

  // 第六条 (一)–(四): the conditions every path needs.
  const resident: Tri = x.residentEnterprise;
  if (resident === null) unknown.push('residentEnterprise');
  else if (!resident) reasons.push('not a resident enterprise (第六条(一))');
  let size: Tri = true;
  if (x.employees === null) { unknown.push('employees'); size = null; } else if (x.employees > c.maxEmployees) { size = false; reasons.push(`employees ${x.employees} > ${c.maxEmployees} (第六条(二))`); }
  if (x.salesRevenue === null) { unknown.push('salesRevenue'); size = size === false ? false : null; } else if (x.salesRevenue > c.maxSalesRevenueYuan * 100) { size = false; reasons.push(`sales revenue ${yuanText(x.salesRevenue)} > ${yuanText(c.maxSalesRevenueYuan * 100)} (第六条(二))`); }
  if (x.totalAssets === null) { unknown.push('totalAssets'); size = size === false ? false : null; } else if (x.totalAssets > c.maxTotalAssetsYuan * 100) { size = false; reasons.push(`total assets ${yuanText(x.totalAssets)} > ${yuanText(c.maxTotalAssetsYuan * 100)} (第六条(二))`); }
  const allowed: Tri = x.prohibitedIndustry === null ? null : !x.prohibitedIndustry;
  if (x.prohibitedIndustry === null) unknown.push('prohibitedIndustry');
  else if (x.prohibitedIndustry) reasons.push('products or services in a prohibited, restricted or obsolete category (第六条(三))');
  const clean: Tri = x.seriousViolation === null ? null : !x.seriousViolation;
  if (x.seriousViolation === null) unknown.push('seriousViolation');
  else if (x.seriousViolation) reasons.push('serious violation or on the dishonesty/abnormal-operation list (第六条(四))');
  const conditions = and3(resident, size, allowed, clean);

  // 附件 科技人员指标: tech staff ÷ employees.
  let techStaff: number | null = null;
  if (x.techStaff === null || x.employees === null) { if (x.techStaff === null) unknown.push('techStaff'); }
  else {
    techStaff = bandPoints(params.techStaffBands, (m) => shareAtLeast(x.techStaff!, x.employees!, m)).points;
    reasons.push(`tech staff ${x.techStaff}/${x.employees} = ${pct(x.techStaff, x.employees)} → ${techStaff} points`);
  }

  // 研发投入指标: the better of R&D ÷ sales revenue and R&D ÷ total cost.
  let rd: number | null = null;
  if (x.rdExpense === null) unknown.push('rdExpense');
  else {
    const byRevenue = x.salesRevenue === null ? null : bandPoints(params.rdOfRevenueBands, (m) => shareAtLeast(x.rdExpense!, x.salesRevenue!, m)).points;
    const byCost = x.totalCost === null ? null : bandPoints(params.rdOfCostBands, (m) => shareAtLeast(x.rdExpense!, x.totalCost!, m)).points;
    if (x.totalCost === null) unknown.push('totalCost');
    if (byRevenue !== null && byCost !== null) {
      rd = Math.max(byRevenue, byCost);
      reasons.push(`R&D ÷ sales revenue ${pct(x.rdExpense, x.salesRevenue!)} → ${byRevenue}, R&D ÷ total cost ${pct(x.rdExpense, x.totalCost!)} → ${byCost}; the better: ${rd} points`);
    } else if ((byRevenue ?? byCost) === 50) rd = 50; // already the maximum, the missing ratio cannot change it
  }

  // 科技成果指标: any class I item → 30; else class II count bands.
  let ip: number | null = null;
  if (x.ip.classI !== null && x.ip.classI >= 1) {
    ip = params.ipClassIPoints;
    reasons.push(`${x.ip.classI} class I IP item(s) → ${ip} points`);
  } else if (x.ip.classI === null) unknown.push('ip.classI');
  else if (x.ip.classII === null) unknown.push('ip.classII');
  else {
    ip = bandPoints(params.ipClassIIBands, (m) => x.ip.classII! >= m).points;
    reasons.push(`no class I IP, ${x.ip.classII} class II item(s) → ${ip} points`);
  }

  const score = (techStaff ?? 0) + (rd ?? 0) + (ip ?? 0);
  const maxScore = (techStaff ?? 20) + (rd ?? 50) + (ip ?? 30);
  const scorePath: Tri =
    techStaff === 0 ? false : score >= params.passScore && techStaff !== null ? true : maxScore < params.passScore ? false : null;

  const d = x.direct;
  const direct = or3(d.hnteValid, d.nationalAwardTop3, d.provincialRdInstitution, d.ledStandard);
  for (const [k, v] of Object.entries(d)) if (v === null) unknown.push(`direct.${k}`);

  let eligible = and3(conditions, or3(scorePath, direct));
  let path: TechSmeResult['path'] = 'none';
  if (eligible && scorePath) path = 'score';
  else if (eligible && direct) path = 'direct';
  if (conditions === true) reasons.push('conditions of 第六条(一)–(四) hold');
  if (scorePath === true) reasons.push(`score ${score} ≥ ${params.passScore} with a non-zero tech-staff score (第六条(五))`);
  else if (scorePath === false) reasons.push(techStaff === 0 ? 'tech-staff score is 0, so the score path is closed (第六条(五))' : `score ${score} < ${params.passScore} (第六条(五))`);
  const directNames = { hnteValid: 'valid high-tech enterprise certificate', nationalAwardTop3: 'national S&T award in the last 5 years, ranked top 3', provincialRdInstitution: 'provincial-level or higher R&D institution', ledStandard: 'led a national, industry or international standard in the last 5 years' } as const;
  for (const [k, v] of Object.entries(d)) if (v === true) reasons.push(`direct path: ${directNames[k as keyof typeof directNames]} (第七条)`);
  if (eligible === null && unknown.length === 0) eligible = null;
  return { eligible, path, score, maxScore, breakdown: { techStaff, rd, ip }, reasons, unknown };
}
