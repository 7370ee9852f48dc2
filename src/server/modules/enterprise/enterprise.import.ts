import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/connect';
import type { DB } from '../../db/schema';
import { SECTORS, SHANGHAI_DISTRICTS } from '../../../shared/enterprise';
import { changedFields, writeAuditBatch, type AuditEntry } from '../../platform/audit';
import { conflict } from '../../platform/errors';
import type { ActorContext } from '../../platform/principal';
import { col, defineColumns, importReport, parseTableFile, type ImportReport, type RecordOf } from '../../platform/tabular';
import { isUniqueViolation } from './enterprise.repository';

/** The enterprise import file (issue #2): one row per enterprise; the financial columns fill `year`'s financials. */
export const ENTERPRISE_IMPORT_COLUMNS = defineColumns({
  uscc: col.uscc({ required: true }),
  name: col.text({ required: true, max: 200 }),
  district: col.enum(SHANGHAI_DISTRICTS, { required: true }),
  street: col.text({ max: 100 }),
  founded_on: col.date({ min: '1900-01-01' }),
  sector: col.enum(SECTORS, { required: true }),
  employees: col.int({ min: 0 }),
  rd_staff: col.int({ min: 0 }),
  revenue: col.moneyYuan({ min: 0 }),
  rd_expense: col.moneyYuan({ min: 0 }),
  total_cost: col.moneyYuan({ min: 0 }),
  // A loss is a negative net profit: the one amount column that may be below zero.
  net_profit: col.moneyYuan(),
  total_assets: col.moneyYuan({ min: 0 }),
  total_liabilities: col.moneyYuan({ min: 0 }),
  year: col.int({ min: 1900, max: 2200 }),
});
type Row = RecordOf<typeof ENTERPRISE_IMPORT_COLUMNS>;

const FINANCIAL_COLUMNS = ['employees', 'rd_staff', 'revenue', 'rd_expense', 'total_cost', 'net_profit', 'total_assets', 'total_liabilities'] as const;

export interface ImportOptions {
  dryRun: boolean;
  skipInvalid: boolean;
}

export interface EnterpriseImportReport extends ImportReport {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * All-or-nothing (unless skipInvalid): every row is checked before anything is written, and the writes
 * happen in one transaction. Upsert by USCC, so importing the same file twice changes nothing the second time.
 */
export async function importEnterprises(
  db: Database,
  ctx: ActorContext,
  file: { filename: string; buffer: Buffer },
  options: ImportOptions,
): Promise<EnterpriseImportReport> {
  const parsed = await parseTableFile(file, ENTERPRISE_IMPORT_COLUMNS, {
    uniqueBy: ['uscc'],
    refine: (r) => {
      const problems: { column: string; message: string }[] = [];
      if (r.year === null && FINANCIAL_COLUMNS.some((c) => r[c] !== null)) {
        problems.push({ column: 'year', message: 'is required when any financial column is filled' });
      }
      if (r.rd_staff !== null && r.employees !== null && r.rd_staff > r.employees) {
        problems.push({ column: 'rd_staff', message: `${r.rd_staff} R&D staff exceed ${r.employees} employees` });
      }
      return problems;
    },
  });
  const empty = { dryRun: options.dryRun, created: 0, updated: 0, unchanged: 0 };
  if (parsed.errors.length > 0 && (!options.skipInvalid || parsed.errors.some((e) => e.line <= 1))) {
    return { ...importReport(0, parsed.errors), ...empty };
  }
  const rows = parsed.records.map((r) => r.value);
  if (options.dryRun) return { ...importReport(0, parsed.errors), ...empty };
  const counts = await db
    .transaction()
    .execute(async (trx) => {
      // Imports run one at a time, so two uploads of the same file do not both insert its new USCCs: the second
      // waits, then finds them and reports them unchanged.
      await sql`select pg_advisory_xact_lock(hashtext('kcjr.enterprise.import'))`.execute(trx);
      return upsertAll(trx, ctx, rows, file.filename);
    })
    .catch((err: unknown) => {
      // A registration through the API raced this import for a USCC; nothing was written, the user may retry.
      if (isUniqueViolation(err)) throw conflict('an enterprise in this file was registered while it was being imported; import it again');
      throw err;
    });
  return { ...importReport(counts.created + counts.updated + counts.unchanged, parsed.errors), dryRun: false, ...counts };
}

const CHUNK = 500;

async function upsertAll(trx: Transaction<DB>, ctx: ActorContext, rows: Row[], filename: string) {
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const audit: AuditEntry[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const existing = await trx.selectFrom('enterprises').selectAll().where('uscc', 'in', chunk.map((r) => r.uscc)).execute();
    const byUscc = new Map(existing.map((e) => [e.uscc, e]));
    const years = chunk.filter((r) => r.year !== null && byUscc.has(r.uscc));
    // Look the (enterprise, year) pairs up through the primary key: a 500-way OR made PostgreSQL scan
    // every financial row once per chunk, so a re-import slowed down as the registry grew.
    const finRows = years.length
      ? (
          await sql<DB['enterprise_financials']>`
            select f.* from enterprise_financials f
            join unnest(${years.map((r) => byUscc.get(r.uscc)!.id)}::uuid[], ${years.map((r) => r.year!)}::int[]) as k(enterprise_id, year)
              on f.enterprise_id = k.enterprise_id and f.year = k.year`.execute(trx)
        ).rows
      : [];
    const finByKey = new Map(finRows.map((f) => [`${f.enterprise_id}:${f.year}`, f]));

    const toInsert = chunk.filter((r) => !byUscc.has(r.uscc));
    if (toInsert.length) {
      const inserted = await trx.insertInto('enterprises').values(toInsert.map(profileOf)).returning(['id', 'uscc']).execute();
      for (const e of inserted) {
        byUscc.set(e.uscc, { id: e.id } as never);
        audit.push({ action: 'enterprise.import.create', entityType: 'enterprise', entityId: e.id, after: profileOf(toInsert.find((r) => r.uscc === e.uscc)!) });
      }
      counts.created += inserted.length;
    }
    const finUpserts: DB['enterprise_financials'][] = [];
    for (const r of chunk) {
      const current = byUscc.get(r.uscc)!;
      const isNew = toInsert.includes(r);
      let changed = isNew;
      if (!isNew) {
        const before = pickProfile(current as unknown as Record<string, unknown>);
        const after = profileOf(r);
        const diff = changedFields(before, after as unknown as Record<string, unknown>);
        if (Object.keys(diff.after).length) {
          await trx.updateTable('enterprises').set({ ...after, updated_at: new Date() }).where('id', '=', current.id).execute();
          audit.push({ action: 'enterprise.import.update', entityType: 'enterprise', entityId: current.id, ...diff });
          changed = true;
        }
      }
      if (r.year !== null) {
        const fin = financialsOf(current.id, r);
        const before = finByKey.get(`${current.id}:${r.year}`);
        const merged = before ? { ...before, ...definedOnly(fin) } : fin;
        const diff = changedFields((before ?? {}) as Record<string, unknown>, merged as unknown as Record<string, unknown>);
        if (Object.keys(diff.after).length) {
          finUpserts.push(merged);
          audit.push({ action: 'enterprise.import.financials', entityType: 'enterprise', entityId: current.id, ...diff });
          changed = true;
        }
      }
      if (!isNew) counts[changed ? 'updated' : 'unchanged'] += 1;
    }
    if (finUpserts.length) {
      await trx
        .insertInto('enterprise_financials')
        .values(finUpserts)
        .onConflict((oc) =>
          oc.columns(['enterprise_id', 'year']).doUpdateSet((eb) =>
            Object.fromEntries(FIN_DB_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)])) as never,
          ),
        )
        .execute();
    }
  }
  audit.push({ action: 'enterprise.import', entityType: 'import', entityId: filename, after: { file: filename, rows: rows.length, ...counts } });
  await writeAuditBatch(trx, ctx, audit);
  return counts;
}

const FIN_DB_COLUMNS = ['revenue', 'rd_expense', 'total_cost', 'net_profit', 'total_assets', 'total_liabilities', 'employees', 'rd_staff'] as const;

function profileOf(r: Row) {
  return { uscc: r.uscc, name: r.name, district: r.district, street: r.street, founded_on: r.founded_on, sector: r.sector };
}

function pickProfile(e: Record<string, unknown>) {
  return { uscc: e.uscc, name: e.name, district: e.district, street: e.street, founded_on: e.founded_on, sector: e.sector };
}

function financialsOf(enterpriseId: string, r: Row): DB['enterprise_financials'] {
  return {
    enterprise_id: enterpriseId,
    year: r.year!,
    revenue: r.revenue,
    main_business_revenue: null,
    high_tech_product_revenue: null,
    rd_expense: r.rd_expense,
    total_cost: r.total_cost,
    net_profit: r.net_profit,
    total_assets: r.total_assets,
    total_liabilities: r.total_liabilities,
    employees: r.employees,
    rd_staff: r.rd_staff,
  };
}

/** A blank cell in the file leaves an existing figure as it is (other sources may have filled it). */
function definedOnly(f: DB['enterprise_financials']): Partial<DB['enterprise_financials']> {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== null));
}
