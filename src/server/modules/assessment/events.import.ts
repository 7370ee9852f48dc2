import { sql } from 'kysely';
import type { Database } from '../../db/connect';
import { writeAuditBatch, type AuditEntry } from '../../platform/audit';
import type { ActorContext } from '../../platform/principal';
import { STATION_CODE } from './events.schemas';
import { col, defineColumns, importReport, parseTableFile, type ImportReport, type RecordOf, type TableError } from '../../platform/tabular';

/**
 * `kcjr import events FILE` (issue #5): the activities banks co-hosted with the platform or a service station, as the
 * stations report them (seed 003 appendix 六, 附件 注2: 科银合作活动数据来自于科技金融服务站上报统计). One row per
 * hosting bank; `bank_code` empty for an activity without a bank. Upsert by (date, title, bank_code, station):
 * a re-imported row updates its attendees, an identical one changes nothing.
 */
export const EVENT_IMPORT_COLUMNS = defineColumns({
  date: col.date({ required: true, min: '2000-01-01' }),
  title: col.text({ required: true, max: 200 }),
  bank_code: col.text({ max: 50 }),
  station: col.text({ max: 50 }),
  attendees: col.int({ required: true, min: 0, max: 1_000_000 }),
});
type Row = RecordOf<typeof EVENT_IMPORT_COLUMNS>;

export interface EventImportReport extends ImportReport {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
}

const keyOf = (heldOn: string, title: string, bank: string | null, station: string | null) => JSON.stringify([heldOn, title, bank, station]);

/**
 * All-or-nothing unless skipInvalid (then the valid rows are written and the invalid ones reported): every row and
 * every bank code is checked before anything is written; the writes and their audit rows are one transaction.
 */
export async function importEvents(db: Database, ctx: ActorContext, file: { filename: string; buffer: Buffer }, options: { dryRun: boolean; skipInvalid: boolean }): Promise<EventImportReport> {
  const parsed = await parseTableFile(file, EVENT_IMPORT_COLUMNS, {
    refine: (r) => (r.station === null || STATION_CODE.test(r.station) ? [] : [{ column: 'station', message: `'${r.station}' is not a station code (2–32 capital letters, digits or hyphens, e.g. ST-WJC)` }]),
  });
  const empty = { dryRun: options.dryRun, created: 0, updated: 0, unchanged: 0 };
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('kcjr.event.import'))`.execute(trx);
    const codes = [...new Set(parsed.records.flatMap((r) => (r.value.bank_code ? [r.value.bank_code] : [])))];
    const banks = new Map(
      (codes.length ? await trx.selectFrom('organizations').select(['id', 'code']).where('code', 'in', codes).where('kind', '=', 'bank').execute() : []).map((b) => [b.code, b.id]),
    );
    const errors: TableError[] = [...parsed.errors];
    // The key may hold empty cells, which the parser's uniqueBy does not compare; checked here.
    const firstSeen = new Map<string, number>();
    const valid: { line: number; value: Row; bankOrgId: string | null }[] = [];
    for (const { line, value } of parsed.records) {
      if (value.bank_code !== null && !banks.has(value.bank_code)) {
        errors.push({ line, column: 'bank_code', message: `no bank with code '${value.bank_code}'` });
        continue;
      }
      const key = keyOf(value.date, value.title, value.bank_code, value.station);
      const seen = firstSeen.get(key);
      if (seen !== undefined) {
        errors.push({ line, column: 'date+title+bank_code+station', message: `duplicate event (${value.date}, '${value.title}', ${value.bank_code ?? 'no bank'}, ${value.station ?? 'no station'}), first seen on line ${seen}` });
        continue;
      }
      firstSeen.set(key, line);
      valid.push({ line, value, bankOrgId: value.bank_code ? banks.get(value.bank_code)! : null });
    }
    errors.sort((a, b) => a.line - b.line);
    if (errors.length > 0 && (!options.skipInvalid || errors.some((e) => e.line <= 1))) return { ...importReport(0, errors), ...empty };
    if (options.dryRun) return { ...importReport(0, errors), ...empty };

    const existing = new Map<string, { id: string; attendees: number }>();
    const dates = [...new Set(valid.map((v) => v.value.date))];
    for (let i = 0; i < dates.length; i += 500) {
      const rows = await trx.selectFrom('events').select(['id', 'held_on', 'title', 'bank_org_id', 'station_code', 'attendees']).where('held_on', 'in', dates.slice(i, i + 500)).execute();
      for (const r of rows) existing.set(keyOf(r.held_on, r.title, r.bank_org_id, r.station_code), r);
    }
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const audit: AuditEntry[] = [];
    for (const { value: v, bankOrgId } of valid) {
      const found = existing.get(keyOf(v.date, v.title, bankOrgId, v.station));
      const shown = { heldOn: v.date, title: v.title, bankCode: v.bank_code, stationCode: v.station, attendees: v.attendees };
      if (!found) {
        const row = await trx.insertInto('events').values({ held_on: v.date, title: v.title, bank_org_id: bankOrgId, station_code: v.station, attendees: v.attendees, created_by: ctx.principal?.userId ?? null }).returning('id').executeTakeFirstOrThrow();
        audit.push({ action: 'event.import.create', entityType: 'event', entityId: row.id, after: shown });
        counts.created += 1;
      } else if (found.attendees !== v.attendees) {
        await trx.updateTable('events').set({ attendees: v.attendees, updated_at: new Date() }).where('id', '=', found.id).execute();
        audit.push({ action: 'event.import.update', entityType: 'event', entityId: found.id, before: { attendees: found.attendees }, after: { attendees: v.attendees } });
        counts.updated += 1;
      } else counts.unchanged += 1;
    }
    audit.push({ action: 'event.import', entityType: 'import', entityId: file.filename, after: { file: file.filename, rows: valid.length, ...counts } });
    await writeAuditBatch(trx, ctx, audit);
    return { ...importReport(valid.length, errors), dryRun: false, ...counts };
  });
}
