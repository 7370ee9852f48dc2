import { makeUscc } from '../../shared/uscc';
import { SECTORS, type Sector } from '../../shared/enterprise';

// Deterministic demo data (the same on every machine): a district office, its partner institutions and
// about fifty enterprises across Yangpu's focus sectors. Every name here is invented and marked demo.

export const DEMO_PASSWORD = 'demo1234';

export const DEMO_OFFICE = { code: 'YP-STEC', name: '杨浦区科技经济委员会（演示）' };
export const DEMO_STAFF = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
  { username: 'officer1', displayName: '王敏（科技金融专员）', role: 'officer' },
  { username: 'officer2', displayName: '李强（科技金融专员）', role: 'officer' },
  { username: 'reviewer1', displayName: '陈静（评审专家）', role: 'reviewer' },
  { username: 'auditor1', displayName: '赵磊（审计）', role: 'auditor' },
] as const;

export const DEMO_INSTITUTIONS = [
  { code: 'ICBC-YP', name: '工商银行杨浦支行（演示）', kind: 'bank', username: 'bank-icbc', displayName: '工行客户经理' },
  { code: 'SPDB-YP', name: '浦发银行杨浦科技支行（演示）', kind: 'bank', username: 'bank-spdb', displayName: '浦发客户经理' },
  { code: 'BOC-YP', name: '中国银行杨浦支行（演示）', kind: 'bank', username: 'bank-boc', displayName: '中行客户经理' },
  { code: 'SHGUAR', name: '上海市中小微企业政策性融资担保基金（演示）', kind: 'guarantor', username: 'guarantor1', displayName: '担保项目经理' },
  { code: 'PICC-SH', name: '人保财险上海分公司（演示）', kind: 'insurer', username: 'insurer1', displayName: '保险客户经理' },
  { code: 'YPFUND', name: '杨浦科创引导基金（演示）', kind: 'fund', username: 'fund1', displayName: '基金投资经理' },
] as const;

const STREETS = ['五角场街道', '控江路街道', '长白新村街道', '延吉新村街道', '殷行街道', '大桥街道', '平凉路街道', '江浦路街道', '定海路街道', '四平路街道', '新江湾城街道', '长海路街道'];
const PREFIXES = ['云瀚', '启明', '数澜', '星衡', '智源', '博研', '青禾', '擎天', '恒析', '禾信', '微纳', '同济', '复研', '镜湖', '澄明', '远帆', '极光', '量子', '深蓝', '弘毅', '瑞峰', '鲸跃', '知行', '灵犀', '开物'];
const SUFFIX: Record<Sector, string[]> = {
  数字经济: ['数据科技', '信息技术', '网络科技'],
  人工智能: ['智能科技', '机器人技术', '视觉智能'],
  生命健康: ['生物医药', '医疗科技', '基因科技'],
  绿色低碳: ['新能源科技', '环境技术', '储能科技'],
  智能制造: ['精密制造', '工业软件', '智能装备'],
  其他: ['科技服务', '文化科技', '检测技术'],
};
const CERTS = ['高新技术企业', '科技型中小企业', '专精特新', '小巨人', '创新型中小企业'];

/** A small deterministic PRNG (mulberry32), so the demo is identical on every start. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoEnterprise {
  index: number;
  uscc: string;
  name: string;
  district: string;
  street: string;
  foundedOn: string;
  sector: Sector;
  listingStatus: string;
  username: string;
  certifications: { type: string; issuedOn: string; expiresOn: string | null; certificateNo: string }[];
  financials: { year: number; revenue: number; rdExpense: number; totalCost: number; netProfit: number; totalAssets: number; totalLiabilities: number; employees: number; rdStaff: number; highTechProductRevenue: number; mainBusinessRevenue: number }[];
  ipAssets: { kind: string; number: string; title: string; appliedOn: string; grantedOn: string | null; status: string; pledged: boolean }[];
  rounds: { round: string; date: string; amount: number; investors: string }[];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const fen = (yuan: number) => Math.round(yuan) * 100;

export function demoEnterprises(count = 50): DemoEnterprise[] {
  const rnd = prng(20250321);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: DemoEnterprise[] = [];
  for (let i = 1; i <= count; i++) {
    const sector = SECTORS[(i - 1) % 5]!; // the five focus sectors, evenly; 其他 via the last few
    const realSector: Sector = i > count - 3 ? '其他' : sector;
    const foundedYear = 2008 + Math.floor(rnd() * 16);
    const foundedOn = `${foundedYear}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`;
    const scale = 0.5 + rnd() * 20; // revenue in millions of yuan in the latest year
    const employees = 15 + Math.floor(rnd() * 280);
    const financials = [2022, 2023, 2024].map((year, k) => {
      const revenue = fen(scale * 1e6 * (0.7 + 0.15 * k) * (0.9 + rnd() * 0.2));
      const rdExpense = Math.round((revenue * (0.04 + rnd() * 0.12)) / 100) * 100;
      const totalCost = Math.round((revenue * (0.75 + rnd() * 0.3)) / 100) * 100;
      const totalAssets = Math.round((revenue * (1 + rnd())) / 100) * 100;
      const staff = Math.floor(employees * (0.85 + 0.075 * k));
      return {
        year, revenue, rdExpense, totalCost, netProfit: revenue - totalCost,
        totalAssets, totalLiabilities: Math.round((totalAssets * (0.2 + rnd() * 0.4)) / 100) * 100,
        employees: staff, rdStaff: Math.floor(staff * (0.1 + rnd() * 0.4)),
        highTechProductRevenue: Math.round((revenue * (0.5 + rnd() * 0.45)) / 100) * 100,
        mainBusinessRevenue: Math.round((revenue * 0.95) / 100) * 100,
      };
    });
    const certifications = CERTS.filter(() => rnd() < 0.35).map((type) => {
      const y = 2021 + Math.floor(rnd() * 4);
      return { type, issuedOn: `${y}-${pad(1 + Math.floor(rnd() * 12))}-15`, expiresOn: `${y + 3}-12-31`, certificateNo: `GR${y}31${pad(i, 6)}` };
    });
    const patents = Math.floor(rnd() * 6);
    const ipAssets = Array.from({ length: patents }, (_, k) => {
      const kind = pick(['invention_patent', 'utility_model', 'software_copyright', 'design'] as const);
      const y = 2016 + Math.floor(rnd() * 8);
      return {
        kind,
        number: kind === 'software_copyright' ? `${y}SR${pad(i * 10 + k, 7)}` : `ZL${y}1${pad(i * 100 + k, 7)}.${k}`,
        title: `${pick(PREFIXES)}${kind === 'software_copyright' ? '管理系统V1.0' : '装置及方法'}`,
        appliedOn: `${y}-03-0${1 + (k % 9)}`,
        grantedOn: rnd() < 0.8 ? `${y + 1}-09-1${k % 9}` : null,
        status: 'granted',
        pledged: rnd() < 0.1,
      };
    }).map((a) => ({ ...a, status: a.grantedOn ? 'granted' : 'pending' }));
    const roundNames = ['angel', 'pre_a', 'a', 'b'];
    const rounds = roundNames.slice(0, Math.floor(rnd() * 4)).map((round, k) => ({
      round,
      date: `${Math.min(2024, foundedYear + 1 + k * 2)}-${pad(1 + Math.floor(rnd() * 12))}-10`,
      amount: fen((k + 1) * (2e6 + rnd() * 8e6)),
      investors: `${pick(PREFIXES)}资本（演示）`,
    }));
    out.push({
      index: i,
      uscc: makeUscc(100000 + i * 7919),
      name: `上海${PREFIXES[(i * 7) % PREFIXES.length]}${pick(SUFFIX[realSector])}有限公司`,
      district: i % 10 === 0 ? pick(['徐汇区', '浦东新区', '闵行区']) : '杨浦区',
      street: pick(STREETS),
      foundedOn,
      sector: realSector,
      listingStatus: i % 17 === 0 ? 'neeq_base' : i % 23 === 0 ? 'star' : 'unlisted',
      username: `ent${pad(i, 3)}`,
      certifications,
      financials,
      ipAssets,
      rounds,
    });
  }
  return dedupeNames(out);
}

/** Two enterprises may draw the same invented name; add a distinguishing suffix to later ones. */
function dedupeNames(list: DemoEnterprise[]): DemoEnterprise[] {
  const seen = new Map<string, number>();
  return list.map((e) => {
    const n = seen.get(e.name) ?? 0;
    seen.set(e.name, n + 1);
    return n === 0 ? e : { ...e, name: e.name.replace('有限公司', `（${n + 1}）有限公司`) };
  });
}
