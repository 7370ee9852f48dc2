// The green channel's deadline (绿色通道 限时办结, seed 000 第14条) in working days on a calendar where weekends are off
// unless declared make-up workdays (调休上班) and declared holidays are off. Pure: 'YYYY-MM-DD' strings, no Date.
import { addDays, dayNumber } from '../../platform/dates';

export const DEFAULT_GREEN_CHANNEL_WORKING_DAYS = 5;

export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

/** 0 = Monday … 6 = Sunday (1970-01-01, day 0, was a Thursday). */
export const weekday = (date: string): number => (((dayNumber(date) + 3) % 7) + 7) % 7;

export function isWorkingDay(date: string, cal: WorkCalendar): boolean {
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  return weekday(date) < 5;
}

/**
 * The due date of a request made on `requestedOn` with `workingDays` days to finish: the day of the request does
 * not count (a request made on Monday with 5 working days is due the next Monday).
 */
export function dueDate(requestedOn: string, workingDays: number, cal: WorkCalendar): string {
  let day = requestedOn;
  let counted = 0;
  while (counted < workingDays) {
    day = addDays(day, 1);
    if (isWorkingDay(day, cal)) counted += 1;
  }
  return day;
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is before `from`. */
export function workingDaysBetween(from: string, to: string, cal: WorkCalendar): number {
  if (to === from) return 0;
  const sign = to > from ? 1 : -1;
  let n = 0;
  for (let d = from; d !== to; ) {
    d = addDays(d, sign);
    if (isWorkingDay(d, cal)) n += sign;
  }
  return n;
}

export type AlertKind = 'due_soon' | 'due' | 'overdue';

/**
 * The alerts an unfinished request has earned on `today`: one working day before the due date (due_soon), on it
 * (due), and after it (overdue). Each is raised once (the store keys them by request and kind).
 */
export function alertsOn(today: string, dueOn: string, cal: WorkCalendar): AlertKind[] {
  if (today > dueOn) return ['due_soon', 'due', 'overdue'];
  if (today === dueOn) return ['due_soon', 'due'];
  return workingDaysBetween(today, dueOn, cal) <= 1 ? ['due_soon'] : [];
}
