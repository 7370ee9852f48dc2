import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { FixtureUser, TestContext } from '../helpers/app';

/**
 * Products the application tests use, inserted into migration 0003's tables directly (the product module is
 * built separately): LYD, a platform programme (科技履约贷) owned by the office and offered through BANK1 and
 * BANK2; CRD, BANK1's own credit loan.
 */
export async function seedProducts(ctx: TestContext) {
  const lyd = await ctx.db.insertInto('products').values({ code: 'LYD', name: '科技履约贷', type: 'performance_insurance_loan', owner_org_id: ctx.ids.office, is_programme: true }).returning('id').executeTakeFirstOrThrow();
  const crd = await ctx.db.insertInto('products').values({ code: 'CRD', name: '测试银行信用贷', type: 'credit_loan', owner_org_id: ctx.ids.bankOrg }).returning('id').executeTakeFirstOrThrow();
  await ctx.db.insertInto('product_partners').values([{ product_id: lyd.id, org_id: ctx.ids.bankOrg }, { product_id: lyd.id, org_id: ctx.ids.bank2Org }]).execute();
  return { lyd: lyd.id, crd: crd.id };
}

export function expectStatus(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode, res.body.slice(0, 500)).toBe(status);
  return res.json();
}

/** A small client over ctx.as for the application API. */
export function api(ctx: TestContext) {
  const post = (user: FixtureUser, url: string, payload?: unknown) => ctx.as(user, { method: 'POST', url: `/api/v1${url}`, ...(payload !== undefined ? { payload } : {}) });
  const get = (user: FixtureUser, url: string) => ctx.as(user, { method: 'GET', url: `/api/v1${url}` });
  const action = (user: FixtureUser, id: string, name: string, payload?: unknown) => post(user, `/applications/${id}/${name}`, payload);
  return { post, get, action };
}

export async function newMeeting(ctx: TestContext, heldOn = '2025-03-10') {
  const res = await api(ctx).post('officer', '/review-meetings', { heldOn, title: `评审会 ${heldOn}` });
  return expectStatus(res, 201).id as string;
}

/** Drives a new application of enterprise A to `review` through the API (entA applies, officer screens). */
export async function applicationInReview(ctx: TestContext, amount = 3_000_000) {
  const a = api(ctx);
  const created = expectStatus(await a.post('entA', '/applications', { productCode: 'LYD', requestedAmount: amount, requestedTermMonths: 12, purpose: '研发投入', submit: true }), 201);
  expectStatus(await a.action('officer', created.id, 'screen'), 200);
  expectStatus(await a.action('officer', created.id, 'send-to-review'), 200);
  return created.id as string;
}

export async function recommendedTo(ctx: TestContext, bankCode = 'BANK1', amount = 3_000_000) {
  const id = await applicationInReview(ctx, amount);
  const meetingId = await newMeeting(ctx);
  expectStatus(await api(ctx).action('officer', id, 'recommend', { bankCode, amount, meetingId }), 200);
  return id;
}
