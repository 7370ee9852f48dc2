import { describe, expect, it } from 'vitest';
import { denseRanks, firstYearScore, fulfilmentScore, ratio4, scoreBanks, type BankFacts } from '../../src/server/modules/assessment/scoring';

// 科技信贷合作银行考核指标表 (seed 003 appendix 六) as cases a policy officer can check line by line.
const bank = (code: string, f: Partial<BankFacts> = {}): BankFacts => ({
  bank: code, creditTotal: 0, applicants: 0, recommended: 0, approved: 0, prevApproved: 0, activities: 0, microLoanApproved: 0, microLoanLoans: 0, ...f,
});
const scores = (facts: BankFacts[], pick: (s: ReturnType<typeof scoreBanks>[number]) => number) => scoreBanks(facts).map(pick);
const yuan = (n: number) => n * 100;

describe('dense ranks', () => {
  it.each([
    { values: [30, 20, 20, 10], ranks: [1, 2, 2, 3] },
    { values: [5, 5, 5], ranks: [1, 1, 1] },
    { values: [10, 0, 30], ranks: [2, null, 1] },
    { values: [], ranks: [] },
  ])('$values → $ranks', ({ values, ranks }) => {
    expect(denseRanks(values, (v) => v > 0, (a, b) => b - a)).toEqual(ranks);
  });
});

describe('1 授信总额: 70 for rank 1, −2 per rank, not below 0', () => {
  it('ranks by amount; ties share the score and the next amount takes the next rank', () => {
    const facts = [bank('A', { creditTotal: yuan(900) }), bank('B', { creditTotal: yuan(500) }), bank('C', { creditTotal: yuan(900) }), bank('D', { creditTotal: yuan(100) })];
    expect(scores(facts, (s) => s.indicators.creditTotal.score)).toEqual([70, 68, 70, 66]);
    expect(scoreBanks(facts)[0]!.indicators.creditTotal.value).toBe(900);
  });
  it('rank 36 earns 0 and rank 37 is not negative; a bank that granted nothing earns 0', () => {
    const facts = Array.from({ length: 37 }, (_, i) => bank(`B${i}`, { creditTotal: yuan(1000 - i) }));
    facts.push(bank('ZERO'));
    const s = scores(facts, (x) => x.indicators.creditTotal.score);
    expect(s[34]).toBe(2); // rank 35
    expect(s[35]).toBe(0); // rank 36
    expect(s[36]).toBe(0); // rank 37
    expect(s[37]).toBe(0);
  });
});

describe('2 申请量: 5 for rank 1, −0.2 per rank (exact tenths), not below 0', () => {
  it.each([
    [1, 5], [2, 4.8], [3, 4.6], [4, 4.4], [6, 4], [8, 3.6], [16, 2], [25, 0.2], [26, 0], [27, 0],
  ])('rank %i → %d', (rank, score) => {
    const facts = Array.from({ length: rank }, (_, i) => bank(`B${i}`, { applicants: 100 - i }));
    expect(scoreBanks(facts)[rank - 1]!.indicators.applicants.score).toBe(score);
  });
  it('ties', () => {
    expect(scores([bank('A', { applicants: 7 }), bank('B', { applicants: 9 }), bank('C', { applicants: 7 }), bank('D')], (s) => s.indicators.applicants.score)).toEqual([4.8, 5, 4.8, 0]);
  });
});

describe('3 落实率 × 户数 coefficient', () => {
  // [approved, recommended, rate score, coefficient, score]
  it.each([
    [90, 100, 20, 1, 20], // exactly 90%: the upper band; exactly 90 enterprises: coefficient 1
    [100, 100, 20, 1, 20],
    [89, 100, 18, 0.9, 16.2], // 89%: 18; 89 enterprises: 0.9
    [80, 100, 18, 0.9, 16.2], // exactly 80%
    [79, 100, 16, 0.8, 12.8],
    [70, 100, 16, 0.8, 12.8],
    [69, 100, 14, 0.7, 9.8],
    [50, 100, 12, 0.6, 7.2],
    [10, 100, 4, 0.2, 0.8], // exactly 10%: band [10%, 20%) → 4; 10 enterprises → 0.2
    [9, 100, 2, 0.1, 0.2], // below 10% → 2; 9 enterprises → 0.1
    [0, 10, 2, 0.1, 0.2], // nothing approved of 10 recommended: the table's lowest bands
    [9, 10, 20, 0.1, 2], // 90% of a small bank
    [2, 3, 14, 0.1, 1.4], // 66.7% → band 60%
    [180, 200, 20, 1, 20], // 90% of 200, 180 enterprises
    [179, 200, 18, 1, 18], // 89.5% → 18 (no rounding up to 90%)
  ])('%i of %i approved → %d × %d = %d', (approved, recommended, rateScore, coefficient, score) => {
    const r = fulfilmentScore(approved, recommended);
    expect(r.coefficientTenths / 10).toBe(coefficient);
    expect(r.score / 100).toBe(score);
    expect((rateScore * r.coefficientTenths) / 10).toBe(score);
    expect(scoreBanks([bank('A', { approved, recommended })])[0]!.indicators.fulfilment).toMatchObject({ approved, recommended, coefficient, score });
  });
  it('0 when nothing was recommended, with rate null', () => {
    expect(scoreBanks([bank('A', { approved: 0, recommended: 0 })])[0]!.indicators.fulfilment).toEqual({ rate: null, approved: 0, recommended: 0, coefficient: 0.1, score: 0 });
  });
  it('reports the rate to 4 decimals, half up', () => {
    expect(scoreBanks([bank('A', { approved: 2, recommended: 3 })])[0]!.indicators.fulfilment.rate).toBe(0.6667);
    expect(ratio4(1, 8)).toBe(0.125);
    expect(ratio4(1, 3)).toBe(0.3333);
    expect(ratio4(-1, 3)).toBe(-0.3333);
    expect(ratio4(1, 20000)).toBe(0.0001); // 0.00005 rounds up
  });
});

describe('4 授信户数增长率', () => {
  it('ranks positive growth (5, −0.2 per rank); equal ratios tie; zero and negative growth earn 0', () => {
    const facts = [
      bank('A', { approved: 20, prevApproved: 10, creditTotal: 1 }), // +100%
      bank('B', { approved: 15, prevApproved: 10, creditTotal: 1 }), // +50%
      bank('C', { approved: 6, prevApproved: 3, creditTotal: 1 }), // +100%, ties with A (6/3 = 20/10)
      bank('D', { approved: 10, prevApproved: 10, creditTotal: 1 }), // 0%
      bank('E', { approved: 5, prevApproved: 10, creditTotal: 1 }), // −50%
      bank('F', { approved: 11, prevApproved: 10, creditTotal: 1 }), // +10%
    ];
    expect(scores(facts, (s) => s.indicators.growth.score)).toEqual([5, 4.8, 5, 0, 0, 4.6]);
    expect(scoreBanks(facts).map((s) => s.indicators.growth.value)).toEqual([1, 0.5, 1, 0, -0.5, 0.1]);
  });
  it('compares growth exactly, not as rounded floats', () => {
    // 1/3 and 33333/100000 round to the same 4 decimals yet differ: different ranks.
    const facts = [bank('A', { approved: 4, prevApproved: 3 }), bank('B', { approved: 133333, prevApproved: 100000 })];
    expect(scores(facts, (s) => s.indicators.growth.score)).toEqual([5, 4.8]);
  });
  // A bank with no previous year: by its first-year approved amount.
  it.each([
    [100_000_000, 3], // exactly 1亿
    [99_999_999.99, 2],
    [50_000_000, 2], // exactly 5000万
    [49_999_999.99, 1],
    [0.01, 1],
    [0, 0], // nothing in either year
  ])('no previous year, %d yuan approved → %d', (amount, score) => {
    expect(firstYearScore(Math.round(amount * 100)) / 100).toBe(score);
    const s = scoreBanks([bank('A', { creditTotal: Math.round(amount * 100), approved: amount > 0 ? 1 : 0 })])[0]!.indicators.growth;
    expect(s).toEqual({ value: null, approved: amount > 0 ? 1 : 0, prevApproved: 0, firstYear: true, score });
  });
  it('first-year banks are not in the growth ranking', () => {
    const facts = [bank('NEW', { approved: 50, creditTotal: yuan(1000) }), bank('OLD', { approved: 11, prevApproved: 10, creditTotal: 1 })];
    expect(scores(facts, (s) => s.indicators.growth.score)).toEqual([1, 5]);
  });
});

describe('5 加分项', () => {
  it.each([[0, 0], [1, 1], [4, 4], [5, 5], [6, 5], [40, 5]])('(1) %i activities → %d', (n, score) => {
    expect(scoreBanks([bank('A', { activities: n })])[0]!.indicators.activities).toEqual({ value: n, score });
  });
  it('(2) 微贷通: 5 for rank 1, −0.5 per rank; at least 0.5 with a 微贷通 loan; 0 without business', () => {
    const facts = Array.from({ length: 12 }, (_, i) => bank(`M${i}`, { microLoanApproved: 30 - i, microLoanLoans: i === 11 ? 0 : 1 }));
    facts.push(bank('LOANS-ONLY', { microLoanLoans: 2 }), bank('NONE'));
    expect(scores(facts, (s) => s.indicators.microLoan.score)).toEqual([5, 4.5, 4, 3.5, 3, 2.5, 2, 1.5, 1, 0.5, 0.5, 0, 0.5, 0]);
  });
  it('(2) ties share the rank', () => {
    const facts = [bank('A', { microLoanApproved: 3, microLoanLoans: 3 }), bank('B', { microLoanApproved: 3, microLoanLoans: 1 }), bank('C', { microLoanApproved: 1, microLoanLoans: 1 })];
    expect(scores(facts, (s) => s.indicators.microLoan.score)).toEqual([5, 5, 4.5]);
  });
});

describe('total', () => {
  it('is the exact sum, 110 at most', () => {
    const best = bank('TOP', { creditTotal: yuan(200_000_000), applicants: 500, recommended: 100, approved: 95, prevApproved: 50, activities: 9, microLoanApproved: 10, microLoanLoans: 10 });
    expect(scoreBanks([best])[0]!.total).toBe(110);
    // 68 + 4.8 + 16.2 + 4.8 + 3 + 4.5 = 101.3, not 101.30000000000001
    const second = bank('TWO', { creditTotal: yuan(100), applicants: 400, recommended: 100, approved: 85, prevApproved: 80, activities: 3, microLoanApproved: 5, microLoanLoans: 1 });
    const [, s] = scoreBanks([best, second]);
    expect(s!.total).toBe(101.3);
    expect(s!.indicators.growth.score).toBe(4.8);
  });
  it('a bank with nothing earns 0 everywhere', () => {
    expect(scoreBanks([bank('IDLE')])[0]!.total).toBe(0);
  });
});
