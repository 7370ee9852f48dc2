import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepGreenChannelAlerts } from '../../src/server/modules/listing/green-channel.service';
import { makeUscc } from '../../src/shared/uscc';
import { createTestContext, type TestContext } from '../helpers/app';
import { auditActions, call } from './helpers';

// 绿色通道 限时办结 with its working-day calendar and alert sweep; listing milestones as 免申即享 sources (issue #7).
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await call(ctx, 'officer', 'POST', '/listing/pool', 201, { enterpriseId: ctx.ids.enterpriseA, targetBoard: 'star', reason: '拟科创板', enteredOn: '2025-01-06' });
});
afterAll(async () => ctx?.close());

describe('green channel', () => {
  it('the deadline is 5 working days by default, on the calendar of holidays and make-up workdays', async () => {
    await call(ctx, 'admin', 'PUT', '/listing/calendar', 200, { year: 2025, days: [
      { day: '2025-09-28', kind: 'workday', note: '国庆调休' }, { day: '2025-10-01', kind: 'holiday' }, { day: '2025-10-02', kind: 'holiday' }, { day: '2025-10-03', kind: 'holiday' },
      { day: '2025-10-06', kind: 'holiday' }, { day: '2025-10-07', kind: 'holiday' }, { day: '2025-10-08', kind: 'holiday' }, { day: '2025-10-11', kind: 'workday' },
    ] });
    const r = await call(ctx, 'officer', 'POST', '/listing/green-channel', 201, { enterpriseId: ctx.ids.enterpriseA, department: '区市场监管局', document: '无违法违规证明', requestedOn: '2025-09-26' });
    expect(r).toMatchObject({ requestNo: 'GC-2025-0001', workingDays: 5, dueOn: '2025-10-10', status: 'open', handler: { id: ctx.ids.users.officer } });
    expect(r.record).toEqual([expect.objectContaining({ action: 'create', to: 'open' })]);
    const custom = await call(ctx, 'officer', 'POST', '/listing/green-channel', 201, { enterpriseId: ctx.ids.enterpriseA, department: '区税务局', document: '完税证明', requestedOn: '2025-09-30', workingDays: 3 });
    expect(custom.dueOn).toBe('2025-10-11');
  });

  it('the default is configurable by an administrator', async () => {
    await call(ctx, 'admin', 'PUT', '/listing/green-channel/settings', 200, { defaultWorkingDays: 3 });
    const r = await call(ctx, 'officer', 'POST', '/listing/green-channel', 201, { enterpriseId: ctx.ids.enterpriseA, department: '区人社局', document: '社保缴纳证明', requestedOn: '2025-03-03' });
    expect(r).toMatchObject({ workingDays: 3, dueOn: '2025-03-06' });
    await call(ctx, 'admin', 'PUT', '/listing/green-channel/settings', 200, { defaultWorkingDays: 5 });
    const bad = await call(ctx, 'admin', 'PUT', '/listing/green-channel/settings', 400, { defaultWorkingDays: 0 });
    expect(bad.issues[0].path).toBe('body.defaultWorkingDays');
  });

  it('refuses enterprises outside the pool and bad calendars, naming the field', async () => {
    const a = await call(ctx, 'officer', 'POST', '/listing/green-channel', 400, { enterpriseId: ctx.ids.enterpriseB, department: 'x', document: 'y', requestedOn: '2025-03-03' });
    expect(a.issues[0].path).toBe('body.enterpriseId');
    const b = await call(ctx, 'admin', 'PUT', '/listing/calendar', 400, { year: 2025, days: [{ day: '2026-01-01', kind: 'holiday' }] });
    expect(b.issues[0].path).toBe('body.days[0].day');
  });

  it('alerts one working day before, on and after the deadline, each once, until the request is done', async () => {
    const list = await call(ctx, 'officer', 'GET', '/listing/green-channel?status=open', 200);
    const first = list.items.find((i: any) => i.requestNo === 'GC-2025-0001');
    // On 09-29 only the March request (due 03-06) has alerts: all three at once, being long overdue.
    expect(await sweepGreenChannelAlerts(ctx.db, { asOf: '2025-09-29' })).toMatchObject({ raised: 3 });
    const alerts = (await call(ctx, 'officer', 'GET', '/listing/green-channel/alerts', 200)).items;
    expect(alerts.map((a: any) => `${a.requestNo}:${a.kind}`).sort()).toEqual(['GC-2025-0003:due', 'GC-2025-0003:due_soon', 'GC-2025-0003:overdue']);
    // 09-30: GC-0001 (due 10-10) is two working days away (10-09, 10-10); GC-0002 (due 10-11) three.
    expect((await sweepGreenChannelAlerts(ctx.db, { asOf: '2025-09-30' })).raised).toBe(0);
    await call(ctx, 'officer', 'POST', `/listing/green-channel/${first.id}/start`, 200, { note: '已联系区市场监管局' });
    // 10-09, the first day back: GC-0001 is due tomorrow.
    expect((await sweepGreenChannelAlerts(ctx.db, { asOf: '2025-10-09' })).raised).toBe(1);
    expect((await sweepGreenChannelAlerts(ctx.db, { asOf: '2025-10-09' })).raised).toBe(0);
    // 10-10: GC-0001 is due today, GC-0002 due on the make-up Saturday.
    expect((await sweepGreenChannelAlerts(ctx.db, { asOf: '2025-10-10' })).raised).toBe(2);
    const done = await call(ctx, 'officer', 'POST', `/listing/green-channel/${first.id}/complete`, 200, { on: '2025-10-10', note: '已出具' });
    expect(done).toMatchObject({ status: 'done', completedOn: '2025-10-10', onTime: true, workingDaysLeft: null });
    expect(done.record.map((e: any) => e.action)).toEqual(['create', 'start', 'complete']);
    expect(done.alerts.map((a: any) => a.kind)).toEqual(['due_soon', 'due']);
    await call(ctx, 'officer', 'POST', `/listing/green-channel/${first.id}/cancel`, 409, { note: 'x' });
    expect((await call(ctx, 'officer', 'GET', '/listing/green-channel/alerts', 200)).items.some((a: any) => a.requestId === first.id)).toBe(false);
    expect(await auditActions(ctx, first.id)).toEqual(['listing.green_channel.create', 'listing.green_channel.start', 'listing.green_channel.complete']);
  });

  it('a cancellation needs a note', async () => {
    const r = (await call(ctx, 'officer', 'GET', '/listing/green-channel?status=open', 200)).items[0];
    const bad = await call(ctx, 'officer', 'POST', `/listing/green-channel/${r.id}/cancel`, 400, {});
    expect(bad.issues[0].path).toBe('body.note');
  });
});

describe('milestones and the proactive scan', () => {
  let D: string;
  let E: string;
  beforeAll(async () => {
    D = (await ctx.db.insertInto('enterprises').values({ uscc: makeUscc(4), name: '丁智能', district: '杨浦区', sector: '人工智能', listing_status: 'star' }).returning('id').executeTakeFirstOrThrow()).id;
    E = (await ctx.db.insertInto('enterprises').values({ uscc: makeUscc(5), name: '戊医药', district: '杨浦区', sector: '生命健康' }).returning('id').executeTakeFirstOrThrow()).id;
  });

  it('records milestones with the field rules, updating the registry listing status', async () => {
    const a = await call(ctx, 'officer', 'POST', '/listing/milestones', 201, { enterpriseId: ctx.ids.enterpriseB, kind: 'neeq_base_listing', occurredOn: '2025-04-15', reference: '股转系统函〔2025〕100号' });
    expect(a).toMatchObject({ kind: 'neeq_base_listing', occurredOn: '2025-04-15', board: null, amount: null });
    expect((await ctx.db.selectFrom('enterprises').select('listing_status').where('id', '=', ctx.ids.enterpriseB).executeTakeFirstOrThrow()).listing_status).toBe('neeq_base');
    await call(ctx, 'officer', 'POST', '/listing/milestones', 409, { enterpriseId: ctx.ids.enterpriseB, kind: 'neeq_base_listing', occurredOn: '2025-04-16' });
    await call(ctx, 'officer', 'POST', '/listing/milestones', 201, { enterpriseId: ctx.ids.enterpriseB, kind: 'neeq_innovation_move', occurredOn: '2025-09-01' });
    expect((await call(ctx, 'officer', 'POST', '/listing/milestones', 400, { enterpriseId: E, kind: 'ipo', occurredOn: '2025-06-01', amount: 100 })).issues[0].path).toBe('body.board');
    expect((await call(ctx, 'officer', 'POST', '/listing/milestones', 400, { enterpriseId: E, kind: 'ipo', board: 'star', occurredOn: '2025-06-01' })).issues[0].path).toBe('body.amount');
    expect((await call(ctx, 'officer', 'POST', '/listing/milestones', 400, { enterpriseId: E, kind: 'refinancing', board: 'star', occurredOn: '2025-06-01', amount: 1 })).issues[0].path).toBe('body.board');
    // 第16条 needs a Shanghai or Shenzhen listing.
    await call(ctx, 'officer', 'POST', '/listing/milestones', 409, { enterpriseId: E, kind: 'refinancing', occurredOn: '2025-06-01', amount: 100_000_000 });
    await call(ctx, 'officer', 'POST', '/listing/milestones', 201, { enterpriseId: E, kind: 'ipo', board: 'chinext', occurredOn: '2025-06-20', amount: 800_000_000 });
    await call(ctx, 'officer', 'POST', '/listing/milestones', 201, { enterpriseId: D, kind: 'refinancing', occurredOn: '2025-07-01', amount: 100_000_000 });
    await call(ctx, 'officer', 'POST', '/listing/milestones', 201, { enterpriseId: D, kind: 'refinancing', occurredOn: '2025-11-01', amount: 1_000_000_000 });
    await call(ctx, 'officer', 'POST', '/listing/milestones', 201, { enterpriseId: D, kind: 'major_restructuring', occurredOn: '2025-08-01', amount: 500_000_000 });
    expect((await call(ctx, 'auditor', 'GET', `/listing/milestones?enterpriseId=${D}`, 200)).total).toBe(3);
  });

  it('kcjr policy scan finds YP2025-15.x, YP2025-16.x and YP2024-12 from the milestones, dated by them', async () => {
    const s = await call(ctx, 'officer', 'POST', '/subsidy/scans', 200, { year: 2025 });
    const list = await call(ctx, 'officer', 'GET', '/subsidy/entitlements?year=2025&pageSize=200', 200);
    const of = (uscc: string, measure: string) => list.items.filter((i: any) => i.beneficiary.uscc === uscc && i.measure === measure);
    const B = makeUscc(2);
    expect(of(B, 'YP2025-15.1')).toEqual([expect.objectContaining({ source: 'listing.milestones', eventDate: '2025-04-15', status: 'granted', amount: 500000, basis: 'cap' })]);
    expect(of(B, 'YP2025-15.2')).toEqual([expect.objectContaining({ eventDate: '2025-09-01', status: 'granted', amount: 500000 })]);
    // The same listing under YP2024-12 (amounts await 细则) is not paid twice: one matter per milestone.
    expect(of(B, 'YP2024-12')).toEqual([expect.objectContaining({ facts: { board: 'neeq' }, matter: of(B, 'YP2025-15.1')[0].matter })]);
    expect(of(B, 'YP2024-12')[0].status).not.toBe('granted');
    // The registry's own listing source leaves milestone listings to the milestone source (no double entitlement).
    expect(list.items.filter((i: any) => i.beneficiary.uscc === B && i.source === 'registry.listing')).toEqual([]);
    expect(of(makeUscc(5), 'YP2024-12')).toEqual([expect.objectContaining({ eventDate: '2025-06-20', facts: { board: 'chinext' } })]);
    // 0.5% of 100,000,000 = 500,000; 0.5% of 1,000,000,000 = 5,000,000 capped at 3,000,000 per refinancing.
    expect(of(makeUscc(4), 'YP2025-16.1').map((i: any) => [i.eventDate, i.status, i.amount])).toEqual(expect.arrayContaining([['2025-07-01', 'granted', 500000], ['2025-11-01', 'granted', 3000000]]));
    expect(of(makeUscc(4), 'YP2025-16.2')).toEqual([expect.objectContaining({ eventDate: '2025-08-01', status: 'granted', amount: 3000000, facts: { restructuringAmount: 500000000 } })]);
    // B: 15.1 + YP2024-12, 15.2; E: YP2024-12; D: 16.1 twice, 16.2.
    expect(s.candidates).toBe(7);
  });
});
