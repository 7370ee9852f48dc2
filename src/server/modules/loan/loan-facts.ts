// 免申即享 fact sources from the loan ledger (issue #5, "Rewards from ledger data"; policy-catalog.md):
//  - YP2025-8.2 (第8条 知识产权质押贷款贴息): interest paid in the year on IP-pledge loans, from repayments recorded
//    on the platform (one candidate per loan; the engine applies the per-enterprise yearly cap). Loans whose
//    repayments the platform does not record give no interest figure and no candidate.
//  - YP2025-9.1 (第9条 低费率担保奖励): guaranteed loans started in the year with the guarantor and its fee
//    rate; the engine checks fee rate < 1%. YP2025-9.2 (第9条 直接融资产品担保): the same for a guaranteed
//    direct-financing product (product type bond_underwriting: 科创债, 知识产权证券化).
//  - YP2025-11 (第11条 银行信贷奖励): per bank, the balance at year end (or today, within the year) of loans
//    started in the year to enterprises whose loans from that bank that year total ≤ 10,000,000 yuan
//    (新增单户授信总额1000万元及以下). The registry holds no enterprise size: every enterprise on the platform
//    is taken as small or micro, and the officer confirming checks it.
//  - YP2025-12 (第12条 保险增信贷款支持): loans started in the year with collateral mode performance_insurance.
// Institutions are beneficiaries by their USCC (organizations.uscc, migration 0010); one without it is skipped.
// Cooperating institutions are taken as registered in Yangpu; the note says the officer confirms it.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { todayInShanghai } from '../../platform/dates';
import { factSources, registerFactSource, type Candidate, type CandidateBeneficiary, type FactSource } from '../subsidy/fact-sources';
import { loanStandings } from './standing.repository';

type Handle = Kysely<DB> | Transaction<DB>;
const yuan = (fen: number) => fen / 100;
const SMALL_MICRO_CREDIT_LIMIT = 10_000_000_00; // 第11条 新增单户授信总额1000万元及以下, in fen

const enterprise = (r: { enterprise_id: string; uscc: string; enterprise_name: string; district: string }): CandidateBeneficiary =>
  ({ uscc: r.uscc, name: r.enterprise_name, kind: 'enterprise', registeredInYangpu: r.district === '杨浦区', registeredInShanghai: true, enterpriseId: r.enterprise_id, organizationId: null });
const institution = (r: { org_id: string; org_uscc: string; org_name: string }, kind: 'bank' | 'guarantor'): CandidateBeneficiary =>
  ({ uscc: r.org_uscc.trim(), name: r.org_name, kind, registeredInYangpu: true, registeredInShanghai: true, enterpriseId: null, organizationId: r.org_id });
const matterOf = (r: { bank_code: string; loan_no: string }) => `LOAN-${r.bank_code}-${r.loan_no}`;

export const loanIpInterestSource: FactSource = {
  id: 'loans.ip-pledge-interest',
  measures: ['YP2025-8.2'],
  description: '贷款台账：知识产权质押贷款当年已付利息 (interest repaid on IP-pledge loans, recorded on the platform)',
  async collect(db: Handle, period) {
    const rows = (await sql<{ loan_no: string; bank_code: string; enterprise_id: string; uscc: string; enterprise_name: string; district: string; interest: number; last_paid: string }>`
      select l.loan_no, b.code as bank_code, e.id as enterprise_id, e.uscc, e.name as enterprise_name, e.district,
        sum(r.interest)::bigint as interest, max(r.paid_on)::text as last_paid
      from loan_repayments r
      join loans l on l.id = r.loan_id
      join organizations b on b.id = l.bank_org_id
      join enterprises e on e.id = l.enterprise_id
      where l.collateral_mode = 'ip_pledge' and r.paid_on between ${period.from}::date and ${period.to}::date
      group by l.id, l.loan_no, b.code, e.id, e.uscc, e.name, e.district
      having sum(r.interest) > 0
      order by b.code, l.loan_no`.execute(db)).rows;
    return rows.map((r): Candidate => ({
      source: this.id, measure: 'YP2025-8.2', beneficiary: enterprise(r), facts: { interestPaid: yuan(r.interest) }, matter: matterOf(r), eventDate: r.last_paid,
      note: `贷款台账：${r.bank_code} 贷款 ${r.loan_no}（知识产权质押）${period.year} 年已还利息 ${yuan(r.interest)} 元，按平台记录的还款合计`,
    }));
  },
};

export const loanGuaranteeSource: FactSource = {
  id: 'loans.guarantee',
  measures: ['YP2025-9.1', 'YP2025-9.2'],
  description: '贷款台账：担保贷款的担保机构、担保金额与担保费率 (guaranteed loans: guarantor, amount, fee rate)',
  async collect(db: Handle, period) {
    const rows = (await sql<{ loan_no: string; bank_code: string; start_date: string; principal: number; fee_rate: string | null; product_type: string | null; org_id: string; org_uscc: string; org_name: string; enterprise_name: string }>`
      select l.loan_no, b.code as bank_code, l.start_date::text, l.principal, l.guarantee_fee_rate::text as fee_rate, p.type as product_type,
        g.id as org_id, g.uscc as org_uscc, g.name as org_name, e.name as enterprise_name
      from loans l
      join organizations b on b.id = l.bank_org_id
      join organizations g on g.id = l.guarantor_org_id
      join enterprises e on e.id = l.enterprise_id
      left join products p on p.id = l.product_id
      where l.collateral_mode = 'guarantee' and g.uscc is not null and l.start_date between ${period.from}::date and ${period.to}::date
      order by b.code, l.loan_no`.execute(db)).rows;
    const out: Candidate[] = [];
    for (const r of rows) {
      const base = { source: this.id, beneficiary: institution(r, 'guarantor'), matter: matterOf(r), eventDate: r.start_date };
      if (r.product_type === 'bond_underwriting') {
        out.push({ ...base, measure: 'YP2025-9.2', facts: { guaranteedAmount: yuan(r.principal) }, note: `贷款台账：为 ${r.enterprise_name} 的直接融资产品 ${r.loan_no} 提供担保 ${yuan(r.principal)} 元；区内注册以税务登记为准` });
      } else if (r.fee_rate !== null) {
        out.push({ ...base, measure: 'YP2025-9.1', facts: { guaranteedAmount: yuan(r.principal), feeRate: Number(r.fee_rate) }, note: `贷款台账：为 ${r.enterprise_name} 的贷款 ${r.bank_code}/${r.loan_no} 担保 ${yuan(r.principal)} 元，担保费率 ${Number(r.fee_rate)}；区内注册以税务登记为准` });
      }
    }
    return out;
  },
};

export const loanBankBalanceSource: FactSource = {
  id: 'loans.bank-small-micro-balance',
  measures: ['YP2025-11'],
  description: '贷款台账：银行当年新增单户授信1000万元及以下小微企业贷款余额 (a bank\'s small-micro loan balance)',
  async collect(db: Handle, period) {
    const today = todayInShanghai();
    if (today < period.from) return [];
    const asOf = today < period.to ? today : period.to;
    const loans = await sql<{ id: string; bank_org_id: string; enterprise_id: string; principal: number }>`
      select id, bank_org_id, enterprise_id, principal from loans where start_date between ${period.from}::date and ${asOf}::date`.execute(db);
    if (loans.rows.length === 0) return [];
    const perEnterprise = new Map<string, number>();
    for (const l of loans.rows) perEnterprise.set(`${l.bank_org_id}|${l.enterprise_id}`, (perEnterprise.get(`${l.bank_org_id}|${l.enterprise_id}`) ?? 0) + l.principal);
    const eligible = loans.rows.filter((l) => perEnterprise.get(`${l.bank_org_id}|${l.enterprise_id}`)! <= SMALL_MICRO_CREDIT_LIMIT);
    const standing = new Map((await loanStandings(db, asOf, { loanIds: eligible.map((l) => l.id) })).map((s) => [s.loan_id, s.outstanding]));
    const byBank = new Map<string, { balance: number; loans: number }>();
    for (const l of eligible) {
      const b = byBank.get(l.bank_org_id) ?? { balance: 0, loans: 0 };
      b.balance += standing.get(l.id) ?? 0;
      b.loans += 1;
      byBank.set(l.bank_org_id, b);
    }
    const banks = await db.selectFrom('organizations').select(['id as org_id', 'uscc as org_uscc', 'name as org_name', 'code']).where('id', 'in', [...byBank.keys()]).where('uscc', 'is not', null).orderBy('code').execute();
    return banks.filter((b) => byBank.get(b.org_id)!.balance > 0).map((b): Candidate => {
      const t = byBank.get(b.org_id)!;
      return {
        source: this.id, measure: 'YP2025-11', beneficiary: institution({ org_id: b.org_id, org_uscc: b.org_uscc!, org_name: b.org_name }, 'bank'),
        facts: { smallMicroLoanBalance: yuan(t.balance) }, matter: `BALANCE-${period.year}`, eventDate: asOf,
        note: `贷款台账：${b.code} ${period.year} 年新增、单户授信合计不超过1000万元的 ${t.loans} 笔贷款于 ${asOf} 余额 ${yuan(t.balance)} 元；企业规模（小微）与区内注册以认定为准`,
      };
    });
  },
};

export const loanInsuranceSource: FactSource = {
  id: 'loans.performance-insurance',
  measures: ['YP2025-12'],
  description: '贷款台账：履约保证保险贷款 (loans backed by performance insurance)',
  async collect(db: Handle, period) {
    const rows = (await sql<{ loan_no: string; bank_code: string; start_date: string; principal: number; enterprise_id: string; uscc: string; enterprise_name: string; district: string; insurer: string | null }>`
      select l.loan_no, b.code as bank_code, l.start_date::text, l.principal, e.id as enterprise_id, e.uscc, e.name as enterprise_name, e.district, i.name as insurer
      from loans l
      join organizations b on b.id = l.bank_org_id
      join enterprises e on e.id = l.enterprise_id
      left join organizations i on i.id = l.insurer_org_id
      where l.collateral_mode = 'performance_insurance' and l.start_date between ${period.from}::date and ${period.to}::date
      order by b.code, l.loan_no`.execute(db)).rows;
    return rows.map((r): Candidate => ({
      source: this.id, measure: 'YP2025-12', beneficiary: enterprise(r), facts: { loanAmount: yuan(r.principal) }, matter: matterOf(r), eventDate: r.start_date,
      note: `贷款台账：${r.bank_code} 贷款 ${r.loan_no}（履约保证保险${r.insurer ? `，${r.insurer}承保` : ''}）${r.start_date} 放款 ${yuan(r.principal)} 元`,
    }));
  },
};

export const LOAN_FACT_SOURCES = [loanIpInterestSource, loanGuaranteeSource, loanBankBalanceSource, loanInsuranceSource];

export function registerLoanFactSources(): void {
  const have = new Set(factSources().map((s) => s.id));
  for (const s of LOAN_FACT_SOURCES) if (!have.has(s.id)) registerFactSource(s);
}
