import { describe, expect, it } from 'vitest';
import { growthScore } from './growth';
import { evaluateHnte } from './hnte';
import { evaluateEnterpriseYear } from './index';
import { evaluateLifecycle } from './lifecycle';
import { evaluateListing, marketValue } from './listing';
import { DEFAULT_INNOVATION_MODEL, DEFAULT_LIFECYCLE_MODEL, validateModel } from './models';
import { evaluateScorecard, normalise } from './scorecard';
import { makeFacts } from './test-facts';

describe('HNTE growth formula ½·(y2/y1 + y3/y2) − 1 and its special cases (工作指引)', () => {
  it.each<[[number, number, number], [number, number], string]>([
    [[100, 135, 182.25], [9, 10], 'three-year'], // exactly 35 %
    [[100, 135, 182.24], [7, 8], 'three-year'], // just under 35 %
    [[100, 125, 156.25], [7, 8], 'three-year'], // exactly 25 %
    [[100, 115, 132.25], [5, 6], 'three-year'], // exactly 15 %
    [[100, 105, 110.25], [3, 4], 'three-year'], // exactly 5 %
    [[100, 101, 102], [1, 2], 'three-year'], // > 0
    [[100, 100, 100], [0, 0], 'three-year'], // exactly 0: not > 0
    [[100, 90, 80], [0, 0], 'three-year'], // negative
    [[0, 100, 135], [9, 10], 'latter-two-years'], // first year 0: y3/y2 − 1 = 35 %
    [[0, 100, 134], [7, 8], 'latter-two-years'],
    [[100, 0, 500], [0, 0], 'zero'], // second year 0
    [[-50, 100, 200], [0, 0], 'zero'], // negative base year
  ])('%j → %j (%s)', (values, points, formula) => {
    const r = growthScore(values.map((v) => Math.round(v * 100)) as [number, number, number], 'x');
    expect(r.points).toEqual(points);
    expect(r.formula).toBe(formula);
  });
  it('a missing year is unknown with the full range', () => {
    const r = growthScore([null, 100, 200], 'netAssets');
    expect(r.points).toEqual([0, 10]);
    expect(r.needed).toEqual(['netAssets.y1']);
  });
});

describe('HNTE readiness (32号 第十一条)', () => {
  const years = (latestRevenue: number, rdShare: number) => ({
    2023: { revenue: latestRevenue, rdExpense: latestRevenue * rdShare, rdExpenseDomestic: latestRevenue * rdShare, totalAssets: 100, totalLiabilities: 50 },
    2024: { revenue: latestRevenue, rdExpense: latestRevenue * rdShare, rdExpenseDomestic: latestRevenue * rdShare, totalAssets: 100, totalLiabilities: 50 },
    2025: { revenue: latestRevenue, rdExpense: latestRevenue * rdShare, rdExpenseDomestic: latestRevenue * rdShare, highTechProductRevenue: latestRevenue * 0.6, employees: 100, techStaff: 10, totalAssets: 100, totalLiabilities: 50 },
  });
  const rd = (latestRevenue: number, share: number) => evaluateHnte(makeFacts({ years: years(latestRevenue, share), ip: { invention_patent: 1 } })).checks.find((c) => c.id === 'rdIntensity')!;
  it.each<[number, number, boolean]>([
    [50_000_000, 0.05, true], [50_000_000, 0.0499, false], // ≤ 5,000 万: 5 %
    [50_000_001, 0.04, true], [200_000_000, 0.04, true], [200_000_000, 0.0399, false], // ≤ 2 亿: 4 %
    [200_000_001, 0.03, true], [200_000_001, 0.0299, false], // above: 3 %
  ])('latest sales %i, R&D share %f → %s', (sales, share, met) => expect(rd(sales, share).met).toBe(met));

  it('computable conditions with numbers; expert parts as ranges', () => {
    const r = evaluateHnte(makeFacts({ years: years(10_000_000, 0.06), ip: { invention_patent: 1 } }));
    const byId = Object.fromEntries(r.checks.map((c) => [c.id, c.met]));
    expect(byId).toMatchObject({ registered: true, coreIp: true, techStaff: true, rdIntensity: true, rdDomestic: true, highTechRevenue: true });
    // growth 0 (flat): expert parts 0–80, so the innovation test is unknown
    expect(r.innovation.total).toEqual([0, 80]);
    expect(r.ready).toBeNull();
    expect(r.needed).toEqual(expect.arrayContaining(['hnte.ipScore', 'hnte.conversionScore', 'hnte.rdManagementScore']));
  });
  it('registered one year: founded on the day a year before the year-end passes, the day after fails', () => {
    const reg = (foundedOn: string) => evaluateHnte(makeFacts({ foundedOn })).checks[0]!.met;
    expect([reg('2024-12-31'), reg('2025-01-01')]).toEqual([true, false]);
  });
  it('missing domestic R&D is unknown and named', () => {
    const f = makeFacts({ years: { 2025: { revenue: 100, rdExpense: 10 } } });
    const c = evaluateHnte(f).checks.find((x) => x.id === 'rdDomestic')!;
    expect(c.met).toBeNull();
    expect(c.needed).toContain('rdExpenseDomestic[2025]');
  });
});

describe('listing readiness', () => {
  const big = { 2023: { revenue: 250_000_000, rdExpense: 40_000_000, netProfit: 30_000_000, operatingCashFlow: 40_000_000 }, 2024: { revenue: 280_000_000, rdExpense: 45_000_000, netProfit: 35_000_000, operatingCashFlow: 40_000_000 }, 2025: { revenue: 320_000_000, rdExpense: 50_000_000, netProfit: 40_000_000, operatingCashFlow: 30_000_000, totalAssets: 500_000_000, totalLiabilities: 200_000_000, employees: 400, rdStaff: 80 } };

  it('market value: the latest post-money, or a later officer estimate, labelled', () => {
    const rounds = [{ round: 'b', date: '2024-03-01', amount: 1e8, postMoney: 2e9 }, { round: 'c', date: '2025-06-01', amount: 2e8, postMoney: 3.2e9 }];
    expect(marketValue(makeFacts({ rounds }))).toMatchObject({ value: 3.2e11, source: 'round_post_money' });
    expect(marketValue(makeFacts({ rounds, extras: { marketValueEstimate: 4e9, marketValueEstimatedOn: '2025-09-01' } }))).toMatchObject({ value: 4e11, source: 'officer_estimate' });
    expect(marketValue(makeFacts({ rounds, extras: { marketValueEstimate: 4e9, marketValueEstimatedOn: '2025-01-01' } })).source).toBe('round_post_money');
    expect(marketValue(makeFacts({})).value).toBeNull();
  });

  it('STAR standards at exactly 30 亿 market value; 2.1.2(二) with 15.9 % R&D over three years', () => {
    const f = makeFacts({ years: big, rounds: [{ round: 'c', date: '2025-06-01', amount: 1e8, postMoney: 3e9 }], extras: { mainBusinessInventionPatents: 8 } });
    const r = evaluateListing(f);
    expect(r.met.map((m) => m.standard)).toEqual(expect.arrayContaining(['star.1', 'star.2', 'star.3', 'star.4']));
    expect(r.met.map((m) => m.standard)).not.toContain('star.5');
    expect(r.met[0]).toEqual({ board: 'star', standard: 'star.1', clause: '2.1.2(一)' }); // 40 亿 needed
    expect(r.boards[0]!.ready).toBe(true); // 科创属性: R&D 15.9 %, R&D staff 20 %, 8 patents, revenue 3.2 亿
    const star2 = r.boards[0]!.standards[1]!;
    expect(star2.alternatives[0]!.find((c) => c.id === 'rdShare3y')!.actual).toBeCloseTo(0.1588, 3);
  });

  it('the nearest unmet standard says what is missing in numbers', () => {
    // market value 9 亿: star.1 misses market value by 1 亿
    const f = makeFacts({ years: big, rounds: [{ round: 'b', date: '2025-01-01', amount: 1e8, postMoney: 9e8 }] });
    const r = evaluateListing(f);
    expect(r.met.map((m) => m.standard)).toContain('bse.3');
    const star1 = r.boards[0]!.standards[0]!;
    expect(star1.met).toBe(false);
    expect(star1.missing).toEqual([expect.objectContaining({ id: 'marketValue', actual: 9e8, required: 1e9, shortfall: 1e8 })]);
    expect(r.nearest).not.toBeNull();
    expect(r.nearest!.gap).toBeGreaterThan(0);
  });

  it('BSE needs the NEEQ innovation layer for 12 months', () => {
    const rounds = [{ round: 'c', date: '2025-06-01', amount: 1e8, postMoney: 9e8 }];
    const notListed = evaluateListing(makeFacts({ years: big, rounds }));
    expect(notListed.boards[1]!.ready).toBe(false);
    const listed = evaluateListing(makeFacts({ years: big, rounds, listingStatus: 'neeq_innovation', extras: { neeqListedOn: '2024-12-31' } }));
    expect(listed.boards[1]!.ready).toBe(true);
    expect(listed.ready).toContain('bse');
    const tooRecent = evaluateListing(makeFacts({ years: big, rounds, listingStatus: 'neeq_innovation', extras: { neeqListedOn: '2025-01-01' } }));
    expect(tooRecent.boards[1]!.ready).toBe(false);
  });

  it('BSE standard 2: revenue growth exactly 30 % passes, and cash flow must be positive', () => {
    const years = (ocf: number) => ({ 2024: { revenue: 100_000_000 }, 2025: { revenue: 130_000_000, operatingCashFlow: ocf } });
    const s2 = (ocf: number) => evaluateListing(makeFacts({ years: years(ocf), extras: { marketValueEstimate: 4e8, marketValueEstimatedOn: '2025-12-01' } })).boards[1]!.standards[1]!;
    expect(s2(1).met).toBe(true);
    expect(s2(0).met).toBe(false);
  });

  it('no market value: standards with a market-value test are unknown, named', () => {
    const r = evaluateListing(makeFacts({ years: big }));
    expect(r.boards[0]!.standards[3]!.met).toBeNull();
    expect(r.needed).toContain('marketValue (round post-money or officer estimate)');
  });
});

describe('innovation-points scorecard and lifecycle', () => {
  it.each<[number, Parameters<typeof normalise>[1], number]>([
    [0.075, { kind: 'linear', min: 0, max: 0.15 }, 50], [0.3, { kind: 'linear', min: 0, max: 0.15 }, 100], [-1, { kind: 'linear', min: 0, max: 1 }, 0],
    [50, { kind: 'log', max: 50 }, 100], [0, { kind: 'log', max: 50 }, 0], [5, { kind: 'step', bands: [{ min: 10, points: 100 }, { min: 5, points: 60 }] }, 60],
  ])('normalise %s → %s', (v, n, out) => expect(normalise(v, n)).toBeCloseTo(out, 6));

  it('explains each indicator and weights groups by stage', () => {
    const f = makeFacts({ years: { 2024: { revenue: 10_000_000, netProfit: 1_000_000 }, 2025: { revenue: 15_000_000, netProfit: 1_500_000, rdExpense: 2_250_000, employees: 50, rdStaff: 25 } }, ip: { invention_patent: 50 }, certifications: ['高新技术企业', '专精特新', '小巨人'] });
    const r = evaluateScorecard(f, DEFAULT_INNOVATION_MODEL, 'growth');
    const byId = Object.fromEntries(r.indicators.map((i) => [i.id, i]));
    expect(byId.rdIntensity!.value).toBe(0.15);
    expect(byId.rdIntensity!.normalised).toBe(100);
    expect(byId.inventionPatents!.normalised).toBe(100);
    expect(byId.revenueGrowth!.value).toBe(0.5);
    expect(byId.certifications!.normalised).toBe(100);
    expect(r.groups.map((g) => g.stageWeight)).toEqual([45, 40, 15]);
    const sumContrib = r.groups.reduce((s, g) => s + g.contribution, 0);
    expect(r.score).toBeCloseTo(sumContrib, 1);
    expect(r.needed).toEqual([]);
  });
  it('a missing fact scores 0 for its indicator and is named', () => {
    const r = evaluateScorecard(makeFacts({}), DEFAULT_INNOVATION_MODEL, 'startup');
    expect(r.indicators.find((i) => i.id === 'rdExpense')!.needed).toEqual(['rdExpense[2025]']);
  });

  it.each<[string, Parameters<typeof makeFacts>[0], string]>([
    ['young and small → startup', { foundedOn: '2024-01-01', years: { 2025: { revenue: 1_000_000 } } }, 'startup'],
    ['revenue 2,000 万 → growth', { years: { 2025: { revenue: 20_000_000 } } }, 'growth'],
    ['series A → growth', { years: { 2025: { revenue: 0 } }, rounds: [{ round: 'a', date: '2025-01-01', amount: 1 }] }, 'growth'],
    ['revenue 3 亿 → mature', { years: { 2025: { revenue: 300_000_000 } } }, 'mature'],
    ['10 years and 1 亿 → mature', { foundedOn: '2015-12-31', years: { 2025: { revenue: 100_000_000 } } }, 'mature'],
    ['9 years and 1 亿 → growth', { foundedOn: '2016-01-01', years: { 2025: { revenue: 100_000_000 } } }, 'growth'],
  ])('%s', (_n, opts, stage) => {
    const r = evaluateLifecycle(makeFacts(opts), DEFAULT_LIFECYCLE_MODEL);
    expect(r.stage).toBe(stage);
    expect(r.explanation.length).toBeGreaterThan(0);
  });

  it('model validation names the field', () => {
    const bad = structuredClone(DEFAULT_INNOVATION_MODEL) as unknown as { stageWeights: { growth: Record<string, number> } };
    bad.stageWeights.growth.tech = 50;
    const r = validateModel('innovation_points', bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.path).toBe('stageWeights.growth');
    const r2 = validateModel('lifecycle', { ...DEFAULT_LIFECYCLE_MODEL, rules: [{ stage: 'old', anyOf: [] }] });
    expect(r2.ok).toBe(false);
  });
});

describe('evaluateEnterpriseYear', () => {
  it('gives the five kinds with model versions', () => {
    const rs = evaluateEnterpriseYear(makeFacts({ years: { 2025: { revenue: 1e7, employees: 10 } } }));
    expect(rs.map((r) => r.kind)).toEqual(['tech_sme', 'hnte', 'innovation_points', 'lifecycle', 'listing_readiness']);
    expect(rs.every((r) => r.modelVersion.length > 0)).toBe(true);
  });
});
