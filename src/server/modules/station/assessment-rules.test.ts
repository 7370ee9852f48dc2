import { describe, expect, it } from 'vitest';
import { attendanceScore, cooperationScore, eventsScore, growthScore, rankScores, workFeaturesScore } from './assessment-rules';

// Seed 003 appendix 七, 科技金融服务站考核评价指标表.
describe('items with caps', () => {
  it.each([[0, 0], [1, 2], [5, 10], [6, 13], [7, 15], [20, 15]])('一.3 %d events → %d', (n, s) => expect(eventsScore(n)).toBe(s));
  it.each([[0, 5], [1, 4], [5, 0], [9, 0]])('一.1 %d absences → %d', (n, s) => expect(attendanceScore(n)).toBe(s));
  it.each([[0, 0, 0], [2, 1, 7], [6, 1, 15], [0, 5, 15]])('一.5 %d reports, %d adopted → %d', (r, a, s) => expect(workFeaturesScore(r, a)).toBe(s));
  it.each([[0, 0], [1, 5], [3, 5]])('二.3 %d projects → %d', (n, s) => expect(cooperationScore(n)).toBe(s));
  it.each([
    [10, 10, 0, 0], [8, 10, 0, -0.2], [15, 10, 2.5, 0.5], [25, 10, 5, 1.5], [3, 0, 5, null], [0, 0, 0, null], [11, 10, 0.5, 0.1],
  ] as const)('二.2 %d this year over %d → %d (growth %s)', (a, b, score, growth) => expect(growthScore(a, b)).toEqual({ score, growth }));
});

describe('二.1 ranking', () => {
  it('bands 1–3: 50–40, 4–6: 40–30, 7 and after: 30–10; ties share the better rank; none screened scores 0', () => {
    const counts = new Map([['a', 30], ['b', 20], ['c', 20], ['d', 15], ['e', 12], ['f', 10], ['g', 8], ['h', 6], ['i', 4], ['z', 0]]);
    const r = rankScores(counts);
    const got = Object.fromEntries([...r].map(([k, v]) => [k, [v.rank, v.score]]));
    expect(got).toEqual({
      a: [1, 50], b: [2, 46.67], c: [2, 46.67], d: [4, 40], e: [5, 36.67], f: [6, 33.33], g: [7, 30], h: [8, 20], i: [9, 10], z: [null, 0],
    });
  });
  it('a single station ranks first', () => expect(rankScores(new Map([['a', 1]])).get('a')).toEqual({ rank: 1, score: 50 }));
});
