import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/app';
import { expectStatus } from '../application/helpers';
import { seedAssessmentYear } from './fixture';

// The cooperating-bank assessment over fixture.ts's year; each figure is worked out by hand in the comments.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedAssessmentYear(ctx);
}, 120_000);
afterAll(async () => ctx?.close());

const assess = (qs: string, user: 'officer' | 'auditor' | 'admin' | 'bank' | 'bank2' = 'officer') => ctx.as(user, { method: 'GET', url: `/api/v1/assessments/banks?${qs}` });

// BANK1: approved apps 1, 2, 8 = 3,000,000 + 2,000,000 + 1,000,000 (rank 1 → 70); applicants A, B, C (recommended)
// + D, A (its own product CRD) = 4 (rank 1 → 5); fulfilment 2 approved (A, B) of 3 recommended (A, B, C) = 66.7% →
// 14 × 0.1 (2 enterprises) = 1.4; growth 1 (A in 2024) → 2 = +100%, the only grower → 5; 6 events → 5; no 微贷通.
const BANK1 = {
  bank: 'BANK1', bankName: '测试银行',
  indicators: {
    creditTotal: { value: 6_000_000, score: 70 },
    applicants: { value: 4, score: 5 },
    fulfilment: { rate: 0.6667, approved: 2, recommended: 3, coefficient: 0.1, score: 1.4 },
    growth: { value: 1, approved: 2, prevApproved: 1, firstYear: false, score: 5 },
    activities: { value: 6, score: 5 },
    microLoan: { value: 0, loans: 0, score: 0 },
  },
  total: 86.4,
};
// BANK2: apps 3, 6 = 1,500,000 (rank 2 → 68); applicants C, E, F = 3 (rank 2 → 4.8); 2 approved (C, F) of 3 → 1.4;
// nothing approved in 2024 → first year, 1,500,000 below 5000万 → 1; its event was in 2024 → 0; 微贷通 F → rank 1 → 5.
const BANK2 = {
  bank: 'BANK2', bankName: '第二银行',
  indicators: {
    creditTotal: { value: 1_500_000, score: 68 },
    applicants: { value: 3, score: 4.8 },
    fulfilment: { rate: 0.6667, approved: 2, recommended: 3, coefficient: 0.1, score: 1.4 },
    growth: { value: null, approved: 2, prevApproved: 0, firstYear: true, score: 1 },
    activities: { value: 0, score: 0 },
    microLoan: { value: 1, loans: 1, score: 5 },
  },
  total: 80.2,
};
// BANK3: no applications; one event → 1; a 微贷通 loan (imported, no approval) → the 0.5 minimum.
const BANK3 = {
  bank: 'BANK3', bankName: '第三银行',
  indicators: {
    creditTotal: { value: 0, score: 0 },
    applicants: { value: 0, score: 0 },
    fulfilment: { rate: null, approved: 0, recommended: 0, coefficient: 0.1, score: 0 },
    growth: { value: null, approved: 0, prevApproved: 0, firstYear: true, score: 0 },
    activities: { value: 1, score: 1 },
    microLoan: { value: 0, loans: 1, score: 0.5 },
  },
  total: 1.5,
};

describe('cooperating-bank assessment (合作银行考核)', () => {
  it('scores every bank, best total first', async () => {
    expect(expectStatus(await assess('year=2025'), 200)).toEqual({ year: 2025, banks: [BANK1, BANK2, BANK3] });
  });

  it('--product restricts indicators 1–4; activities and 微贷通 stay', async () => {
    const r = expectStatus(await assess('year=2025&product=LYD'), 200);
    expect(r.product).toBe('LYD');
    // BANK1: apps 1, 2 = 5,000,000; applicants A, B, C = 3; 2 of 3 → 1.4; 2024: A → +100% → 5.
    expect(r.banks[0]).toEqual({
      ...BANK1, indicators: { ...BANK1.indicators, creditTotal: { value: 5_000_000, score: 70 }, applicants: { value: 3, score: 5 } },
    });
    // BANK2: app 3 = 1,000,000; applicants C, E = 2; 1 (C) of 2 = 50% → 12 × 0.1 = 1.2; first year → 1; 微贷通 still 5.
    expect(r.banks[1]).toEqual({
      ...BANK2,
      indicators: {
        ...BANK2.indicators, creditTotal: { value: 1_000_000, score: 68 }, applicants: { value: 2, score: 4.8 },
        fulfilment: { rate: 0.5, approved: 1, recommended: 2, coefficient: 0.1, score: 1.2 },
        growth: { value: null, approved: 1, prevApproved: 0, firstYear: true, score: 1 },
      },
      total: 80,
    });
  });

  it('the credit total is the funnel\'s approved amount for the bank', async () => {
    const funnel = expectStatus(await ctx.as('officer', { method: 'GET', url: '/api/v1/reports/funnel?year=2025&by=bank' }), 200);
    const a = expectStatus(await assess('year=2025'), 200);
    for (const b of a.banks) {
      const row = funnel.rows.find((r: { bank: string }) => r.bank === b.bank);
      expect(row?.approvedAmount ?? 0).toBe(b.indicators.creditTotal.value);
    }
  });

  it('the year before: BANK1 first in its data (first year), BANK2 ranked on its 2024 event and 微贷通 loan', async () => {
    const r = expectStatus(await assess('year=2024'), 200);
    // 2024: BANK1 approved A at 4,000,000 → 70; applicants 1 → 5; 1 of 1 = 100% → 20 × 0.1 = 2; nothing in 2023 → first year → 1.
    expect(r.banks[0]).toMatchObject({ bank: 'BANK1', total: 78 });
    // BANK2: one event → 1; a 微贷通 loan L8 (2024) without approvals → 0.5.
    expect(r.banks.find((b: { bank: string }) => b.bank === 'BANK2')).toMatchObject({ total: 1.5, indicators: { activities: { value: 1, score: 1 }, microLoan: { value: 0, loans: 1, score: 0.5 } } });
  });

  it('a bank sees its own row only, with the same scores; officers, auditors and admins see every bank', async () => {
    expect(expectStatus(await assess('year=2025', 'bank'), 200)).toEqual({ year: 2025, banks: [BANK1] });
    expect(expectStatus(await assess('year=2025', 'bank2'), 200)).toEqual({ year: 2025, banks: [BANK2] });
    expect(expectStatus(await assess('year=2025', 'auditor'), 200).banks).toHaveLength(3);
    expect(expectStatus(await assess('year=2025', 'admin'), 200).banks).toHaveLength(3);
    expect((await ctx.as('entA', { method: 'GET', url: '/api/v1/assessments/banks?year=2025' })).statusCode).toBe(403);
    expect((await ctx.as('reviewer', { method: 'GET', url: '/api/v1/assessments/banks?year=2025' })).statusCode).toBe(403);
  });

  it('names the bad field', async () => {
    expect(expectStatus(await assess('year=2025&product=NOPE'), 400).issues[0].path).toBe('query.product');
    expect(expectStatus(await assess(''), 400).issues[0].path).toMatch(/year/);
    expect(expectStatus(await assess('year=1999'), 400).issues[0].path).toMatch(/year/);
    expect(expectStatus(await assess('year=2025&extra=1'), 400).message).toMatch(/extra|unrecognized/i);
  });

  it('a year without data: every bank present with 0', async () => {
    const r = expectStatus(await assess('year=2030'), 200);
    expect(r.banks.map((b: { bank: string; total: number }) => [b.bank, b.total])).toEqual([['BANK1', 0], ['BANK2', 0], ['BANK3', 0]]);
  });
});
