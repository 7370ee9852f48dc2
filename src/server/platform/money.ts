import { z } from 'zod';

// Money is integer fen inside and yuan at the edges (API, CLI, files). Conversions go through the decimal
// string, never through a float multiply (0.29 * 100 = 28.999999999999996).

const YUAN_PATTERN = /^-?\d{1,13}(\.\d{1,2})?$/;

export function yuanStringToFen(text: string): number | null {
  if (!YUAN_PATTERN.test(text)) return null;
  const negative = text.startsWith('-');
  const [whole, frac = ''] = (negative ? text.slice(1) : text).split('.');
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return negative ? -fen : fen;
}

/** A JSON number of yuan with at most two decimals → fen; null when it has more precision or is out of range. */
export function yuanToFen(yuan: number): number | null {
  if (!Number.isFinite(yuan)) return null;
  return yuanStringToFen(String(yuan));
}

export const fenToYuan = (fen: number): number => fen / 100;
export const fenToYuanOrNull = (fen: number | null): number | null => (fen === null ? null : fen / 100);

/** Zod schema for a yuan amount in a request: a number with at most two decimals, converted to fen. */
export const yuan = (opts: { min?: number } = {}) =>
  z
    .number({ message: 'must be a number of yuan' })
    .refine((v) => yuanToFen(v) !== null, 'must have at most two decimals and fewer than 14 digits')
    .refine((v) => opts.min === undefined || v >= opts.min, `must be at least ${opts.min ?? 0}`);
