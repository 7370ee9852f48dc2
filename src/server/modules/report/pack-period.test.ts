import { describe, expect, it } from 'vitest';
import { packPeriod } from './pack-period';

describe('packPeriod', () => {
  it('a month: its end, the month end before, twelve month ends up to it', () => {
    const p = packPeriod('monthly', '2025-03', '2025-04-01');
    expect(p).toMatchObject({ year: 2025, asOf: '2025-03-31', previousAsOf: '2025-02-28', label: '2025年3月' });
    expect('trend' in p && p.trend).toEqual([
      '2024-04-30', '2024-05-31', '2024-06-30', '2024-07-31', '2024-08-31', '2024-09-30', '2024-10-31', '2024-11-30', '2024-12-31', '2025-01-31', '2025-02-28', '2025-03-31',
    ]);
  });
  it('a year: 31 December, the year before, its own twelve month ends (leap February)', () => {
    const p = packPeriod('annual', '2024', '2025-01-01');
    expect(p).toMatchObject({ year: 2024, asOf: '2024-12-31', previousAsOf: '2023-12-31', label: '2024年度' });
    expect('trend' in p && p.trend[1]).toBe('2024-02-29');
    expect('trend' in p && p.trend).toHaveLength(12);
  });
  it('January compares with the December before', () => expect(packPeriod('monthly', '2025-01', '2025-06-01')).toMatchObject({ previousAsOf: '2024-12-31' }));
  it.each([
    ['monthly', '2025-13', '2026-01-01', /YYYY-MM/],
    ['monthly', '2025-1', '2026-01-01', /YYYY-MM/],
    ['monthly', '2025', '2026-01-01', /YYYY-MM/],
    ['annual', '2025-12', '2026-01-01', /YYYY/],
    ['annual', '1999', '2026-01-01', /2000 to 2200/],
    ['monthly', '2025-06', '2025-06-30', /has not ended/],
    ['monthly', '2025-06', '2025-06-15', /has not ended/],
    ['annual', '2025', '2025-12-31', /has not ended/],
  ] as const)('%s %s on %s is refused', (kind, period, today, message) => {
    const p = packPeriod(kind, period, today);
    expect(p).toMatchObject({ path: 'period' });
    expect('message' in p && p.message).toMatch(message);
  });
  it('the day after the period ends is soon enough', () => expect(packPeriod('monthly', '2025-06', '2025-07-01')).toMatchObject({ asOf: '2025-06-30' }));
});
