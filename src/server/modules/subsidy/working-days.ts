// 公示 periods in working days: weekends and the configured holidays are skipped. Pure calendar arithmetic
// on 'YYYY-MM-DD' strings through a day number (no Date, no time zone): platform/dates.ts.
import { addDays, dayNumber } from '../../platform/dates';

export { addDays };

/** 0 = Monday … 6 = Sunday (1970-01-01, day 0, was a Thursday). */
export function weekday(date: string): number {
  return (((dayNumber(date) + 3) % 7) + 7) % 7;
}

export function isWorkingDay(date: string, holidays: ReadonlySet<string>): boolean {
  return weekday(date) < 5 && !holidays.has(date);
}

/**
 * The public notice window that starts on `start`: its first day is `start` when that is a working day, else
 * the next working day; its last day is the `workingDays`-th working day counted from the first.
 */
export function noticeWindow(start: string, workingDays: number, holidays: Iterable<string>): { from: string; to: string } {
  const off = new Set(holidays);
  let day = start;
  while (!isWorkingDay(day, off)) day = addDays(day, 1);
  const from = day;
  let counted = 1;
  while (counted < workingDays) {
    day = addDays(day, 1);
    if (isWorkingDay(day, off)) counted += 1;
  }
  return { from, to: day };
}
