import { expect } from 'vitest';
import type { FixtureUser, TestContext } from '../helpers/app';

export const ipLoanClaim = (interestPaid: number, matter = 'LOAN-001', eventDate = '2025-06-30') => ({
  measure: 'YP2025-8.2', eventDate, matter, facts: { interestPaid },
});

export async function call(ctx: TestContext, user: FixtureUser, method: string, url: string, payload?: unknown, headers?: Record<string, string>) {
  return ctx.as(user, { method, url: `/api/v1${url}`, ...(payload !== undefined ? { payload } : {}), ...(headers ? { headers } : {}) });
}

export async function ok<T = any>(ctx: TestContext, user: FixtureUser, method: string, url: string, payload?: unknown, status = 200, headers?: Record<string, string>): Promise<T> {
  const res = await call(ctx, user, method, url, payload, headers);
  expect(res.statusCode, `${user} ${method} ${url}: ${res.body.slice(0, 500)}`).toBe(status);
  return res.json() as T;
}

export async function setBudget(ctx: TestContext, measure: string, year: number, allocated: number) {
  return ok(ctx, 'officer', 'PUT', `/subsidy/budgets/${measure}/${year}`, { allocated });
}

/** A claim by entA, submitted and under review, ready to determine. */
export async function claimUnderReview(ctx: TestContext, body: Record<string, unknown> = ipLoanClaim(1_200_000), user: FixtureUser = 'entA') {
  const c = await ok(ctx, user, 'POST', '/subsidy/claims', { ...body, submit: true }, 201);
  await ok(ctx, 'officer', 'POST', `/subsidy/claims/${c.id}/review`);
  return c.id as string;
}

/** Moves the public notice into the past, as if its working days had run. */
export async function endNotice(ctx: TestContext, id: string) {
  await ctx.db.updateTable('subsidy_claims').set({ notice_start: '2020-01-01', notice_end: '2020-01-07' }).where('id', '=', id).execute();
}
