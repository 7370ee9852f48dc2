// Issue #8's monitoring rows of the role × route access table (test/access.db.test.ts spreads them into its table).
import type { TestContext } from '../helpers/app';

type Caller = 'anon' | 'admin' | 'officer' | 'reviewer' | 'auditor' | 'bank' | 'entA' | 'entB';
interface Prepared { url: string; payload?: unknown; headers?: Record<string, string> }
export interface MonitoringRow { method: string; route: string; prepare: (ctx: TestContext, caller: Caller) => Promise<Prepared> | Prepared; expect: Record<Caller, number> }

const all = (status: number, anon = 401): Record<Caller, number> => ({ anon, admin: status, officer: status, reviewer: status, auditor: status, bank: status, entA: status, entB: status });
const only = (allowed: Partial<Record<Caller, number>>): Record<Caller, number> => ({ ...all(403), ...allowed });
const staffOnly = (ok: number) => only({ admin: ok, officer: ok });
const staffRead = only({ admin: 200, officer: 200, auditor: 200 });
const monitoringInbox = only({ admin: 200, officer: 200, auditor: 200, bank: 200 });

let n = 0;
const next = () => ++n;

/** An open alert owned by BANK1, inserted directly so each caller gets its own. */
async function alertOfBank1(ctx: TestContext) {
  const row = await ctx.db.insertInto('alerts').values({
    rule: 'sla_backlog', level: 'portfolio', severity: 'warning', subject_type: 'bank', subject_id: `ACC-${next()}`, subject_name: '测试银行', enterprise_id: null,
    owner_org_id: ctx.ids.bankOrg, title: '推荐时限预警积压', measured: '5', threshold: '5', detail: JSON.stringify({}), first_seen_on: '2025-06-30', last_seen_on: '2025-06-30',
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** A report pack in a given state, inserted directly (generation is the worker's; the rows test who may call). */
async function pack(ctx: TestContext, status: 'queued' | 'done') {
  const row = await ctx.db.insertInto('report_packs').values({
    kind: 'monthly', period: '2025-06', basis: 'reported', status, requested_by: null, requested_by_name: 'test',
    ...(status === 'done' ? { xlsx: Buffer.from('xlsx'), pdf: Buffer.from('%PDF-'), xlsx_sha256: 'x', pdf_sha256: 'p', generated_at: new Date() } : {}),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const MONITORING_ROWS: MonitoringRow[] = [
  // Report packs: officers and admins request; office staff (auditors too) read the archive and download.
  { method: 'POST', route: '/api/v1/monitoring/report-packs', prepare: () => ({ url: '/api/v1/monitoring/report-packs', payload: { kind: 'monthly', period: '2025-06' } }), expect: staffOnly(202) },
  { method: 'GET', route: '/api/v1/monitoring/report-packs', prepare: () => ({ url: '/api/v1/monitoring/report-packs' }), expect: staffRead },
  { method: 'GET', route: '/api/v1/monitoring/report-packs/:id', prepare: async (ctx) => ({ url: `/api/v1/monitoring/report-packs/${await pack(ctx, 'queued')}` }), expect: staffRead },
  { method: 'GET', route: '/api/v1/monitoring/report-packs/:id/download', prepare: async (ctx) => ({ url: `/api/v1/monitoring/report-packs/${await pack(ctx, 'done')}/download?format=pdf` }), expect: staffRead },
  { method: 'GET', route: '/api/v1/monitoring/indicators', prepare: () => ({ url: '/api/v1/monitoring/indicators?asOf=2025-06-30' }), expect: staffRead },
  { method: 'GET', route: '/api/v1/monitoring/snapshots', prepare: () => ({ url: '/api/v1/monitoring/snapshots' }), expect: staffRead },
  {
    method: 'GET', route: '/api/v1/monitoring/snapshots/:asOf',
    prepare: async (ctx) => {
      await ctx.db.insertInto('indicator_snapshots').values({ as_of: '2024-12-31', kind: 'month_end', version: 1, data: JSON.stringify({ asOf: '2024-12-31' }), changes: null, computed_by: 'test' })
        .onConflict((oc) => oc.columns(['as_of', 'kind', 'version']).doNothing()).execute();
      return { url: '/api/v1/monitoring/snapshots/2024-12-31' };
    },
    expect: staffRead,
  },
  { method: 'POST', route: '/api/v1/monitoring/snapshots', prepare: () => ({ url: '/api/v1/monitoring/snapshots', payload: { asOf: '2024-11-30' } }), expect: staffOnly(200) },
  { method: 'GET', route: '/api/v1/monitoring/alerts', prepare: () => ({ url: '/api/v1/monitoring/alerts' }), expect: monitoringInbox },
  { method: 'GET', route: '/api/v1/monitoring/alerts/counts', prepare: () => ({ url: '/api/v1/monitoring/alerts/counts' }), expect: monitoringInbox },
  { method: 'GET', route: '/api/v1/monitoring/alerts/:id', prepare: async (ctx) => ({ url: `/api/v1/monitoring/alerts/${await alertOfBank1(ctx)}` }), expect: monitoringInbox },
  { method: 'POST', route: '/api/v1/monitoring/alerts/:id/read', prepare: async (ctx) => ({ url: `/api/v1/monitoring/alerts/${await alertOfBank1(ctx)}/read` }), expect: monitoringInbox },
  { method: 'POST', route: '/api/v1/monitoring/alerts/:id/acknowledge', prepare: async (ctx) => ({ url: `/api/v1/monitoring/alerts/${await alertOfBank1(ctx)}/acknowledge`, payload: {} }), expect: only({ admin: 200, officer: 200, bank: 200 }) },
  { method: 'POST', route: '/api/v1/monitoring/alerts/:id/resolve', prepare: async (ctx) => ({ url: `/api/v1/monitoring/alerts/${await alertOfBank1(ctx)}/resolve`, payload: { note: '已处理' } }), expect: only({ admin: 200, officer: 200, bank: 200 }) },
  { method: 'POST', route: '/api/v1/monitoring/alerts/run', prepare: () => ({ url: '/api/v1/monitoring/alerts/run', payload: { asOf: '2025-06-30' } }), expect: staffOnly(200) },
  { method: 'GET', route: '/api/v1/monitoring/alert-rules', prepare: () => ({ url: '/api/v1/monitoring/alert-rules' }), expect: monitoringInbox },
  { method: 'POST', route: '/api/v1/monitoring/alert-rules/:rule/thresholds', prepare: () => ({ url: '/api/v1/monitoring/alert-rules/sla_backlog/thresholds', payload: { value: 5, effectiveFrom: '2025-01-01', reference: '测试' } }), expect: only({ admin: 200 }) },
  { method: 'GET', route: '/api/v1/monitoring/dashboard/office/:panel', prepare: () => ({ url: '/api/v1/monitoring/dashboard/office/summary' }), expect: staffRead },
  { method: 'GET', route: '/api/v1/monitoring/dashboard/bank', prepare: () => ({ url: '/api/v1/monitoring/dashboard/bank?bank=BANK1' }), expect: monitoringInbox },
  {
    method: 'GET', route: '/api/v1/monitoring/dashboard/enterprise', prepare: (ctx) => ({ url: `/api/v1/monitoring/dashboard/enterprise?enterpriseId=${ctx.ids.enterpriseA}` }),
    expect: only({ admin: 200, officer: 200, auditor: 200, entA: 200, entB: 404 }),
  },
  { method: 'GET', route: '/api/v1/monitoring/drilldown/loans', prepare: () => ({ url: '/api/v1/monitoring/drilldown/loans?asOf=2025-06-30' }), expect: monitoringInbox },
  { method: 'GET', route: '/api/v1/monitoring/drilldown/applications', prepare: () => ({ url: '/api/v1/monitoring/drilldown/applications?year=2025&stage=approved' }), expect: staffRead },
];
