// Calendar dates as YYYY-MM-DD strings (STYLE.md §6: no Date arithmetic for policy
// windows). ISO strings compare correctly with < and >.

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysIn(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : (DAYS[m - 1] ?? 0);
}

/** Value of the ASCII digit at i, or -1. */
function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** YYYY-MM-DD (ASCII digits) naming a real calendar day; read character by character, it runs for every claim. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  const y0 = digitAt(value, 0), y1 = digitAt(value, 1), y2 = digitAt(value, 2), y3 = digitAt(value, 3);
  const m0 = digitAt(value, 5), m1 = digitAt(value, 6), d0 = digitAt(value, 8), d1 = digitAt(value, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return false;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const mo = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
}

function parts(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function fmt(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** Same month and day n years later; 29 Feb becomes 28 Feb in a common year. */
export function addYears(date: string, n: number): string {
  const [y, m, d] = parts(date);
  const ty = y + n;
  return fmt(ty, m, Math.min(d, daysIn(ty, m)));
}

/** Whole years from `from` to `to` (anniversaries passed); negative when `to` is earlier. */
export function wholeYearsBetween(from: string, to: string): number {
  const [fy] = parts(from);
  const [ty] = parts(to);
  let n = ty - fy;
  if (addYears(from, n) > to) n -= 1;
  return n;
}

export function addDays(date: string, n: number): string {
  let [y, m, d] = parts(date);
  d += n;
  while (d > daysIn(y, m)) {
    d -= daysIn(y, m);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  while (d < 1) {
    m -= 1;
    if (m < 1) [y, m] = [y - 1, 12];
    d += daysIn(y, m);
  }
  return fmt(y, m, d);
}
