import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Text a spreadsheet would run as a formula (CSV injection): '=HYPERLINK(…)', '@SUM(…)', '-2+3'. */
/** Text that already starts with the escape apostrophe is escaped again, so the reader's unescape is exact. */
export function needsFormulaEscape(text: string): boolean {
  return looksLikeFormula(text) || (text.startsWith("'") && looksLikeFormula(text.slice(1)));
}

function looksLikeFormula(text: string): boolean {
  if (!/^[=+\-@\t\r]/.test(text)) return false;
  return !/^-\d+(\.\d+)?$/.test(text); // a negative number is data, not a formula
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return isoDay(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  // Names and notes come from users; a leading apostrophe keeps Excel from executing them.
  return needsFormulaEscape(text) ? `'${text}` : text;
}

/**
 * CSV for download. UTF-8 with a byte-order mark because Excel on Chinese Windows
 * otherwise opens a CSV as GBK and garbles every Chinese name; CRLF per RFC 4180.
 * readCsv strips the mark again, so exports re-import unchanged.
 */
export function writeCsv(columns: string[], rows: unknown[][]): Buffer {
  const text = stringify([columns, ...rows.map((row) => row.map(csvCell))], { bom: true, record_delimiter: 'windows' });
  return Buffer.from(text, 'utf8');
}

export interface XlsxSheet {
  /** Excel limits sheet names to 31 characters without : \ / ? * [ ] */
  name: string;
  columns: { header: string; key: string; width?: number }[];
  rows: Record<string, unknown>[];
}

function xlsxCell(value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) {
    return value;
  }
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value);
}

/** An .xlsx workbook, one sheet per entry; header row bold and frozen. */
export async function writeXlsx(sheets: XlsxSheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const spec of sheets) {
    if (spec.name.length === 0 || spec.name.length > 31 || /[:\\/?*[\]]/.test(spec.name)) {
      throw new Error(`invalid sheet name '${spec.name}' (1–31 characters, none of : \\ / ? * [ ])`);
    }
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = spec.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? Math.max(10, c.header.length + 2) }));
    sheet.getRow(1).font = { bold: true };
    for (const row of spec.rows) {
      const values: Record<string, ExcelJS.CellValue> = {};
      for (const c of spec.columns) values[c.key] = xlsxCell(row[c.key]);
      const added = sheet.addRow(values);
      // Calendar dates, not timestamps: show them the way the import expects them.
      added.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
      });
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
