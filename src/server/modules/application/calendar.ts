// SLA warning lines over calendar dates; the day arithmetic is platform/dates.ts. Pure.
import { addDays, daysBetween } from '../../platform/dates';

export { addDays, addMonths, daysBetween, dayNumber } from '../../platform/dates';

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
