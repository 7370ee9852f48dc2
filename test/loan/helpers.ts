import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { makeUscc } from '../../src/shared/uscc';
import type { FixtureUser, TestContext } from '../helpers/app';

export function expectStatus(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode, res.body.slice(0, 600)).toBe(status);
  return res.json();
}

export function loanApi(ctx: TestContext) {
  const post = (user: FixtureUser, url: string, payload?: unknown) => ctx.as(user, { method: 'POST', url: `/api/v1${url}`, ...(payload !== undefined ? { payload } : {}) });
  const get = (user: FixtureUser, url: string) => ctx.as(user, { method: 'GET', url: `/api/v1${url}` });
  return { post, get };
}

/** A loan body for enterprise A (USCC makeUscc(1)) that BANK1 posts. */
export const loanBody = (over: Record<string, unknown> = {}) => ({
  loanNo: 'BK1-0001', enterpriseUscc: makeUscc(1), collateralMode: 'credit', principal: 300, annualRate: '0.12', termMonths: 3,
  startDate: '2025-01-15', repaymentMethod: 'equal_principal', ...over,
});

/** Guarantor and insurer organisations with USCCs (migration 0010), for the fact sources. */
export async function seedInstitutions(ctx: TestContext) {
  const org = (code: string, name: string, kind: 'guarantor' | 'insurer', n: number) =>
    ctx.db.insertInto('organizations').values({ code, name, kind, enterprise_id: null, uscc: makeUscc(800000 + n) }).returning('id').executeTakeFirstOrThrow().then((r) => r.id);
  const guarantor = await org('GUA1', '测试融资担保公司', 'guarantor', 1);
  const insurer = await org('INS1', '测试保险公司', 'insurer', 2);
  await ctx.db.updateTable('organizations').set({ uscc: makeUscc(800003) }).where('id', '=', ctx.ids.bankOrg).execute();
  return { guarantor, insurer };
}
