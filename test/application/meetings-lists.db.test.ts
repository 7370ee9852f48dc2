import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/app';
import { api, applicationInReview, expectStatus, newMeeting, seedProducts } from './helpers';

let ctx: TestContext;
let a: ReturnType<typeof api>;
beforeAll(async () => {
  ctx = await createTestContext();
  a = api(ctx);
  await seedProducts(ctx);
});
afterAll(async () => ctx?.close());

describe('review-meeting throughput (评审会: reviewed, recommended)', () => {
  it('counts what each meeting decided, per meeting and per month', async () => {
    const march = await newMeeting(ctx, '2025-03-10');
    const april = await newMeeting(ctx, '2025-04-02');
    const [x, y, z, w] = [await applicationInReview(ctx), await applicationInReview(ctx), await applicationInReview(ctx), await applicationInReview(ctx)];
    expectStatus(await a.action('reviewer', x, 'reviews', { score: 88, meetingId: march }), 200);
    expectStatus(await a.action('reviewer', y, 'reviews', { score: 60, meetingId: march }), 200);
    expectStatus(await a.action('officer', x, 'recommend', { bankCode: 'BANK1', amount: 1_000_000, meetingId: march }), 200);
    expectStatus(await a.action('officer', y, 'defer', { reason: '补充材料', meetingId: march }), 200);
    expectStatus(await a.action('officer', z, 'reject', { reason: '不符合', meetingId: march }), 200);
    expectStatus(await a.action('officer', w, 'recommend', { bankCode: 'BANK2', amount: 500_000, meetingId: april }), 200);

    const per = expectStatus(await a.get('officer', '/review-meetings'), 200);
    expect(per.meetings.map((m: Record<string, unknown>) => [m.heldOn, m.reviewed, m.recommended, m.deferred, m.rejected, m.scores])).toEqual([
      ['2025-03-10', 3, 1, 1, 1, 2],
      ['2025-04-02', 1, 1, 0, 0, 0],
    ]);
    expect(per.total).toEqual({ meetings: 2, reviewed: 4, recommended: 2, deferred: 1, rejected: 1 });
    const monthly = expectStatus(await a.get('officer', '/review-meetings?by=month&from=2025-04-01'), 200);
    expect(monthly.periods).toEqual([{ period: '2025-04', meetings: 1, reviewed: 1, recommended: 1, deferred: 0, rejected: 0 }]);
    expect(expectStatus(await a.get('officer', '/review-meetings?by=quarter'), 200).periods.map((p: { period: string; reviewed: number }) => [p.period, p.reviewed])).toEqual([['2025-Q1', 3], ['2025-Q2', 1]]);
    expectStatus(await a.get('officer', '/review-meetings?by=week'), 400);
  });
});

describe('lists with filters and paging', () => {
  it('filters by status, district, product, bank and text, pages, and keeps the reviewer to what it may score', async () => {
    const other = await ctx.db.insertInto('enterprises').values({ uscc: '91310000MA1FL00001', name: '闵行智造有限公司', district: '闵行区', sector: '智能制造' }).returning('id').executeTakeFirstOrThrow();
    await ctx.db.insertInto('applications').values({ application_no: 'LIST-1', enterprise_id: other.id, status: 'screening', submitted_on: '2024-01-02' }).execute();
    const q = async (qs: string) => expectStatus(await a.get('officer', `/applications?${qs}`), 200);
    const minhang = await q(`status=screening&district=${encodeURIComponent('闵行区')}&order=queue`);
    expect(minhang.items.map((i: { applicationNo: string }) => i.applicationNo)).toEqual(['LIST-1']);
    expect((await q(`q=${encodeURIComponent('智造')}`)).items.map((i: { applicationNo: string }) => i.applicationNo)).toEqual(['LIST-1']);
    expect((await q('q=LIST-1')).total).toBe(1);
    expect((await q('bank=BANK2')).items.every((i: { recommendation: { bank: { code: string } } }) => i.recommendation.bank.code === 'BANK2')).toBe(true);
    expect((await q('bank=BANK2')).total).toBe(1);
    expect((await q('product=LYD')).total).toBe(4);
    const page1 = await q('pageSize=2&page=1&order=queue&status=review,recommended,deferred,rejected,screening');
    const page2 = await q('pageSize=2&page=2&order=queue&status=review,recommended,deferred,rejected,screening');
    expect(page1.total).toBe(5);
    expect(page1.items[0].applicationNo).toBe('LIST-1'); // oldest submission first
    expect(new Set([...page1.items, ...page2.items].map((i: { id: string }) => i.id)).size).toBe(4);
    expect((await q('page=9&status=screening')).items).toEqual([]);
    expect((await q('page=9&status=screening')).total).toBe(1);
    expect(expectStatus(await a.get('officer', '/applications?status=nope'), 400).issues[0].path).toMatch(/status/);
    expect(expectStatus(await a.get('officer', '/applications?district=Gotham'), 400).issues[0].path).toMatch(/district/);
    // The reviewer sees applications it scored (x, y) but none now in review: LIST-1 (screening) is not its.
    const rev = expectStatus(await a.get('reviewer', '/applications?pageSize=50'), 200);
    expect(rev.total).toBe(2);
    expect(rev.items.some((i: { applicationNo: string }) => i.applicationNo === 'LIST-1')).toBe(false);
  });
});
