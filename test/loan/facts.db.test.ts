import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerLoanFactSources } from '../../src/server/modules/loan/loan-facts';
import { runScan } from '../../src/server/modules/subsidy/scan.service';
import { factSources } from '../../src/server/modules/subsidy/fact-sources';
import { makeUscc } from '../../src/shared/uscc';
import { createTestContext, type TestContext } from '../helpers/app';
import { expectStatus, loanApi, loanBody, seedInstitutions } from './helpers';

// Issue #5, "Rewards from ledger data": `kcjr policy scan --year 2025` finds YP2025-8.2, 9.1, 9.2, 11 and 12
// from the loan ledger.
let ctx: TestContext;
const officer = { principal: null, requestId: null, systemActor: 'test' };

beforeAll(async () => {
  ctx = await createTestContext();
  await seedInstitutions(ctx);
  await ctx.db.insertInto('products').values({ code: 'BOND', name: '科创债担保', type: 'bond_underwriting', owner_org_id: ctx.ids.bankOrg }).execute();
  const post = async (over: Record<string, unknown>) => expectStatus(await loanApi(ctx).post('bank', '/loans', loanBody(over)), 201).id as string;
  // IP-pledge loan of enterprise A: 12,000 yuan interest paid in 2025.
  const ip = await post({ loanNo: 'IP-1', collateralMode: 'ip_pledge', principal: 1_000_000, annualRate: '0.048', termMonths: 12, startDate: '2025-04-01', repaymentMethod: 'interest_only' });
  for (const [k, d] of [[1, '2025-05-01'], [2, '2025-06-01'], [3, '2025-07-01']] as const) {
    expectStatus(await loanApi(ctx).post('bank', `/loans/${ip}/repayments`, { repaymentId: `I${k}`, paidOn: d, principal: 0, interest: 4000 }), 201);
  }
  // Guaranteed at 0.8% (9.1) and a guaranteed direct-financing product (9.2).
  await post({ loanNo: 'GU-1', collateralMode: 'guarantee', guarantorCode: 'GUA1', guaranteeFeeRate: '0.008', principal: 5_000_000, startDate: '2025-05-10' });
  await post({ loanNo: 'GU-2', collateralMode: 'guarantee', guarantorCode: 'GUA1', productCode: 'BOND', principal: 20_000_000, startDate: '2025-06-10' });
  // Performance insurance (12) for enterprise B.
  await post({ loanNo: 'PI-1', enterpriseUscc: makeUscc(2), collateralMode: 'performance_insurance', insurerCode: 'INS1', principal: 2_000_000, startDate: '2025-08-01' });
  // A loan of 2024 counts for nothing in 2025's new lending.
  await post({ loanNo: 'OLD-1', principal: 500_000, startDate: '2024-03-01' });
});
afterAll(async () => ctx?.close());

describe('policy scan finds the ledger\'s entitlements', () => {
  it('registers four loan fact sources', () => {
    registerLoanFactSources();
    registerLoanFactSources();
    expect(factSources().map((s) => s.id)).toEqual(expect.arrayContaining(['loans.ip-pledge-interest', 'loans.guarantee', 'loans.bank-small-micro-balance', 'loans.performance-insurance']));
  });

  it('scan 2025 stores one entitlement per measure with the ledger\'s facts', async () => {
    const summary = await runScan(ctx.db, officer, 2025);
    expect(summary.byMeasure.map((m: { measure: string }) => m.measure)).toEqual(expect.arrayContaining(['YP2025-8.2', 'YP2025-9.1', 'YP2025-9.2', 'YP2025-11', 'YP2025-12']));
    const rows = await ctx.db.selectFrom('subsidy_entitlements as e')
      .innerJoin('subsidy_scan_beneficiaries as b', (j) => j.onRef('b.year', '=', 'e.year').onRef('b.uscc', '=', 'e.beneficiary_uscc'))
      .select(['e.measure', 'e.beneficiary_uscc', 'b.kind as beneficiary_kind', 'e.facts', 'e.status', 'e.amount', 'e.matter', 'e.event_date'])
      .where('e.year', '=', 2025).where('e.source', 'like', 'loans.%').orderBy('e.measure').execute();
    const by = Object.fromEntries(rows.map((r) => [r.measure, { ...r, facts: typeof r.facts === 'string' ? JSON.parse(r.facts) : r.facts }]));
    // 50% of 12,000 yuan interest.
    expect(by['YP2025-8.2']).toMatchObject({ beneficiary_uscc: makeUscc(1), facts: { interestPaid: 12000 }, status: 'granted', amount: 6000_00, matter: 'LOAN-BANK1-IP-1', event_date: '2025-07-01' });
    // 2% of 5,000,000 yuan guaranteed at a 0.8% fee.
    expect(by['YP2025-9.1']).toMatchObject({ beneficiary_uscc: makeUscc(800001), beneficiary_kind: 'guarantor', facts: { guaranteedAmount: 5_000_000, feeRate: 0.008 }, status: 'granted', amount: 100_000_00 });
    // 1% of 20,000,000 yuan (under the 1,000,000 per-item cap).
    expect(by['YP2025-9.2']).toMatchObject({ beneficiary_kind: 'guarantor', facts: { guaranteedAmount: 20_000_000 }, status: 'granted', amount: 200_000_00 });
    // Cap-only without 细则 (the cap is the estimate). The balance counts 2025's new loans of enterprises whose 2025
    // loans from the bank total ≤ 10,000,000 yuan: A borrowed 26,000,000 (IP-1, GU-1, GU-2) and is out; B's PI-1 is in.
    expect(by['YP2025-11']).toMatchObject({ beneficiary_uscc: makeUscc(800003), beneficiary_kind: 'bank', facts: { smallMicroLoanBalance: 2_000_000 }, status: 'granted', amount: 1_000_000_00, event_date: '2025-12-31' });
    expect(by['YP2025-12']).toMatchObject({ beneficiary_uscc: makeUscc(2), facts: { loanAmount: 2_000_000 }, status: 'granted', amount: 200_000_00, matter: 'LOAN-BANK1-PI-1' });
  });

  it('a guaranteed loan at a 1% fee is found and ineligible (fee not below 1%)', async () => {
    expectStatus(await loanApi(ctx).post('bank', '/loans', loanBody({ loanNo: 'GU-3', enterpriseUscc: makeUscc(2), collateralMode: 'guarantee', guarantorCode: 'GUA1', guaranteeFeeRate: '0.01', principal: 1_000_000, startDate: '2025-09-01' })), 201);
    await runScan(ctx.db, officer, 2025);
    const r = await ctx.db.selectFrom('subsidy_entitlements').select(['status', 'matter']).where('measure', '=', 'YP2025-9.1').where('matter', '=', 'LOAN-BANK1-GU-3').executeTakeFirstOrThrow();
    expect(r.status).toBe('ineligible');
  });
});
