// The demo product catalog (issue #4). The seed (src/server/seed/demo.ts, owned by the lead) calls seedDemoProducts
// in its transaction after the demo organisations and users exist. Programmes after seed 003 (表4 “3+X”: 科技履约贷,
// 小巨人信用贷, 科技微贷通, 创投贷) through the three demo banks; terms and criteria are invented and marked demo.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { canonicalJson } from '../../platform/canonical-json';
import type { Criteria } from '../matching/match-rules';

interface DemoProduct {
  code: string; name: string; type: DB['products']['type']; owner: string; partners?: string[];
  amount: [number, number]; term: [number, number]; rate: [string, string]; collateral: NonNullable<DB['product_versions']['collateral_mode']>;
  description: string; criteria: Criteria;
  /** Filed by the owner, reviewed by officer1 with the proposal, approved by officer2: a 区政策性金融产品. */
  policy?: boolean;
}

const W = 10_000_00; // 1万元 in fen
const BANKS = ['ICBC-YP', 'SPDB-YP', 'BOC-YP'];
export const DEMO_PRODUCTS: DemoProduct[] = [
  { code: 'KJLYD', name: '科技履约贷', type: 'performance_insurance_loan', owner: 'YP-STEC', partners: BANKS, amount: [100 * W, 1000 * W], term: [6, 12], rate: ['0.035', '0.045'], collateral: 'performance_insurance',
    description: '政府、保险、银行风险共担的履约保证保险贷款', criteria: { yangpuRegistered: true, minYearsSinceFounding: 1, certifications: ['高新技术企业', '科技型中小企业'], certificationsMatch: 'any', maxNplCount: 0 }, policy: true },
  { code: 'KJWDT', name: '科技微贷通', type: 'micro_loan', owner: 'YP-STEC', partners: BANKS, amount: [10 * W, 200 * W], term: [6, 12], rate: ['0.035', '0.05'], collateral: 'guarantee',
    description: '面向初创期科技型小微企业的小额贷款', criteria: { yangpuRegistered: true, stages: ['startup', 'growth'], maxNplCount: 0 } },
  { code: 'XJRXYD', name: '小巨人信用贷', type: 'credit_loan', owner: 'YP-STEC', partners: BANKS, amount: [500 * W, 3000 * W], term: [12, 36], rate: ['0.033', '0.042'], collateral: 'credit',
    description: '面向小巨人及专精特新企业的纯信用贷款', criteria: { certifications: ['小巨人', '专精特新'], certificationsMatch: 'any', minRevenue: 3000 * W, maxNplCount: 0 } },
  { code: 'CTD', name: '创投贷', type: 'investment_linked_loan', owner: 'YP-STEC', partners: ['SPDB-YP', 'BOC-YP'], amount: [200 * W, 2000 * W], term: [12, 36], rate: ['0.038', '0.055'], collateral: 'other',
    description: '已获创投机构投资企业的投贷联动贷款（认股权）', criteria: { stages: ['startup', 'growth'], sectors: ['人工智能', '生命健康', '数字经济'] } },
  { code: 'ICBC-ZSCQ', name: '工行知识产权质押贷', type: 'ip_pledge_loan', owner: 'ICBC-YP', amount: [100 * W, 5000 * W], term: [12, 36], rate: ['0.032', '0.045'], collateral: 'ip_pledge',
    description: '以发明专利、软件著作权质押', criteria: { minYearsSinceFounding: 2, certifications: ['高新技术企业'], maxNplCount: 0 }, policy: true },
  { code: 'SPDB-KCD', name: '浦发科创快贷', type: 'credit_loan', owner: 'SPDB-YP', amount: [50 * W, 1000 * W], term: [6, 24], rate: ['0.036', '0.048'], collateral: 'credit',
    description: '依据纳税与研发数据的线上信用贷', criteria: { minRevenue: 500 * W, minYearsSinceFounding: 2, maxNplCount: 0 } },
  { code: 'BOC-ZJTX', name: '中行专精特新贷', type: 'credit_loan', owner: 'BOC-YP', amount: [300 * W, 5000 * W], term: [12, 36], rate: ['0.031', '0.04'], collateral: 'credit',
    description: '面向专精特新企业的中长期流动资金贷款', criteria: { certifications: ['专精特新'], stages: ['growth', 'mature'] } },
  { code: 'SHGUAR-KJDB', name: '科技担保', type: 'guarantee', owner: 'SHGUAR', amount: [100 * W, 2000 * W], term: [12, 36], rate: ['0.005', '0.01'], collateral: 'guarantee',
    description: '政策性融资担保，担保费率0.5%–1%', criteria: { yangpuRegistered: true } },
  { code: 'PICC-YFBX', name: '研发费用损失保险', type: 'insurance', owner: 'PICC-SH', amount: [10 * W, 500 * W], term: [12, 12], rate: ['0.01', '0.03'], collateral: 'other',
    description: '科技保险', criteria: { sectors: ['生命健康', '人工智能', '智能制造'] } },
  { code: 'YPFUND-ZT', name: '科创引导基金直投', type: 'equity_investment', owner: 'YPFUND', amount: [500 * W, 5000 * W], term: [36, 84], rate: ['0', '0'], collateral: 'other',
    description: '区引导基金对早中期科创企业的股权投资', criteria: { yangpuRegistered: true, stages: ['startup', 'growth'] } },
];

/**
 * Inserts the demo catalog in the caller's transaction; a catalog already present (any product code taken) is left
 * alone. Needs the demo organisations (YP-STEC, the banks, SHGUAR, PICC-SH, YPFUND) and users officer1/officer2.
 * Returns how many products it inserted.
 */
export async function seedDemoProducts(trx: Transaction<DB>): Promise<number> {
  const taken = await trx.selectFrom('products').select('id').where('code', 'in', DEMO_PRODUCTS.map((p) => p.code)).executeTakeFirst();
  if (taken) return 0;
  const orgs = new Map((await trx.selectFrom('organizations').select(['id', 'code']).execute()).map((o) => [o.code, o.id]));
  const users = new Map((await trx.selectFrom('users').select(['id', 'username', 'organization_id']).execute()).map((u) => [u.username, u]));
  const org = (code: string) => {
    const id = orgs.get(code);
    if (!id) throw new Error(`seedDemoProducts: organisation ${code} is missing; seed the demo organisations first`);
    return id;
  };
  const maker = users.get('officer1')?.id;
  const checker = users.get('officer2')?.id;
  for (const d of DEMO_PRODUCTS) {
    const ownerId = org(d.owner);
    const designated = Boolean(d.policy && maker && checker);
    const row = await trx.insertInto('products').values({
      code: d.code, name: `${d.name}（演示）`, type: d.type, owner_org_id: ownerId, is_programme: d.owner === 'YP-STEC', status: 'active', current_version: 1,
      filing_status: designated ? 'approved' : 'not_filed', policy_product: designated, demo: true,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('product_versions').values({
      product_id: row.id, version: 1, amount_min: d.amount[0], amount_max: d.amount[1], term_min_months: d.term[0], term_max_months: d.term[1],
      rate_min: d.rate[0], rate_max: d.rate[1], collateral_mode: d.collateral, description: d.description, criteria: canonicalJson(d.criteria), created_by: null,
    }).execute();
    if (d.partners) await trx.insertInto('product_partners').values(d.partners.map((c) => ({ product_id: row.id, org_id: org(c) }))).execute();
    if (designated) {
      const filer = [...users.values()].find((u) => u.organization_id === ownerId)?.id ?? maker!;
      await trx.insertInto('product_filings').values({
        product_id: row.id, product_version: 1, status: 'approved', submitted_by: filer, reviewed_by: maker!, reviewed_at: new Date(), review_note: '创新性突出，建议纳入区政策性金融产品',
        propose_policy_product: true, decided_by: checker!, decided_at: new Date(), decision_note: '同意备案并纳入区政策性金融产品',
      }).execute();
    }
  }
  await writeAudit(trx, { principal: null, requestId: null, systemActor: 'system:demo-seed' }, {
    action: 'demo.seed.products', entityType: 'platform', entityId: 'demo', after: { products: DEMO_PRODUCTS.length, policyProducts: DEMO_PRODUCTS.filter((p) => p.policy).map((p) => p.code) },
  });
  return DEMO_PRODUCTS.length;
}
