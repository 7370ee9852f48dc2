import type { Insertable, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { todayInShanghai } from '../../platform/dates';
import { addMonths, type ConsentCluster } from './consent-rules';

// Demo data for consents: the tax and social insurance feeds (银税互动, 沪科提复〔2025〕42号 §4) for the demo
// enterprises, and a few active consents from demo enterprises to demo banks so the bank view has something to
// read. Deterministic: the figures depend only on the enterprise's position and its seeded financials; the months
// are the 24 complete months before the day of seeding, so the lookback windows always have data to cut.

const MONTHS = 24;
const VAT_RATE = 0.06; // 增值税 for technology services (一般纳税人, 现代服务业 6%)
const HNTE_CIT_RATE = 0.15; // 高新技术企业 enterprise income tax rate

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

const DEMO_CONSENTS: { enterprise: number; bankCode: string; clusters: ConsentCluster[]; lookbackMonths: number; purpose: string }[] = [
  { enterprise: 0, bankCode: 'ICBC-YP', clusters: ['tax_filings', 'financial_statements', 'ip_assets', 'social_insurance', 'loan_history'], lookbackMonths: 24, purpose: '科技履约贷授信审查（演示）' },
  { enterprise: 1, bankCode: 'SPDB-YP', clusters: ['tax_filings', 'social_insurance'], lookbackMonths: 12, purpose: '银税互动信用贷预审（演示）' },
  { enterprise: 2, bankCode: 'BOC-YP', clusters: ['financial_statements', 'ip_assets', 'loan_history'], lookbackMonths: 36, purpose: '知识产权质押贷款评估（演示）' },
];

/**
 * Seeds the consent data clusters for the given demo enterprises inside the caller's transaction (the demo seed's),
 * and up to three active consents to the demo banks that exist. Returns what it wrote.
 */
export async function seedDemoConsentData(trx: Transaction<DB>, enterprises: ReadonlyArray<{ id: string }>) {
  const today = todayInShanghai();
  if (enterprises.length === 0) return { taxFilings: 0, socialInsurance: 0, consents: 0 };
  const ids = enterprises.map((e) => e.id);
  const fin = await trx.selectFrom('enterprise_financials').select(['enterprise_id', 'year', 'revenue', 'net_profit', 'employees']).where('enterprise_id', 'in', ids).execute();
  const taxRows: Insertable<DB['enterprise_tax_filings']>[] = [];
  const siRows: Insertable<DB['enterprise_social_insurance']>[] = [];
  enterprises.forEach((e, index) => {
    const random = prng(7919 * (index + 1));
    const own = fin.filter((f) => f.enterprise_id === e.id).sort((a, b) => b.year - a.year);
    const revenue = own.find((f) => f.revenue !== null)?.revenue ?? Math.round((2_000_000 + random() * 30_000_000) * 100);
    let headcount = own.find((f) => f.employees !== null)?.employees ?? 10 + Math.floor(random() * 120);
    for (let back = MONTHS; back >= 1; back -= 1) {
      const month = addMonths(today, -back).slice(0, 7);
      // Revenue varies ±15% month to month; VAT is filed by the 15th of the following month (征期).
      const monthly = Math.round((revenue / 12) * (0.85 + random() * 0.3));
      taxRows.push({ enterprise_id: e.id, period: month, tax_type: '增值税', taxable_revenue: monthly, tax_paid: Math.round(monthly * VAT_RATE), filed_on: `${addMonths(`${month}-01`, 1).slice(0, 7)}-15` });
      headcount = Math.max(1, headcount + Math.round((random() - 0.4) * Math.max(2, headcount * 0.04)));
      siRows.push({ enterprise_id: e.id, month, headcount });
    }
    // Enterprise income tax for the last two complete years, settled by 31 May (汇算清缴).
    const year = Number(today.slice(0, 4));
    for (const y of [year - 2, year - 1]) {
      const f = own.find((x) => x.year === y);
      const annual = f?.revenue ?? revenue;
      const profit = f?.net_profit ?? Math.round(annual * (random() * 0.2 - 0.05));
      taxRows.push({ enterprise_id: e.id, period: String(y), tax_type: '企业所得税', taxable_revenue: annual, tax_paid: Math.max(0, Math.round(profit * HNTE_CIT_RATE)), filed_on: `${y + 1}-05-31` });
    }
  });
  for (let i = 0; i < taxRows.length; i += 1000) await trx.insertInto('enterprise_tax_filings').values(taxRows.slice(i, i + 1000)).execute();
  for (let i = 0; i < siRows.length; i += 1000) await trx.insertInto('enterprise_social_insurance').values(siRows.slice(i, i + 1000)).execute();

  const banks = await trx.selectFrom('organizations').select(['id', 'code']).where('code', 'in', DEMO_CONSENTS.map((c) => c.bankCode)).execute();
  const grantors = await trx
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .select(['users.id', 'organizations.enterprise_id'])
    .where('organizations.enterprise_id', 'in', ids)
    .where('users.role', '=', 'enterprise_user')
    .execute();
  const consents = DEMO_CONSENTS.flatMap((c) => {
    const enterprise = enterprises[c.enterprise];
    const bank = banks.find((b) => b.code === c.bankCode);
    if (!enterprise || !bank) return [];
    return [{
      enterprise_id: enterprise.id, institution_org_id: bank.id, clusters: JSON.stringify(c.clusters), purpose: c.purpose, application_id: null,
      lookback_months: c.lookbackMonths, expires_on: addMonths(today, 6), granted_by: grantors.find((g) => g.enterprise_id === enterprise.id)?.id ?? null,
    }];
  });
  const inserted = consents.length ? await trx.insertInto('consents').values(consents).returning('id').execute() : [];
  await writeAudit(trx, { principal: null, requestId: null, systemActor: 'system:demo-seed' }, {
    action: 'demo.seed.consent_data', entityType: 'platform', entityId: 'demo',
    after: { taxFilings: taxRows.length, socialInsurance: siRows.length, consents: inserted.map((r) => r.id) },
  });
  return { taxFilings: taxRows.length, socialInsurance: siRows.length, consents: inserted.length };
}
