import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/shared/uscc';
import { createTestContext, type TestContext } from '../helpers/app';
import { call } from './helpers';

// 科技金融服务站: stations, officers, areas, attribution, screenings, and the appendix 七 assessment (issue #7).
let ctx: TestContext;
const st: Record<string, string> = {};
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

describe('stations and attribution', () => {
  it('an administrator sets up stations with areas; one station per area', async () => {
    const a = await call(ctx, 'admin', 'POST', '/stations', 201, { code: 'WJC', name: '五角场科技金融服务站', host: '五角场创新创业学院', parks: ['创智天地'], areas: [{ district: '杨浦区', street: '五角场街道' }] });
    st.WJC = a.id;
    st.YP = (await call(ctx, 'admin', 'POST', '/stations', 201, { code: 'YP', name: '杨浦区科技金融服务站', host: '区科技经济委', areas: [{ district: '杨浦区' }] })).id;
    st.XH = (await call(ctx, 'admin', 'POST', '/stations', 201, { code: 'XH', name: '徐汇站', host: '徐汇科委' })).id;
    const dup = await call(ctx, 'admin', 'POST', '/stations', 400, { code: 'DUP', name: 'x', host: 'y', areas: [{ district: '杨浦区', street: '五角场街道' }] });
    expect(dup.issues[0]).toEqual({ path: 'body.areas[0]', message: '杨浦区五角场街道 is served by station WJC' });
    await call(ctx, 'admin', 'POST', '/stations', 409, { code: 'WJC', name: 'x', host: 'y' });
    expect((await call(ctx, 'admin', 'POST', '/stations', 400, { code: 'bad code', name: 'x', host: 'y' })).issues[0].path).toBe('body.code');
    await call(ctx, 'officer', 'POST', '/stations', 403, { code: 'OFF', name: 'x', host: 'y' });
    const withOfficer = await call(ctx, 'admin', 'POST', `/stations/${st.WJC}/officers`, 201, { name: '张专员', phone: '021-65000000', userId: ctx.ids.users.officer });
    expect(withOfficer).toMatchObject({ code: 'WJC', parks: ['创智天地'], areas: [{ district: '杨浦区', street: '五角场街道' }], officers: [{ name: '张专员', userId: ctx.ids.users.officer }] });
  });

  it('an administrator edits an officer (name, phone, account, active) and the parks and areas, audited; bad input names the field', async () => {
    const o = (await call(ctx, 'admin', 'POST', `/stations/${st.XH}/officers`, 201, { name: '李专员' })).officers[0].id;
    const r = await call(ctx, 'admin', 'PATCH', `/stations/${st.XH}/officers/${o}`, 200, { name: '李明', phone: '021-64000000', userId: ctx.ids.users.officer2, active: false });
    expect(r.officers).toEqual([expect.objectContaining({ id: o, name: '李明', phone: '021-64000000', userId: ctx.ids.users.officer2, active: false })]);
    expect((await call(ctx, 'admin', 'PATCH', `/stations/${st.XH}/officers/${o}`, 200, { phone: null, userId: null, active: true })).officers[0]).toMatchObject({ phone: null, userId: null, active: true });
    expect((await call(ctx, 'admin', 'PATCH', `/stations/${st.XH}/officers/${o}`, 400, { userId: ctx.ids.users.reviewer })).issues[0].path).toBe('body.userId');
    expect((await call(ctx, 'admin', 'PATCH', `/stations/${st.XH}/officers/${o}`, 400, { phone: 'abc' })).issues[0].path).toBe('body.phone');
    expect((await call(ctx, 'admin', 'PATCH', `/stations/${st.XH}/officers/${o}`, 400, { name: '' })).issues[0].path).toBe('body.name');
    // The officer of another station is not this station's: 404.
    await call(ctx, 'admin', 'PATCH', `/stations/${st.YP}/officers/${o}`, 404, { name: 'x' });
    await call(ctx, 'officer', 'PATCH', `/stations/${st.XH}/officers/${o}`, 403, { name: 'x' });
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'diff']).where('entity_id', '=', st.XH!).where('action', '=', 'station.officer.update').orderBy('seq').execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]!.diff.before).toMatchObject({ officerId: o, name: '李专员', phone: null, active: true });
    const x = await call(ctx, 'admin', 'PATCH', `/stations/${st.XH}`, 200, { parks: ['漕河泾开发区'], areas: [{ district: '徐汇区' }] });
    expect(x).toMatchObject({ parks: ['漕河泾开发区'], areas: [{ district: '徐汇区', street: null }] });
  });

  it('attributes applications by street, else district, keeping explicit attributions', async () => {
    const E = (await ctx.db.insertInto('enterprises').values({ uscc: makeUscc(9), name: '控江企业', district: '杨浦区', street: '控江路街道', sector: '其他' }).returning('id').executeTakeFirstOrThrow()).id;
    const X = (await ctx.db.insertInto('enterprises').values({ uscc: makeUscc(10), name: '徐汇企业', district: '徐汇区', sector: '其他' }).returning('id').executeTakeFirstOrThrow()).id;
    let k = 0;
    const app = async (enterprise: string, submitted: string) => (await ctx.db.insertInto('applications').values({ application_no: `S-${++k}`, enterprise_id: enterprise, status: 'submitted', submitted_on: submitted }).returning('id').executeTakeFirstOrThrow()).id;
    // A (五角场街道): 2 in 2024, 3 in 2025 → WJC +50%; E (控江路街道 → YP): 2 in 2024, 1 in 2025; X: no station.
    const aApps = [await app(ctx.ids.enterpriseA, '2024-03-01'), await app(ctx.ids.enterpriseA, '2024-04-01'), await app(ctx.ids.enterpriseA, '2025-03-01'), await app(ctx.ids.enterpriseA, '2025-04-01'), await app(ctx.ids.enterpriseA, '2025-05-01')];
    const eApps = [await app(E, '2024-03-01'), await app(E, '2024-05-01'), await app(E, '2025-03-01')];
    const xApp = await app(X, '2025-03-01');
    await call(ctx, 'officer', 'PUT', `/applications/${xApp}/station`, 200, { stationId: st.XH });
    expect(await call(ctx, 'officer', 'POST', '/stations/attribute', 200, {})).toEqual({ attributed: 8 });
    expect(await call(ctx, 'officer', 'POST', '/stations/attribute', 200, {})).toEqual({ attributed: 0 });
    const of = async (id: string) => (await ctx.db.selectFrom('applications').select('station_id').where('id', '=', id).executeTakeFirstOrThrow()).station_id;
    expect(await of(aApps[0]!)).toBe(st.WJC);
    expect(await of(eApps[0]!)).toBe(st.YP);
    expect(await of(xApp)).toBe(st.XH);
    expect((await call(ctx, 'officer', 'PUT', `/applications/${xApp}/station`, 400, { stationId: '00000000-0000-4000-8000-000000000000' })).issues[0].path).toBe('body.stationId');
    // Screenings: WJC investigated 3 projects in 2025, YP 1, XH none.
    const officer = (await call(ctx, 'auditor', 'GET', `/stations/${st.WJC}`, 200)).officers[0].id;
    for (const [i, id] of aApps.slice(2).entries()) await call(ctx, 'officer', 'POST', `/stations/${st.WJC}/screenings`, 201, { applicationId: id, stage: 'investigation', doneOn: `2025-0${6 + i}-01`, officerId: officer });
    await call(ctx, 'officer', 'POST', `/stations/${st.WJC}/screenings`, 201, { applicationId: aApps[2], stage: 'initial_review', doneOn: '2025-05-20' });
    await call(ctx, 'officer', 'POST', `/stations/${st.WJC}/screenings`, 409, { applicationId: aApps[2], stage: 'initial_review', doneOn: '2025-05-21' });
    await call(ctx, 'officer', 'POST', `/stations/${st.YP}/screenings`, 201, { applicationId: eApps[2], stage: 'recommendation', doneOn: '2025-04-01' });
    expect((await call(ctx, 'officer', 'POST', `/stations/${st.YP}/screenings`, 400, { applicationId: eApps[2], stage: 'investigation', doneOn: '2025-04-02', officerId: officer })).issues[0].path).toBe('body.officerId');
  });
});

describe('assessment (appendix 七)', () => {
  it('computes the counted items with their sources, leaves entered items open until entered, and applies the caps', async () => {
    const a = await call(ctx, 'auditor', 'GET', '/stations/assessment?year=2025', 200);
    const wjc = a.stations.find((s: any) => s.station.code === 'WJC');
    const item = (s: any, code: string) => s.items.find((i: any) => i.code === code);
    expect(item(wjc, 'screened_projects')).toMatchObject({ count: 3, rank: 1, score: 50, max: 50 });
    expect(item(wjc, 'application_growth')).toMatchObject({ thisYear: 3, lastYear: 2, growth: 0.5, score: 2.5 });
    expect(item(wjc, 'events')).toMatchObject({ count: 0, score: 0, source: 'events register (events.station_code; an event co-hosted by several banks counts once)' });
    expect(item(wjc, 'attendance')).toMatchObject({ score: null, source: 'entered' });
    expect(wjc.missingEntries).toEqual(['attendance', 'responsiveness', 'work_features', 'cooperation']);
    const yp = a.stations.find((s: any) => s.station.code === 'YP');
    expect(item(yp, 'screened_projects')).toMatchObject({ count: 1, rank: 2, score: 46.67 });
    expect(item(yp, 'application_growth')).toMatchObject({ thisYear: 1, lastYear: 2, score: 0 });
    expect(item(a.stations.find((s: any) => s.station.code === 'XH'), 'screened_projects')).toMatchObject({ count: 0, rank: null, score: 0 });
  });

  it('officers enter the other items; scores are capped per the table', async () => {
    const put = (item: string, value: number) => call(ctx, 'officer', 'PUT', `/stations/${st.WJC}/assessment`, 200, { year: 2025, item, value });
    await put('attendance_absences', 1);
    await put('responsiveness', 9);
    await put('work_reports', 5);
    await put('adopted_research', 2);
    const a = await put('cooperation_projects', 2);
    const wjc = a.stations.find((s: any) => s.station.code === 'WJC');
    const score = (code: string) => wjc.items.find((i: any) => i.code === code).score;
    expect([score('attendance'), score('responsiveness'), score('work_features'), score('cooperation')]).toEqual([4, 5, 15, 5]);
    expect(wjc.total).toBe(4 + 5 + 0 + 15 + 50 + 2.5 + 5);
    expect(a.stations[0].station.code).toBe('WJC');
    expect((await call(ctx, 'officer', 'PUT', `/stations/${st.WJC}/assessment`, 400, { year: 2025, item: 'attendance_absences', value: -1 })).issues[0].path).toBe('body.value');
  });

  it('counts events from the events register by station code, an event co-hosted by two banks once', async () => {
    for (let i = 1; i <= 7; i++) await sql`insert into events (held_on, title, station_code, attendees) values (${`2025-0${i}-15`}::date, ${`宣讲会${i}`}, 'WJC', 30)`.execute(ctx.db);
    await sql`insert into events (held_on, title, bank_org_id, station_code, attendees) values ('2025-08-15', '银企对接会', ${ctx.ids.bankOrg}, 'WJC', 40), ('2025-08-15', '银企对接会', ${ctx.ids.bank2Org}, 'WJC', 40)`.execute(ctx.db);
    await sql`insert into events (held_on, title, station_code, attendees) values ('2024-12-15', '去年', 'WJC', 30)`.execute(ctx.db);
    const a = await call(ctx, 'officer', 'GET', '/stations/assessment?year=2025', 200);
    const ev = a.stations.find((s: any) => s.station.code === 'WJC').items.find((i: any) => i.code === 'events');
    expect(ev).toMatchObject({ count: 8, score: 15, source: 'events register (events.station_code; an event co-hosted by several banks counts once)' });
  });
});
