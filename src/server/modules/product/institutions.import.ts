import { sql } from 'kysely';
import type { Database } from '../../db/connect';
import { writeAuditBatch, type AuditEntry } from '../../platform/audit';
import type { ActorContext } from '../../platform/principal';
import { col, defineColumns, importReport, parseTableFile, type ImportReport, type TableError } from '../../platform/tabular';
import { CODE_PATTERN, INSTITUTION_KINDS } from './product.schemas';

/** `kcjr import institutions FILE` (issue #4): the office and its partner institutions, upserted by code. */
export const INSTITUTION_IMPORT_COLUMNS = defineColumns({
  code: col.text({ required: true, max: 50 }),
  name: col.text({ required: true, max: 200 }),
  kind: col.enum(INSTITUTION_KINDS, { required: true }),
});

export interface ImportOptions {
  dryRun: boolean;
  skipInvalid: boolean;
}

export interface CountedImportReport extends ImportReport {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * All-or-nothing like the enterprise import: every row is checked (file and database) before anything is written,
 * and the writes happen in one transaction with their audit rows. An organisation's kind is fixed once created
 * (its users' roles depend on it), so a row that would change it is an error on the `kind` column.
 */
export async function importInstitutions(db: Database, ctx: ActorContext, file: { filename: string; buffer: Buffer }, options: ImportOptions): Promise<CountedImportReport> {
  const parsed = await parseTableFile(file, INSTITUTION_IMPORT_COLUMNS, {
    uniqueBy: ['code'],
    refine: (r) => (CODE_PATTERN.test(r.code) ? [] : [{ column: 'code', message: `'${r.code}' is not a code (letters, digits, dot, underscore, hyphen; starting with a letter or digit)` }]),
  });
  const empty = { dryRun: options.dryRun, created: 0, updated: 0, unchanged: 0 };
  return db.transaction().execute(async (trx) => {
    // One import at a time, so two uploads of one file do not both insert its new codes.
    await sql`select pg_advisory_xact_lock(hashtext('kcjr.institution.import'))`.execute(trx);
    const existing = new Map<string, { id: string; name: string; kind: string }>();
    const codes = parsed.records.map((r) => r.value.code);
    for (let i = 0; i < codes.length; i += 500) {
      const rows = await trx.selectFrom('organizations').select(['id', 'code', 'name', 'kind']).where('code', 'in', codes.slice(i, i + 500)).execute();
      for (const r of rows) existing.set(r.code, r);
    }
    const errors: TableError[] = [...parsed.errors];
    const valid = parsed.records.filter(({ line, value }) => {
      const found = existing.get(value.code);
      if (found && found.kind !== value.kind) {
        errors.push({ line, column: 'kind', message: `organisation ${value.code} exists as a ${found.kind}; its kind cannot change to ${value.kind}` });
        return false;
      }
      return true;
    });
    errors.sort((a, b) => a.line - b.line);
    if (errors.length > 0 && (!options.skipInvalid || errors.some((e) => e.line <= 1))) return { ...importReport(0, errors), ...empty };
    if (options.dryRun) return { ...importReport(0, errors), ...empty };
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const audit: AuditEntry[] = [];
    for (const { value } of valid) {
      const found = existing.get(value.code);
      if (!found) {
        const row = await trx.insertInto('organizations').values({ code: value.code, name: value.name, kind: value.kind, enterprise_id: null }).returning('id').executeTakeFirstOrThrow();
        audit.push({ action: 'organization.import.create', entityType: 'organization', entityId: row.id, after: value });
        counts.created += 1;
      } else if (found.name !== value.name) {
        await trx.updateTable('organizations').set({ name: value.name }).where('id', '=', found.id).execute();
        audit.push({ action: 'organization.import.update', entityType: 'organization', entityId: found.id, before: { name: found.name }, after: { name: value.name } });
        counts.updated += 1;
      } else counts.unchanged += 1;
    }
    audit.push({ action: 'organization.import', entityType: 'import', entityId: file.filename, after: { file: file.filename, rows: valid.length, ...counts } });
    await writeAuditBatch(trx, ctx, audit);
    return { ...importReport(valid.length, errors), dryRun: false, ...counts };
  });
}
