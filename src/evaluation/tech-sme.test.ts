import { describe, expect, it } from 'vitest';
import { evaluateTechSme, type TechSmeInput } from './tech-sme';
import { runTechSmeCli } from './tech-sme-input';

// Money in fen. A base enterprise: 100 staff, revenue 10,000,000 元, total cost 8,000,000 元, no IP.
const base = (): TechSmeInput => ({
  employees: 100, techStaff: 0, salesRevenue: 1_000_000_000, totalAssets: 1_000_000_000, rdExpense: 0, totalCost: 800_000_000,
  ip: { classI: 0, classII: 0 }, residentEnterprise: true, prohibitedIndustry: false, seriousViolation: false,
  direct: { hnteValid: false, nationalAwardTop3: false, provincialRdInstitution: false, ledStandard: false },
});

describe('tech-staff share bands (附件 科技人员指标, lower edges inclusive)', () => {
  it.each([
    [1000, 300, 20], [1000, 299, 16], [1000, 250, 16], [1000, 249, 12], [1000, 200, 12], [1000, 199, 8],
    [1000, 150, 8], [1000, 149, 4], [1000, 100, 4], [1000, 99, 0], [1000, 0, 0], [3, 1, 20], [7, 2, 16],
  ])('%i staff, %i tech staff → %i', (employees, techStaff, points) => {
    expect(evaluateTechSme({ ...base(), employees, techStaff }).breakdown.techStaff).toBe(points);
  });
});

describe('R&D bands: the better of R&D ÷ revenue and R&D ÷ total cost', () => {
  // revenue 1,000,000 元 = 100,000,000 fen; cost huge so only the revenue ratio counts
  const byRevenue = (rd: number) => evaluateTechSme({ ...base(), salesRevenue: 100_000_000, totalCost: 100_000_000_000, rdExpense: rd }).breakdown.rd;
  it.each([
    [6_000_000, 50], [5_999_999, 40], [5_000_000, 40], [4_999_999, 30], [4_000_000, 30], [3_999_999, 20],
    [3_000_000, 20], [2_999_999, 10], [2_000_000, 10], [1_999_999, 0], [0, 0],
  ])('R&D %i fen of 100,000,000 revenue → %i', (rd, points) => expect(byRevenue(rd)).toBe(points));

  const byCost = (rd: number) => evaluateTechSme({ ...base(), salesRevenue: 100_000_000_000, totalCost: 100_000_000, rdExpense: rd }).breakdown.rd;
  it.each([
    [30_000_000, 50], [29_999_999, 40], [25_000_000, 40], [24_999_999, 30], [20_000_000, 30], [19_999_999, 20],
    [15_000_000, 20], [14_999_999, 10], [10_000_000, 10], [9_999_999, 0],
  ])('R&D %i fen of 100,000,000 total cost → %i', (rd, points) => expect(byCost(rd)).toBe(points));

  it('takes the better ratio', () => {
    // 3 % of revenue (20) but 25 % of cost (40)
    expect(evaluateTechSme({ ...base(), salesRevenue: 100_000_000, totalCost: 12_000_000, rdExpense: 3_000_000 }).breakdown.rd).toBe(40);
    // 6 % of revenue (50) but 10 % of cost (10)
    expect(evaluateTechSme({ ...base(), salesRevenue: 100_000_000, totalCost: 60_000_000, rdExpense: 6_000_000 }).breakdown.rd).toBe(50);
  });
  it('zero revenue and zero cost score 0, never divide by zero', () => {
    expect(evaluateTechSme({ ...base(), salesRevenue: 0, totalCost: 0, rdExpense: 100 }).breakdown.rd).toBe(0);
  });
});

describe('IP (科技成果指标)', () => {
  it.each([
    [1, 0, 30], [3, 9, 30], [0, 4, 24], [0, 10, 24], [0, 3, 18], [0, 2, 12], [0, 1, 6], [0, 0, 0],
  ])('class I %i, class II %i → %i', (classI, classII, points) => {
    expect(evaluateTechSme({ ...base(), ip: { classI, classII } }).breakdown.ip).toBe(points);
  });
});

describe('conditions (第六条) and paths', () => {
  const strong = (): TechSmeInput => ({ ...base(), techStaff: 30, rdExpense: 60_000_000, ip: { classI: 1, classII: 0 } }); // 20+50+30

  it.each<[string, Partial<TechSmeInput>, boolean, string]>([
    ['score path', {}, true, 'score'],
    ['500 employees is allowed', { employees: 500, techStaff: 150 }, true, 'score'],
    ['501 employees is not', { employees: 501, techStaff: 150 }, false, 'none'],
    ['revenue exactly 200,000,000 元 is allowed', { salesRevenue: 20_000_000_000, rdExpense: 1_200_000_000 }, true, 'score'],
    ['revenue 200,000,000.01 元 is not', { salesRevenue: 20_000_000_001, rdExpense: 1_200_000_000 }, false, 'none'],
    ['assets exactly 200,000,000 元 is allowed', { totalAssets: 20_000_000_000 }, true, 'score'],
    ['assets above is not', { totalAssets: 20_000_000_001 }, false, 'none'],
    ['non-resident', { residentEnterprise: false }, false, 'none'],
    ['prohibited industry', { prohibitedIndustry: true }, false, 'none'],
    ['serious violation', { seriousViolation: true }, false, 'none'],
  ])('%s', (_name, patch, eligible, path) => {
    const r = evaluateTechSme({ ...strong(), ...patch });
    expect([r.eligible, r.path]).toEqual([eligible, path]);
  });

  it('score exactly 60 passes, 59 fails', () => {
    // tech 4 (10 %) + R&D 50 + IP 6 = 60
    const sixty = evaluateTechSme({ ...base(), techStaff: 10, rdExpense: 60_000_000, ip: { classI: 0, classII: 1 } });
    expect([sixty.score, sixty.eligible, sixty.path]).toEqual([60, true, 'score']);
    // tech 4 + R&D 40 + IP 12 = 56
    const low = evaluateTechSme({ ...base(), techStaff: 10, rdExpense: 50_000_000, ip: { classI: 0, classII: 2 } });
    expect([low.score, low.eligible, low.path]).toEqual([56, false, 'none']);
  });

  it('a zero tech-staff score closes the score path even at 80 points', () => {
    const r = evaluateTechSme({ ...base(), techStaff: 9, rdExpense: 60_000_000, ip: { classI: 1, classII: 0 } });
    expect([r.score, r.breakdown.techStaff, r.eligible]).toEqual([80, 0, false]);
  });

  it.each(['hnteValid', 'nationalAwardTop3', 'provincialRdInstitution', 'ledStandard'] as const)('direct path %s', (k) => {
    const r = evaluateTechSme({ ...base(), direct: { ...base().direct, [k]: true } });
    expect([r.eligible, r.path, r.score]).toEqual([true, 'direct', 0]);
  });
  it('a direct path does not lift the conditions', () => {
    const r = evaluateTechSme({ ...base(), employees: 600, direct: { ...base().direct, hnteValid: true } });
    expect([r.eligible, r.path]).toEqual([false, 'none']);
  });

  it('unknown facts make eligibility unknown and are named', () => {
    const r = evaluateTechSme({ ...strong(), techStaff: null, residentEnterprise: null });
    expect(r.eligible).toBeNull();
    expect(r.unknown).toEqual(expect.arrayContaining(['techStaff', 'residentEnterprise']));
    expect(r.breakdown.techStaff).toBeNull();
    expect([r.score, r.maxScore]).toEqual([80, 100]);
  });
  it('a known failure decides even when other facts are unknown', () => {
    const r = evaluateTechSme({ ...strong(), techStaff: null, employees: 900 });
    expect(r.eligible).toBe(false);
  });
});

describe('CLI contract', () => {
  const input = {
    employees: 100, techStaff: 30, salesRevenue: 10_000_000, totalAssets: 10_000_000, rdExpense: 600_000, totalCost: 8_000_000,
    ip: { classI: 1, classII: 0 }, residentEnterprise: true, prohibitedIndustry: false, seriousViolation: false,
    direct: { hnteValid: false, nationalAwardTop3: false, provincialRdInstitution: false, ledStandard: false },
  };
  it('prints the exact output object', () => {
    const r = runTechSmeCli(JSON.stringify(input));
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['eligible', 'path', 'score', 'breakdown', 'reasons']);
    expect(out).toMatchObject({ eligible: true, path: 'score', score: 100, breakdown: { techStaff: 20, rd: 50, ip: 30 } });
    expect(out.reasons.length).toBeGreaterThan(0);
  });
  it('an array gives an array', () => {
    const r = runTechSmeCli(JSON.stringify([input, { ...input, employees: 501, techStaff: 100 }]));
    const out = JSON.parse(r.stdout);
    expect(out.map((o: { eligible: boolean }) => o.eligible)).toEqual([true, false]);
  });
  it.each<[unknown, string]>([
    [{ ...input, employees: -1 }, 'employees'],
    [{ ...input, salesRevenue: '1' }, 'salesRevenue'],
    [{ ...input, rdExpense: 1.234 }, 'rdExpense'],
    [{ ...input, techStaff: 101 }, 'techStaff'],
    [{ ...input, ip: { classI: 1 } }, 'ip.classII'],
    [{ ...input, direct: { ...input.direct, ledStandard: 'yes' } }, 'direct.ledStandard'],
    [{ ...input, extra: 1 }, 'extra'],
    [[input, { ...input, totalCost: null }], '[1].totalCost'],
    [(() => { const { seriousViolation: _, ...rest } = input; return rest; })(), 'seriousViolation'],
  ])('bad input exits 2 naming the field (%#)', (bad, field) => {
    const r = runTechSmeCli(JSON.stringify(bad));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${field}:`);
  });
  it('invalid JSON exits 2', () => expect(runTechSmeCli('{').exitCode).toBe(2));
});
