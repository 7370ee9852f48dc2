import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../src/server/modules/consent/consent-rules';
import { addDays, todayInShanghai } from '../src/server/platform/dates';
import { makeUscc } from '../src/shared/uscc';
import type { LoanClass } from '../src/server/db/schema-loan';
import { insertLoans } from '../src/server/modules/loan/create-loan';
import { DEFAULT_INNOVATION_MODEL } from '../src/evaluation';
import { createTestContext, multipartFile, PASSWORD, type FixtureUser, type TestContext } from './helpers/app';
import { ASSESSMENT_ROWS } from './assessment/access-rows';
import { LISTING_ROWS } from './listing/access-rows';
import { loan as rpLoan, poolBody as rpPoolBody, setStanding as rpStanding } from './risk-pool/helpers';
import { MONITORING_ROWS } from './monitoring/access-rows';

// Who may call what: every /api/v1 route × every kind of caller, with the exact status expected.
// 401 = no valid session; 403 = the role may not call the route; 404 = the record is outside the caller's scope.
type Caller = 'anon' | 'admin' | 'officer' | 'reviewer' | 'auditor' | 'bank' | 'entA' | 'entB';
const CALLERS: Caller[] = ['anon', 'admin', 'officer', 'reviewer', 'auditor', 'bank', 'entA', 'entB'];

interface Prepared {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}
interface Row {
  method: string;
  route: string;
  prepare: (ctx: TestContext, caller: Caller) => Promise<Prepared> | Prepared;
  expect: Record<Caller, number>;
  /** Needs its own session (sign-out ends the session it is called with). */
  freshSession?: boolean;
}

const all = (status: number, anon = 401): Record<Caller, number> => ({ anon, admin: status, officer: status, reviewer: status, auditor: status, bank: status, entA: status, entB: status });
const only = (allowed: Partial<Record<Caller, number>>): Record<Caller, number> => ({ ...all(403), ...allowed });
const editA = (ok: number) => only({ admin: ok, officer: ok, entA: ok, entB: 404 });

let seq = 0;
const next = () => ++seq;
const csv = (n: number) => `uscc,name,district,sector\n${makeUscc(900000 + n)},导入企业${n},杨浦区,人工智能\n`;

const childOfA = async (ctx: TestContext, table: 'enterprise_certifications' | 'enterprise_ip_assets' | 'enterprise_rounds') => {
  const values = {
    enterprise_certifications: { type: '高新技术企业', issued_on: '2024-01-01' },
    enterprise_ip_assets: { kind: 'invention_patent', number: `ZL-${next()}`, status: 'granted', pledged: false },
    enterprise_rounds: { round: 'a', date: '2024-01-01', amount: 100_000_00 },
  }[table];
  const row = await ctx.db.insertInto(table).values({ ...values, enterprise_id: ctx.ids.enterpriseA } as never).returning('id').executeTakeFirstOrThrow();
  return row.id;
};


// Issue #3: a claim of enterprise A in a given state, inserted directly so each caller gets its own.
const claimOfA = async (ctx: TestContext, status: string, extra: Record<string, unknown> = {}) => {
  const uscc = makeUscc(1);
  await ctx.db.insertInto('subsidy_beneficiaries').values({ uscc }).onConflict((oc) => oc.column('uscc').doNothing()).execute();
  await ctx.db.insertInto('subsidy_budgets').values({ measure: 'YP2025-8.2', year: 2025, allocated: 1_000_000_000_00 }).onConflict((oc) => oc.columns(['measure', 'year']).doNothing()).execute();
  const row = await ctx.db.insertInto('subsidy_claims').values({
    number: `ACC-${next()}`, measure: 'YP2025-8.2', origin: 'application', status: status as never, beneficiary_uscc: uscc, beneficiary_name: '甲科技有限公司',
    beneficiary_kind: 'enterprise', registered_in_yangpu: true, registered_in_shanghai: true, enterprise_id: ctx.ids.enterpriseA, organization_id: ctx.ids.orgA,
    event_date: '2025-06-30', matter: `LOAN-${next()}`, facts: JSON.stringify({ interestPaid: 1000 }), created_by: ctx.ids.users.entA, ...extra,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
};
const determinedOfA = (ctx: TestContext, extra: Record<string, unknown> = {}) =>
  claimOfA(ctx, 'determined', { engine_status: 'granted', engine_amount: 500_00, amount: 500_00, determined_by: ctx.ids.users.officer2, ...extra });
const fileOfA = async (ctx: TestContext) => {
  const claim = await claimOfA(ctx, 'draft');
  const f = await ctx.db.insertInto('subsidy_claim_files').values({ claim_id: claim, filename: 'a.pdf', content_type: 'application/pdf', size: 1, sha256: '0'.repeat(64), content: Buffer.from('a'), uploaded_by: null }).returning('id').executeTakeFirstOrThrow();
  return `/api/v1/subsidy/claims/${claim}/files/${f.id}`;
};
const proposal = async (ctx: TestContext) => {
  const r = await ctx.db.insertInto('policy_parameter_changes').values({ key: 'YP2025-12.rate', value: '0.01', effective_from: '2025-07-01', reference: '细则', reason: 'r', proposed_by: ctx.ids.users.officer2 }).returning('id').executeTakeFirstOrThrow();
  return r.id;
};
const entitlement = async (ctx: TestContext) => {
  const n = next();
  await ctx.db.insertInto('subsidy_scan_beneficiaries').values({
    year: 2025, uscc: makeUscc(2), name: '乙', kind: 'enterprise', registered_in_yangpu: true, registered_in_shanghai: true, enterprise_id: ctx.ids.enterpriseB, organization_id: null,
  }).onConflict((oc) => oc.doNothing()).execute();
  const r = await ctx.db.insertInto('subsidy_entitlements').values({
    id: randomUUID(), year: 2025, source: 'acc', measure: 'YP2025-15.1', beneficiary_uscc: makeUscc(2), event_date: '2025-06-01', matter: `L-${n}`,
    facts: '{}', basis_note: null, status: 'granted', amount: 500000_00, basis: 'cap', ruleset_version: 'x', scanned_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
};
// Issue #4: a consent of enterprise A to BANK1 (tax filings, social insurance), inserted directly so each caller gets its own.
const consentOfA = async (ctx: TestContext) => {
  const r = await ctx.db.insertInto('consents').values({
    enterprise_id: ctx.ids.enterpriseA, institution_org_id: ctx.ids.bankOrg, clusters: JSON.stringify(['tax_filings', 'social_insurance']),
    purpose: '授信审查', application_id: null, lookback_months: 12, expires_on: '2999-12-31', granted_by: ctx.ids.users.entA,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
};
const consentGrant = () => ({ institutionCode: 'BANK1', clusters: ['tax_filings'], purpose: '授信审查', lookbackMonths: 12, expiresOn: addMonths(todayInShanghai(), 6) });
const staffOnly = (ok: number) => only({ admin: ok, officer: ok });
const claimRead = (ok: number) => only({ admin: ok, officer: ok, auditor: ok, entA: ok, entB: 404, bank: 404 });
const claimWrite = (ok: number) => only({ admin: ok, officer: ok, entA: ok, entB: 404, bank: 404 });
const staffRead = only({ admin: 200, officer: 200, auditor: 200 });
const evaluateBody = { beneficiary: { uscc: makeUscc(1), kind: 'enterprise', registeredInYangpu: true, registeredInShanghai: true }, claims: [{ id: 'c1', measure: 'YP2025-7.2', eventDate: '2025-06-30', facts: { intermediaryFees: 100 } }] };

// Issue #4: an application of enterprise A in a given state, inserted directly so each caller gets its own;
// from `recommended` on it is addressed to BANK1.
const applicationOfA = async (ctx: TestContext, status: string) => {
  const atBank = ['recommended', 'accepted', 'approved', 'declined'].includes(status);
  const row = await ctx.db.insertInto('applications').values({
    application_no: `ACC-APP-${next()}`, enterprise_id: ctx.ids.enterpriseA, status: status as never, requested_amount: 100_000_00, submitted_on: '2025-03-01',
    ...(atBank ? { bank_org_id: ctx.ids.bankOrg, recommended_amount: 100_000_00, recommended_on: '2025-03-05' } : {}),
    ...(status === 'approved' ? { approved_amount: 100_000_00, approved_rate: '0.04', approved_term_months: 12, decided_on: '2025-03-20' } : {}),
  }).returning('id').executeTakeFirstOrThrow();
  if (atBank) await ctx.db.insertInto('application_assignments').values({ application_id: row.id, seq: 1, bank_org_id: ctx.ids.bankOrg, amount: 100_000_00, recommended_on: '2025-03-05' }).execute();
  return row.id;
};
const applicationUrl = async (ctx: TestContext, status: string, action = '') => `/api/v1/applications/${await applicationOfA(ctx, status)}${action ? `/${action}` : ''}`;
const meeting = async (ctx: TestContext) => (await ctx.db.insertInto('review_meetings').values({ held_on: '2025-03-10', title: '评审会' }).returning('id').executeTakeFirstOrThrow()).id;
const appRead = (ok: number) => ({ ...all(ok), reviewer: 404, entB: 404 });
const appEnterprise = (ok: number) => only({ entA: ok, entB: 404 });
const appBank = (ok: number) => only({ bank: ok });
const importCsv = (n: number) =>
  `application_no,uscc,enterprise_name,district,product_code,submitted_on,screening_result,recommended_on,recommended_amount,bank_code,bank_decision,decided_on,approved_amount\nHIST-${n},${makeUscc(700000 + n)},历史企业${n},杨浦区,HIST,2017-03-01,deferred,,,,,,\n`;

// Issue #4: a product of BANK1 (active, version 1) and its filings, inserted directly so each caller gets its own.
const productOfBank1 = async (ctx: TestContext) => {
  const n = next();
  const p = await ctx.db.insertInto('products').values({ code: `ACC-P${n}`, name: `产品${n}`, type: 'credit_loan', owner_org_id: ctx.ids.bankOrg }).returning('id').executeTakeFirstOrThrow();
  await ctx.db.insertInto('product_versions').values({ product_id: p.id, version: 1, criteria: '{}' }).execute();
  return p.id;
};
const filingOfBank1 = async (ctx: TestContext, status: 'submitted' | 'reviewed') => {
  const product = await productOfBank1(ctx);
  const reviewed = status === 'reviewed' ? { reviewed_by: ctx.ids.users.officer2, reviewed_at: new Date() } : {};
  const f = await ctx.db.insertInto('product_filings').values({ product_id: product, product_version: 1, status, submitted_by: ctx.ids.users.bank, ...reviewed }).returning('id').executeTakeFirstOrThrow();
  return `/api/v1/products/${product}/filings/${f.id}`;
};
const productCsv = (n: number) => `code,name,type,owner_code,partner_codes\nACC-IMP${n},导入产品${n},micro_loan,OFFICE,BANK1;BANK2\n`;

const staffProducts = only({ admin: 200, officer: 200, reviewer: 200, auditor: 200, bank: 200 });


// Issue #5: the risk compensation pool. One pool per test context, and for each caller a fresh loan, enrolment or
// claim of BANK1, inserted directly.
const riskPools = new WeakMap<TestContext, string>();
const riskPool = async (ctx: TestContext) => {
  const known = riskPools.get(ctx);
  if (known) return known;
  const r = await ctx.db.insertInto('risk_pools').values({
    code: 'ACC-POOL', name: '风险补偿资金池', sponsor_org_id: ctx.ids.office, mode: 'loss_sharing', share: '0.9000', collateral_modes: '[]' as never,
    per_loan_cap: null, per_bank_year_cap: null, npl_tolerance: '0.0300', basis: '杨府发〔2025〕2号 第10条',
  }).returning('id').executeTakeFirstOrThrow();
  riskPools.set(ctx, r.id);
  return r.id;
};
const riskLoan = async (ctx: TestContext, finalClass: LoanClass = 'normal', enrol = false) => {
  const id = await rpLoan(ctx, {});
  if (finalClass !== 'normal') await rpStanding(ctx, id, finalClass, 1_000_000_00);
  if (enrol) await ctx.db.insertInto('risk_pool_enrolments').values({ pool_id: await riskPool(ctx), loan_id: id, bank_org_id: ctx.ids.bankOrg, enrolled_on: '2025-02-01', principal: 1_000_000_00, enrolled_by: null }).execute();
  return id;
};
const riskClaim = async (ctx: TestContext, status: string, extra: Record<string, unknown> = {}) => {
  const loanId = await riskLoan(ctx, 'substandard', true);
  const e = await ctx.db.selectFrom('risk_pool_enrolments').select('id').where('loan_id', '=', loanId).executeTakeFirstOrThrow();
  const r = await ctx.db.insertInto('risk_pool_claims').values({
    claim_no: `ACC-RPC-${next()}`, pool_id: await riskPool(ctx), enrolment_id: e.id, loan_id: loanId, bank_org_id: ctx.ids.bankOrg, status: status as never,
    defaulted_on: '2025-10-01', principal_at_default: 1_000_000_00, loss: 1_000_000_00, filed_by: ctx.ids.users.bank, ...extra,
  }).returning('id').executeTakeFirstOrThrow();
  return `/api/v1/risk-pool-claims/${r.id}`;
};
const reviewedRiskClaim = (ctx: TestContext) => riskClaim(ctx, 'reviewed', { assessed_loss: 1_000_000_00, reviewed_by: ctx.ids.users.officer2, reviewed_at: new Date() });
const paidRiskClaim = (ctx: TestContext) =>
  riskClaim(ctx, 'paid', { assessed_loss: 1_000_000_00, reviewed_by: ctx.ids.users.officer2, approved_by: ctx.ids.users.officer, approved_on: '2025-10-20', share: '0.9000', payable: 900_000_00, paid_amount: 900_000_00 });
const poolRead = only({ admin: 200, officer: 200, auditor: 200, bank: 200 });
// Issue #5: a loan of enterprise A with BANK1, inserted with its schedule so each caller gets its own.
const loanOfA = async (ctx: TestContext) => {
  const n = next();
  const [id] = await ctx.db.transaction().execute((trx) => insertLoans(trx, [{
    loan: {
      loanNo: `ACC-LOAN-${n}`, bankOrgId: ctx.ids.bankOrg, enterpriseId: ctx.ids.enterpriseA, applicationId: null, productId: null, collateralMode: 'credit', guarantorOrgId: null,
      insurerOrgId: null, guaranteeFeeRate: null, principal: 300_00, annualRate: '0.12', termMonths: 3, startDate: '2025-01-15', maturityDate: '2025-04-15',
      repaymentMethod: 'equal_principal', firstTimeBorrower: false, linkageMode: null, source: 'api',
    },
    report: { asOf: '2025-01-15', outstanding: 300_00, dpd: 0, reportedClass: null, source: 'api' },
  }]));
  return `/api/v1/loans/${id}`;
};
const LOAN_IMPORT_HEADER = 'loan_no,uscc,enterprise_name,district,bank_code,product_code,collateral_mode,disbursed_on,principal,annual_rate,term_months,repayment_method,outstanding,dpd,first_loan';
const loanCsv = () => `${LOAN_IMPORT_HEADER}\nACC-IMP-${next()},${makeUscc(1)},甲科技有限公司,杨浦区,BANK1,,credit,2025-01-15,1000,0.04,12,equal_instalment,900,0,false\n`;
const loanReaders = only({ admin: 200, officer: 200, auditor: 200, bank: 200, entA: 200, entB: 200 });
const loanWriters = (ok: number) => only({ admin: ok, officer: ok, bank: ok });
// Issue #6: a proposed evaluation model by officer2, inserted directly so each caller gets its own.
const modelProposal = async (ctx: TestContext) => {
  const version = `acc-${next()}`;
  const r = await ctx.db.insertInto('evaluation_models').values({ kind: 'innovation_points', version, definition: JSON.stringify({ ...DEFAULT_INNOVATION_MODEL, version }), reason: 'r', proposed_by: ctx.ids.users.officer2 }).returning('id').executeTakeFirstOrThrow();
  return r.id;
};
const evalRead = only({ admin: 200, officer: 200, reviewer: 200, auditor: 200, entA: 200, entB: 404 });
const staffReaders = only({ admin: 200, officer: 200, reviewer: 200, auditor: 200 });
const techSmeInput = { employees: 10, techStaff: 3, salesRevenue: 1000, totalAssets: 1000, rdExpense: 60, totalCost: 800, ip: { classI: 0, classII: 1 }, residentEnterprise: true, prohibitedIndustry: false, seriousViolation: false, direct: { hnteValid: false, nationalAwardTop3: false, provincialRdInstitution: false, ledStandard: false } };

const ROWS: Row[] = [
  { method: 'GET', route: '/api/v1/meta', prepare: () => ({ url: '/api/v1/meta' }), expect: all(200, 200) },
  { method: 'GET', route: '/api/v1/health', prepare: () => ({ url: '/api/v1/health' }), expect: all(200, 200) },
  { method: 'POST', route: '/api/v1/auth/login', prepare: () => ({ url: '/api/v1/auth/login', payload: { username: 'reviewer', password: PASSWORD } }), expect: all(200, 200) },
  { method: 'POST', route: '/api/v1/auth/logout', prepare: () => ({ url: '/api/v1/auth/logout' }), expect: all(204), freshSession: true },
  { method: 'GET', route: '/api/v1/auth/me', prepare: () => ({ url: '/api/v1/auth/me' }), expect: all(200) },
  { method: 'GET', route: '/api/v1/users', prepare: () => ({ url: '/api/v1/users' }), expect: only({ admin: 200 }) },
  {
    method: 'POST', route: '/api/v1/users',
    prepare: (ctx) => ({ url: '/api/v1/users', payload: { username: `u${next()}`, displayName: 'N', password: 'long-enough-1', role: 'officer', organizationId: ctx.ids.office } }),
    expect: only({ admin: 201 }),
  },
  { method: 'GET', route: '/api/v1/organizations', prepare: () => ({ url: '/api/v1/organizations' }), expect: only({ admin: 200, officer: 200, auditor: 200 }) },
  { method: 'POST', route: '/api/v1/organizations', prepare: () => ({ url: '/api/v1/organizations', payload: { code: `B${next()}`, name: '新银行', kind: 'bank' } }), expect: only({ admin: 201 }) },
  { method: 'GET', route: '/api/v1/tokens/scopes', prepare: () => ({ url: '/api/v1/tokens/scopes' }), expect: all(200) },
  { method: 'GET', route: '/api/v1/tokens', prepare: () => ({ url: '/api/v1/tokens' }), expect: all(200) },
  { method: 'POST', route: '/api/v1/tokens', prepare: () => ({ url: '/api/v1/tokens', payload: { name: 't', scopes: ['enterprises:read'] } }), expect: all(201) },
  {
    method: 'DELETE', route: '/api/v1/tokens/:id',
    prepare: async (ctx) => {
      const s = await ctx.session('bank2');
      const r = await ctx.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { name: 'x', scopes: ['enterprises:read'] } });
      return { url: `/api/v1/tokens/${r.json().token.id}` };
    },
    // Tokens belong to an organisation: only its own users revoke them (bank2 is not a caller here).
    expect: { ...all(404), anon: 401 },
  },
  { method: 'GET', route: '/api/v1/audit', prepare: () => ({ url: '/api/v1/audit' }), expect: only({ admin: 200, auditor: 200 }) },
  { method: 'GET', route: '/api/v1/audit/verify', prepare: () => ({ url: '/api/v1/audit/verify' }), expect: only({ admin: 200, auditor: 200 }) },
  { method: 'GET', route: '/api/v1/enterprises', prepare: () => ({ url: '/api/v1/enterprises' }), expect: all(200) },
  { method: 'GET', route: '/api/v1/enterprises/export', prepare: () => ({ url: '/api/v1/enterprises/export?format=csv' }), expect: only({ admin: 200, officer: 200, auditor: 200 }) },
  {
    method: 'POST', route: '/api/v1/enterprises/import',
    prepare: () => {
      const m = multipartFile('e.csv', csv(next()));
      return { url: '/api/v1/enterprises/import', payload: m.payload, headers: m.headers };
    },
    expect: only({ admin: 200, officer: 200 }),
  },
  {
    method: 'POST', route: '/api/v1/enterprises',
    prepare: () => ({ url: '/api/v1/enterprises', payload: { uscc: makeUscc(500000 + next()), name: '新企业', district: '杨浦区', sector: '数字经济' } }),
    expect: only({ admin: 201, officer: 201 }),
  },
  { method: 'GET', route: '/api/v1/enterprises/:id', prepare: (ctx) => ({ url: `/api/v1/enterprises/${ctx.ids.enterpriseA}` }), expect: { ...all(200), entB: 404 } },
  { method: 'PATCH', route: '/api/v1/enterprises/:id', prepare: (ctx) => ({ url: `/api/v1/enterprises/${ctx.ids.enterpriseA}`, payload: { street: `街道${next()}` } }), expect: editA(200) },
  {
    method: 'PUT', route: '/api/v1/enterprises/:id/financials/:year',
    prepare: (ctx) => ({ url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/financials/2024`, payload: { revenue: 1000 + next(), employees: 10 } }),
    expect: editA(200),
  },
  {
    method: 'POST', route: '/api/v1/enterprises/:id/certifications',
    prepare: (ctx) => ({ url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/certifications`, payload: { type: '专精特新', issuedOn: '2024-03-01', expiresOn: '2027-03-01' } }),
    expect: editA(201),
  },
  {
    method: 'DELETE', route: '/api/v1/enterprises/:id/certifications/:certId',
    prepare: async (ctx) => ({ url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/certifications/${await childOfA(ctx, 'enterprise_certifications')}` }),
    expect: editA(204),
  },
  {
    method: 'POST', route: '/api/v1/enterprises/:id/ip-assets',
    prepare: (ctx) => ({ url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/ip-assets`, payload: { kind: 'invention_patent', number: `ZL2024${next()}`, status: 'granted', pledged: false } }),
    expect: editA(201),
  },
  {
    method: 'DELETE', route: '/api/v1/enterprises/:id/ip-assets/:ipId',
    prepare: async (ctx) => ({ url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/ip-assets/${await childOfA(ctx, 'enterprise_ip_assets')}` }),
    expect: editA(204),
  },
  {
    method: 'POST', route: '/api/v1/enterprises/:id/rounds',
    prepare: (ctx) => ({ url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/rounds`, payload: { round: 'a', date: '2024-05-01', amount: 5_000_000 } }),
    expect: editA(201),
  },
  {
    method: 'DELETE', route: '/api/v1/enterprises/:id/rounds/:roundId',
    prepare: async (ctx) => ({ url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/rounds/${await childOfA(ctx, 'enterprise_rounds')}` }),
    expect: editA(204),
  },
  // Issue #3: policy engine and subsidy fulfilment.
  { method: 'POST', route: '/api/v1/policy/evaluate', prepare: () => ({ url: '/api/v1/policy/evaluate', payload: evaluateBody }), expect: all(200) },
  { method: 'GET', route: '/api/v1/policy/measures', prepare: () => ({ url: '/api/v1/policy/measures' }), expect: all(200) },
  { method: 'GET', route: '/api/v1/policy/parameter-changes', prepare: () => ({ url: '/api/v1/policy/parameter-changes' }), expect: staffRead },
  {
    method: 'POST', route: '/api/v1/policy/parameter-changes',
    prepare: () => ({ url: '/api/v1/policy/parameter-changes', payload: { key: 'YP2025-12.rate', value: 0.01, effectiveFrom: '2025-07-01', reference: '细则第3条', reason: '细则已印发' } }),
    expect: staffOnly(201),
  },
  { method: 'POST', route: '/api/v1/policy/parameter-changes/:id/approve', prepare: async (ctx) => ({ url: `/api/v1/policy/parameter-changes/${await proposal(ctx)}/approve` }), expect: staffOnly(200) },
  { method: 'POST', route: '/api/v1/policy/parameter-changes/:id/reject', prepare: async (ctx) => ({ url: `/api/v1/policy/parameter-changes/${await proposal(ctx)}/reject`, payload: { reason: 'no' } }), expect: staffOnly(200) },
  { method: 'GET', route: '/api/v1/subsidy/claims', prepare: () => ({ url: '/api/v1/subsidy/claims' }), expect: { ...all(200), reviewer: 403 } },
  {
    method: 'POST', route: '/api/v1/subsidy/claims',
    prepare: (_ctx, caller) => ({
      url: '/api/v1/subsidy/claims',
      payload: { measure: 'YP2025-11', eventDate: '2025-06-30', facts: {}, ...(caller === 'bank' ? { beneficiary: { uscc: makeUscc(88), registeredInYangpu: true, registeredInShanghai: true } } : { measure: 'YP2025-7.2', facts: { intermediaryFees: 10 } }) },
    }),
    expect: only({ bank: 201, entA: 201, entB: 201 }),
  },
  { method: 'GET', route: '/api/v1/subsidy/claims/:id', prepare: async (ctx) => ({ url: `/api/v1/subsidy/claims/${await claimOfA(ctx, 'submitted')}` }), expect: claimRead(200) },
  {
    method: 'PATCH', route: '/api/v1/subsidy/claims/:id',
    prepare: async (ctx) => ({ url: `/api/v1/subsidy/claims/${await claimOfA(ctx, 'draft')}`, payload: { facts: { interestPaid: 2000 } } }),
    expect: only({ entA: 200, entB: 404, bank: 404 }),
  },
  {
    method: 'POST', route: '/api/v1/subsidy/claims/:id/files',
    prepare: async (ctx) => {
      const m = multipartFile('evidence.pdf', '%PDF');
      return { url: `/api/v1/subsidy/claims/${await claimOfA(ctx, 'draft')}/files`, payload: m.payload, headers: m.headers };
    },
    expect: claimWrite(201),
  },
  { method: 'GET', route: '/api/v1/subsidy/claims/:id/files/:fileId', prepare: async (ctx) => ({ url: await fileOfA(ctx) }), expect: claimRead(200) },
  { method: 'POST', route: '/api/v1/subsidy/claims/:id/submit', prepare: async (ctx) => ({ url: `/api/v1/subsidy/claims/${await claimOfA(ctx, 'draft')}/submit` }), expect: claimWrite(200) },
  { method: 'POST', route: '/api/v1/subsidy/claims/:id/withdraw', prepare: async (ctx) => ({ url: `/api/v1/subsidy/claims/${await claimOfA(ctx, 'submitted')}/withdraw`, payload: { reason: 'x' } }), expect: claimWrite(200) },
  { method: 'POST', route: '/api/v1/subsidy/claims/:id/review', prepare: async (ctx) => ({ url: `/api/v1/subsidy/claims/${await claimOfA(ctx, 'submitted')}/review` }), expect: staffOnly(200) },
  { method: 'POST', route: '/api/v1/subsidy/claims/:id/determine', prepare: async (ctx) => ({ url: `/api/v1/subsidy/claims/${await claimOfA(ctx, 'under_review')}/determine` }), expect: staffOnly(200) },
  { method: 'POST', route: '/api/v1/subsidy/claims/:id/reject', prepare: async (ctx) => ({ url: `/api/v1/subsidy/claims/${await claimOfA(ctx, 'under_review')}/reject`, payload: { reason: 'x' } }), expect: staffOnly(200) },
  { method: 'POST', route: '/api/v1/subsidy/claims/:id/adjust', prepare: async (ctx) => ({ url: `/api/v1/subsidy/claims/${await determinedOfA(ctx)}/adjust`, payload: { amount: 1, reason: 'x' } }), expect: staffOnly(200) },
  {
    method: 'POST', route: '/api/v1/subsidy/claims/:id/approve-determination',
    prepare: async (ctx) => ({ url: `/api/v1/subsidy/claims/${await determinedOfA(ctx, { needs_second_approval: true })}/approve-determination` }),
    expect: staffOnly(200),
  },
  { method: 'POST', route: '/api/v1/subsidy/claims/:id/publish', prepare: async (ctx) => ({ url: `/api/v1/subsidy/claims/${await determinedOfA(ctx)}/publish` }), expect: staffOnly(200) },
  {
    method: 'POST', route: '/api/v1/subsidy/claims/:id/objections',
    prepare: async (ctx) => ({ url: `/api/v1/subsidy/claims/${await determinedOfA(ctx, { status: 'in_public_notice', notice_start: '2025-07-01', notice_end: '2025-07-07' })}/objections`, payload: { raisedBy: '某人', content: '异议' } }),
    expect: staffOnly(200),
  },
  {
    method: 'POST', route: '/api/v1/subsidy/claims/:id/objections/:objectionId/resolve',
    prepare: async (ctx) => {
      const claim = await determinedOfA(ctx, { status: 'in_public_notice', notice_start: '2025-07-01', notice_end: '2025-07-07' });
      const o = await ctx.db.insertInto('subsidy_objections').values({ claim_id: claim, raised_by_name: '某人', content: '异议', recorded_by: ctx.ids.users.officer2 }).returning('id').executeTakeFirstOrThrow();
      return { url: `/api/v1/subsidy/claims/${claim}/objections/${o.id}/resolve`, payload: { upheld: false, resolution: '不成立' } };
    },
    expect: staffOnly(200),
  },
  {
    method: 'POST', route: '/api/v1/subsidy/claims/:id/approve-payment',
    prepare: async (ctx) => ({ url: `/api/v1/subsidy/claims/${await determinedOfA(ctx, { status: 'in_public_notice', notice_start: '2025-07-01', notice_end: '2025-07-07' })}/approve-payment` }),
    expect: staffOnly(200),
  },
  {
    method: 'POST', route: '/api/v1/subsidy/claims/:id/pay',
    prepare: async (ctx) => ({ url: `/api/v1/subsidy/claims/${await determinedOfA(ctx, { status: 'approved_for_payment' })}/pay`, payload: { paymentReference: 'P' }, headers: { 'idempotency-key': `k-${next()}` } }),
    expect: staffOnly(200),
  },
  { method: 'GET', route: '/api/v1/subsidy/notices', prepare: () => ({ url: '/api/v1/subsidy/notices' }), expect: all(200) },
  { method: 'GET', route: '/api/v1/subsidy/budgets', prepare: () => ({ url: '/api/v1/subsidy/budgets?year=2025' }), expect: staffRead },
  { method: 'PUT', route: '/api/v1/subsidy/budgets/:measure/:year', prepare: () => ({ url: '/api/v1/subsidy/budgets/YP2025-8.2/2026', payload: { allocated: 1_000_000 + next() } }), expect: staffOnly(200) },
  { method: 'GET', route: '/api/v1/subsidy/settings', prepare: () => ({ url: '/api/v1/subsidy/settings' }), expect: staffRead },
  { method: 'PUT', route: '/api/v1/subsidy/settings', prepare: () => ({ url: '/api/v1/subsidy/settings', payload: { noticeWorkingDays: 5 } }), expect: only({ admin: 200 }) },
  { method: 'GET', route: '/api/v1/subsidy/fact-sources', prepare: () => ({ url: '/api/v1/subsidy/fact-sources' }), expect: staffRead },
  { method: 'POST', route: '/api/v1/subsidy/scans', prepare: () => ({ url: '/api/v1/subsidy/scans', payload: { year: 2025 } }), expect: staffOnly(200) },
  { method: 'GET', route: '/api/v1/subsidy/entitlements', prepare: () => ({ url: '/api/v1/subsidy/entitlements?year=2025' }), expect: staffRead },
  { method: 'POST', route: '/api/v1/subsidy/entitlements/:id/confirm', prepare: async (ctx) => ({ url: `/api/v1/subsidy/entitlements/${await entitlement(ctx)}/confirm` }), expect: staffOnly(200) },
  { method: 'POST', route: '/api/v1/subsidy/simulations', prepare: () => ({ url: '/api/v1/subsidy/simulations', payload: { parameters: { 'YP2025-8.2.rate': 0.3 }, over: { kind: 'claims' } } }), expect: staffRead },
  // Issue #4: consents (授权) and reads under consent.
  { method: 'GET', route: '/api/v1/consents', prepare: () => ({ url: '/api/v1/consents' }), expect: { ...all(200), reviewer: 403 } },
  { method: 'POST', route: '/api/v1/consents', prepare: () => ({ url: '/api/v1/consents', payload: consentGrant() }), expect: only({ entA: 201, entB: 201 }) },
  { method: 'GET', route: '/api/v1/consents/reads', prepare: () => ({ url: '/api/v1/consents/reads' }), expect: only({ admin: 200, officer: 200, auditor: 200, entA: 200, entB: 200 }) },
  { method: 'GET', route: '/api/v1/consents/:id', prepare: async (ctx) => ({ url: `/api/v1/consents/${await consentOfA(ctx)}` }), expect: { ...all(200), reviewer: 403, entB: 404 } },
  { method: 'POST', route: '/api/v1/consents/:id/revoke', prepare: async (ctx) => ({ url: `/api/v1/consents/${await consentOfA(ctx)}/revoke` }), expect: only({ entA: 200, entB: 404 }) },
  { method: 'GET', route: '/api/v1/consented/:enterpriseId', prepare: (ctx) => ({ url: `/api/v1/consented/${ctx.ids.enterpriseA}` }), expect: only({ bank: 200 }) },
  {
    method: 'GET', route: '/api/v1/consented/:enterpriseId/:cluster',
    prepare: async (ctx) => {
      await consentOfA(ctx);
      return { url: `/api/v1/consented/${ctx.ids.enterpriseA}/tax_filings` };
    },
    expect: only({ bank: 200 }),
  },
  ...(['tax-filings', 'social-insurance'] as const).map((feed): Row => ({
    method: 'POST', route: `/api/v1/data-feeds/${feed}/import`,
    prepare: () => {
      const m = multipartFile('feed.csv', feed === 'tax-filings' ? `uscc,period,tax_type,tax_paid\n${makeUscc(1)},2024,企业所得税,${next()}\n` : `uscc,month,headcount\n${makeUscc(1)},2024-06,${next()}\n`);
      return { url: `/api/v1/data-feeds/${feed}/import`, payload: m.payload, headers: m.headers };
    },
    expect: staffOnly(200),
  })),
  // Issue #4: financing applications, SLA warning lines, review meetings, the funnel report.
  { method: 'GET', route: '/api/v1/applications', prepare: () => ({ url: '/api/v1/applications' }), expect: all(200) },
  { method: 'GET', route: '/api/v1/applications/inbox', prepare: () => ({ url: '/api/v1/applications/inbox' }), expect: only({ bank: 200 }) },
  { method: 'POST', route: '/api/v1/applications', prepare: () => ({ url: '/api/v1/applications', payload: { requestedAmount: 500_000 } }), expect: only({ entA: 201, entB: 201 }) },
  {
    method: 'POST', route: '/api/v1/applications/import',
    prepare: async (ctx) => {
      await ctx.db.insertInto('products').values({ code: 'HIST', name: '科技履约贷', type: 'performance_insurance_loan', owner_org_id: ctx.ids.office }).onConflict((oc) => oc.column('code').doNothing()).execute();
      const m = multipartFile('a.csv', importCsv(next()));
      return { url: '/api/v1/applications/import', payload: m.payload, headers: m.headers };
    },
    expect: staffOnly(200),
  },
  { method: 'GET', route: '/api/v1/applications/:id', prepare: async (ctx) => ({ url: await applicationUrl(ctx, 'recommended') }), expect: appRead(200) },
  { method: 'PATCH', route: '/api/v1/applications/:id', prepare: async (ctx) => ({ url: await applicationUrl(ctx, 'draft'), payload: { purpose: '研发' } }), expect: appEnterprise(200) },
  {
    method: 'POST', route: '/api/v1/applications/:id/documents',
    prepare: async (ctx) => {
      const m = multipartFile('plan.pdf', '%PDF');
      return { url: await applicationUrl(ctx, 'draft', 'documents'), payload: m.payload, headers: m.headers };
    },
    expect: only({ admin: 201, officer: 201, entA: 201, entB: 404 }),
  },
  {
    method: 'GET', route: '/api/v1/applications/:id/documents/:documentId',
    prepare: async (ctx) => {
      const id = await applicationOfA(ctx, 'recommended');
      const d = await ctx.db.insertInto('application_documents').values({ application_id: id, filename: 'a.pdf', content_type: 'application/pdf', size: 1, content: Buffer.from('a'), uploaded_by: null }).returning('id').executeTakeFirstOrThrow();
      return { url: `/api/v1/applications/${id}/documents/${d.id}` };
    },
    expect: appRead(200),
  },
  { method: 'POST', route: '/api/v1/applications/:id/submit', prepare: async (ctx) => ({ url: await applicationUrl(ctx, 'draft', 'submit') }), expect: appEnterprise(200) },
  { method: 'POST', route: '/api/v1/applications/:id/withdraw', prepare: async (ctx) => ({ url: await applicationUrl(ctx, 'submitted', 'withdraw') }), expect: appEnterprise(200) },
  { method: 'POST', route: '/api/v1/applications/:id/screen', prepare: async (ctx) => ({ url: await applicationUrl(ctx, 'submitted', 'screen') }), expect: staffOnly(200) },
  { method: 'POST', route: '/api/v1/applications/:id/send-to-review', prepare: async (ctx) => ({ url: await applicationUrl(ctx, 'screening', 'send-to-review') }), expect: staffOnly(200) },
  { method: 'POST', route: '/api/v1/applications/:id/reviews', prepare: async (ctx) => ({ url: await applicationUrl(ctx, 'review', 'reviews'), payload: { score: 80 } }), expect: only({ reviewer: 200 }) },
  {
    method: 'POST', route: '/api/v1/applications/:id/recommend',
    prepare: async (ctx) => ({ url: await applicationUrl(ctx, 'review', 'recommend'), payload: { bankCode: 'BANK1', amount: 100_000, meetingId: await meeting(ctx) } }),
    expect: staffOnly(200),
  },
  { method: 'POST', route: '/api/v1/applications/:id/defer', prepare: async (ctx) => ({ url: await applicationUrl(ctx, 'screening', 'defer'), payload: { reason: '材料不全' } }), expect: staffOnly(200) },
  { method: 'POST', route: '/api/v1/applications/:id/reject', prepare: async (ctx) => ({ url: await applicationUrl(ctx, 'screening', 'reject'), payload: { reason: '不符合' } }), expect: staffOnly(200) },
  { method: 'POST', route: '/api/v1/applications/:id/accept', prepare: async (ctx) => ({ url: await applicationUrl(ctx, 'recommended', 'accept') }), expect: appBank(200) },
  {
    method: 'POST', route: '/api/v1/applications/:id/approve',
    prepare: async (ctx) => ({ url: await applicationUrl(ctx, 'accepted', 'approve'), payload: { amount: 100_000, rate: '0.04', termMonths: 12 } }),
    expect: appBank(200),
  },
  { method: 'POST', route: '/api/v1/applications/:id/decline', prepare: async (ctx) => ({ url: await applicationUrl(ctx, 'accepted', 'decline'), payload: { reason: '风险' } }), expect: appBank(200) },
  {
    method: 'POST', route: '/api/v1/applications/:id/disburse',
    prepare: async (ctx) => ({ url: await applicationUrl(ctx, 'approved', 'disburse'), payload: { loanNo: `L-${next()}`, collateralMode: 'credit', repaymentMethod: 'equal_instalment', startDate: '2025-04-01' } }),
    expect: appBank(200),
  },
  { method: 'POST', route: '/api/v1/applications/:id/reassign', prepare: async (ctx) => ({ url: await applicationUrl(ctx, 'declined', 'reassign'), payload: { reason: '更换银行' } }), expect: staffOnly(200) },
  { method: 'GET', route: '/api/v1/applications/sla-warnings', prepare: () => ({ url: '/api/v1/applications/sla-warnings' }), expect: only({ admin: 200, officer: 200, auditor: 200, bank: 200 }) },
  { method: 'GET', route: '/api/v1/applications/sla-settings', prepare: () => ({ url: '/api/v1/applications/sla-settings' }), expect: only({ admin: 200, officer: 200, auditor: 200, bank: 200 }) },
  { method: 'PUT', route: '/api/v1/applications/sla-settings', prepare: () => ({ url: '/api/v1/applications/sla-settings', payload: { lines: [30, 60, 90] } }), expect: only({ admin: 200 }) },
  { method: 'POST', route: '/api/v1/review-meetings', prepare: () => ({ url: '/api/v1/review-meetings', payload: { heldOn: '2025-03-10', title: '第1次评审会' } }), expect: staffOnly(201) },
  { method: 'GET', route: '/api/v1/review-meetings', prepare: () => ({ url: '/api/v1/review-meetings' }), expect: only({ admin: 200, officer: 200, auditor: 200, reviewer: 200 }) },
  { method: 'GET', route: '/api/v1/reports/funnel', prepare: () => ({ url: '/api/v1/reports/funnel?year=2025' }), expect: staffRead },
  // Issue #4: products, filing (备案) and matching.
  { method: 'GET', route: '/api/v1/institutions', prepare: () => ({ url: '/api/v1/institutions' }), expect: all(200) },
  {
    method: 'POST', route: '/api/v1/institutions/import',
    prepare: () => {
      const m = multipartFile('i.csv', `code,name,kind\nACC-I${next()},导入机构,bank\n`);
      return { url: '/api/v1/institutions/import', payload: m.payload, headers: m.headers };
    },
    expect: staffOnly(200),
  },
  {
    method: 'POST', route: '/api/v1/products/import',
    prepare: () => {
      const m = multipartFile('p.csv', productCsv(next()));
      return { url: '/api/v1/products/import', payload: m.payload, headers: m.headers };
    },
    expect: staffOnly(200),
  },
  { method: 'GET', route: '/api/v1/products', prepare: () => ({ url: '/api/v1/products' }), expect: all(200) },
  {
    method: 'POST', route: '/api/v1/products',
    prepare: () => ({ url: '/api/v1/products', payload: { code: `ACC-NEW${next()}`, name: '新产品', type: 'credit_loan' } }),
    expect: only({ admin: 201, officer: 201, bank: 201 }),
  },
  { method: 'GET', route: '/api/v1/products/:id', prepare: async (ctx) => ({ url: `/api/v1/products/${await productOfBank1(ctx)}` }), expect: all(200) },
  // An institution's own product: officers manage programmes only (403).
  { method: 'PATCH', route: '/api/v1/products/:id', prepare: async (ctx) => ({ url: `/api/v1/products/${await productOfBank1(ctx)}`, payload: { amountMax: 1000 } }), expect: only({ bank: 200 }) },
  { method: 'GET', route: '/api/v1/products/:id/versions/:version', prepare: async (ctx) => ({ url: `/api/v1/products/${await productOfBank1(ctx)}/versions/1` }), expect: all(200) },
  // The 备案 queue: staff and auditors see every filing, an institution its own products' (an empty page, not a 403).
  { method: 'GET', route: '/api/v1/filings', prepare: async (ctx) => (await filingOfBank1(ctx, 'submitted'), { url: '/api/v1/filings' }), expect: only({ admin: 200, officer: 200, auditor: 200, bank: 200 }) },
  { method: 'GET', route: '/api/v1/products/:id/filings', prepare: async (ctx) => ({ url: `/api/v1/products/${await productOfBank1(ctx)}/filings` }), expect: staffProducts },
  { method: 'POST', route: '/api/v1/products/:id/filings', prepare: async (ctx) => ({ url: `/api/v1/products/${await productOfBank1(ctx)}/filings` }), expect: only({ bank: 201 }) },
  { method: 'POST', route: '/api/v1/products/:id/filings/:filingId/review', prepare: async (ctx) => ({ url: `${await filingOfBank1(ctx, 'submitted')}/review` }), expect: staffOnly(200) },
  { method: 'POST', route: '/api/v1/products/:id/filings/:filingId/approve', prepare: async (ctx) => ({ url: `${await filingOfBank1(ctx, 'reviewed')}/approve` }), expect: staffOnly(200) },
  { method: 'POST', route: '/api/v1/products/:id/filings/:filingId/reject', prepare: async (ctx) => ({ url: `${await filingOfBank1(ctx, 'submitted')}/reject`, payload: { note: '不符合' } }), expect: staffOnly(200) },
  { method: 'POST', route: '/api/v1/products/:id/filings/:filingId/withdraw', prepare: async (ctx) => ({ url: `${await filingOfBank1(ctx, 'submitted')}/withdraw` }), expect: only({ bank: 200 }) },
  { method: 'GET', route: '/api/v1/products/:id/matches', prepare: async (ctx) => ({ url: `/api/v1/products/${await productOfBank1(ctx)}/matches` }), expect: staffProducts },
  { method: 'GET', route: '/api/v1/enterprises/:id/matches', prepare: (ctx) => ({ url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/matches` }), expect: only({ admin: 200, officer: 200, reviewer: 200, auditor: 200, entA: 200, entB: 404 }) },
  // Issue #7: listing pool, equity and linkage, service stations (test/listing/access-rows.ts).
  ...LISTING_ROWS,
  // Issue #5: events register, bank assessment, product statistics (test/assessment/access-rows.ts).
  ...ASSESSMENT_ROWS,
  // Issue #5: risk compensation pool (风险补偿资金池).
  { method: 'GET', route: '/api/v1/risk-pools', prepare: () => ({ url: '/api/v1/risk-pools' }), expect: poolRead },
  {
    method: 'POST', route: '/api/v1/risk-pools',
    prepare: (ctx) => ({ url: '/api/v1/risk-pools', payload: { ...rpPoolBody({ code: `ACC-NEW-${next()}` }), sponsorOrgId: ctx.ids.office } }),
    expect: staffOnly(201),
  },
  { method: 'GET', route: '/api/v1/risk-pools/:id', prepare: async (ctx) => ({ url: `/api/v1/risk-pools/${await riskPool(ctx)}` }), expect: poolRead },
  { method: 'PATCH', route: '/api/v1/risk-pools/:id', prepare: async (ctx) => ({ url: `/api/v1/risk-pools/${await riskPool(ctx)}`, payload: { perLoanCap: 1_000_000 + next(), reason: '调整上限' } }), expect: staffOnly(200) },
  {
    method: 'POST', route: '/api/v1/risk-pools/:id/contributions',
    prepare: async (ctx) => ({ url: `/api/v1/risk-pools/${await riskPool(ctx)}/contributions`, payload: { amount: 1000, contributedOn: '2025-03-01', reference: `拨款${next()}` } }),
    expect: staffOnly(201),
  },
  { method: 'GET', route: '/api/v1/risk-pools/:id/ledger', prepare: async (ctx) => ({ url: `/api/v1/risk-pools/${await riskPool(ctx)}/ledger` }), expect: staffRead },
  {
    method: 'POST', route: '/api/v1/risk-pools/:id/enrolments',
    prepare: async (ctx) => ({ url: `/api/v1/risk-pools/${await riskPool(ctx)}/enrolments`, payload: { loanId: await riskLoan(ctx), enrolledOn: '2025-02-01' } }),
    expect: only({ admin: 201, officer: 201, bank: 201 }),
  },
  { method: 'GET', route: '/api/v1/risk-pool-enrolments', prepare: () => ({ url: '/api/v1/risk-pool-enrolments' }), expect: poolRead },
  { method: 'GET', route: '/api/v1/risk-pool-claims', prepare: () => ({ url: '/api/v1/risk-pool-claims' }), expect: poolRead },
  {
    method: 'POST', route: '/api/v1/risk-pool-claims',
    prepare: async (ctx) => ({ url: '/api/v1/risk-pool-claims', payload: { loanId: await riskLoan(ctx, 'substandard', true), defaultedOn: '2025-10-01', principalAtDefault: 1_000_000, recoveriesSoFar: 0 } }),
    expect: only({ bank: 201 }),
  },
  { method: 'GET', route: '/api/v1/risk-pool-claims/:id', prepare: async (ctx) => ({ url: await riskClaim(ctx, 'filed') }), expect: poolRead },
  { method: 'POST', route: '/api/v1/risk-pool-claims/:id/review', prepare: async (ctx) => ({ url: `${await riskClaim(ctx, 'filed')}/review`, payload: {} }), expect: staffOnly(200) },
  { method: 'POST', route: '/api/v1/risk-pool-claims/:id/approve', prepare: async (ctx) => ({ url: `${await reviewedRiskClaim(ctx)}/approve`, payload: {} }), expect: staffOnly(200) },
  { method: 'POST', route: '/api/v1/risk-pool-claims/:id/reject', prepare: async (ctx) => ({ url: `${await riskClaim(ctx, 'filed')}/reject`, payload: { reason: '材料不全' } }), expect: staffOnly(200) },
  { method: 'POST', route: '/api/v1/risk-pool-claims/:id/withdraw', prepare: async (ctx) => ({ url: `${await riskClaim(ctx, 'filed')}/withdraw`, payload: { reason: '已还款' } }), expect: only({ bank: 200 }) },
  {
    method: 'POST', route: '/api/v1/risk-pool-claims/:id/recoveries',
    prepare: async (ctx) => ({ url: `${await paidRiskClaim(ctx)}/recoveries`, payload: { amount: 1000, recoveredOn: '2025-11-01', reference: `R-${next()}` } }),
    expect: only({ admin: 201, officer: 201, bank: 201 }),
  },
  // Issue #5: the loan ledger.
  { method: 'GET', route: '/api/v1/loans', prepare: () => ({ url: '/api/v1/loans' }), expect: loanReaders },
  {
    method: 'POST', route: '/api/v1/loans',
    prepare: () => ({ url: '/api/v1/loans', payload: { loanNo: `ACC-POST-${next()}`, bankCode: 'BANK1', enterpriseUscc: makeUscc(1), collateralMode: 'credit', principal: 1000, annualRate: '0.04', termMonths: 12, startDate: '2025-01-15', repaymentMethod: 'equal_instalment' } }),
    expect: loanWriters(201),
  },
  { method: 'GET', route: '/api/v1/loans/standing', prepare: () => ({ url: '/api/v1/loans/standing?asOf=2025-06-30' }), expect: loanReaders },
  { method: 'GET', route: '/api/v1/loans/interest-paid', prepare: () => ({ url: '/api/v1/loans/interest-paid?year=2025' }), expect: loanReaders },
  { method: 'POST', route: '/api/v1/loans/import', prepare: () => { const f = multipartFile('loans.csv', loanCsv()); return { url: '/api/v1/loans/import?asOf=2025-06-30', payload: f.payload, headers: f.headers }; }, expect: staffOnly(200) },
  { method: 'POST', route: '/api/v1/loans/classify', prepare: () => ({ url: '/api/v1/loans/classify', payload: { asOf: '2025-06-30' } }), expect: staffOnly(200) },
  { method: 'GET', route: '/api/v1/loans/classification-floors', prepare: () => ({ url: '/api/v1/loans/classification-floors' }), expect: loanReaders },
  {
    method: 'POST', route: '/api/v1/loans/classification-floors',
    prepare: () => ({ url: '/api/v1/loans/classification-floors', payload: { effectiveFrom: addDays('2030-01-01', next()), source: '测试', floors: [{ minDpd: 1, class: 'special_mention' }, { minDpd: 91, class: 'substandard' }] } }),
    expect: staffOnly(201),
  },
  { method: 'GET', route: '/api/v1/loans/:id', prepare: async (ctx) => ({ url: await loanOfA(ctx) }), expect: only({ admin: 200, officer: 200, auditor: 200, bank: 200, entA: 200, entB: 404 }) },
  { method: 'POST', route: '/api/v1/loans/:id/repayments', prepare: async (ctx) => ({ url: `${await loanOfA(ctx)}/repayments`, payload: { repaymentId: 'R1', paidOn: '2025-02-15', principal: 100, interest: 3 } }), expect: loanWriters(201) },
  { method: 'POST', route: '/api/v1/loans/:id/reports', prepare: async (ctx) => ({ url: `${await loanOfA(ctx)}/reports`, payload: { asOf: '2025-03-31', outstanding: 200, dpd: 0 } }), expect: loanWriters(201) },
  // Issue #6: enterprise evaluations.
  { method: 'GET', route: '/api/v1/enterprises/:id/evaluations', prepare: (ctx) => ({ url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/evaluations` }), expect: evalRead },
  { method: 'POST', route: '/api/v1/enterprises/:id/evaluations/run', prepare: (ctx) => ({ url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/evaluations/run`, payload: { year: 2025 } }), expect: editA(200) },
  { method: 'GET', route: '/api/v1/enterprises/:id/evaluation-facts/:year', prepare: (ctx) => ({ url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/evaluation-facts/2025` }), expect: evalRead },
  { method: 'PUT', route: '/api/v1/enterprises/:id/evaluation-facts/:year', prepare: (ctx) => ({ url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/evaluation-facts/2025`, payload: { techStaff: 3 } }), expect: editA(200) },
  { method: 'POST', route: '/api/v1/evaluation/tech-sme', prepare: () => ({ url: '/api/v1/evaluation/tech-sme', payload: techSmeInput }), expect: all(200) },
  { method: 'GET', route: '/api/v1/evaluation/models', prepare: () => ({ url: '/api/v1/evaluation/models' }), expect: staffReaders },
  {
    method: 'POST', route: '/api/v1/evaluation/models',
    prepare: () => {
      const version = `acc-new-${next()}`;
      return { url: '/api/v1/evaluation/models', payload: { kind: 'innovation_points', reason: '调整', definition: { ...DEFAULT_INNOVATION_MODEL, version } } };
    },
    expect: staffOnly(201),
  },
  { method: 'POST', route: '/api/v1/evaluation/models/:id/approve', prepare: async (ctx) => ({ url: `/api/v1/evaluation/models/${await modelProposal(ctx)}/approve`, payload: {} }), expect: staffOnly(200) },
  { method: 'POST', route: '/api/v1/evaluation/models/:id/reject', prepare: async (ctx) => ({ url: `/api/v1/evaluation/models/${await modelProposal(ctx)}/reject`, payload: { reason: '否' } }), expect: staffOnly(200) },
  { method: 'GET', route: '/api/v1/evaluation/runs', prepare: () => ({ url: '/api/v1/evaluation/runs' }), expect: staffReaders },
  { method: 'POST', route: '/api/v1/evaluation/runs', prepare: () => ({ url: '/api/v1/evaluation/runs', payload: { year: 2025 } }), expect: staffOnly(200) },
  // Issue #8: indicators, snapshots, early warning (test/monitoring/access-rows.ts).
  ...MONITORING_ROWS,
];

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

describe('access table', () => {
  it('covers every registered /api/v1 route', () => {
    const registered = ctx.app.apiRoutes.map((r) => `${r.method} ${r.route ?? r.url}`).sort();
    const table = ROWS.map((r) => `${r.method} ${r.route}`).sort();
    expect(table).toEqual(registered);
  });

  describe.each(ROWS)('$method $route', (row) => {
    it.each(CALLERS)('%s', async (caller) => {
      const prepared = await row.prepare(ctx, caller);
      const headers: Record<string, string> = { ...(prepared.headers ?? {}) };
      if (caller !== 'anon') {
        let s = await ctx.session(caller as FixtureUser);
        if (row.freshSession) {
          const r = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: caller, password: PASSWORD } });
          s = { cookie: `kcjr_session=${r.cookies.find((c) => c.name === 'kcjr_session')!.value}`, csrf: r.json().csrfToken };
        }
        headers.cookie = s.cookie;
        if (row.method !== 'GET') headers['x-csrf-token'] = s.csrf;
      }
      const res = await ctx.app.inject({ method: row.method as never, url: prepared.url, headers, ...(prepared.payload !== undefined ? { payload: prepared.payload as never } : {}) });
      expect(res.statusCode, `${caller} ${row.method} ${prepared.url}: ${res.body.slice(0, 300)}`).toBe(row.expect[caller]);
    });
  });
});
