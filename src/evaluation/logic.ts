// Shared arithmetic of the evaluations: three-valued logic (a fact the registry lacks makes a condition
// unknown, never false or true) and exact ratio comparisons on integer fen / head counts.

/** true, false, or null = unknown (a needed fact is missing). */
export type Tri = boolean | null;

export function and3(...xs: Tri[]): Tri {
  let unknown = false;
  for (let i = 0; i < xs.length; i++) {
    if (xs[i] === false) return false;
    if (xs[i] === null) unknown = true;
  }
  return unknown ? null : true;
}
export function or3(...xs: Tri[]): Tri {
  let unknown = false;
  for (let i = 0; i < xs.length; i++) {
    if (xs[i] === true) return true;
    if (xs[i] === null) unknown = true;
  }
  return unknown ? null : false;
}

/**
 * part ÷ whole ≥ pct/100, exactly: compared as part·100 ≥ pct·whole on integers (fen or heads), so a band edge
 * (6 % of 100) is never lost to floating point. `pct` may have up to two decimals (e.g. 1.5).
 */
export function shareAtLeast(part: number, whole: number, pct: number): boolean {
  if (whole <= 0) return false;
  const scaledPct = Math.round(pct * 100);
  const left = part * 10_000;
  const right = scaledPct * whole;
  if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) return left >= right;
  return BigInt(part) * 10_000n >= BigInt(scaledPct) * BigInt(whole);
}

/** a ≥ b·factor/100 on integers, e.g. revenue this year ≥ 169 % of two years ago. */
export function atLeastPercentOf(a: number, b: number, pctOfB: number): boolean {
  const left = a * 100;
  const right = Math.round(pctOfB) * b;
  if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) return left >= right;
  return BigInt(a) * 100n >= BigInt(Math.round(pctOfB)) * BigInt(b);
}

/** A ratio for display (4 decimals); never used for a band decision. */
export const ratio = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

export const sum = (xs: (number | null | undefined)[]): number | null => {
  let total = 0;
  for (const x of xs) {
    if (x === null || x === undefined) return null;
    total += x;
  }
  return total;
};

/**
 * The points of the first band whose lower edge (inclusive) the share reaches; bands are listed from the highest.
 * `share(pct)` answers "is the value at least pct %".
 */
export function bandPoints(bands: readonly { min: number; points: number }[], atLeast: (min: number) => boolean): { points: number; band: number | null } {
  for (const b of bands) if (atLeast(b.min)) return { points: b.points, band: b.min };
  return { points: 0, band: null };
}

/** 'YYYY-12-31' of a year: the as-of date of a year's evaluation (its financials are that year's). */
export const yearEnd = (year: number): string => `${String(year).padStart(4, '0')}-12-31`;

/** Same calendar day `years` earlier (29 Feb → 28 Feb). */
export function yearsBefore(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) - years;
  let md = date.slice(4);
  if (md === '-02-29' && !((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0)) md = '-02-28';
  return `${String(y).padStart(4, '0')}${md}`;
}

/** Same calendar day `months` earlier, clamped to the month's end. */
export function monthsBefore(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const index = y * 12 + (m - 1) - months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  const days = [31, (ny % 4 === 0 && ny % 100 !== 0) || ny % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][nm - 1]!;
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, days)).padStart(2, '0')}`;
}

/** Yuan for display from fen. */
export const yuan = (fen: number | null): number | null => (fen === null ? null : fen / 100);

/**
 * Fen as "1,234,567.8 元" without Intl (toLocaleString costs microseconds per call, every explanation formats
 * dozens of figures, and the nightly run formats millions).
 */
export function yuanText(fen: number): string {
  const neg = fen < 0;
  const abs = Math.abs(Math.round(fen));
  const digits = String(Math.floor(abs / 100));
  const cents = abs % 100;
  let cut = digits.length % 3 || 3;
  let out = digits.slice(0, cut);
  for (; cut < digits.length; cut += 3) out += `,${digits.slice(cut, cut + 3)}`;
  const frac = cents === 0 ? '' : cents % 10 === 0 ? `.${cents / 10}` : `.${String(cents).padStart(2, '0')}`;
  return `${neg ? '-' : ''}${out}${frac} 元`;
}
