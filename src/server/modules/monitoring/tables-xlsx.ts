import { writeXlsx } from '../../platform/tabular';
import type { Table } from './indicator-tables';

/** Titled tables as an XLSX workbook, one sheet per table (sheet names are the titles, cut to Excel's 31). */
export function tablesToXlsx(tables: Table[]): Promise<Buffer> {
  const used = new Set<string>();
  return writeXlsx(tables.map((t) => {
    let name = t.title.replace(/[:\\/?*[\]]/g, '-').slice(0, 28);
    for (let i = 2; used.has(name); i++) name = `${name.slice(0, 26)}-${i}`;
    used.add(name);
    const keys = t.columns.map((_, i) => `c${i}`);
    return {
      name,
      columns: t.columns.map((header, i) => ({ header, key: keys[i]!, width: i === 0 ? 28 : 16 })),
      rows: t.rows.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i] ?? null]))),
    };
  }));
}
