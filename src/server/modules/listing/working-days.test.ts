import { describe, expect, it } from 'vitest';
import { alertsOn, dueDate, isWorkingDay, workingDaysBetween, type WorkCalendar } from './working-days';

// 2025 National Day: 10-01…10-08 off, Sunday 09-28 and Saturday 10-11 are make-up workdays (国务院办公厅通知).
const cal: WorkCalendar = {
  holidays: new Set(['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08']),
  workdays: new Set(['2025-09-28', '2025-10-11']),
};
const plain: WorkCalendar = { holidays: new Set(), workdays: new Set() };

describe('working days', () => {
  it.each([
    ['2025-03-03', true], ['2025-03-08', false], ['2025-09-28', true], ['2025-10-01', false], ['2025-10-11', true], ['2025-10-12', false],
  ])('%s working: %s', (d, w) => expect(isWorkingDay(d, cal)).toBe(w));

  it.each([
    // requested on, days, calendar, due on
    ['Monday + 5 = next Monday', '2025-03-03', 5, plain, '2025-03-10'],
    ['Friday + 1 = Monday', '2025-03-07', 1, plain, '2025-03-10'],
    ['Saturday + 1 = Monday', '2025-03-08', 1, plain, '2025-03-10'],
    ['over National Day: 09-28 (make-up Sunday), 09-29, 09-30, 10-09, 10-10', '2025-09-26', 5, cal, '2025-10-10'],
    ['a make-up Sunday counts', '2025-09-26', 1, cal, '2025-09-28'],
    ['the make-up Saturday after the holiday counts', '2025-09-30', 3, cal, '2025-10-11'],
    ['then the next Monday', '2025-09-30', 4, cal, '2025-10-13'],
    ['default length of 10', '2025-03-03', 10, plain, '2025-03-17'],
  ] as const)('%s', (_name, from, days, c, due) => expect(dueDate(from, days, c)).toBe(due));

  it.each([
    ['2025-03-03', '2025-03-10', 5], ['2025-03-10', '2025-03-03', -5], ['2025-03-07', '2025-03-07', 0], ['2025-09-30', '2025-10-09', 1], ['2025-09-26', '2025-10-11', 6],
  ] as const)('between %s and %s: %d', (a, b, n) => expect(workingDaysBetween(a, b, cal)).toBe(n));
});

describe('alerts', () => {
  it.each([
    ['two working days before', '2025-03-06', '2025-03-10', []],
    ['Friday before a Monday deadline: one working day left', '2025-03-07', '2025-03-10', ['due_soon']],
    ['the weekend before', '2025-03-08', '2025-03-10', ['due_soon']],
    ['on the day', '2025-03-10', '2025-03-10', ['due_soon', 'due']],
    ['after it', '2025-03-11', '2025-03-10', ['due_soon', 'due', 'overdue']],
    ['before the holiday, a deadline on the first day back is one working day away', '2025-09-30', '2025-10-09', ['due_soon']],
    ['before the holiday, the second day back is two away', '2025-09-30', '2025-10-10', []],
  ] as const)('%s', (_n, today, due, kinds) => expect(alertsOn(today, due, cal)).toEqual(kinds));
});
