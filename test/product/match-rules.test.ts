import { describe, expect, it } from 'vitest';
import {
  compareRanked, compileCriteria, describeStage, explainMatch, lifecycleStage, prepareFacts, yearsSince, type Criteria, type EnterpriseFacts,
} from '../../src/server/modules/matching/match-rules';
import { certVocabulary, forEachMatch, packCriteria, packFacts } from '../../src/server/modules/matching/match-packed';
import { SECTORS } from '../../src/shared/enterprise';

const TODAY = '2025-06-30';
const base: EnterpriseFacts = {
  id: 'e1', district: '杨浦区', sector: '人工智能', foundedOn: '2018-05-01', latestRevenue: { year: 2024, amount: 20_000_000_00 },
  certifications: ['高新技术企业'], nplCount: null,
};
const facts = (over: Partial<EnterpriseFacts> = {}) => prepareFacts({ ...base, ...over }, TODAY);

describe('yearsSince (whole years, compared as text)', () => {
  it.each([
    ['2018-05-01', '2025-06-30', 7], ['2018-06-30', '2025-06-30', 7], ['2018-07-01', '2025-06-30', 6],
    ['2024-02-29', '2025-02-28', 0], ['2024-02-29', '2025-03-01', 1], ['2025-06-30', '2025-06-30', 0],
  ])('%s → %s is %i', (from, to, years) => expect(yearsSince(from, to)).toBe(years));
});

describe('lifecycle stage: 初创期 < 3 years or < 500万元; 成熟期 ≥ 10 years and ≥ 1亿元; else 成长期', () => {
  it.each([
    ['2023-07-01', 900_000_000_00, 'startup'],          // 1 year old, however large
    ['2022-07-01', null, 'startup'],                    // 2 years, no revenue needed
    ['2022-06-30', null, null],                         // 3 years, revenue unknown
    ['2022-06-30', 4_999_999_99, 'startup'],            // just under 500万
    ['2022-06-30', 5_000_000_00, 'growth'],             // exactly 500万
    ['2015-06-30', 100_000_000_00, 'mature'],           // 10 years and 1亿
    ['2015-07-01', 100_000_000_00, 'growth'],           // a day short of 10 years
    ['2010-01-01', 99_999_999_99, 'growth'],            // old but a fen under 1亿
    [null, 100_000_000_00, null],                       // no founding date
  ] as const)('founded %s, revenue %s → %s', (foundedOn, revenue, stage) => {
    expect(lifecycleStage(foundedOn, revenue === null ? null : { amount: revenue }, TODAY)).toBe(stage);
  });
  it('explains itself', () => {
    expect(describeStage(facts()).zh).toBe('成长期（成立7年，2024年营业收入20,000,000.00元）');
    expect(describeStage(facts({ foundedOn: null })).en).toMatch(/No founding date/);
  });
});

type Case = [name: string, criteria: Criteria, over: Partial<EnterpriseFacts>, qualifies: boolean, met: string[], failed: string[]];
const CASES: Case[] = [
  ['no criteria: everyone', {}, {}, true, [], []],
  ['Yangpu registered', { yangpuRegistered: true }, {}, true, ['注册地为杨浦区'], []],
  ['registered elsewhere', { yangpuRegistered: true }, { district: '徐汇区' }, false, [], ['注册地为徐汇区，产品要求注册在杨浦区']],
  ['sector in list', { sectors: ['人工智能', '数字经济'] }, {}, true, ['所属领域人工智能属于产品支持领域（人工智能、数字经济）'], []],
  ['sector not in list', { sectors: ['生命健康'] }, {}, false, [], ['所属领域人工智能不属于产品支持领域（生命健康）']],
  ['old enough', { minYearsSinceFounding: 7 }, {}, true, ['成立7年（2018-05-01），满足成立满7年的要求'], []],
  ['too young', { minYearsSinceFounding: 8 }, {}, false, [], ['成立7年（2018-05-01），不满足成立满8年的要求']],
  ['founding unknown', { minYearsSinceFounding: 1 }, { foundedOn: null }, false, [], ['成立日期未登记，无法判断是否成立满1年']],
  ['revenue exactly the minimum', { minRevenue: 20_000_000_00 }, {}, true, ['2024年营业收入20,000,000.00元，不低于产品要求的20,000,000.00元'], []],
  ['revenue a fen short', { minRevenue: 20_000_000_01 }, {}, false, [], ['2024年营业收入20,000,000.00元，低于产品要求的20,000,000.01元']],
  ['no revenue registered', { minRevenue: 1 }, { latestRevenue: null }, false, [], ['未登记营业收入，产品要求最近年度营业收入不低于0.01元']],
  ['stage fits', { stages: ['growth', 'mature'] }, {}, true, ['企业处于成长期，属于产品面向的成长期、成熟期'], []],
  ['stage does not fit', { stages: ['startup'] }, {}, false, [], ['企业处于成长期，不属于产品面向的初创期']],
  ['stage unknown', { stages: ['startup'] }, { foundedOn: null }, false, [], ['成立日期或营业收入未登记，无法判断企业阶段（产品面向初创期企业）']],
  ['all certifications held', { certifications: ['高新技术企业'] }, {}, true, ['持有有效的高新技术企业认定'], []],
  ['a certification missing', { certifications: ['高新技术企业', '小巨人'] }, {}, false, [], ['缺少有效的小巨人认定']],
  ['any of: one held', { certifications: ['小巨人', '高新技术企业'], certificationsMatch: 'any' }, {}, true, ['持有有效的高新技术企业认定（产品要求其一：小巨人、高新技术企业）'], []],
  ['any of: none held', { certifications: ['小巨人', '专精特新'], certificationsMatch: 'any' }, {}, false, [], ['未持有有效的小巨人、专精特新认定中的任何一项']],
  ['NPL: no classification on the platform', { maxNplCount: 0 }, {}, true, ['平台未记录该企业的不良贷款（贷款台账尚无五级分类数据），产品要求不良贷款不超过0笔'], []],
  ['NPL: within the limit', { maxNplCount: 1 }, { nplCount: 1 }, true, ['平台记录不良贷款1笔，未超过产品允许的1笔'], []],
  ['NPL: over the limit', { maxNplCount: 0 }, { nplCount: 2 }, false, [], ['平台记录不良贷款2笔，超过产品允许的0笔']],
  ['several: one fails', { yangpuRegistered: true, sectors: ['人工智能'], minYearsSinceFounding: 10 }, {}, false, ['注册地为杨浦区', '所属领域人工智能属于产品支持领域（人工智能）'], ['成立7年（2018-05-01），不满足成立满10年的要求']],
];

describe('explainMatch and compileCriteria agree, case by case', () => {
  it.each(CASES)('%s', (_name, criteria, over, qualifies, met, failed) => {
    const p = facts(over);
    const e = explainMatch(criteria, p);
    expect(e.qualifies).toBe(qualifies);
    expect(compileCriteria(criteria)(p)).toBe(qualifies);
    const vocabulary = certVocabulary([criteria])!;
    expect(forEachMatch(packFacts([{ ...base, ...over }], TODAY, vocabulary, SECTORS), packCriteria(criteria, vocabulary, SECTORS))).toBe(qualifies ? 1 : 0);
    expect(e.met.map((r) => r.zh)).toEqual(met);
    expect(e.failed.map((r) => r.zh)).toEqual(failed);
    for (const r of [...e.met, ...e.failed]) expect(r.en.length).toBeGreaterThan(10);
  });
  it('certifications expired or not yet issued are the caller\'s to drop: facts hold only those valid today', () => {
    expect(compileCriteria({ certifications: ['高新技术企业'] })(facts({ certifications: [] }))).toBe(false);
  });
});

describe('ranking', () => {
  const r = (code: string, qualifies: boolean, failed: number, met: number, policyProduct = false) => ({
    code, policyProduct, explanation: { qualifies, failed: Array(failed).fill({}), met: Array(met).fill({}) },
  });
  it('qualifying first, then fewest failures, then policy products, then the more specific, then code', () => {
    const list = [r('Z', false, 1, 3), r('A', false, 2, 0), r('C', true, 0, 1), r('B', true, 0, 1), r('P', true, 0, 0, true), r('S', true, 0, 3)];
    expect(list.sort(compareRanked).map((x) => x.code)).toEqual(['P', 'S', 'B', 'C', 'Z', 'A']);
  });
});
