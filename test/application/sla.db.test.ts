import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/server/jobs';
import { registeredJobs } from '../../src/server/platform/jobs';
import { sweepSlaWarnings } from '../../src/server/modules/application/sla.service';
import { createTestContext, type TestContext } from '../helpers/app';
import { api, expectStatus, recommendedTo, seedProducts } from './helpers';

let ctx: TestContext;
let a: ReturnType<typeof api>;
beforeAll(async () => {
  ctx = await createTestContext();
  a = api(ctx);
  await seedProducts(ctx);
});
afterAll(async () => ctx?.close());

/** Moves the current recommendation back to a date, as if it had been made then. */
async function recommendedOn(id: string, date: string) {
  await ctx.db.updateTable('applications').set({ recommended_on: date }).where('id', '=', id).execute();
  await ctx.db.updateTable('application_assignments').set({ recommended_on: date }).where('application_id', '=', id).execute();
}
const warnings = (id?: string) => {
  let q = ctx.db.selectFrom('application_sla_warnings').select(['application_id', 'assignment_seq', 'line_days', 'bank_org_id', 'recommended_on', 'due_on', 'marked_at', 'resolved_at']);
  if (id) q = q.where('application_id', '=', id);
  return q.orderBy('application_id').orderBy('assignment_seq').orderBy('line_days').execute();
};
/** The `overdueLine` of application `id` in a list reply. */
let id: string;
const overdueLine = (list: { items: Array<{ id: string; overdueLine: number | null }> }) => list.items.find((x) => x.id === id)!.overdueLine;
const sweep = (asOf: string) => registeredJobs().find((j) => j.name === 'application-sla-sweep')!.handler(ctx.db, { asOf }) as ReturnType<typeof sweepSlaWarnings>;

describe('the SLA sweeper (30/60/90-day bank approval warning lines)', () => {
  beforeAll(async () => {
    id = await recommendedTo(ctx, 'BANK1');
    await recommendedOn(id, '2025-01-01');
  });

  it('is a registered daily job', () => {
    expect(registeredJobs().find((j) => j.name === 'application-sla-sweep')).toMatchObject({ cron: '10 1 * * *' });
  });

  it('marks nothing on day 29, the 30-day line on exactly day 30, and nothing more on a second run', async () => {
    expect(await sweep('2025-01-30')).toMatchObject({ marked: 0, lines: [30, 60, 90] });
    expect(await warnings(id)).toEqual([]);
    expect(overdueLine(expectStatus(await a.get('bank', '/applications/inbox'), 200))).toBeNull();
    expect(await sweep('2025-01-31')).toMatchObject({ marked: 1 });
    // Each list row says the highest line crossed and unresolved, so the inbox needs no second request.
    expect(overdueLine(expectStatus(await a.get('bank', '/applications/inbox'), 200))).toBe(30);
    const once = await warnings(id);
    expect(once).toEqual([expect.objectContaining({ line_days: 30, assignment_seq: 1, bank_org_id: ctx.ids.bankOrg, recommended_on: '2025-01-01', due_on: '2025-01-31', resolved_at: null })]);
    const auditBefore = await ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'application.sla_warning.mark').execute();
    expect(await sweep('2025-01-31')).toMatchObject({ marked: 0 });
    expect(await warnings(id)).toEqual(once);
    expect(await ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'application.sla_warning.mark').execute()).toEqual(auditBefore);
  });

  it('marks the 60-day line on day 60 and the 90-day line on day 90, each once', async () => {
    expect(await sweep('2025-03-01')).toMatchObject({ marked: 0 });
    expect(await sweep('2025-03-02')).toMatchObject({ marked: 1 });
    expect(await sweep('2025-03-31')).toMatchObject({ marked: 0 });
    expect(await sweep('2025-04-01')).toMatchObject({ marked: 1 });
    expect(await sweep('2025-12-31')).toMatchObject({ marked: 0 });
    expect((await warnings(id)).map((w) => [w.line_days, w.due_on])).toEqual([[30, '2025-01-31'], [60, '2025-03-02'], [90, '2025-04-01']]);
    expect(overdueLine(expectStatus(await a.get('bank', '/applications/inbox'), 200))).toBe(90);
    expect(overdueLine(expectStatus(await a.get('officer', '/applications?pageSize=200'), 200))).toBe(90);
    const history = expectStatus(await a.get('entA', `/applications/${id}`), 200).history;
    expect(history.filter((h: { action: string }) => h.action === 'sla_warning').map((h: { data: { lineDays: number } }) => h.data.lineDays)).toEqual([30, 60, 90]);
  });

  it('marks every line already passed at once when the first sweep comes late', async () => {
    const late = await recommendedTo(ctx, 'BANK2');
    await recommendedOn(late, '2024-01-01');
    await sweep('2025-04-01');
    expect((await warnings(late)).map((w) => w.line_days)).toEqual([30, 60, 90]);
  });

  it('lists open warnings with the bank for officers, only its own for a bank, and resolves them when the bank decides', async () => {
    const all = expectStatus(await a.get('officer', '/applications/sla-warnings?pageSize=100'), 200);
    expect(all.items.filter((w: { application: { id: string } }) => w.application.id === id).map((w: { lineDays: number; bank: { code: string } }) => `${w.lineDays}:${w.bank.code}`)).toEqual(['30:BANK1', '60:BANK1', '90:BANK1']);
    expect(new Set(all.items.map((w: { bank: { code: string } }) => w.bank.code))).toEqual(new Set(['BANK1', 'BANK2']));
    const own = expectStatus(await a.get('bank2', '/applications/sla-warnings?pageSize=100'), 200);
    expect(own.items.length).toBe(3);
    expect(own.items.every((w: { bank: { code: string } }) => w.bank.code === 'BANK2')).toBe(true);
    const overdue = expectStatus(await a.get('bank', '/applications/inbox?overdue=true'), 200);
    expect(overdue.items.map((x: { id: string }) => x.id)).toEqual([id]);

    expectStatus(await a.action('bank', id, 'accept'), 200);
    expectStatus(await a.action('bank', id, 'approve', { amount: 1_000_000, rate: '0.04', termMonths: 12 }), 200);
    expect((await warnings(id)).every((w) => w.resolved_at !== null)).toBe(true);
    const after = expectStatus(await a.get('officer', '/applications/sla-warnings?pageSize=100'), 200);
    expect(after.items.some((w: { application: { id: string } }) => w.application.id === id)).toBe(false);
    expect(expectStatus(await a.get('officer', '/applications/sla-warnings?state=resolved'), 200).total).toBe(3);
    expect(expectStatus(await a.get('bank', '/applications/inbox?overdue=true'), 200).items).toEqual([]);
    expect(overdueLine(expectStatus(await a.get('officer', '/applications?pageSize=200'), 200))).toBeNull();
  });

  it('lets an officer reassign after a crossed line; the warnings resolve and the new bank starts a fresh clock', async () => {
    const late = (await ctx.db.selectFrom('application_sla_warnings').select('application_id').where('bank_org_id', '=', ctx.ids.bank2Org).executeTakeFirstOrThrow()).application_id;
    expectStatus(await a.action('officer', late, 'reassign', { reason: '超90天未审批，更换银行' }), 200);
    expect((await warnings(late)).every((w) => w.resolved_at !== null)).toBe(true);
    expectStatus(await a.action('officer', late, 'recommend', { bankCode: 'BANK1', amount: 2_000_000 }), 200);
    expect(await sweep('2099-01-01')).toMatchObject({ marked: 3 });
    expect((await warnings(late)).map((w) => `${w.assignment_seq}:${w.line_days}:${w.resolved_at === null ? 'open' : 'resolved'}`)).toEqual([
      '1:30:resolved', '1:60:resolved', '1:90:resolved', '2:30:open', '2:60:open', '2:90:open',
    ]);
  });

  it('uses configured lines and rejects a bad asOf', async () => {
    expect(expectStatus(await ctx.as('admin', { method: 'PUT', url: '/api/v1/applications/sla-settings', payload: { lines: [45, 15] } }), 200)).toEqual({ lines: [15, 45] });
    expect(expectStatus(await ctx.as('admin', { method: 'PUT', url: '/api/v1/applications/sla-settings', payload: { lines: [15, 15] } }), 400).issues[0].path).toBe('body.lines');
    // A bank reads the lines its decisions are measured against, and cannot change them.
    expect(expectStatus(await ctx.as('bank', { method: 'GET', url: '/api/v1/applications/sla-settings' }), 200)).toEqual({ lines: [15, 45] });
    expectStatus(await ctx.as('bank', { method: 'PUT', url: '/api/v1/applications/sla-settings', payload: { lines: [30] } }), 403);
    const fresh = await recommendedTo(ctx, 'BANK1');
    await recommendedOn(fresh, '2026-01-01');
    await sweep('2026-01-16');
    expect((await warnings(fresh)).map((w) => w.line_days)).toEqual([15]);
    await expect(sweep('2026-02-30')).rejects.toMatchObject({ status: 400 });
    expectStatus(await ctx.as('admin', { method: 'PUT', url: '/api/v1/applications/sla-settings', payload: { lines: [30, 60, 90] } }), 200);
  });
});
