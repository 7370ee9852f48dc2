import { sql } from 'kysely';
import type { Database } from '../../db/connect';
import { writeAuditBatch, type AuditEntry } from '../../platform/audit';
import type { ActorContext } from '../../platform/principal';
import { col, defineColumns, importReport, parseTableFile, type TableError } from '../../platform/tabular';
import type { CountedImportReport, ImportOptions } from './institutions.import';
import { CODE_PATTERN, PRODUCT_TYPES } from './product.schemas';

/**
 * `kcjr import products FILE` (issue #4). The owner is an institution, or the office for a platform programme
 * (科技履约贷 …) offered through the partners listed in partner_codes, separated by ';'. Terms and criteria are
 * not in the file: they are set per product (a new version) through the API.
 */
export const PRODUCT_IMPORT_COLUMNS = defineColumns({
  code: col.text({ required: true, max: 50 }),
  name: col.text({ required: true, max: 200 }),
  type: col.enum(PRODUCT_TYPES, { required: true }),
  owner_code: col.text({ required: true, max: 50 }),
  partner_codes: col.text({ max: 2000 }),
});

const PARTNER_KINDS = new Set(['bank', 'guarantor', 'insurer', 'fund']);
const splitCodes = (text: string | null) => [...new Set((text ?? '').split(/[;；]/).map((c) => c.trim()).filter(Boolean))];

export async function importProducts(db: Database, ctx: ActorContext, file: { filename: string; buffer: Buffer }, options: ImportOptions): Promise<CountedImportReport> {
  const parsed = await parseTableFile(file, PRODUCT_IMPORT_COLUMNS, {
    uniqueBy: ['code'],
    refine: (r) => (CODE_PATTERN.test(r.code) ? [] : [{ column: 'code', message: `'${r.code}' is not a code (letters, digits, dot, underscore, hyphen; starting with a letter or digit)` }]),
  });
  const empty = { dryRun: options.dryRun, created: 0, updated: 0, unchanged: 0 };
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('kcjr.product.import'))`.execute(trx);
    const orgCodes = [...new Set(parsed.records.flatMap((r) => [r.value.owner_code, ...splitCodes(r.value.partner_codes)]))];
    const orgs = new Map<string, { id: string; kind: string }>();
    const products = new Map<string, { id: string; name: string; type: string; owner_org_id: string }>();
    const productCodes = parsed.records.map((r) => r.value.code);
    for (let i = 0; i < Math.max(orgCodes.length, productCodes.length); i += 500) {
      const oc = orgCodes.slice(i, i + 500);
      if (oc.length) for (const o of await trx.selectFrom('organizations').select(['id', 'code', 'kind']).where('code', 'in', oc).execute()) orgs.set(o.code, o);
      const pc = productCodes.slice(i, i + 500);
      if (pc.length) for (const p of await trx.selectFrom('products').select(['id', 'code', 'name', 'type', 'owner_org_id']).where('code', 'in', pc).execute()) products.set(p.code, p);
    }
    const errors: TableError[] = [...parsed.errors];
    const rows = [];
    for (const { line, value } of parsed.records) {
      const rowErrors: TableError[] = [];
      const owner = orgs.get(value.owner_code);
      if (!owner) rowErrors.push({ line, column: 'owner_code', message: `no institution with code '${value.owner_code}'` });
      else if (owner.kind === 'enterprise') rowErrors.push({ line, column: 'owner_code', message: `'${value.owner_code}' is an enterprise, not an institution` });
      const partnerCodes = splitCodes(value.partner_codes);
      const partners: string[] = [];
      for (const code of partnerCodes) {
        const org = orgs.get(code);
        if (!org) rowErrors.push({ line, column: 'partner_codes', message: `no institution with code '${code}'` });
        else if (!PARTNER_KINDS.has(org.kind)) rowErrors.push({ line, column: 'partner_codes', message: `'${code}' is a ${org.kind}, not a bank, guarantor, insurer or fund` });
        else partners.push(org.id);
      }
      if (owner && owner.kind !== 'office' && partnerCodes.length) {
        rowErrors.push({ line, column: 'partner_codes', message: `only platform programmes (owned by the office) have partners; '${value.owner_code}' is a ${owner.kind}` });
      }
      const existing = products.get(value.code);
      if (owner && existing && existing.owner_org_id !== owner.id) {
        rowErrors.push({ line, column: 'owner_code', message: `product ${value.code} is already offered by another organisation; its owner cannot change` });
      }
      if (rowErrors.length) errors.push(...rowErrors);
      else rows.push({ value, owner: owner!, partners, existing });
    }
    errors.sort((a, b) => a.line - b.line);
    if (errors.length > 0 && (!options.skipInvalid || errors.some((e) => e.line <= 1))) return { ...importReport(0, errors), ...empty };
    if (options.dryRun) return { ...importReport(0, errors), ...empty };

    const counts = { created: 0, updated: 0, unchanged: 0 };
    const audit: AuditEntry[] = [];
    for (const { value, owner, partners, existing } of rows) {
      const isProgramme = owner.kind === 'office';
      let id: string;
      let changed = false;
      if (!existing) {
        const row = await trx.insertInto('products').values({ code: value.code, name: value.name, type: value.type, owner_org_id: owner.id, is_programme: isProgramme, status: 'active', current_version: 1 })
          .returning('id').executeTakeFirstOrThrow();
        id = row.id;
        await trx.insertInto('product_versions').values({ product_id: id, version: 1, criteria: '{}', created_by: ctx.principal?.userId ?? null }).execute();
        audit.push({ action: 'product.import.create', entityType: 'product', entityId: id, after: { ...value, isProgramme } });
        counts.created += 1;
      } else {
        id = existing.id;
        if (existing.name !== value.name || existing.type !== value.type) {
          await trx.updateTable('products').set({ name: value.name, type: value.type, updated_at: new Date() }).where('id', '=', id).execute();
          audit.push({ action: 'product.import.update', entityType: 'product', entityId: id, before: { name: existing.name, type: existing.type }, after: { name: value.name, type: value.type } });
          changed = true;
        }
      }
      if (isProgramme) {
        const current = existing ? (await trx.selectFrom('product_partners').select('org_id').where('product_id', '=', id).execute()).map((r) => r.org_id).sort() : [];
        const wanted = [...partners].sort();
        if (current.join() !== wanted.join()) {
          if (current.length) await trx.deleteFrom('product_partners').where('product_id', '=', id).execute();
          if (wanted.length) await trx.insertInto('product_partners').values(wanted.map((org_id) => ({ product_id: id, org_id }))).execute();
          if (existing) audit.push({ action: 'product.import.partners', entityType: 'product', entityId: id, before: { partnerOrgIds: current }, after: { partnerOrgIds: wanted } });
          changed = true;
        }
      }
      if (existing) counts[changed ? 'updated' : 'unchanged'] += 1;
    }
    audit.push({ action: 'product.import', entityType: 'import', entityId: file.filename, after: { file: file.filename, rows: rows.length, ...counts } });
    await writeAuditBatch(trx, ctx, audit);
    return { ...importReport(rows.length, errors), dryRun: false, ...counts };
  });
}
