import { checkUscc } from '../../../shared/uscc';
import {
  type CellResult,
  boundToDecimal,
  compareDecimal,
  fenToYuan,
  parseBoolean,
  parseDate,
  parseDecimal,
  parseInteger,
  parseYuanToFen,
  quote,
} from './cells';

export type ColumnKind = 'text' | 'uscc' | 'date' | 'moneyYuan' | 'int' | 'decimal' | 'enum' | 'boolean';

/**
 * One column of an import file. `parse` receives the trimmed, non-empty cell text;
 * an empty cell never reaches it (it is null, or an error when `required`).
 */
export interface Column<T, R extends boolean = boolean> {
  readonly kind: ColumnKind;
  readonly required: R;
  /** What a valid cell looks like, for templates and help text. */
  readonly hint: string;
  parse(text: string): CellResult<T>;
}

export type ColumnSchema = Record<string, Column<unknown, boolean>>;

/** The parsed record a schema produces: required columns are non-null. */
export type RecordOf<S extends ColumnSchema> = {
  [K in keyof S]: S[K] extends Column<infer T, infer R> ? (R extends true ? T : T | null) : never;
};

interface Base<R extends boolean> {
  required?: R;
}

function column<T, R extends boolean>(
  kind: ColumnKind,
  options: Base<R> | undefined,
  hint: string,
  parse: (text: string) => CellResult<T>,
): Column<T, R> {
  return { kind, required: (options?.required ?? false) as R, hint, parse };
}

function bounded<T>(result: CellResult<T>, check: (value: T) => string | null): CellResult<T> {
  if (!result.ok) return result;
  const problem = check(result.value);
  return problem ? { ok: false, message: problem } : result;
}

function text<R extends boolean = false>(options?: Base<R> & { max?: number; min?: number }): Column<string, NoInfer<R>> {
  const max = options?.max;
  const min = options?.min;
  return column('text', options, max ? `text, at most ${max} characters` : 'text', (t) => {
    const length = Array.from(t).length;
    if (max !== undefined && length > max) return { ok: false, message: `is ${length} characters long; at most ${max} allowed` };
    if (min !== undefined && length < min) return { ok: false, message: `is ${length} characters long; at least ${min} required` };
    return { ok: true, value: t };
  });
}

function uscc<R extends boolean = false>(options?: Base<R>): Column<string, NoInfer<R>> {
  return column('uscc', options, '18-character 统一社会信用代码', (t) => {
    const result = checkUscc(t);
    return result.ok ? { ok: true, value: result.uscc } : { ok: false, message: result.message };
  });
}

function date<R extends boolean = false>(options?: Base<R> & { min?: string; max?: string }): Column<string, NoInfer<R>> {
  const min = options?.min;
  const max = options?.max;
  return column('date', options, 'date, YYYY-MM-DD', (t) =>
    bounded(parseDate(t), (d) => {
      if (min !== undefined && d < min) return `${d} is before ${min}`;
      if (max !== undefined && d > max) return `${d} is after ${max}`;
      return null;
    }),
  );
}

/** Yuan in the file, integer fen in the record. `min`/`max` are in yuan. */
function moneyYuan<R extends boolean = false>(
  options?: Base<R> & { min?: number | string; max?: number | string },
): Column<number, NoInfer<R>> {
  const toFen = (bound: number | string): number => {
    const fen = parseYuanToFen(boundToDecimal(bound));
    if (!fen.ok) throw new Error(`moneyYuan bound: ${fen.message}`);
    return fen.value;
  };
  const min = options?.min === undefined ? undefined : toFen(options.min);
  const max = options?.max === undefined ? undefined : toFen(options.max);
  return column('moneyYuan', options, 'amount in yuan, at most 2 decimals, no separators', (t) =>
    bounded(parseYuanToFen(t), (fen) => {
      if (min !== undefined && fen < min) return `${quote(t)} is less than the minimum ${fenToYuan(min)}`;
      if (max !== undefined && fen > max) return `${quote(t)} is more than the maximum ${fenToYuan(max)}`;
      return null;
    }),
  );
}

function int<R extends boolean = false>(options?: Base<R> & { min?: number; max?: number }): Column<number, NoInfer<R>> {
  const min = options?.min;
  const max = options?.max;
  return column('int', options, 'whole number', (t) =>
    bounded(parseInteger(t), (n) => {
      if (min !== undefined && n < min) return `${quote(t)} is less than the minimum ${min}`;
      if (max !== undefined && n > max) return `${quote(t)} is more than the maximum ${max}`;
      return null;
    }),
  );
}

/** An exact decimal kept as canonical text (rates: '0.0435'); never a float. */
function decimal<R extends boolean = false>(
  options?: Base<R> & { min?: number | string; max?: number | string; maxDecimals?: number },
): Column<string, NoInfer<R>> {
  const min = options?.min === undefined ? undefined : boundToDecimal(options.min);
  const max = options?.max === undefined ? undefined : boundToDecimal(options.max);
  return column('decimal', options, 'decimal number, e.g. 0.0435', (t) =>
    bounded(parseDecimal(t, options?.maxDecimals), (d) => {
      if (min !== undefined && compareDecimal(d, min) < 0) return `${quote(t)} is less than the minimum ${min}`;
      if (max !== undefined && compareDecimal(d, max) > 0) return `${quote(t)} is more than the maximum ${max}`;
      return null;
    }),
  );
}

function enumOf<const V extends string, R extends boolean = false>(values: readonly V[], options?: Base<R>): Column<V, NoInfer<R>> {
  const list = values.join(', ');
  return column('enum', options, `one of: ${list}`, (t) => {
    if ((values as readonly string[]).includes(t)) return { ok: true, value: t as V };
    const caseless = values.find((v) => v.toLowerCase() === t.toLowerCase());
    const hint = caseless ? ` (did you mean '${caseless}'? values are case-sensitive)` : '';
    return { ok: false, message: `${quote(t)} is not one of: ${list}${hint}` };
  });
}

function boolean<R extends boolean = false>(options?: Base<R>): Column<boolean, NoInfer<R>> {
  return column('boolean', options, 'true/false or 1/0', parseBoolean);
}

/**
 * Column constructors; the header name is the key under which a column is defined.
 * Their return types use NoInfer<R>: otherwise the contextual type inside
 * defineColumns({...}) widens `required: true` to boolean and required columns
 * would type as nullable.
 */
export const col = { text, uscc, date, moneyYuan, int, decimal, enum: enumOf, boolean };

/** Declare an import's columns; the key order is the column order of templates and exports. */
export function defineColumns<S extends ColumnSchema>(columns: S): S {
  for (const name of Object.keys(columns)) {
    if (name.trim() !== name || name === '') throw new Error(`column name must be non-empty and trimmed: '${name}'`);
  }
  return columns;
}
