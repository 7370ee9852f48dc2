// Money is integer fen inside and yuan numbers (≤ 2 decimals) at the edges (catalog
// "Money and rounding"). Fen fit in a JS safe integer for any amount we accept.
import { decimalFromNumber, decimalPlaces, pow10, type Decimal } from './decimal';

/** Largest yuan amount accepted as input: keeps every fen sum a safe integer. */
export const MAX_YUAN = 1_000_000_000_000;

export type MoneyParse = { ok: true; fen: number } | { ok: false; message: string };

export function parseYuan(value: unknown): MoneyParse {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { ok: false, message: 'must be an amount in yuan (a JSON number)' };
  }
  if (value < 0) return { ok: false, message: 'must not be negative' };
  if (value > MAX_YUAN) return { ok: false, message: `must not exceed ${MAX_YUAN} yuan` };
  if (Number.isInteger(value)) return { ok: true, fen: value * 100 };
  // A yuan amount with fen is the double nearest k/100; its shortest form (what the exact
  // check below reads) then has at most 2 decimals and is k/100. Saves a string parse per fact.
  const k = Math.round(value * 100);
  if (k / 100 === value) return { ok: true, fen: k };
  const d = decimalFromNumber(value);
  if (!d || decimalPlaces(d) > 2) return { ok: false, message: 'must have at most 2 decimals (fen)' };
  return { ok: true, fen: Number(d.units * pow10(2 - d.scale)) };
}

/** Fen as a yuan JSON number; exact for safe-integer fen (division by 100 rounds to the 2-decimal value). */
export function fenToYuan(fen: number): number {
  return fen / 100;
}

export function fenToDecimal(fen: number): Decimal {
  return { units: BigInt(fen), scale: 2 };
}

/** 120000000 fen → "1,200,000"; 123450 fen → "1,234.50". */
export function formatYuan(fen: number): string {
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  const digits = String(yuan);
  let grouped = '';
  for (let i = 0; i < digits.length; i++) grouped += (i > 0 && (digits.length - i) % 3 === 0 ? ',' : '') + digits[i];
  return `${neg ? '-' : ''}${grouped}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`;
}
