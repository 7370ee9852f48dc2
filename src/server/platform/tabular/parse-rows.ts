import type { ColumnSchema, RecordOf } from './columns';
import { TableFileError, type TableError } from './errors';
import { type Table, type TableFormat, detectFormat, readTable } from './read-table';

type Key<S> = keyof S & string;

export interface ParseOptions<S extends ColumnSchema> {
  /**
   * Keys that must not repeat within the file: a column name, or a list of names for
   * a composite key (['institution_uscc', 'loan_no']). Compared on parsed values, so
   * '91310110666007217t' repeats '91310110666007217T'.
   */
  uniqueBy?: ReadonlyArray<Key<S> | ReadonlyArray<Key<S>>>;
  /** Cross-column checks, run only on rows whose cells all parsed. */
  refine?: (record: RecordOf<S>, line: number) => ReadonlyArray<{ column: string; message: string }>;
}

export interface ParsedRows<S extends ColumnSchema> {
  /** Rows without any error. Importers that are all-or-nothing check `errors` first. */
  records: { line: number; value: RecordOf<S> }[];
  /** Every problem found, in file order: header (line 1), then each bad cell. */
  errors: TableError[];
}

function headerErrors(header: string[], columns: ColumnSchema): TableError[] {
  const errors: TableError[] = [];
  const expected = Object.keys(columns);
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    const position = i + 1;
    if (name === '') {
      errors.push({ line: 1, column: '', message: `column ${position} has no header` });
      return;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      errors.push({ line: 1, column: name, message: `column '${name}' appears twice (columns ${first} and ${position})` });
      return;
    }
    seen.set(name, position);
    if (!(name in columns)) {
      const near = expected.find((e) => e.toLowerCase() === name.toLowerCase());
      const hint = near ? `did you mean '${near}'?` : `expected columns: ${expected.join(', ')}`;
      errors.push({ line: 1, column: name, message: `unknown column '${name}' (${hint})` });
    }
  });
  for (const [name, column] of Object.entries(columns)) {
    if (column.required && !seen.has(name)) {
      errors.push({ line: 1, column: name, message: `required column '${name}' is missing` });
    }
  }
  return errors;
}

function keyText(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

export function parseRows<S extends ColumnSchema>(table: Table, columns: S, options: ParseOptions<S> = {}): ParsedRows<S> {
  const errors = headerErrors(table.header, columns);
  const present = Object.entries(columns).filter(([name]) => table.header.includes(name));
  const absent = Object.keys(columns).filter((name) => !table.header.includes(name));
  const uniqueKeys = (options.uniqueBy ?? []).map((k) => (typeof k === 'string' ? [k] : [...k]));
  const firstSeen = uniqueKeys.map(() => new Map<string, number>());
  const records: ParsedRows<S>['records'] = [];

  for (const row of table.rows) {
    const rowErrors: TableError[] = [];
    const value: Record<string, unknown> = {};
    if (row.extra) {
      rowErrors.push({
        line: row.line,
        column: '',
        message: `row has ${row.extra.length} more cell(s) than the header has columns: ${row.extra.map((v) => `'${v}'`).join(', ')}`,
      });
    }
    const bad = new Set<string>();
    for (const [name, column] of present) {
      const text = (row.cells[name] ?? '').trim();
      if (text === '') {
        if (column.required) {
          rowErrors.push({ line: row.line, column: name, message: 'is required but empty' });
          bad.add(name);
        }
        value[name] = null;
        continue;
      }
      const parsed = column.parse(text);
      if (parsed.ok) value[name] = parsed.value;
      else {
        rowErrors.push({ line: row.line, column: name, message: parsed.message });
        bad.add(name);
      }
    }
    // A missing required column is reported once on line 1, not on every row.
    for (const name of absent) value[name] = null;

    uniqueKeys.forEach((keys, k) => {
      if (keys.some((name) => bad.has(name) || value[name] === null || value[name] === undefined)) return;
      const id = JSON.stringify(keys.map((name) => value[name]));
      const seenOn = firstSeen[k]!.get(id);
      if (seenOn === undefined) {
        firstSeen[k]!.set(id, row.line);
        return;
      }
      const label = keys.length === 1 ? keys[0]! : `(${keys.join(', ')})`;
      const shown = keys.map((name) => keyText(value[name])).join(', ');
      rowErrors.push({
        line: row.line,
        column: keys.join('+'),
        message: `duplicate ${label} ${keys.length === 1 ? shown : `(${shown})`}, first seen on line ${seenOn}`,
      });
    });

    if (rowErrors.length === 0 && options.refine) {
      for (const problem of options.refine(value as RecordOf<S>, row.line)) rowErrors.push({ line: row.line, ...problem });
    }
    if (rowErrors.length === 0) records.push({ line: row.line, value: value as RecordOf<S> });
    else errors.push(...rowErrors);
  }
  return { records, errors };
}

/**
 * Detect, read and parse an uploaded file in one step. A file that cannot be read
 * at all comes back as a single error rather than a thrown exception, so every
 * importer reports it the same way.
 */
export async function parseTableFile<S extends ColumnSchema>(
  file: { filename: string; buffer: Buffer; format?: TableFormat; sheet?: string },
  columns: S,
  options: ParseOptions<S> = {},
): Promise<ParsedRows<S>> {
  try {
    const format = file.format ?? detectFormat(file.filename, file.buffer);
    const table = await readTable(file.buffer, format, file.sheet === undefined ? {} : { sheet: file.sheet });
    return parseRows(table, columns, options);
  } catch (err) {
    if (err instanceof TableFileError) return { records: [], errors: [err.toTableError()] };
    throw err;
  }
}
