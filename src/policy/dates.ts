// Calendar dates as YYYY-MM-DD strings (STYLE.md §6: no Date arithmetic for policy
// windows). ISO strings compare correctly with < and >.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysIn(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : (DAYS[m - 1] ?? 0);
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
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
