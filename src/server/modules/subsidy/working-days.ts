// 公示 periods in working days: weekends and the configured holidays are skipped. Pure calendar arithmetic
// on 'YYYY-MM-DD' strings through a day number (no Date, no time zone).

function toDayNumber(date: string): number {
  const y0 = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 0 = Monday … 6 = Sunday (1970-01-01, day 0, was a Thursday). */
export function weekday(date: string): number {
  return (((toDayNumber(date) + 3) % 7) + 7) % 7;
}

export function isWorkingDay(date: string, holidays: ReadonlySet<string>): boolean {
  return weekday(date) < 5 && !holidays.has(date);
}

export function addDays(date: string, n: number): string {
  return fromDayNumber(toDayNumber(date) + n);
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
