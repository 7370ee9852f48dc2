import type { Database } from '../../db/connect';
import { todayInShanghai } from '../../platform/dates';
import { fenToYuanOrNull } from '../../platform/money';
import { writeCsv, writeXlsx } from '../../platform/tabular';
import { ENTERPRISE_IMPORT_COLUMNS } from './enterprise.import';
import { iterateEnterprises, latestFinancials, type SearchFilters } from './enterprise.repository';

const HEADER = Object.keys(ENTERPRISE_IMPORT_COLUMNS) as (keyof typeof ENTERPRISE_IMPORT_COLUMNS)[];
const MONEY = new Set(['revenue', 'rd_expense', 'total_cost', 'net_profit', 'total_assets', 'total_liabilities']);

/**
 * Exports the filtered registry in the import file's columns, with each enterprise's latest year of
 * financials, so an export re-imports unchanged. Paged by USCC: memory stays flat for any registry size.
 */
export async function exportEnterprises(db: Database, filters: SearchFilters, format: 'csv' | 'xlsx'): Promise<Buffer> {
  const rows: Record<string, unknown>[] = [];
  for await (const page of iterateEnterprises(db, filters, todayInShanghai())) {
    const fin = await latestFinancials(db, page.map((e) => e.id));
    for (const e of page) {
      const f = fin.get(e.id) as Record<string, unknown> | undefined;
      const row: Record<string, unknown> = { uscc: e.uscc, name: e.name, district: e.district, street: e.street, founded_on: e.founded_on, sector: e.sector };
      for (const c of HEADER.slice(6)) {
        const v = f?.[c] ?? null;
        row[c] = MONEY.has(c) ? fenToYuanOrNull(v as number | null) : v;
      }
      rows.push(row);
    }
  }
  if (format === 'csv') return writeCsv([...HEADER], rows.map((r) => HEADER.map((h) => r[h] ?? '')));
  return writeXlsx([{ name: 'enterprises', columns: HEADER.map((h) => ({ header: h, key: h, width: h === 'name' ? 40 : 16 })), rows }]);
}
