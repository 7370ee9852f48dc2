// Pure arithmetic of the monitoring indicators (issue #8): exact ratios of integer fen, growth, month ends and
// the differences between two indicator sets (restatements, report commentary). No I/O.
import { addDays, addMonths } from '../../platform/dates';

/** numerator / denominator rounded half-up to 6 decimals, exactly (BigInt); null when the denominator is 0. */
export function ratio(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) throw new Error('ratio takes integers');
  const neg = numerator < 0 !== denominator < 0;
  const n = BigInt(Math.abs(numerator)) * 1_000_000n;
  const d = BigInt(Math.abs(denominator));
  const q = (n * 2n + d) / (2n * d);
  const v = Number(q) / 1_000_000;
  return neg && v !== 0 ? -v : v;
}

/** Year-on-year growth (now − before) / before, 6 decimals; null when there was nothing a year before. */
export const growth = (now: number, before: number): number | null => ratio(now - before, before);

/** The same calendar date one year earlier (29 February → 28 February). */
export const yearBefore = (date: string): string => addMonths(date, -12);

/** The last day of the month of `date`. */
export function monthEnd(date: string): string {
  const first = `${date.slice(0, 7)}-01`;
  return addDays(addMonths(first, 1), -1);
}

/** The month ends strictly before `date`, newest first, `count` of them. */
export function previousMonthEnds(date: string, count: number): string[] {
  const out: string[] = [];
  let d = addDays(`${date.slice(0, 7)}-01`, -1);
  for (let i = 0; i < count; i++) {
    out.push(d);
    d = addDays(`${d.slice(0, 7)}-01`, -1);
  }
  return out;
}

export const isMonthEnd = (date: string): boolean => monthEnd(date) === date;

export interface Change {
  path: string;
  before: number | string | null;
  after: number | string | null;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * Leaf-by-leaf differences between two indicator sets. Arrays of rows are matched by their key field (the
 * first of bank, product, district, street, sector, stage, measure present) so a reordered list is not a change.
 */
export function diffIndicators(before: unknown, after: unknown, path = ''): Change[] {
  const b = before as Json;
  const a = after as Json;
  if (Array.isArray(b) || Array.isArray(a)) {
    const bl = Array.isArray(b) ? b : [];
    const al = Array.isArray(a) ? a : [];
    const key = (row: Json, i: number): string => {
      if (row && typeof row === 'object' && !Array.isArray(row)) {
        for (const k of ['bank', 'product', 'district', 'street', 'sector', 'stage', 'measure', 'month', 'class']) {
          if (k in row) return String(row[k]);
        }
      }
      return String(i);
    };
    const bm = new Map(bl.map((r, i) => [key(r, i), r]));
    const am = new Map(al.map((r, i) => [key(r, i), r]));
    const keys = [...new Set([...bm.keys(), ...am.keys()])];
    return keys.flatMap((k) => diffIndicators(bm.get(k) ?? null, am.get(k) ?? null, `${path}[${k}]`));
  }
  const bo = b !== null && typeof b === 'object';
  const ao = a !== null && typeof a === 'object';
  if (bo || ao) {
    const bobj = (bo ? b : {}) as Record<string, Json>;
    const aobj = (ao ? a : {}) as Record<string, Json>;
    const keys = [...new Set([...Object.keys(bobj), ...Object.keys(aobj)])];
    return keys.flatMap((k) => diffIndicators(bobj[k] ?? null, aobj[k] ?? null, path ? `${path}.${k}` : k));
  }
  if (b === a) return [];
  const leaf = (v: Json | undefined): number | string | null => (v === undefined || v === null ? null : typeof v === 'boolean' ? String(v) : (v as number | string));
  return [{ path, before: leaf(b), after: leaf(a) }];
}
