import { describe, expect, it } from 'vitest';
import type { ClassificationFloor } from '../../db/schema-loan';
import { allocateRepayments, checkFloors, classOfDpd, DEFAULT_FLOORS, dpdFromRepayments, floorsOn, standingOn, worseClass, type LoanFacts } from './classification';

describe('classOfDpd with the 2023 default floors (clarifications.md)', () => {
  it.each([
    [0, 'normal'], [1, 'special_mention'], [90, 'special_mention'], [91, 'substandard'], [270, 'substandard'],
    [271, 'doubtful'], [360, 'doubtful'], [361, 'loss'], [5000, 'loss'],
  ] as const)('%i days past due → %s', (dpd, cls) => {
    expect(classOfDpd(dpd, DEFAULT_FLOORS)).toBe(cls);
  });

  it('a stricter table (substandard from 61 days) moves the boundary', () => {
    const strict: ClassificationFloor[] = [{ minDpd: 1, class: 'special_mention' }, { minDpd: 61, class: 'substandard' }, { minDpd: 181, class: 'doubtful' }, { minDpd: 361, class: 'loss' }];
    expect([60, 61, 180, 181].map((d) => classOfDpd(d, strict))).toEqual(['special_mention', 'substandard', 'substandard', 'doubtful']);
  });
});

describe('floorsOn: the table in force on a date', () => {
  const tables = [{ effectiveFrom: '2026-01-01', id: 'b' }, { effectiveFrom: '2023-07-01', id: 'a' }];
  it.each([
    ['2025-12-31', 'a'], ['2026-01-01', 'b'], ['2027-05-01', 'b'],
    // Before the first table, the first (the 2023 default) applies.
    ['2020-01-01', 'a'],
  ])('%s → table %s', (date, id) => expect(floorsOn(tables, date).id).toBe(id));
});

describe('worseClass: the bank\'s reported class beside the computed one', () => {
  it.each([
    ['normal', null, 'normal'], ['normal', 'special_mention', 'special_mention'], ['substandard', 'special_mention', 'substandard'],
    ['doubtful', 'loss', 'loss'], ['loss', 'normal', 'loss'],
  ] as const)('computed %s, reported %s → %s', (c, r, f) => expect(worseClass(c, r)).toBe(f));
});

describe('checkFloors', () => {
  it('accepts the default', () => expect(checkFloors(DEFAULT_FLOORS)).toEqual([]));
  it.each([
    [[], 'floors'],
    [[{ minDpd: 0, class: 'special_mention' }], 'floors.0.minDpd'],
    [[{ minDpd: 1, class: 'normal' }], 'floors.0.class'],
    [[{ minDpd: 10, class: 'special_mention' }, { minDpd: 10, class: 'loss' }], 'floors.1.minDpd'],
    [[{ minDpd: 1, class: 'doubtful' }, { minDpd: 30, class: 'substandard' }], 'floors.1.class'],
  ] as const)('%j is refused at %s', (floors, path) => {
    expect(checkFloors(floors as unknown as ClassificationFloor[]).map((p) => p.path)).toContain(path);
  });
});

// A 3-month loan of 300 yuan, 100 principal + 1 interest due on the 15th of Feb, Mar, Apr.
const schedule = [
  { dueOn: '2025-02-15', principal: 100_00, interest: 1_00 },
  { dueOn: '2025-03-15', principal: 100_00, interest: 1_00 },
  { dueOn: '2025-04-15', principal: 100_00, interest: 1_00 },
];
const pay = (paidOn: string, principal: number, interest = 1_00) => ({ paidOn, principal, interest });

describe('dpdFromRepayments: from the earliest instalment not covered by what was paid', () => {
  it.each([
    ['nothing due yet', [], '2025-02-15', 0],
    ['first instalment one day late', [], '2025-02-16', 1],
    ['first paid on time, second 10 days late', [pay('2025-02-15', 100_00)], '2025-03-25', 10],
    ['first paid short by one fen: still counts from the first', [pay('2025-02-15', 99_99)], '2025-03-25', 38],
    ['paid late: arrears end on the day paid', [pay('2025-02-20', 100_00), pay('2025-03-15', 100_00)], '2025-03-20', 0],
    ['a payment after the date does not count', [pay('2025-03-01', 200_00, 2_00)], '2025-02-28', 13],
    ['all paid', [pay('2025-02-15', 100_00), pay('2025-03-15', 100_00), pay('2025-04-15', 100_00)], '2026-01-01', 0],
    ['never paid, a year after maturity', [], '2026-04-15', 424],
  ])('%s', (_name, repayments, asOf, dpd) => {
    expect(dpdFromRepayments(schedule, repayments, asOf)).toBe(dpd);
  });
});

describe('standingOn: repayments drive when recorded, else the latest bank report', () => {
  const loan = (extra: Partial<LoanFacts>): LoanFacts => ({ principal: 300_00, startDate: '2025-01-15', schedule, repayments: [], reports: [], ...extra });
  const reports = [
    { asOf: '2025-03-31', outstanding: 200_00, dpd: 0, reportedClass: 'normal' as const },
    { asOf: '2025-06-30', outstanding: 200_00, dpd: 95, reportedClass: 'special_mention' as const },
  ];

  it('without repayments: the latest report on or before the date, no arrears invented from the schedule', () => {
    expect(standingOn(loan({ reports }), '2025-05-31', DEFAULT_FLOORS)).toEqual({ dpd: 0, outstanding: 200_00, computedClass: 'normal', reportedClass: 'normal', finalClass: 'normal', basis: 'report' });
    expect(standingOn(loan({ reports }), '2025-07-01', DEFAULT_FLOORS)).toMatchObject({ dpd: 95, computedClass: 'substandard', reportedClass: 'special_mention', finalClass: 'substandard', basis: 'report' });
  });

  it('before any report and without repayments: the principal, not overdue', () => {
    expect(standingOn(loan({ reports }), '2025-03-30', DEFAULT_FLOORS)).toMatchObject({ dpd: 0, outstanding: 300_00, finalClass: 'normal', basis: 'none' });
  });

  it('with repayments: schedule and repayments drive; the reported class still counts when worse', () => {
    const s = standingOn(loan({ repayments: [pay('2025-02-15', 100_00)], reports: [{ asOf: '2025-02-28', outstanding: 200_00, dpd: 0, reportedClass: 'special_mention' }] }), '2025-03-20', DEFAULT_FLOORS);
    expect(s).toEqual({ dpd: 5, outstanding: 200_00, computedClass: 'special_mention', reportedClass: 'special_mention', finalClass: 'special_mention', basis: 'repayments' });
    const clean = standingOn(loan({ repayments: [pay('2025-02-15', 100_00)], reports: [{ asOf: '2025-02-28', outstanding: 200_00, dpd: 0, reportedClass: 'doubtful' }] }), '2025-03-01', DEFAULT_FLOORS);
    expect(clean).toMatchObject({ dpd: 0, computedClass: 'normal', finalClass: 'doubtful' });
  });
});

describe('allocateRepayments: payments cover instalments in order', () => {
  const lines = schedule.map((s, i) => ({ ...s, seq: i + 1 }));
  it.each([
    ['nothing paid, first overdue', [], '2025-03-01', ['overdue', 'due', 'due'], [0, 0, 0]],
    ['first paid, part of the second', [pay('2025-02-15', 150_00)], '2025-03-01', ['paid', 'partly_paid', 'due'], [101_00, 50_00, 0]],
    ['part of the second still unpaid after its due date', [pay('2025-02-15', 150_00)], '2025-03-16', ['paid', 'overdue', 'due'], [101_00, 50_00, 0]],
    ['all paid', [pay('2025-04-15', 300_00, 3_00)], '2025-05-01', ['paid', 'paid', 'paid'], [101_00, 101_00, 101_00]],
  ])('%s', (_n, repayments, asOf, states, paid) => {
    const a = allocateRepayments(lines, repayments, asOf);
    expect(a.map((x) => x.state)).toEqual(states);
    expect(a.map((x) => x.paid)).toEqual(paid);
  });
});
