import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/connect';
import type { DB } from '../../db/schema';
import type { ApplicationStatus } from '../../db/schema-financing';
import { SHANGHAI_DISTRICTS } from '../../../shared/enterprise';
import { changedFields, writeAuditBatch, type AuditEntry } from '../../platform/audit';
import type { ActorContext } from '../../platform/principal';
import { col, defineColumns, importReport, parseTableFile, type ImportReport, type RecordOf, type TableError } from '../../platform/tabular';
import { insertEvents, type EventInput } from './applications.repository';

/** Historical applications (issue #4): one row per application, in its final state. Amounts in yuan. */
export const APPLICATION_IMPORT_COLUMNS = defineColumns({
  application_no: col.text({ required: true, max: 64 }),
  uscc: col.uscc({ required: true }),
  enterprise_name: col.text({ required: true, max: 200 }),
  district: col.enum(SHANGHAI_DISTRICTS, { required: true }),
  product_code: col.text({ required: true, max: 50 }),
  submitted_on: col.date({ required: true, min: '2000-01-01' }),
  screening_result: col.enum(['recommended', 'deferred', 'rejected', 'pending'] as const, { required: true }),
  recommended_on: col.date({ min: '2000-01-01' }),
  recommended_amount: col.moneyYuan({ min: 0.01 }),
  bank_code: col.text({ max: 50 }),
  bank_decision: col.enum(['approved', 'declined', 'pending'] as const),
  decided_on: col.date({ min: '2000-01-01' }),
  approved_amount: col.moneyYuan({ min: 0.01 }),
});
type Row = RecordOf<typeof APPLICATION_IMPORT_COLUMNS>;
type Problem = { column: string; message: string };

const RECOMMENDED_ONLY = ['recommended_on', 'recommended_amount', 'bank_code', 'decided_on', 'approved_amount'] as const;

/** Cross-column rules: what each screening result and bank decision needs, and dates in order. */
function refine(r: Row): Problem[] {
  const p: Problem[] = [];
  const need = (c: keyof Row, why: string) => { if (r[c] === null) p.push({ column: c, message: `is required when ${why}` }); };
  const none = (c: keyof Row, why: string) => { if (r[c] !== null) p.push({ column: c, message: `must be empty when ${why}` }); };
  if (r.screening_result !== 'recommended') {
    for (const c of RECOMMENDED_ONLY) none(c, `screening_result is ${r.screening_result}`);
    if (r.bank_decision !== null && r.bank_decision !== 'pending') p.push({ column: 'bank_decision', message: `must be empty or pending when screening_result is ${r.screening_result}` });
    return p;
  }
  need('recommended_on', 'screening_result is recommended');
  need('recommended_amount', 'screening_result is recommended');
  need('bank_code', 'screening_result is recommended');
  const decision = r.bank_decision ?? 'pending';
  if (decision === 'approved') { need('decided_on', 'bank_decision is approved'); need('approved_amount', 'bank_decision is approved'); }
  if (decision === 'declined') { need('decided_on', 'bank_decision is declined'); none('approved_amount', 'bank_decision is declined'); }
  if (decision === 'pending') { none('decided_on', 'bank_decision is pending'); none('approved_amount', 'bank_decision is pending'); }
  if (r.recommended_on && r.recommended_on < r.submitted_on) p.push({ column: 'recommended_on', message: `${r.recommended_on} is before submitted_on ${r.submitted_on}` });
  if (r.decided_on && r.recommended_on && r.decided_on < r.recommended_on) p.push({ column: 'decided_on', message: `${r.decided_on} is before recommended_on ${r.recommended_on}` });
  return p;
}

export function finalStatus(r: Row): ApplicationStatus {
  if (r.screening_result === 'pending') return 'screening';
  if (r.screening_result !== 'recommended') return r.screening_result;
  const d = r.bank_decision ?? 'pending';
  return d === 'pending' ? 'recommended' : d;
}

export interface ApplicationImportReport extends ImportReport {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  /** Imported before and moved on the platform since: left as the platform has it. */
  keptPlatform: number;
  enterprisesCreated: number;
}

/**
 * All-or-nothing: every row and every reference (product, bank, an application number already used on the
 * platform) is checked before anything is written, then one transaction writes it all. Upsert by
 * application_no: re-importing the same file changes nothing.
 */
export async function importApplications(db: Database, ctx: ActorContext, file: { filename: string; buffer: Buffer }, options: { dryRun: boolean }): Promise<ApplicationImportReport> {
  const parsed = await parseTableFile(file, APPLICATION_IMPORT_COLUMNS, { uniqueBy: ['application_no'], refine });
  const empty = { dryRun: options.dryRun, created: 0, updated: 0, unchanged: 0, keptPlatform: 0, enterprisesCreated: 0 };
  if (parsed.errors.length) return { ...importReport(0, parsed.errors), ...empty };
  const records = parsed.records;
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('kcjr.application.import'))`.execute(trx);
    const refs = await references(trx, records.map((r) => r.value));
    const errors: TableError[] = [];
    for (const { line, value: r } of records) {
      if (!refs.products.has(r.product_code)) errors.push({ line, column: 'product_code', message: `no product with code '${r.product_code}'` });
      if (r.bank_code !== null && !refs.banks.has(r.bank_code)) errors.push({ line, column: 'bank_code', message: `no bank with code '${r.bank_code}'` });
      const existing = refs.applications.get(r.application_no);
      if (existing && !existing.imported) errors.push({ line, column: 'application_no', message: `'${r.application_no}' is an application made on the platform; an import cannot overwrite it` });
    }
    if (errors.length) return { ...importReport(0, errors), ...empty };
    if (options.dryRun) return { ...importReport(0, []), ...empty };
    const counts = await writeAll(trx, ctx, records.map((r) => r.value), refs, file.filename);
    return { ...importReport(records.length, []), dryRun: false, ...counts };
  });
}

async function references(trx: Transaction<DB>, rows: Row[]) {
  const codes = [...new Set(rows.map((r) => r.product_code))];
  const banks = [...new Set(rows.flatMap((r) => (r.bank_code ? [r.bank_code] : [])))];
  const nos = rows.map((r) => r.application_no);
  const usccs = [...new Set(rows.map((r) => r.uscc))];
  const [p, b, a, e] = await Promise.all([
    codes.length ? trx.selectFrom('products').select(['id', 'code', 'current_version']).where('code', 'in', codes).execute() : [],
    banks.length ? trx.selectFrom('organizations').select(['id', 'code']).where('code', 'in', banks).where('kind', '=', 'bank').execute() : [],
    trx.selectFrom('applications').selectAll().where('application_no', 'in', nos).execute(),
    trx.selectFrom('enterprises').select(['id', 'uscc']).where('uscc', 'in', usccs).execute(),
  ]);
  // Imported applications that moved on the platform since (a bank decided, an officer reassigned): the
  // platform's record wins over the old file.
  const ids = a.map((x) => x.id);
  const moved = ids.length
    ? await trx.selectFrom('application_events').select('application_id').distinct().where('application_id', 'in', ids).where('imported', '=', false).execute()
    : [];
  return {
    movedOn: new Set(moved.map((m) => m.application_id)),
    products: new Map(p.map((x) => [x.code, x])),
    banks: new Map(b.map((x) => [x.code, x.id])),
    applications: new Map(a.map((x) => [x.application_no, x])),
    enterprises: new Map(e.map((x) => [x.uscc, x.id])),
  };
}
type Refs = Awaited<ReturnType<typeof references>>;

function desired(r: Row, refs: Refs, enterpriseId: string) {
  const product = refs.products.get(r.product_code)!;
  const recommended = r.screening_result === 'recommended';
  return {
    enterprise_id: enterpriseId, product_id: product.id, product_version: product.current_version, status: finalStatus(r), submitted_on: r.submitted_on,
    bank_org_id: recommended ? refs.banks.get(r.bank_code!)! : null, recommended_product_id: recommended ? product.id : null,
    recommended_product_version: recommended ? product.current_version : null, recommended_amount: r.recommended_amount, recommended_on: r.recommended_on,
    approved_amount: r.approved_amount, decided_on: r.decided_on, deferral_reason: r.screening_result === 'deferred' ? '历史导入：暂缓' : null,
  };
}

/** The history an imported application gets: each step it went through, on its date, marked imported. */
function historyOf(id: string, r: Row): EventInput[] {
  // Noon in Shanghai: the same calendar day whichever time zone shows the timestamp.
  const at = (d: string) => `${d}T12:00:00+08:00`;
  const ev = (action: string, from: string | null, to: string, on: string, data: Record<string, unknown> = {}): EventInput =>
    ({ applicationId: id, actorUserId: null, action, from, to, at: at(on), imported: true, reason: '历史数据导入', data });
  const list = [ev('import', null, 'submitted', r.submitted_on), ev('screen', 'submitted', 'screening', r.submitted_on)];
  if (r.screening_result === 'deferred' || r.screening_result === 'rejected') list.push(ev(r.screening_result === 'deferred' ? 'defer' : 'reject', 'screening', r.screening_result, r.submitted_on));
  if (r.screening_result === 'recommended') {
    list.push(ev('recommend', 'screening', 'recommended', r.recommended_on!, { assignmentSeq: 1, bankCode: r.bank_code, productCode: r.product_code, amount: r.recommended_amount! / 100 }));
    if (r.bank_decision === 'approved' || r.bank_decision === 'declined') {
      list.push(ev('accept', 'recommended', 'accepted', r.decided_on!));
      list.push(ev(r.bank_decision === 'approved' ? 'approve' : 'decline', 'accepted', r.bank_decision, r.decided_on!, r.approved_amount ? { amount: r.approved_amount / 100 } : {}));
    }
  }
  return list;
}

async function writeHistory(trx: Transaction<DB>, id: string, r: Row, refs: Refs) {
  await insertEvents(trx, historyOf(id, r));
  if (r.screening_result === 'recommended') {
    const product = refs.products.get(r.product_code)!;
    await trx.insertInto('application_assignments').values({
      application_id: id, seq: 1, bank_org_id: refs.banks.get(r.bank_code!)!, product_id: product.id, product_version: product.current_version,
      amount: r.recommended_amount, recommended_on: r.recommended_on!,
    }).execute();
  }
}

async function writeAll(trx: Transaction<DB>, ctx: ActorContext, rows: Row[], refs: Refs, filename: string) {
  const counts = { created: 0, updated: 0, unchanged: 0, keptPlatform: 0, enterprisesCreated: 0 };
  const audit: AuditEntry[] = [];
  const newEnterprises = [...new Map(rows.filter((r) => !refs.enterprises.has(r.uscc)).map((r) => [r.uscc, r])).values()];
  if (newEnterprises.length) {
    const inserted = await trx.insertInto('enterprises').values(newEnterprises.map((r) => ({ uscc: r.uscc, name: r.enterprise_name, district: r.district, sector: '其他' }))).returning(['id', 'uscc', 'name', 'district']).execute();
    for (const e of inserted) {
      refs.enterprises.set(e.uscc, e.id);
      audit.push({ action: 'enterprise.import.create', entityType: 'enterprise', entityId: e.id, after: { uscc: e.uscc, name: e.name, district: e.district, sector: '其他', source: 'application import' } });
    }
    counts.enterprisesCreated = inserted.length;
  }
  for (const r of rows) {
    const want = desired(r, refs, refs.enterprises.get(r.uscc)!);
    const existing = refs.applications.get(r.application_no);
    if (!existing) {
      const a = await trx.insertInto('applications').values({ application_no: r.application_no, ...want, imported: true, created_by: ctx.principal?.userId ?? null }).returning('id').executeTakeFirstOrThrow();
      await writeHistory(trx, a.id, r, refs);
      audit.push({ action: 'application.import.create', entityType: 'application', entityId: a.id, after: { applicationNo: r.application_no, ...want } });
      counts.created += 1;
      continue;
    }
    if (refs.movedOn.has(existing.id)) { counts.keptPlatform += 1; continue; }
    const before = Object.fromEntries(Object.keys(want).map((k) => [k, (existing as Record<string, unknown>)[k]]));
    const diff = changedFields(before, want as Record<string, unknown>);
    if (Object.keys(diff.after).length === 0) { counts.unchanged += 1; continue; }
    // A changed historical record is replaced whole: its imported history is rewritten from the new row.
    await trx.updateTable('applications').set({ ...want, updated_at: new Date() }).where('id', '=', existing.id).execute();
    await trx.deleteFrom('application_sla_warnings').where('application_id', '=', existing.id).execute();
    await trx.deleteFrom('application_assignments').where('application_id', '=', existing.id).execute();
    await trx.deleteFrom('application_events').where('application_id', '=', existing.id).where('imported', '=', true).execute();
    await writeHistory(trx, existing.id, r, refs);
    audit.push({ action: 'application.import.update', entityType: 'application', entityId: existing.id, ...diff });
    counts.updated += 1;
  }
  audit.push({ action: 'application.import', entityType: 'import', entityId: filename, after: { file: filename, rows: rows.length, ...counts } });
  await writeAuditBatch(trx, ctx, audit);
  return counts;
}
