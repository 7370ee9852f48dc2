import { describe, expect, it } from 'vitest';
import { diffIndicators, growth, isMonthEnd, monthEnd, previousMonthEnds, ratio, yearBefore } from './indicator-math';

describe('ratio (exact, half-up, 6 places)', () => {
  it.each([
    [400_000_00, 1_560_000_00, 0.25641],
    [1, 3, 0.333333],
    [2, 3, 0.666667],
    [1, 2_000_000, 0.000001], // 0.0000005 rounds half up
    [1, 2_000_001, 0],
    [0, 5, 0],
    [5, 0, null],
    [-1, 3, -0.333333],
  ])('%i / %i = %s', (n, d, want) => expect(ratio(n, d)).toBe(want));
  it('growth is null without a base', () => {
    expect(growth(1_560_000, 900_000)).toBe(0.733333);
    expect(growth(5, 0)).toBeNull();
  });
});

describe('calendar helpers', () => {
  it.each([
    ['2025-02-10', '2025-02-28'], ['2024-02-01', '2024-02-29'], ['2025-12-31', '2025-12-31'],
  ])('monthEnd(%s) = %s', (d, want) => expect(monthEnd(d)).toBe(want));
  it('previous month ends, newest first', () => expect(previousMonthEnds('2025-03-01', 3)).toEqual(['2025-02-28', '2025-01-31', '2024-12-31']));
  it('isMonthEnd and a year before (29 Feb → 28 Feb)', () => {
    expect(isMonthEnd('2024-02-29')).toBe(true);
    expect(isMonthEnd('2024-02-28')).toBe(false);
    expect(yearBefore('2024-02-29')).toBe('2023-02-28');
  });
});

describe('diffIndicators', () => {
  it('lists changed leaves by path and matches rows by key, not position', () => {
    const before = { outstanding: 10, byBank: [{ bank: 'A', outstanding: 5 }, { bank: 'B', outstanding: 5 }] };
    const after = { outstanding: 12, byBank: [{ bank: 'B', outstanding: 5 }, { bank: 'A', outstanding: 7 }] };
    expect(diffIndicators(before, after)).toEqual([
      { path: 'outstanding', before: 10, after: 12 },
      { path: 'byBank[A].outstanding', before: 5, after: 7 },
    ]);
  });
  it('a row that appears or disappears shows each of its fields', () => {
    expect(diffIndicators({ byBank: [] }, { byBank: [{ bank: 'C', outstanding: 1 }] })).toEqual([
      { path: 'byBank[C].bank', before: null, after: 'C' },
      { path: 'byBank[C].outstanding', before: null, after: 1 },
    ]);
  });
  it('no change, no entries', () => expect(diffIndicators({ a: 1, b: [1, 2] }, { a: 1, b: [1, 2] })).toEqual([]));
});
