import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/connect';
import type { DB } from '../../db/schema';
import { writeAuditBatch, type AuditEntry } from '../../platform/audit';
import { todayInShanghai } from '../../platform/dates';
import type { ActorContext } from '../../platform/principal';
import { col, defineColumns, parseTableFile, type Column, type ColumnSchema, type RecordOf, type TableError } from '../../platform/tabular';
import { isMonth, periodBounds } from './consent-rules';

// The feeds behind 银税互动 / 信易贷 (沪科提复〔2025〕42号 §4: 本市先后开放了税务、…、社保 等公共数据): the tax bureau's
// filings and the social insurance headcounts, delivered as files. Each import is all-or-nothing: every row is
// checked (cells, duplicates, USCC known to the registry) before one transaction writes them all.

const taxPeriod: Column<string, true> = {
  kind: 'text', required: true, hint: 'YYYY, YYYY-Qn or YYYY-MM',
  parse: (t) => (periodBounds(t) ? { ok: true, value: t } : { ok: false, message: `'${t}' is not a period: use YYYY, YYYY-Qn (Q1–Q4) or YYYY-MM` }),
};
const month: Column<string, true> = {
  kind: 'text', required: true, hint: 'YYYY-MM',
  parse: (t) => (isMonth(t) ? { ok: true, value: t } : { ok: false, message: `'${t}' is not a month YYYY-MM` }),
};

export const TAX_FILING_COLUMNS = defineColumns({
  uscc: col.uscc({ required: true }),
  period: taxPeriod,
  tax_type: col.text({ required: true, max: 50 }),
  taxable_revenue: col.moneyYuan({ min: 0 }),
  tax_paid: col.moneyYuan({ required: true, min: 0 }),
  filed_on: col.date({ min: '1990-01-01' }),
});
export const SOCIAL_INSURANCE_COLUMNS = defineColumns({
  uscc: col.uscc({ required: true }),
  month,
  headcount: col.int({ required: true, min: 0, max: 10_000_000 }),
});

export interface FeedImportReport {
  ok: boolean;
  imported: number;
  dryRun: boolean;
  created: number;
  updated: number;
  errors: TableError[];
}

interface FeedSpec<S extends ColumnSchema> {
  name: 'tax_filings' | 'social_insurance';
  columns: S;
  uniqueBy: ReadonlyArray<keyof S & string | ReadonlyArray<keyof S & string>>;
  refine?: (r: RecordOf<S>, today: string) => { column: string; message: string }[];
  /** Upserts the chunk and returns, per row, whether it was inserted (false: an existing record was replaced). */
  write: (trx: Transaction<DB>, rows: { enterpriseId: string; r: RecordOf<S> }[]) => Promise<boolean[]>;
  key: (r: RecordOf<S>) => string;
}

const TAX_FEED: FeedSpec<typeof TAX_FILING_COLUMNS> = {
  name: 'tax_filings',
  columns: TAX_FILING_COLUMNS,
  uniqueBy: [['uscc', 'period', 'tax_type']],
  refine: (r, today) => {
    const b = periodBounds(r.period)!;
    const problems: { column: string; message: string }[] = [];
    if (b.start > today) problems.push({ column: 'period', message: `${r.period} has not begun yet (today is ${today})` });
    if (r.filed_on !== null && r.filed_on < b.start) problems.push({ column: 'filed_on', message: `${r.filed_on} is before the period ${r.period} begins` });
    return problems;
  },
  key: (r) => `${r.period} ${r.tax_type}`,
  write: async (trx, rows) => {
    const out = await trx
      .insertInto('enterprise_tax_filings')
      .values(rows.map(({ enterpriseId, r }) => ({ enterprise_id: enterpriseId, period: r.period, tax_type: r.tax_type, taxable_revenue: r.taxable_revenue, tax_paid: r.tax_paid, filed_on: r.filed_on })))
      .onConflict((oc) => oc.columns(['enterprise_id', 'period', 'tax_type']).doUpdateSet((eb) => ({
        taxable_revenue: eb.ref('excluded.taxable_revenue'), tax_paid: eb.ref('excluded.tax_paid'), filed_on: eb.ref('excluded.filed_on'), source: 'tax_bureau',
      })))
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute();
    return out.map((o) => o.inserted);
  },
};

const SOCIAL_FEED: FeedSpec<typeof SOCIAL_INSURANCE_COLUMNS> = {
  name: 'social_insurance',
  columns: SOCIAL_INSURANCE_COLUMNS,
  uniqueBy: [['uscc', 'month']],
  refine: (r, today) => (r.month > today.slice(0, 7) ? [{ column: 'month', message: `${r.month} is after the current month` }] : []),
  key: (r) => r.month,
  write: async (trx, rows) => {
    const out = await trx
      .insertInto('enterprise_social_insurance')
      .values(rows.map(({ enterpriseId, r }) => ({ enterprise_id: enterpriseId, month: r.month, headcount: r.headcount })))
      .onConflict((oc) => oc.columns(['enterprise_id', 'month']).doUpdateSet((eb) => ({ headcount: eb.ref('excluded.headcount'), source: 'social_insurance' })))
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute();
    return out.map((o) => o.inserted);
  },
};

const CHUNK = 1000;

async function importFeed<S extends ColumnSchema & { uscc: Column<string, true> }>(
  db: Database, ctx: ActorContext, spec: FeedSpec<S>, file: { filename: string; buffer: Buffer }, options: { dryRun: boolean },
): Promise<FeedImportReport> {
  const today = todayInShanghai();
  const parsed = await parseTableFile(file, spec.columns, { uniqueBy: spec.uniqueBy, ...(spec.refine ? { refine: (r: RecordOf<S>) => spec.refine!(r, today) } : {}) });
  const errors = [...parsed.errors];
  // An unknown USCC is a row error: these feeds describe registered enterprises, they never create one.
  const usccs = [...new Set(parsed.records.map((x) => x.value.uscc as string))];
  const ids = new Map<string, string>();
  for (let i = 0; i < usccs.length; i += CHUNK) {
    const found = await db.selectFrom('enterprises').select(['id', 'uscc']).where('uscc', 'in', usccs.slice(i, i + CHUNK)).execute();
    for (const e of found) ids.set(e.uscc, e.id);
  }
  for (const rec of parsed.records) {
    if (!ids.has(rec.value.uscc as string)) errors.push({ line: rec.line, column: 'uscc', message: `no enterprise with USCC ${rec.value.uscc as string} in the registry` });
  }
  errors.sort((a, b) => a.line - b.line);
  const empty = { dryRun: options.dryRun, created: 0, updated: 0 };
  if (errors.length > 0) return { ok: false, imported: 0, errors, ...empty };
  if (options.dryRun) return { ok: true, imported: 0, errors: [], ...empty };

  const rows = parsed.records.map((x) => ({ enterpriseId: ids.get(x.value.uscc as string)!, r: x.value }));
  const counts = await db.transaction().execute(async (trx) => {
    let created = 0;
    const perEnterprise = new Map<string, { created: string[]; updated: string[] }>();
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const inserted = await spec.write(trx, chunk);
      chunk.forEach((row, k) => {
        const entry = perEnterprise.get(row.enterpriseId) ?? { created: [], updated: [] };
        entry[inserted[k] ? 'created' : 'updated'].push(spec.key(row.r));
        perEnterprise.set(row.enterpriseId, entry);
        if (inserted[k]) created += 1;
      });
    }
    const audit: AuditEntry[] = [...perEnterprise].map(([enterpriseId, changes]) => ({
      action: `consent_data.${spec.name}.import`, entityType: 'enterprise', entityId: enterpriseId, after: { file: file.filename, ...changes },
    }));
    audit.push({ action: `consent_data.${spec.name}.import`, entityType: 'import', entityId: file.filename, after: { file: file.filename, rows: rows.length, created, updated: rows.length - created } });
    await writeAuditBatch(trx, ctx, audit);
    return { created, updated: rows.length - created };
  });
  return { ok: true, imported: rows.length, errors: [], dryRun: false, ...counts };
}

export const importTaxFilings = (db: Database, ctx: ActorContext, file: { filename: string; buffer: Buffer }, options = { dryRun: false }) =>
  importFeed(db, ctx, TAX_FEED, file, options);
export const importSocialInsurance = (db: Database, ctx: ActorContext, file: { filename: string; buffer: Buffer }, options = { dryRun: false }) =>
  importFeed(db, ctx, SOCIAL_FEED, file, options);
