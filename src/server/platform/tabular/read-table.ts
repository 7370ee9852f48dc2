import { needsFormulaEscape } from './write';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { TableFileError } from './errors';

export type TableFormat = 'csv' | 'xlsx';

export interface TableRow {
  /** Physical line (CSV) or sheet row (XLSX) where the record starts; the header is line 1. */
  line: number;
  /** Cell text by header name (first column wins when a header repeats). */
  cells: Record<string, string>;
  /** Non-empty cells beyond the last header column, if any. */
  extra?: string[];
}

export interface Table {
  /** Trimmed header names, trailing empty header cells dropped. */
  header: string[];
  /** Data rows; rows whose cells are all blank are skipped. */
  rows: TableRow[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // legacy .xls (BIFF in an OLE container)

const startsWith = (buffer: Buffer, magic: number[]) => magic.every((b, i) => buffer[i] === b);

/** Decide the format from the content first (an xlsx is a zip), then the extension. */
export function detectFormat(filename: string, buffer: Buffer): TableFormat {
  const ext = /\.([^.]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
  if (startsWith(buffer, ZIP_MAGIC)) return 'xlsx';
  if (startsWith(buffer, OLE_MAGIC) || ext === 'xls') {
    throw new TableFileError('legacy .xls files are not supported; save the file as .xlsx or CSV UTF-8');
  }
  if (ext === 'xlsx') throw new TableFileError(`${filename} is not a valid .xlsx file (it is not a zip archive)`);
  if (ext === 'csv' || ext === 'txt' || ext === '') return 'csv';
  throw new TableFileError(`unsupported file type .${ext}; upload a .csv or .xlsx file`);
}

export async function readTable(buffer: Buffer, format: TableFormat, options: { sheet?: string } = {}): Promise<Table> {
  return format === 'csv' ? readCsv(buffer) : readXlsx(buffer, options.sheet);
}

function buildTable(header: string[], records: { line: number; values: string[] }[]): Table {
  const trimmed = header.map((h) => h.trim());
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === '') trimmed.pop();
  const rows: TableRow[] = [];
  for (const { line, values } of records) {
    if (values.every((v) => v.trim() === '')) continue;
    const cells = new Map<string, string>();
    trimmed.forEach((name, i) => {
      if (name !== '' && !cells.has(name)) cells.set(name, values[i] ?? '');
    });
    const row: TableRow = { line, cells: Object.fromEntries(cells) };
    const extra = values.slice(trimmed.length).filter((v) => v.trim() !== '');
    if (extra.length > 0) row.extra = extra;
    rows.push(row);
  }
  return { header: trimmed, rows };
}

// ---- CSV ----------------------------------------------------------------

/** Byte offset of the first invalid UTF-8 sequence, or -1. */
function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlong 3/4-byte forms, UTF-16 surrogates and code points above U+10FFFF.
    const b1 = buf[i + 1] ?? 0;
    if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f) || (b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) {
      return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Advances a line counter over a buffer, treating CRLF, LF and a lone CR as one line break each. */
class LineCounter {
  private pos = 0;
  private breaks = 0;
  constructor(private readonly buf: Buffer) {}
  lineAt(offset: number): number {
    for (; this.pos < offset; this.pos++) {
      const b = this.buf[this.pos];
      if (b === 0x0a || (b === 0x0d && this.buf[this.pos + 1] !== 0x0a)) this.breaks++;
    }
    return this.breaks + 1;
  }
}

/**
 * writeCsv puts an apostrophe before text a spreadsheet would run as a formula ('+86科技'); take exactly
 * that apostrophe off again so an export re-imports unchanged. Other leading apostrophes are data.
 */
function unescapeFormula(cell: string): string {
  return cell.startsWith("'") && needsFormulaEscape(cell.slice(1)) ? cell.slice(1) : cell;
}

export function readCsv(input: Buffer): Table {
  if (input[0] === 0xff && input[1] === 0xfe) {
    throw new TableFileError('file is UTF-16 ("Unicode text"); save it as CSV UTF-8 (逗号分隔)');
  }
  // Excel's "CSV UTF-8" starts with a byte-order mark; it is not part of the first header.
  const buf = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? input.subarray(3) : input;
  const bad = firstInvalidUtf8(buf);
  if (bad >= 0) {
    const line = new LineCounter(buf).lineAt(bad);
    throw new TableFileError(
      `file is not valid UTF-8 (first invalid byte on line ${line}); it may be GBK — save it as CSV UTF-8 (逗号分隔)`,
      line,
    );
  }
  let parsed: { record: string[]; info: { bytes: number } }[];
  try {
    parsed = parse(buf, { info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof parsed;
  } catch (err) {
    // Point at the start of the record that broke (an unclosed quote swallows the rest
    // of the file, so csv-parse's own line is the last line); its message stays in brackets.
    const e = err as { message?: string; bytes_records?: number };
    if (typeof e.bytes_records !== 'number') throw new TableFileError(`CSV cannot be read: ${e.message ?? String(err)}`);
    let start = e.bytes_records;
    while (buf[start] === 0x0d || buf[start] === 0x0a) start++;
    const line = new LineCounter(buf).lineAt(start);
    throw new TableFileError(`CSV cannot be read: the record starting on line ${line} is malformed (${e.message})`, line);
  }
  // csv-parse reports the line where a record ends; count where it starts, so that an
  // error points at the row the user sees, even after cells with quoted line breaks.
  const counter = new LineCounter(buf);
  let end = 0;
  const records = parsed.map(({ record, info }) => {
    let start = end;
    while (buf[start] === 0x0d || buf[start] === 0x0a) start++; // skipped blank lines
    end = info.bytes;
    return { line: counter.lineAt(start), values: record.map(unescapeFormula) };
  });
  const [first, ...rest] = records;
  if (!first) throw new TableFileError('file is empty; the first line must be the header');
  return buildTable(first.values, rest);
}

// ---- XLSX ---------------------------------------------------------------

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Dates in a sheet are calendar dates: exceljs gives them as UTC midnight. */
function dateText(d: Date): string {
  const day = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h === 0 && m === 0 && s === 0 ? day : `${day} ${pad2(h)}:${pad2(m)}:${pad2(s)}`;
}

/** The value of a cell as text: formulas give their result, rich text its plain text. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  // Excel shows and keeps 15 significant digits; a formula's cached 1100.0000000000002
  // is 1100 to the user, and must not fail a 2-decimal money column.
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result ?? null);
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
  return '';
}

async function readXlsx(buffer: Buffer, sheetName?: string): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types `load` with the pre-generic Buffer of older @types/node.
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (err) {
    throw new TableFileError(`not a readable .xlsx file: ${(err as Error).message}`);
  }
  const sheet = sheetName === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheetName);
  if (!sheet) {
    throw new TableFileError(sheetName === undefined ? 'workbook has no sheets' : `workbook has no sheet named '${sheetName}'`);
  }
  const rows: { line: number; values: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      values[colNumber - 1] = cellText(cell.value);
    });
    rows.push({ line: rowNumber, values: Array.from(values, (v) => v ?? '') });
  });
  const [first, ...rest] = rows;
  if (!first || first.line !== 1) {
    throw new TableFileError(`sheet '${sheet.name}': the first row must be the header`, first ? 1 : null);
  }
  return buildTable(first.values, rest);
}
