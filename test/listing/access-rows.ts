// Issue #7's rows of the role × route access table (test/access.db.test.ts spreads them into its table).
import { makeUscc } from '../../src/shared/uscc';
import type { TestContext } from '../helpers/app';

type Caller = 'anon' | 'admin' | 'officer' | 'reviewer' | 'auditor' | 'bank' | 'entA' | 'entB';
interface Prepared { url: string; payload?: unknown; headers?: Record<string, string> }
export interface ListingRow { method: string; route: string; prepare: (ctx: TestContext, caller: Caller) => Promise<Prepared> | Prepared; expect: Record<Caller, number> }

const all = (status: number, anon = 401): Record<Caller, number> => ({ anon, admin: status, officer: status, reviewer: status, auditor: status, bank: status, entA: status, entB: status });
const only = (allowed: Partial<Record<Caller, number>>): Record<Caller, number> => ({ ...all(403), ...allowed });
const staffWrite = (ok: number) => only({ admin: ok, officer: ok });
const staffRead = (ok = 200) => only({ admin: ok, officer: ok, auditor: ok, reviewer: ok });
const adminOnly = (ok: number) => only({ admin: ok });

let n = 0;
const next = () => ++n;

/** A fresh enterprise in the pool (tier reserve), so each caller acts on its own. */
async function poolEnterprise(ctx: TestContext, tier = 'reserve') {
  const k = next();
  const e = await ctx.db.insertInto('enterprises').values({ uscc: makeUscc(700000 + k), name: `培育企业${k}`, district: '杨浦区', sector: '人工智能' }).returning('id').executeTakeFirstOrThrow();
  await ctx.db.insertInto('listing_pool').values({ enterprise_id: e.id, tier: tier as never, target_board: 'star', entry_source: 'nomination', entry_reason: '测试', readiness_evaluation_id: null, entered_on: '2025-01-02', tier_since: '2025-01-02', officer_user_id: null, exit_reason: null, nominated_by: null }).execute();
  return e.id;
}
async function plainEnterprise(ctx: TestContext) {
  const k = next();
  return (await ctx.db.insertInto('enterprises').values({ uscc: makeUscc(710000 + k), name: `企业${k}`, district: '杨浦区', sector: '数字经济' }).returning('id').executeTakeFirstOrThrow()).id;
}
async function readinessEvaluation(ctx: TestContext) {
  const result = { met: [{ board: 'bse', standard: 'bse.3', clause: '2.1.3(三)' }], nearest: null };
  const row = await ctx.db.insertInto('enterprise_evaluations').values({ enterprise_id: await plainEnterprise(ctx), year: 2025, kind: 'listing_readiness', model_version: 'listing-2024.04', score: null, eligible: false, result: JSON.stringify(result), input_hash: 'x' }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
async function serviceLog(ctx: TestContext) {
  const e = await poolEnterprise(ctx);
  return (await ctx.db.insertInto('listing_services').values({ enterprise_id: e, officer_user_id: ctx.ids.users.officer, kind: 'consulting', mode: 'visit', served_on: '2025-03-01', summary: '走访', follow_up_on: '2025-03-10', follow_up_done_on: null, created_by: null }).returning('id').executeTakeFirstOrThrow()).id;
}
async function greenRequest(ctx: TestContext, status = 'open') {
  const e = await poolEnterprise(ctx);
  return (await ctx.db.insertInto('green_channel_requests').values({ request_no: `GC-T-${next()}`, enterprise_id: e, department: '区市场监管局', document: '合规证明', requested_on: '2025-03-03', working_days: 5, due_on: '2025-03-10', status: status as never, handler_user_id: null, completed_on: null, created_by: null }).returning('id').executeTakeFirstOrThrow()).id;
}
async function alertOf(ctx: TestContext) {
  const id = await greenRequest(ctx);
  await ctx.db.insertInto('green_channel_alerts').values({ request_id: id, kind: 'due', due_on: '2025-03-10', raised_on: '2025-03-10' }).execute();
  return id;
}

async function needOfA(ctx: TestContext) {
  return (await ctx.db.insertInto('equity_needs').values({ enterprise_id: ctx.ids.enterpriseA, round: 'a', amount: 100_000_00, use_of_funds: '研发', visibility: 'all_funds', status: 'open', created_by: null }).returning('id').executeTakeFirstOrThrow()).id;
}
async function loanOfBank1(ctx: TestContext) {
  return (await ctx.db.insertInto('loans').values({
    loan_no: `ACC-L-${next()}`, bank_org_id: ctx.ids.bankOrg, enterprise_id: ctx.ids.enterpriseA, collateral_mode: 'credit', principal: 100_000_00, annual_rate: '0.04', term_months: 12,
    start_date: '2025-01-01', maturity_date: '2026-01-01', repayment_method: 'interest_only',
  }).returning('id').executeTakeFirstOrThrow()).id;
}
async function officerOfStation(ctx: TestContext) {
  const id = await station(ctx);
  const o = await ctx.db.insertInto('station_officers').values({ station_id: id, name: '专员' }).returning('id').executeTakeFirstOrThrow();
  return `/api/v1/stations/${id}/officers/${o.id}`;
}

async function station(ctx: TestContext) {
  return (await ctx.db.insertInto('service_stations').values({ code: `ST-${next()}`, name: '服务站', host: '园区', parks: '[]' }).returning('id').executeTakeFirstOrThrow()).id;
}
async function applicationOfA(ctx: TestContext) {
  return (await ctx.db.insertInto('applications').values({ application_no: `ST-APP-${next()}`, enterprise_id: ctx.ids.enterpriseA, status: 'submitted', submitted_on: '2025-02-01' }).returning('id').executeTakeFirstOrThrow()).id;
}
const roundsCsv = (k: number) => `uscc,round,date,amount,investors\n${makeUscc(1)},seed,2020-01-${String(1 + (k % 28)).padStart(2, '0')},${k},某基金\n`;
function multipart(content: string) {
  const boundary = `----acc${next()}`;
  const payload = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="r.csv"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const LISTING_ROWS: ListingRow[] = [
  { method: 'GET', route: '/api/v1/listing/pool', prepare: () => ({ url: '/api/v1/listing/pool?tier=reserve,cultivating' }), expect: staffRead() },
  { method: 'POST', route: '/api/v1/listing/pool', prepare: async (ctx) => ({ url: '/api/v1/listing/pool', payload: { enterpriseId: await plainEnterprise(ctx), targetBoard: 'star', reason: '拟科创板' } }), expect: staffWrite(201) },
  // A stored listing-readiness evaluation (issue #6's enterprise_evaluations) of a fresh enterprise per caller.
  { method: 'POST', route: '/api/v1/listing/pool/from-readiness', prepare: async (ctx) => ({ url: '/api/v1/listing/pool/from-readiness', payload: { evaluationId: await readinessEvaluation(ctx) } }), expect: staffWrite(201) },
  { method: 'GET', route: '/api/v1/listing/pool/:enterpriseId', prepare: async (ctx) => ({ url: `/api/v1/listing/pool/${await poolEnterprise(ctx)}` }), expect: staffRead() },
  { method: 'PATCH', route: '/api/v1/listing/pool/:enterpriseId', prepare: async (ctx) => ({ url: `/api/v1/listing/pool/${await poolEnterprise(ctx)}`, payload: { targetBoard: 'chinext' } }), expect: staffWrite(200) },
  { method: 'POST', route: '/api/v1/listing/pool/:enterpriseId/tier', prepare: async (ctx) => ({ url: `/api/v1/listing/pool/${await poolEnterprise(ctx)}/tier`, payload: { to: 'cultivating', criteria: ['core_technology'] } }), expect: staffWrite(200) },
  { method: 'GET', route: '/api/v1/listing/tier-transitions', prepare: () => ({ url: '/api/v1/listing/tier-transitions' }), expect: staffRead() },
  { method: 'GET', route: '/api/v1/listing/officers', prepare: () => ({ url: '/api/v1/listing/officers' }), expect: staffRead() },
  { method: 'GET', route: '/api/v1/listing/dashboard', prepare: () => ({ url: '/api/v1/listing/dashboard?from=2025-01-01&to=2025-12-31' }), expect: staffRead() },
  { method: 'POST', route: '/api/v1/listing/pool/:enterpriseId/services', prepare: async (ctx) => ({ url: `/api/v1/listing/pool/${await poolEnterprise(ctx)}/services`, payload: { kind: 'training', mode: 'meeting', servedOn: '2025-04-01', summary: '培训' } }), expect: staffWrite(201) },
  { method: 'GET', route: '/api/v1/listing/services', prepare: () => ({ url: '/api/v1/listing/services?followUp=pending' }), expect: staffRead() },
  { method: 'POST', route: '/api/v1/listing/services/:id/follow-up-done', prepare: async (ctx) => ({ url: `/api/v1/listing/services/${await serviceLog(ctx)}/follow-up-done`, payload: { doneOn: '2025-03-09' } }), expect: staffWrite(200) },
  { method: 'POST', route: '/api/v1/listing/green-channel', prepare: async (ctx) => ({ url: '/api/v1/listing/green-channel', payload: { enterpriseId: await poolEnterprise(ctx), department: '区税务局', document: '完税证明', requestedOn: '2025-03-03' } }), expect: staffWrite(201) },
  { method: 'GET', route: '/api/v1/listing/green-channel', prepare: () => ({ url: '/api/v1/listing/green-channel?status=open' }), expect: staffRead() },
  { method: 'GET', route: '/api/v1/listing/green-channel/alerts', prepare: () => ({ url: '/api/v1/listing/green-channel/alerts' }), expect: staffRead() },
  { method: 'GET', route: '/api/v1/listing/green-channel/settings', prepare: () => ({ url: '/api/v1/listing/green-channel/settings' }), expect: staffRead() },
  { method: 'PUT', route: '/api/v1/listing/green-channel/settings', prepare: () => ({ url: '/api/v1/listing/green-channel/settings', payload: { defaultWorkingDays: 5 } }), expect: adminOnly(200) },
  { method: 'GET', route: '/api/v1/listing/green-channel/:id', prepare: async (ctx) => ({ url: `/api/v1/listing/green-channel/${await greenRequest(ctx)}` }), expect: staffRead() },
  { method: 'POST', route: '/api/v1/listing/green-channel/:id/start', prepare: async (ctx) => ({ url: `/api/v1/listing/green-channel/${await greenRequest(ctx)}/start`, payload: {} }), expect: staffWrite(200) },
  { method: 'POST', route: '/api/v1/listing/green-channel/:id/complete', prepare: async (ctx) => ({ url: `/api/v1/listing/green-channel/${await greenRequest(ctx, 'in_progress')}/complete`, payload: { on: '2025-03-07' } }), expect: staffWrite(200) },
  { method: 'POST', route: '/api/v1/listing/green-channel/:id/cancel', prepare: async (ctx) => ({ url: `/api/v1/listing/green-channel/${await greenRequest(ctx)}/cancel`, payload: { note: '企业撤回' } }), expect: staffWrite(200) },
  { method: 'POST', route: '/api/v1/listing/green-channel/:id/alerts/:kind/acknowledge', prepare: async (ctx) => ({ url: `/api/v1/listing/green-channel/${await alertOf(ctx)}/alerts/due/acknowledge`, payload: {} }), expect: staffWrite(200) },
  { method: 'GET', route: '/api/v1/listing/calendar', prepare: () => ({ url: '/api/v1/listing/calendar?year=2025' }), expect: staffRead() },
  { method: 'PUT', route: '/api/v1/listing/calendar', prepare: () => ({ url: '/api/v1/listing/calendar', payload: { year: 2025, days: [{ day: '2025-10-01', kind: 'holiday', note: '国庆节' }] } }), expect: adminOnly(200) },
  { method: 'POST', route: '/api/v1/listing/milestones', prepare: async (ctx) => ({ url: '/api/v1/listing/milestones', payload: { enterpriseId: await plainEnterprise(ctx), kind: 'neeq_base_listing', occurredOn: '2025-05-06' } }), expect: staffWrite(201) },
  { method: 'GET', route: '/api/v1/listing/milestones', prepare: () => ({ url: '/api/v1/listing/milestones?year=2025' }), expect: staffRead() },
  // Equity: funds browse (not in this table's callers); banks have no part (403); an enterprise its own (another's: 404).
  { method: 'GET', route: '/api/v1/equity/needs', prepare: () => ({ url: '/api/v1/equity/needs' }), expect: only({ admin: 200, officer: 200, auditor: 200, reviewer: 200, entA: 200, entB: 200 }) },
  { method: 'POST', route: '/api/v1/equity/needs', prepare: (ctx) => ({ url: '/api/v1/equity/needs', payload: { round: 'a', amount: 1000, useOfFunds: '研发', visibility: 'private', enterpriseId: ctx.ids.enterpriseA } }), expect: only({ admin: 201, officer: 201, entA: 201, entB: 400 }) },
  { method: 'GET', route: '/api/v1/equity/needs/:id', prepare: async (ctx) => ({ url: `/api/v1/equity/needs/${await needOfA(ctx)}` }), expect: only({ admin: 200, officer: 200, auditor: 200, reviewer: 200, entA: 200, entB: 404 }) },
  { method: 'PATCH', route: '/api/v1/equity/needs/:id', prepare: async (ctx) => ({ url: `/api/v1/equity/needs/${await needOfA(ctx)}`, payload: { useOfFunds: '扩产' } }), expect: only({ admin: 200, officer: 200, entA: 200, entB: 404 }) },
  { method: 'POST', route: '/api/v1/equity/needs/:id/interest', prepare: async (ctx) => ({ url: `/api/v1/equity/needs/${await needOfA(ctx)}/interest`, payload: {} }), expect: only({}) },
  { method: 'DELETE', route: '/api/v1/equity/needs/:id/interest', prepare: async (ctx) => ({ url: `/api/v1/equity/needs/${await needOfA(ctx)}/interest` }), expect: only({}) },
  { method: 'GET', route: '/api/v1/equity/investments', prepare: () => ({ url: '/api/v1/equity/investments?guidance=any' }), expect: only({ admin: 200, officer: 200, auditor: 200, reviewer: 200, entA: 200, entB: 200 }) },
  { method: 'POST', route: '/api/v1/equity/investments', prepare: (ctx) => ({ url: '/api/v1/equity/investments', payload: { enterpriseId: ctx.ids.enterpriseA, round: 'angel', investedOn: '2024-01-02', amount: 1000, investors: '天使' } }), expect: only({ admin: 201, officer: 201 }) },
  { method: 'POST', route: '/api/v1/equity/rounds/import', prepare: () => ({ url: '/api/v1/equity/rounds/import', ...multipart(roundsCsv(next())) }), expect: staffWrite(200) },
  { method: 'PUT', route: '/api/v1/loans/:id/linkage', prepare: async (ctx) => ({ url: `/api/v1/loans/${await loanOfBank1(ctx)}/linkage`, payload: { mode: 'loan_warrant' } }), expect: only({ admin: 200, officer: 200, bank: 200 }) },
  { method: 'GET', route: '/api/v1/reports/linkage', prepare: () => ({ url: '/api/v1/reports/linkage?year=2025' }), expect: staffRead() },
  // Service stations.
  { method: 'GET', route: '/api/v1/stations', prepare: () => ({ url: '/api/v1/stations' }), expect: staffRead() },
  { method: 'POST', route: '/api/v1/stations', prepare: () => ({ url: '/api/v1/stations', payload: { code: `NEW-${next()}`, name: '新站', host: '孵化器' } }), expect: adminOnly(201) },
  { method: 'GET', route: '/api/v1/stations/assessment', prepare: () => ({ url: '/api/v1/stations/assessment?year=2025' }), expect: staffRead() },
  { method: 'POST', route: '/api/v1/stations/attribute', prepare: () => ({ url: '/api/v1/stations/attribute', payload: { year: 2025 } }), expect: staffWrite(200) },
  { method: 'GET', route: '/api/v1/stations/:id', prepare: async (ctx) => ({ url: `/api/v1/stations/${await station(ctx)}` }), expect: staffRead() },
  { method: 'PATCH', route: '/api/v1/stations/:id', prepare: async (ctx) => ({ url: `/api/v1/stations/${await station(ctx)}`, payload: { host: '新依托单位' } }), expect: adminOnly(200) },
  { method: 'POST', route: '/api/v1/stations/:id/officers', prepare: async (ctx) => ({ url: `/api/v1/stations/${await station(ctx)}/officers`, payload: { name: '专员' } }), expect: adminOnly(201) },
  { method: 'PATCH', route: '/api/v1/stations/:id/officers/:officerId', prepare: async (ctx) => ({ url: await officerOfStation(ctx), payload: { phone: '021-65001234' } }), expect: adminOnly(200) },
  { method: 'POST', route: '/api/v1/stations/:id/screenings', prepare: async (ctx) => ({ url: `/api/v1/stations/${await station(ctx)}/screenings`, payload: { applicationId: await applicationOfA(ctx), stage: 'investigation', doneOn: '2025-03-01' } }), expect: staffWrite(201) },
  { method: 'PUT', route: '/api/v1/stations/:id/assessment', prepare: async (ctx) => ({ url: `/api/v1/stations/${await station(ctx)}/assessment`, payload: { year: 2025, item: 'responsiveness', value: 4 } }), expect: staffWrite(200) },
  { method: 'PUT', route: '/api/v1/applications/:id/station', prepare: async (ctx) => ({ url: `/api/v1/applications/${await applicationOfA(ctx)}/station`, payload: { stationId: await station(ctx) } }), expect: staffWrite(200) },
];
