import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { LoanClass } from '../../db/schema-loan';
import { writeAudit } from '../../platform/audit';
import { addMonths } from '../../platform/dates';
import type { ActorContext } from '../../platform/principal';
import { appendLedger } from './pool-money';
import { payableFor, recoveryEffect } from './pool-rules';

// Demo data for the risk compensation pool (issue #5), seeded inside the demo seed's transaction after the demo
// organisations, users and enterprises. Two pools after the seeds: the district's 9:1 loss-sharing pool
// (杨府发〔2025〕2号 第10条; the 9:1 split of seed 003 第三章 四) and an IP-pledge 前补偿 pool at 55% (沪科提复〔2025〕42号).
// The loan ledger may not have demo loans yet, so the seed brings its own loans (RP-DEMO-*), each with a bank report
// and its current standing, and leaves any loan already under that number alone. Every name says 演示.

const W = 10_000_00; // 1万元 in fen
const SEED: ActorContext = { principal: null, requestId: null, systemActor: 'system:demo-seed' };

interface DemoLoan {
  no: string; bank: string; enterprise: number; collateral: 'credit' | 'ip_pledge' | 'guarantee' | 'performance_insurance'; principal: number; start: string;
  pool: 'YP-RCP-DEMO' | 'YP-IPQBC-DEMO'; standing: { asOf: string; dpd: number; outstanding: number; cls: LoanClass };
}

const LOANS: DemoLoan[] = [
  { no: 'RP-DEMO-001', bank: 'ICBC-YP', enterprise: 0, collateral: 'credit', principal: 300 * W, start: '2025-02-10', pool: 'YP-RCP-DEMO', standing: { asOf: '2025-10-31', dpd: 0, outstanding: 220 * W, cls: 'normal' } },
  { no: 'RP-DEMO-002', bank: 'SPDB-YP', enterprise: 1, collateral: 'credit', principal: 200 * W, start: '2025-01-20', pool: 'YP-RCP-DEMO', standing: { asOf: '2025-10-31', dpd: 150, outstanding: 160 * W, cls: 'substandard' } },
  { no: 'RP-DEMO-003', bank: 'BOC-YP', enterprise: 2, collateral: 'performance_insurance', principal: 500 * W, start: '2025-03-05', pool: 'YP-RCP-DEMO', standing: { asOf: '2025-10-31', dpd: 0, outstanding: 420 * W, cls: 'normal' } },
  { no: 'RP-DEMO-004', bank: 'ICBC-YP', enterprise: 3, collateral: 'guarantee', principal: 100 * W, start: '2025-02-25', pool: 'YP-RCP-DEMO', standing: { asOf: '2025-10-31', dpd: 100, outstanding: 80 * W, cls: 'substandard' } },
  { no: 'RP-DEMO-005', bank: 'ICBC-YP', enterprise: 4, collateral: 'ip_pledge', principal: 400 * W, start: '2025-04-01', pool: 'YP-IPQBC-DEMO', standing: { asOf: '2025-10-31', dpd: 0, outstanding: 400 * W, cls: 'normal' } },
  { no: 'RP-DEMO-006', bank: 'BOC-YP', enterprise: 5, collateral: 'ip_pledge', principal: 200 * W, start: '2024-12-15', pool: 'YP-IPQBC-DEMO', standing: { asOf: '2025-10-31', dpd: 280, outstanding: 180 * W, cls: 'doubtful' } },
  { no: 'RP-DEMO-007', bank: 'SPDB-YP', enterprise: 6, collateral: 'credit', principal: 150 * W, start: '2025-05-12', pool: 'YP-RCP-DEMO', standing: { asOf: '2025-10-31', dpd: 20, outstanding: 150 * W, cls: 'special_mention' } },
];

const POOLS = [
  {
    code: 'YP-RCP-DEMO', name: '杨浦区科技信贷风险补偿资金池（演示）', mode: 'loss_sharing' as const, share: '0.9000', collateral: ['credit', 'guarantee', 'performance_insurance'],
    perLoanCap: 500 * W, perBankYearCap: 2000 * W, tolerance: '0.0300',
    basis: '杨府发〔2025〕2号 第10条（设立风险代偿金，按实际担保额给予一定比例的信贷风险补偿）；资金池与合作银行按 9:1 分担损失（2017上海科技金融发展报告 第三章 四）；不良容忍度 3%（同报告 第一章）',
    contributions: [{ on: '2025-01-15', amount: 3000 * W, reference: '区财政拨款（演示）杨财预〔2025〕12号' }, { on: '2025-07-01', amount: 2000 * W, reference: '区财政追加拨款（演示）杨财预〔2025〕57号' }],
  },
  {
    code: 'YP-IPQBC-DEMO', name: '知识产权质押融资前补偿资金池（演示）', mode: 'upfront' as const, share: '0.5500', collateral: ['ip_pledge'],
    perLoanCap: 300 * W, perBankYearCap: null, tolerance: '0.0300',
    basis: '沪科提复〔2025〕42号：优化知识产权质押融资风险“前补偿”机制，取消不良贷款补偿门槛，提升补偿比例至 55%',
    contributions: [{ on: '2025-03-01', amount: 1000 * W, reference: '市区联动拨款（演示）' }],
  },
];

/** Seeds the demo pools, their capital, loans, enrolments and claims; a database that already has a demo pool is left alone. */
export async function seedDemoRiskPools(trx: Transaction<DB>) {
  if (await trx.selectFrom('risk_pools').select('id').where('code', 'in', POOLS.map((p) => p.code)).executeTakeFirst()) return { pools: 0, loans: 0, claims: 0 };
  const orgs = new Map((await trx.selectFrom('organizations').select(['id', 'code']).execute()).map((o) => [o.code, o.id]));
  const users = new Map((await trx.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
  const office = orgs.get('YP-STEC');
  const enterprises = await trx.selectFrom('enterprises').select('id').where('demo', '=', true).orderBy('uscc').limit(LOANS.length).execute();
  const floors = await trx.selectFrom('classification_floors').select('id').orderBy('effective_from', 'desc').executeTakeFirst();
  if (!office || enterprises.length < LOANS.length || !floors) return { pools: 0, loans: 0, claims: 0 };

  const poolIds = new Map<string, { id: string; balance: number }>();
  for (const p of POOLS) {
    const row = await trx
      .insertInto('risk_pools')
      .values({
        code: p.code, name: p.name, sponsor_org_id: office, mode: p.mode, share: p.share, collateral_modes: JSON.stringify(p.collateral) as never, per_loan_cap: p.perLoanCap,
        per_bank_year_cap: p.perBankYearCap, npl_tolerance: p.tolerance, basis: p.basis, demo: true, created_by: users.get('officer1') ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, SEED, { action: 'risk_pool.create', entityType: 'risk_pool', entityId: row.id, after: { code: p.code, mode: p.mode, share: p.share } });
    const money = { id: row.id, balance: 0 };
    for (const c of p.contributions) await appendLedger(trx, SEED, money, { kind: 'contribution', amount: c.amount, entryDate: c.on, claimId: null, reference: c.reference });
    poolIds.set(p.code, money);
  }

  const loanIds = new Map<string, string>();
  for (const l of LOANS) {
    const bank = orgs.get(l.bank);
    if (!bank) continue;
    const existing = await trx.selectFrom('loans').select('id').where('bank_org_id', '=', bank).where('loan_no', '=', l.no).executeTakeFirst();
    if (existing) continue;
    const loan = await trx
      .insertInto('loans')
      .values({
        loan_no: l.no, bank_org_id: bank, enterprise_id: enterprises[l.enterprise]!.id, product_id: null, collateral_mode: l.collateral, principal: l.principal, annual_rate: '0.0400',
        term_months: 24, start_date: l.start, maturity_date: addMonths(l.start, 24), repayment_method: 'interest_only', source: 'import',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const s = l.standing;
    await trx.insertInto('loan_reports').values({ loan_id: loan.id, as_of: s.asOf, outstanding: s.outstanding, dpd: s.dpd, reported_class: null, source: 'import' }).execute();
    await trx.insertInto('loan_status').values({ loan_id: loan.id, as_of: s.asOf, dpd: s.dpd, outstanding: s.outstanding, computed_class: s.cls, reported_class: null, final_class: s.cls, floors_id: floors.id, bank_org_id: bank }).execute();
    await trx.insertInto('loan_class_history').values({ loan_id: loan.id, effective_on: s.asOf, dpd: s.dpd, outstanding: s.outstanding, computed_class: s.cls, reported_class: null, final_class: s.cls }).execute();
    await trx.insertInto('risk_pool_enrolments').values({ pool_id: poolIds.get(l.pool)!.id, loan_id: loan.id, bank_org_id: bank, enrolled_on: l.start, principal: l.principal, enrolled_by: users.get('officer1') ?? null }).execute();
    loanIds.set(l.no, loan.id);
  }

  let claims = 0;
  const claim = async (loanNo: string, opts: { defaultedOn: string; principalAtDefault: number; recoveriesBefore: number; filedBy: string; approve?: { on: string; recovery?: { on: string; amount: number; reference: string } } }) => {
    const loanId = loanIds.get(loanNo);
    const l = LOANS.find((x) => x.no === loanNo)!;
    if (!loanId) return;
    const pool = POOLS.find((p) => p.code === l.pool)!;
    const money = poolIds.get(l.pool)!;
    const enrolment = await trx.selectFrom('risk_pool_enrolments').select(['id', 'bank_org_id']).where('loan_id', '=', loanId).executeTakeFirstOrThrow();
    const loss = opts.principalAtDefault - opts.recoveriesBefore;
    claims += 1;
    const approved = opts.approve ? payableFor({ assessedLoss: loss, share: pool.share, perLoanCap: pool.perLoanCap, perBankYearCap: pool.perBankYearCap, bankYearApproved: 0 }) : null;
    const row = await trx
      .insertInto('risk_pool_claims')
      .values({
        claim_no: `RPC-DEMO-${String(claims).padStart(3, '0')}`, pool_id: money.id, enrolment_id: enrolment.id, loan_id: loanId, bank_org_id: enrolment.bank_org_id,
        status: approved ? 'awaiting_funds' : 'filed', defaulted_on: opts.defaultedOn, principal_at_default: opts.principalAtDefault, recoveries_before: opts.recoveriesBefore, loss,
        filed_by: users.get(opts.filedBy) ?? null,
        ...(approved
          ? {
              assessed_loss: loss, reviewed_by: users.get('officer1') ?? null, reviewed_at: new Date(`${opts.approve!.on}T02:00:00Z`), share: pool.share, payable: approved.payable,
              approved_by: users.get('officer2') ?? null, approved_at: new Date(`${opts.approve!.on}T06:00:00Z`), approved_on: opts.approve!.on, queue_seq: Number((await sql<{ n: number }>`select nextval('risk_pool_claim_queue')::bigint as n`.execute(trx)).rows[0]!.n),
            }
          : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const event = (action: string, from: string | null, to: string, actor: string, note: string | null = null) =>
      trx.insertInto('risk_pool_claim_events').values({ claim_id: row.id, action, from_status: from, to_status: to, actor_user_id: users.get(actor) ?? null, actor_name: actor, note }).execute();
    await event('file', null, 'filed', opts.filedBy);
    await writeAudit(trx, SEED, { action: 'risk_pool.claim.file', entityType: 'risk_pool_claim', entityId: row.id, after: { loanNo, loss } });
    if (!approved) return;
    await event('review', 'filed', 'reviewed', 'officer1');
    await event('approve', 'reviewed', 'awaiting_funds', 'officer2');
    await appendLedger(trx, SEED, money, { kind: 'payout', amount: approved.payable, entryDate: opts.approve!.on, claimId: row.id, reference: null });
    await trx.updateTable('risk_pool_claims').set({ status: 'paid', paid_amount: approved.payable }).where('id', '=', row.id).execute();
    await event('settle', 'awaiting_funds', 'paid', 'system:risk-pool');
    const r = opts.approve!.recovery;
    if (r) {
      const eff = recoveryEffect({ amount: r.amount, payable: approved.payable, assessedLoss: loss, paid: approved.payable, recoveredShare: 0 });
      await trx.insertInto('risk_pool_recoveries').values({ claim_id: row.id, reference: r.reference, recovered_on: r.on, amount: r.amount, pool_part: eff.poolPart, recorded_by: users.get(opts.filedBy) ?? null }).execute();
      await trx.updateTable('risk_pool_claims').set({ recovered_share: eff.poolPart }).where('id', '=', row.id).execute();
      await event('record_recovery', 'paid', 'paid', opts.filedBy, `${r.reference}: ${r.amount / 100}`);
      await appendLedger(trx, SEED, money, { kind: 'recovery', amount: eff.refund, entryDate: r.on, claimId: row.id, reference: r.reference });
    }
  };
  // A paid 9:1 claim with a later recovery shared back; a 前补偿 claim waiting for review; RP-DEMO-004 is
  // non-performing with no claim yet, for the bank to file.
  await claim('RP-DEMO-002', { defaultedOn: '2025-06-01', principalAtDefault: 160 * W, recoveriesBefore: 10 * W, filedBy: 'bank-spdb', approve: { on: '2025-09-20', recovery: { on: '2025-10-15', amount: 20 * W, reference: '抵债资产处置（演示）' } } });
  await claim('RP-DEMO-006', { defaultedOn: '2025-02-01', principalAtDefault: 180 * W, recoveriesBefore: 0, filedBy: 'bank-boc' });
  return { pools: POOLS.length, loans: loanIds.size, claims };
}
