import { describe, expect, it } from 'vitest';
import { generateSchedule, parseRate, roundHalfUp, scheduleTotals, type RepaymentMethod } from './schedule';

const rows = (method: RepaymentMethod, principal: number, annualRate: string, termMonths: number, startDate = '2025-01-15') =>
  generateSchedule({ method, principal, annualRate, termMonths, startDate }).map((i) => [i.principal, i.interest]);

describe('generateSchedule: exact fen, half-up, last instalment absorbs rounding', () => {
  // Expected values computed independently with exact fractions (Python's fractions.Fraction).
  it.each([
    // [method, principal fen, rate, term, expected [principal, interest] per instalment]
    ['equal_instalment', 100, '0.12', 3, [[33, 1], [33, 1], [34, 0]]],
    ['equal_instalment', 1, '0.0435', 3, [[0, 0], [0, 0], [1, 0]]],
    ['equal_instalment', 10000, '0', 3, [[3333, 0], [3333, 0], [3334, 0]]],
    ['equal_principal', 100, '0.12', 3, [[33, 1], [33, 1], [34, 0]]],
    ['equal_principal', 2, '0.0435', 3, [[1, 0], [1, 0], [0, 0]]],
    ['equal_principal', 300, '0.06', 3, [[100, 2], [100, 1], [100, 1]]],
    // 50 fen at 1% a month is 0.5 fen: half-up to 1.
    ['interest_only', 50, '0.12', 2, [[0, 1], [50, 1]]],
    ['interest_only', 1000000, '0.0435', 3, [[0, 3625], [0, 3625], [1000000, 3625]]],
  ] as const)('%s %i fen at %s over %i months', (method, principal, rate, term, expected) => {
    expect(rows(method, principal, rate, term)).toEqual(expected);
  });

  it('等额本息 100,000 yuan at 4.35% over 12 months: 8,530.99 yuan a month, the textbook figure', () => {
    const s = generateSchedule({ method: 'equal_instalment', principal: 10_000_000, annualRate: '0.0435', termMonths: 12, startDate: '2025-01-15' });
    expect(s.slice(0, 11).every((i) => i.principal + i.interest === 853_099)).toBe(true);
    expect(s[0]).toEqual({ seq: 1, dueOn: '2025-02-15', principal: 816_849, interest: 36_250 });
    expect(s[11]).toEqual({ seq: 12, dueOn: '2026-01-15', principal: 850_020, interest: 3_081 });
    expect(scheduleTotals(s)).toEqual({ principal: 10_000_000, interest: 237_190 });
  });

  it('等额本金 10,000 yuan at 4.35% over 12 months: 833.33 principal, the last 833.37', () => {
    const s = generateSchedule({ method: 'equal_principal', principal: 1_000_000, annualRate: '0.0435', termMonths: 12, startDate: '2025-01-15' });
    expect(s[0]).toMatchObject({ principal: 83_333, interest: 3_625 });
    expect(s[11]).toMatchObject({ principal: 83_337, interest: 302 });
    expect(scheduleTotals(s).principal).toBe(1_000_000);
  });

  it('due dates clamp to the month end and do not drift (31 Jan → 28 Feb → 31 Mar)', () => {
    const s = generateSchedule({ method: 'interest_only', principal: 100_00, annualRate: '0.05', termMonths: 3, startDate: '2025-01-31' });
    expect(s.map((i) => i.dueOn)).toEqual(['2025-02-28', '2025-03-31', '2025-04-30']);
  });

  it('principal always sums to the loan over many shapes', () => {
    for (const method of ['equal_instalment', 'equal_principal', 'interest_only'] as const) {
      for (const [p, rate, n] of [[1, '0.3', 1], [7, '0.0435', 7], [99_999_99, '0.0365', 36], [123_456_789, '0.048', 120], [10_000_000_00, '0.0399', 360]] as const) {
        const s = generateSchedule({ method, principal: p, annualRate: rate, termMonths: n, startDate: '2024-02-29' });
        expect(s).toHaveLength(n);
        expect(scheduleTotals(s).principal).toBe(p);
        expect(s.every((i) => Number.isInteger(i.principal) && Number.isInteger(i.interest) && i.principal >= 0 && i.interest >= 0)).toBe(true);
      }
    }
  });

  it('a numeric rate is read as its decimal text, not its binary float', () => {
    expect(parseRate(0.0435)).toEqual({ num: 435n, den: 10000n });
    expect(parseRate('0.043500')).toEqual({ num: 43500n, den: 1000000n });
    expect(() => parseRate('-0.1')).toThrow(RangeError);
    expect(() => parseRate('abc')).toThrow(RangeError);
  });

  it('rejects a principal that is not whole fen and a term out of range', () => {
    expect(() => generateSchedule({ method: 'equal_principal', principal: 10.5, annualRate: '0.04', termMonths: 12, startDate: '2025-01-01' })).toThrow(RangeError);
    expect(() => generateSchedule({ method: 'equal_principal', principal: 100, annualRate: '0.04', termMonths: 0, startDate: '2025-01-01' })).toThrow(RangeError);
  });

  it('roundHalfUp rounds halves up and nothing else', () => {
    expect([roundHalfUp(1n, 2n), roundHalfUp(49n, 100n), roundHalfUp(3n, 2n), roundHalfUp(0n, 7n)]).toEqual([1n, 0n, 2n, 0n]);
  });
});
