import { describe, expect, it } from 'vitest';
import { packCommentary, wan, type CommentaryFigures } from './pack-commentary';

const figures = (over: Partial<CommentaryFigures> = {}): CommentaryFigures => ({
  asOf: '2025-12-31', borrowers: 10, outstanding: 1_000_000, nplOutstanding: 20_000, nplRatio: 0.02, byBank: [], byProduct: [], ...over,
});
const bank = (bank: string, outstanding: number, nplRatio: number | null = 0, bankName = `${bank}银行`) => ({ bank, bankName, outstanding, nplRatio });
const product = (product: string | null, outstanding: number, productName: string | null = product ? `${product}贷` : null) => ({ product, productName, outstanding, nplRatio: 0 });
const text = (lines: { text: string }[]) => lines.map((l) => l.text);
const topic = (lines: { topic: string; text: string }[], t: string) => lines.find((l) => l.topic === t)?.text;

describe('wan: yuan as 万元, two decimals, grouped', () => {
  it.each([
    [0, '0.00'], [12_345.67, '1.23'], [125_000_000, '12,500.00'], [49.99, '0.00'], [50, '0.01'],
  ])('%d yuan → %s', (yuan, want) => expect(wan(yuan)).toBe(want));
});

describe('packCommentary', () => {
  it('without a previous period states the level only', () => {
    expect(text(packCommentary(figures(), null))).toEqual(['截至2025-12-31，贷款余额100.00万元，贷款企业10户，不良率2.00%；无上期数据可比。']);
  });

  it.each([
    ['growth', 1_000_000, 1_250_000, '贷款余额125.00万元，较上期增加25.00万元（+25.00%）'],
    ['decline', 1_000_000, 900_000, '贷款余额90.00万元，较上期减少10.00万元（−10.00%）'],
    ['flat', 1_000_000, 1_000_000, '贷款余额100.00万元，与上期持平'],
    ['from nothing', 0, 500_000, '贷款余额50.00万元，较上期增加50.00万元。'],
  ])('outstanding: %s', (_case, before, now, want) => {
    expect(topic(packCommentary(figures({ outstanding: now }), figures({ outstanding: before, asOf: '2025-11-30' })), 'outstanding')).toContain(want);
  });

  it.each([
    [10, 12, '贷款企业12户，较上期增加2户。'],
    [10, 7, '贷款企业7户，较上期减少3户。'],
    [10, 10, '贷款企业10户，与上期持平。'],
  ])('borrowers %i → %i', (before, now, want) => {
    expect(topic(packCommentary(figures({ borrowers: now }), figures({ borrowers: before })), 'borrowers')).toBe(want);
  });

  it.each([
    [0.02, 0.0275, '不良率2.75%，较上期上升0.75个百分点'],
    [0.02, 0.015, '不良率1.50%，较上期下降0.50个百分点'],
    [0.02, 0.02, '不良率2.00%，与上期持平'],
    [null, 0.01, '不良率1.00%（上期无贷款余额）。'],
    [0.01, null, '本期无贷款余额，不计不良率。'],
  ])('NPL ratio %s → %s', (before, now, want) => {
    expect(topic(packCommentary(figures({ nplRatio: now }), figures({ nplRatio: before })), 'npl')).toContain(want);
  });

  it('names the two banks whose outstanding moved most, either way, a bank that left included', () => {
    const now = figures({ byBank: [bank('A', 500_000), bank('B', 100_000), bank('C', 400_000)] });
    const before = figures({ byBank: [bank('A', 450_000), bank('B', 300_000), bank('C', 400_000), bank('D', 10_000)] });
    expect(topic(packCommentary(now, before), 'bank')).toBe('按银行，余额变动最大的是B银行（−20.00万元）、A银行（+5.00万元）。');
  });

  it('a new bank counts from zero; equal moves are ordered by code', () => {
    const now = figures({ byBank: [bank('Z', 100_000), bank('A', 100_000)] });
    expect(topic(packCommentary(now, figures()), 'bank')).toBe('按银行，余额变动最大的是A银行（+10.00万元）、Z银行（+10.00万元）。');
  });

  it('no bank line when no bank moved; loans without a product are 其他', () => {
    const lines = packCommentary(
      figures({ byBank: [bank('A', 1)], byProduct: [product(null, 300_000), product('KJ', 100_000)] }),
      figures({ byBank: [bank('A', 1)], byProduct: [product('KJ', 100_000)] }),
    );
    expect(topic(lines, 'bank')).toBeUndefined();
    expect(topic(lines, 'product')).toBe('按产品，余额变动最大的是其他（+30.00万元）。');
  });

  it('banks above the 3% tolerance, worst first, three at most, marking those that crossed it this period', () => {
    const now = figures({ byBank: [bank('A', 1, 0.05), bank('B', 1, 0.031), bank('C', 1, 0.03), bank('D', 1, 0.2), bank('E', 1, 0.04), bank('F', 1, null)] });
    const before = figures({ byBank: [bank('A', 1, 0.06), bank('B', 1, 0.01), bank('D', 1, 0.1), bank('E', 1, 0.02), bank('F', 1, 0.5)] });
    expect(topic(packCommentary(now, before), 'tolerance')).toBe('不良率高于3.00%容忍度的银行：D银行（20.00%）、A银行（5.00%）、E银行（4.00%，本期新超过）。');
  });

  it('lines come in a fixed order', () => {
    const lines = packCommentary(figures({ byBank: [bank('A', 2, 0.5)], byProduct: [product('P', 2)] }), figures());
    expect(lines.map((l) => l.topic)).toEqual(['outstanding', 'borrowers', 'npl', 'bank', 'product', 'tolerance']);
  });
});
