// Calendar arithmetic on 'YYYY-MM-DD' strings through day numbers (Howard Hinnant's days-from-civil), so no
// time zone or Date ever shifts a due date (STYLE.md, convention 6). Pure.

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): string {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const parts = (date: string): [number, number, number] => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
};

export const dayNumber = (date: string): number => daysFromCivil(...parts(date));

export const addDays = (date: string, days: number): string => civilFromDays(dayNumber(date) + days);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** Same day `months` later, clamped to the month's end (2025-01-31 + 1 month = 2025-02-28): a loan's maturity. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  const last = dayNumber(`${String(nm === 12 ? ny + 1 : ny).padStart(4, '0')}-${String(nm === 12 ? 1 : nm + 1).padStart(2, '0')}-01`) - 1;
  const lastDay = Number(civilFromDays(last).slice(8));
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/**
 * SLA warning lines crossed on `asOf` by a recommendation made on `recommendedOn` (2017 report: 30/60/90-day
 * bank approval warning lines). A line of L days is crossed once L whole days have passed: recommended on
 * 2025-01-01, the 30-day line is due and marked on 2025-01-31.
 */
export function crossedLines(recommendedOn: string, asOf: string, lines: readonly number[]): { lineDays: number; dueOn: string }[] {
  const elapsed = daysBetween(recommendedOn, asOf);
  return [...lines].sort((a, b) => a - b).filter((l) => elapsed >= l).map((l) => ({ lineDays: l, dueOn: addDays(recommendedOn, l) }));
}

export const DEFAULT_SLA_LINES = [30, 60, 90] as const;

/** Lines an officer may configure: 1–10 distinct whole days from 1 to 3650, kept ascending. */
export function checkSlaLines(lines: unknown): { ok: true; lines: number[] } | { ok: false; message: string } {
  if (!Array.isArray(lines) || lines.length === 0 || lines.length > 10) return { ok: false, message: 'give 1 to 10 lines in days, e.g. [30, 60, 90]' };
  if (!lines.every((l) => Number.isInteger(l) && l >= 1 && l <= 3650)) return { ok: false, message: 'each line is a whole number of days from 1 to 3650' };
  if (new Set(lines).size !== lines.length) return { ok: false, message: 'lines must be distinct' };
  return { ok: true, lines: [...(lines as number[])].sort((a, b) => a - b) };
}
