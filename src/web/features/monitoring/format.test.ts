import { describe, expect, it } from 'vitest';
import { formatGrowth, formatPct, previousMonthEnd } from './format';

describe('dashboard formats', () => {
  it.each([
    [0.031234, '3.12%'],
    [0, '0.00%'],
    [null, '—'],
  ])('formatPct(%s) = %s', (ratio, text) => expect(formatPct(ratio)).toBe(text));

  it.each([
    [0.12, '+12.00%'],
    [-0.05, '-5.00%'],
    [0, '0.00%'],
    [null, '—'],
  ])('formatGrowth(%s) = %s', (ratio, text) => expect(formatGrowth(ratio)).toBe(text));

  it.each([
    ['2026-11-22', '2026-10-31'],
    ['2026-03-01', '2026-02-28'],
    ['2024-03-15', '2024-02-29'],
    ['2026-01-05', '2025-12-31'],
  ])('previousMonthEnd(%s) = %s', (date, end) => expect(previousMonthEnd(date)).toBe(end));
});
