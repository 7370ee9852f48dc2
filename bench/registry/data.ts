// Deterministic synthetic registry for the issue #2 benchmarks: the same seed gives the same bytes,
// so an import run, its COPY baseline and a later run on another machine all load identical rows.
import { KNOWN_CERTIFICATIONS, SECTORS, SHANGHAI_DISTRICTS } from '../../src/shared/enterprise';
import { makeUscc } from '../../src/shared/uscc';

export const CSV_COLUMNS = [
  'uscc', 'name', 'district', 'street', 'founded_on', 'sector', 'employees', 'rd_staff',
  'revenue', 'rd_expense', 'total_cost', 'net_profit', 'total_assets', 'total_liabilities', 'year',
] as const;

/** mulberry32: small, fast, and stable across Node versions (Math.random is not seedable). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Trade names are two characters drawn from these pools (~1,600 combinations), so a two-character
// fragment such as 华芯 matches a few dozen to a few hundred enterprises, as in a real registry.
const FIRST = [...'华中国上新科达智云海东博创天瑞联恒安融泰鼎汇明信诚宏'];
const SECOND = [...'芯数智算微光联通源能航医药图视谷锐盛康驰辰星元启岭峰拓纳维途衡澄'];
const FIELD: Record<(typeof SECTORS)[number], string[]> = {
  数字经济: ['信息技术', '数据科技', '网络科技', '软件', '电子商务'],
  人工智能: ['智能科技', '机器人', '智能装备', '视觉科技', '算法科技'],
  生命健康: ['生物医药', '医疗器械', '生物科技', '健康科技', '基因科技'],
  绿色低碳: ['新能源', '环保科技', '储能科技', '节能技术', '氢能科技'],
  智能制造: ['精密制造', '自动化', '工业科技', '新材料', '装备技术'],
  其他: ['科技', '咨询', '技术服务', '文化科技', '贸易'],
};
const SUFFIX = ['有限公司', '股份有限公司', '有限公司', '有限公司'];
const YANGPU_STREETS = ['五角场街道', '新江湾城街道', '长白新村街道', '控江路街道', '大桥街道', '平凉路街道', '江浦路街道', '定海路街道', '殷行街道', '延吉新村街道', '四平路街道', '长海路街道'];

export interface SyntheticEnterprise {
  uscc: string;
  name: string;
  district: string;
  street: string;
  foundedOn: string;
  sector: string;
  employees: number;
  rdStaff: number;
  /** Financial figures in fen (integers), written to the CSV as yuan with two decimals. */
  revenue: number;
  rdExpense: number;
  totalCost: number;
  netProfit: number;
  totalAssets: number;
  totalLiabilities: number;
  year: number;
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const pad = (n: number) => String(n).padStart(2, '0');

/** Enterprise number i (0-based) of the synthetic registry; independent of how many are generated. */
export function enterpriseAt(i: number): SyntheticEnterprise {
  const rand = prng(0x4b434a52 ^ Math.imul(i + 1, 0x9e3779b1));
  const sector = pick(rand, SECTORS);
  const yangpu = rand() < 0.7;
  const employees = Math.max(3, Math.round(Math.exp(2 + rand() * 5.5)));
  const revenue = Math.round(Math.exp(13 + rand() * 8)) * 100 + Math.floor(rand() * 100);
  const rdShare = 0.02 + rand() * 0.25;
  const totalCost = Math.round(revenue * (0.6 + rand() * 0.6));
  const totalAssets = Math.round(revenue * (0.5 + rand() * 2));
  const year = 1995 + Math.floor(rand() * 30);
  return {
    uscc: makeUscc(100_000_000 + i),
    name: `上海${pick(rand, FIRST)}${pick(rand, SECOND)}${pick(rand, FIELD[sector])}${pick(rand, SUFFIX)}`,
    district: yangpu ? '杨浦区' : pick(rand, SHANGHAI_DISTRICTS),
    street: yangpu ? pick(rand, YANGPU_STREETS) : '',
    foundedOn: `${year}-${pad(1 + Math.floor(rand() * 12))}-${pad(1 + Math.floor(rand() * 28))}`,
    sector,
    employees,
    rdStaff: Math.floor(employees * (0.05 + rand() * 0.6)),
    revenue,
    rdExpense: Math.round(revenue * rdShare),
    totalCost,
    netProfit: revenue - totalCost,
    totalAssets,
    totalLiabilities: Math.round(totalAssets * rand() * 0.9),
    year: 2024,
  };
}

const yuan = (fen: number) => {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${pad(abs % 100)}`;
};

/** The import file (UTF-8 CSV, header + one line per enterprise). No field needs quoting. */
export function registryCsv(rows: number): Buffer {
  const lines: string[] = [CSV_COLUMNS.join(',')];
  for (let i = 0; i < rows; i++) {
    const e = enterpriseAt(i);
    lines.push([
      e.uscc, e.name, e.district, e.street, e.foundedOn, e.sector, e.employees, e.rdStaff,
      yuan(e.revenue), yuan(e.rdExpense), yuan(e.totalCost), yuan(e.netProfit), yuan(e.totalAssets), yuan(e.totalLiabilities), e.year,
    ].join(','));
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

export interface SyntheticCertification {
  type: string;
  issuedOn: string;
  expiresOn: string | null;
}

/** About 35% of enterprises hold one certification or more; some have expired (the search must skip those). */
export function certificationsAt(i: number): SyntheticCertification[] {
  const rand = prng(0x43455254 ^ Math.imul(i + 1, 0x85ebca6b));
  const out: SyntheticCertification[] = [];
  const chances = [0.2, 0.12, 0.06, 0.02, 0.05];
  KNOWN_CERTIFICATIONS.forEach((type, k) => {
    if (rand() >= chances[k]!) return;
    const year = 2016 + Math.floor(rand() * 9);
    // 高新技术企业 certificates last three years; the others are annual or open-ended here.
    const expires = type === '高新技术企业' ? `${year + 3}-12-31` : rand() < 0.5 ? null : `${year + 1}-12-31`;
    out.push({ type, issuedOn: `${year}-${pad(1 + Math.floor(rand() * 12))}-15`, expiresOn: expires });
  });
  return out;
}
