// Demo data for issue #7 (flagged demo where the table has the flag; loan and application numbers start DEMO-):
// a cultivation pool across the tiers with account officers, service logs and follow-ups, green-channel requests
// on the 2025–2026 holiday calendar, milestones, equity needs with fund interest and investments, linked loans for
// the 投贷联动 report, and service stations with officers, areas, screenings and assessment entries.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { addDays, todayInShanghai } from '../../platform/dates';
import { dueDate } from './working-days';

// 国务院办公厅 holiday notices: the days off and the make-up workdays (调休上班) of 2025 and 2026's first half.
const CALENDAR: [string, 'holiday' | 'workday', string][] = [
  ['2025-01-01', 'holiday', '元旦'], ['2025-01-26', 'workday', '春节调休'], ['2025-01-28', 'holiday', '春节'], ['2025-01-29', 'holiday', '春节'], ['2025-01-30', 'holiday', '春节'],
  ['2025-01-31', 'holiday', '春节'], ['2025-02-03', 'holiday', '春节'], ['2025-02-04', 'holiday', '春节'], ['2025-02-08', 'workday', '春节调休'], ['2025-04-04', 'holiday', '清明节'],
  ['2025-04-27', 'workday', '劳动节调休'], ['2025-05-01', 'holiday', '劳动节'], ['2025-05-02', 'holiday', '劳动节'], ['2025-05-05', 'holiday', '劳动节'], ['2025-06-02', 'holiday', '端午节'],
  ['2025-09-28', 'workday', '国庆调休'], ['2025-10-01', 'holiday', '国庆节'], ['2025-10-02', 'holiday', '国庆节'], ['2025-10-03', 'holiday', '国庆节'], ['2025-10-06', 'holiday', '国庆节'],
  ['2025-10-07', 'holiday', '国庆节'], ['2025-10-08', 'holiday', '国庆节'], ['2025-10-11', 'workday', '国庆调休'], ['2026-01-01', 'holiday', '元旦'], ['2026-01-02', 'holiday', '元旦'],
];

export async function seedDemoListing(trx: Transaction<DB>, enterpriseIds: { id: string }[]): Promise<void> {
  const users = await trx.selectFrom('users').select(['id', 'username']).where('username', 'in', ['officer1', 'officer2', 'admin']).execute();
  const officer1 = users.find((u) => u.username === 'officer1')!.id;
  const officer2 = users.find((u) => u.username === 'officer2')!.id;
  const orgs = await trx.selectFrom('organizations').select(['id', 'code']).where('code', 'in', ['YPFUND', 'SPDB-YP', 'ICBC-YP', 'BOC-YP']).execute();
  const org = (code: string) => orgs.find((o) => o.code === code)!.id;
  const ids = enterpriseIds.map((e) => e.id);
  const today = todayInShanghai();
  const thisYear = Number(today.slice(0, 4));

  await trx.insertInto('working_calendar').values(CALENDAR.map(([day, kind, note]) => ({ day, kind, note, updated_by: null }))).execute();
  const cal = { holidays: new Set(CALENDAR.filter((c) => c[1] === 'holiday').map((c) => c[0])), workdays: new Set(CALENDAR.filter((c) => c[1] === 'workday').map((c) => c[0])) };

  // Pool: 18 enterprises across the tiers and boards, two account officers.
  const plan: [string, string, string[]][] = [
    ['reserve', 'star', []], ['reserve', 'chinext', []], ['reserve', 'bse', []], ['reserve', 'neeq_base', []],
    ['cultivating', 'star', ['core_technology', 'sound_growth']], ['cultivating', 'chinext', ['market_recognition']], ['cultivating', 'neeq_innovation', ['sound_growth']],
    ['cultivating', 'main_board', ['near_listing_standard']], ['cultivating', 'bse', ['core_technology']],
    ['tutoring', 'star', ['shareholding_reform', 'tutoring_filed']], ['tutoring', 'chinext', ['tutoring_filed']], ['tutoring', 'bse', ['tutoring_filed']],
    ['filed', 'star', ['application_accepted']], ['filed', 'neeq_base', ['sponsor_engaged', 'application_accepted']],
    ['listed', 'neeq_base', ['listing_approved']], ['listed', 'chinext', ['listing_approved']], ['exited', 'star', []], ['reserve', 'overseas', []],
  ];
  const pool = plan.map(([tier, board, criteria], i) => ({ id: ids[i]!, tier, board, criteria, officer: i % 3 === 2 ? null : i % 2 === 0 ? officer1 : officer2, entered: `${thisYear - 1}-0${1 + (i % 9)}-1${i % 9}` }));
  await trx.insertInto('listing_pool').values(pool.map((p) => ({
    enterprise_id: p.id, tier: p.tier as never, target_board: p.board as never, entry_source: 'nomination', entry_reason: '演示：专管员走访后提名入库', readiness_evaluation_id: null,
    entered_on: p.entered, tier_since: p.tier === 'reserve' ? p.entered : addDays(p.entered, 120), officer_user_id: p.officer, exit_reason: p.tier === 'exited' ? '演示：企业暂缓上市计划' : null,
    nominated_by: officer1, demo: true,
  }))).execute();
  const chain: Record<string, string[]> = { reserve: [], cultivating: ['cultivating'], tutoring: ['cultivating', 'tutoring'], filed: ['cultivating', 'tutoring', 'filed'], listed: ['cultivating', 'tutoring', 'filed', 'listed'], exited: ['exited'] };
  for (const p of pool) {
    const steps = p.board.startsWith('neeq') && p.tier !== 'tutoring' ? chain[p.tier]!.filter((s) => s !== 'tutoring') : chain[p.tier]!;
    let from = 'reserve';
    const rows = [{ enterprise_id: p.id, from_tier: null, to_tier: 'reserve' as never, changed_on: p.entered, criteria: '[]', note: '演示：提名入库', changed_by: officer1 }];
    steps.forEach((to, k) => {
      rows.push({ enterprise_id: p.id, from_tier: from as never, to_tier: to as never, changed_on: addDays(p.entered, 30 + k * 30), criteria: JSON.stringify(k === steps.length - 1 ? p.criteria : []), note: to === 'exited' ? '演示：企业暂缓上市计划' : '演示', changed_by: officer1 });
      from = to;
    });
    await trx.insertInto('listing_tier_changes').values(rows).execute();
  }
  // Service logs: contacts, visits and services over the last year, some follow-ups open.
  const kinds = ['contact', 'consulting', 'training', 'financing_matchmaking', 'administrative_coordination'] as const;
  const services = pool.filter((p) => p.tier !== 'exited').flatMap((p, i) => [0, 1, 2].slice(0, 1 + (i % 3)).map((k) => ({
    enterprise_id: p.id, officer_user_id: p.officer ?? officer1, kind: kinds[(i + k) % kinds.length]!, mode: (k === 0 ? 'phone' : i % 2 ? 'visit' : 'meeting') as never,
    served_on: addDays(today, -20 - 37 * k - i * 3), summary: `演示：${['电话访谈了解上市计划', '实地走访，股改与合规咨询', '资本市场培训辅导', '对接投资机构与银行', '协调出具合规证明'][(i + k) % 5]}`,
    follow_up_on: k === 0 && i % 2 === 0 ? addDays(today, (i % 4) - 2) : null, follow_up_done_on: null, created_by: p.officer ?? officer1,
  })));
  await trx.insertInto('listing_services').values(services).execute();
  // Green channel: open, in progress, done; one due soon and one overdue for the alert sweep.
  const green = [
    { i: 9, dep: '区市场监管局', doc: '无违法违规证明', req: addDays(today, -9), status: 'open' },
    { i: 10, dep: '区税务局', doc: '依法纳税证明', req: addDays(today, -4), status: 'in_progress' },
    { i: 12, dep: '区人社局', doc: '社保缴纳合规证明', req: addDays(today, -2), status: 'open' },
    { i: 13, dep: '区生态环境局', doc: '环保合规证明', req: addDays(today, -40), status: 'done' },
  ];
  for (const [k, g] of green.entries()) {
    const due = dueDate(g.req, 5, cal);
    const row = await trx.insertInto('green_channel_requests').values({
      request_no: `GC-DEMO-${k + 1}`, enterprise_id: pool[g.i]!.id, department: g.dep, document: g.doc, requested_on: g.req, working_days: 5, due_on: due, status: g.status as never,
      handler_user_id: officer1, completed_on: g.status === 'done' ? addDays(g.req, 5) : null, created_by: officer1,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('green_channel_events').values({ request_id: row.id, actor_user_id: officer1, action: 'create', from_status: null, to_status: 'open', note: '演示' }).execute();
    if (g.status !== 'open') await trx.insertInto('green_channel_events').values({ request_id: row.id, actor_user_id: officer1, action: g.status === 'done' ? 'complete' : 'start', from_status: 'open', to_status: g.status as never, note: '演示' }).execute();
  }
  // Milestones of the two listed enterprises (the registry status follows).
  const year = thisYear - 1;
  await trx.insertInto('listing_milestones').values([
    { enterprise_id: pool[14]!.id, kind: 'neeq_base_listing', occurred_on: `${year}-06-18`, board: null, amount: null, reference: '演示：股转系统挂牌函', note: null, created_by: officer1, demo: true },
    { enterprise_id: pool[15]!.id, kind: 'ipo', occurred_on: `${year}-09-26`, board: 'chinext', amount: 680_000_000_00, reference: '演示：证监会注册批复', note: null, created_by: officer1, demo: true },
  ]).execute();
  await trx.updateTable('enterprises').set({ listing_status: 'neeq_base' }).where('id', '=', pool[14]!.id).execute();
  await trx.updateTable('enterprises').set({ listing_status: 'chinext' }).where('id', '=', pool[15]!.id).execute();

  // Equity: needs (visible to all funds, to the demo fund, private), interest, investments with guidance tags.
  const fund = org('YPFUND');
  const needs = await trx.insertInto('equity_needs').values([
    { enterprise_id: ids[4]!, round: 'b', amount: 80_000_000_00, use_of_funds: '演示：新一代产品研发与产线扩建', visibility: 'all_funds', show_financials: true, status: 'open', created_by: null, demo: true },
    { enterprise_id: ids[5]!, round: 'a_plus', amount: 30_000_000_00, use_of_funds: '演示：市场拓展', visibility: 'selected_funds', show_financials: false, status: 'open', created_by: null, demo: true },
    { enterprise_id: ids[20]!, round: 'angel', amount: 5_000_000_00, use_of_funds: '演示：原型验证', visibility: 'all_funds', show_financials: false, status: 'open', created_by: null, demo: true },
    { enterprise_id: ids[21]!, round: 'pre_a', amount: 12_000_000_00, use_of_funds: '演示：团队扩充', visibility: 'private', show_financials: false, status: 'open', created_by: null, demo: true },
  ]).returning('id').execute();
  await trx.insertInto('equity_need_funds').values({ need_id: needs[1]!.id, fund_org_id: fund }).execute();
  await trx.insertInto('fund_interests').values([{ need_id: needs[0]!.id, fund_org_id: fund, note: '演示：约见路演', status: 'expressed', created_by: null }]).execute();
  const rounds: [number, string, string, number, string | null][] = [
    [4, 'a', `${year - 1}-05-10`, 40_000_000, 'participating'], [6, 'seed', `${year - 1}-03-01`, 3_000_000, 'direct'], [7, 'b_plus', `${year - 1}-11-20`, 120_000_000, 'mother_fund'],
    [9, 'pre_a', `${year - 1}-08-08`, 15_000_000, null], [10, 'c', `${year - 1}-01-15`, 200_000_000, 'participating'],
  ];
  for (const [i, round, date, yuan, guidance] of rounds) {
    const r = await trx.insertInto('enterprise_rounds').values({ enterprise_id: ids[i]!, round, date, amount: yuan * 100, investors: '杨浦科创引导基金（演示）' }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('investments').values({ enterprise_id: ids[i]!, fund_org_id: fund, need_id: null, round: round as never, invested_on: date, amount: yuan * 100, investors: '杨浦科创引导基金（演示）', guidance_participation: guidance as never, round_id: r.id, created_by: null, demo: true }).execute();
  }
  // Linked loans for the 投贷联动 report (last year's stock); the first few enterprises have rounds before them.
  const modes = ['loan_direct_equity', 'loan_warrant', 'loan_warrant', 'loan_external_equity_warrant', 'other', 'loan_warrant', 'loan_warrant', 'loan_direct_equity'] as const;
  for (const [k, mode] of modes.entries()) {
    const ent = [4, 6, 7, 9, 10, 11, 12, 30][k]!;
    const start = `${year}-0${2 + k}-15`;
    await trx.insertInto('loans').values({
      loan_no: `DEMO-TDLD-${k + 1}`, bank_org_id: org(k % 2 ? 'SPDB-YP' : 'BOC-YP'), enterprise_id: ids[ent]!, collateral_mode: 'credit', principal: (2_000_000 + k * 500_000) * 100,
      annual_rate: '0.0385', term_months: 24, start_date: start, maturity_date: `${year + 2}-0${2 + k}-15`, repayment_method: 'interest_only', linkage_mode: mode,
    }).execute();
  }

  // Service stations with areas and officers, demo applications from their areas over two years, screenings, entries.
  const stations = await trx.insertInto('service_stations').values([
    { code: 'YP-WJC', name: '五角场科技金融服务站（演示）', host: '五角场创新创业服务中心', parks: JSON.stringify(['创智天地', '互联宝地']), demo: true },
    { code: 'YP-KJ', name: '控江科技金融服务站（演示）', host: '控江路街道科创服务中心', parks: JSON.stringify(['长阳创谷']), demo: true },
    { code: 'YP-DH', name: '滨江科技金融服务站（演示）', host: '杨浦滨江科技园', parks: JSON.stringify(['杨浦滨江']), demo: true },
  ]).returning(['id', 'code']).execute();
  const sid = (code: string) => stations.find((s) => s.code === code)!.id;
  await trx.insertInto('station_areas').values([
    { station_id: sid('YP-WJC'), district: '杨浦区', street: '五角场街道' }, { station_id: sid('YP-WJC'), district: '杨浦区', street: '新江湾城街道' }, { station_id: sid('YP-WJC'), district: '杨浦区', street: '四平路街道' },
    { station_id: sid('YP-KJ'), district: '杨浦区', street: '控江路街道' }, { station_id: sid('YP-KJ'), district: '杨浦区', street: '长白新村街道' }, { station_id: sid('YP-KJ'), district: '杨浦区', street: '延吉新村街道' },
    { station_id: sid('YP-DH'), district: '杨浦区', street: '' },
  ]).execute();
  const officers = await trx.insertInto('station_officers').values([
    { station_id: sid('YP-WJC'), name: '周敏（演示）', phone: '021-65000001', user_id: officer1 }, { station_id: sid('YP-KJ'), name: '吴磊（演示）', phone: '021-65000002', user_id: officer2 },
    { station_id: sid('YP-DH'), name: '郑洁（演示）', phone: '021-65000003', user_id: null },
  ]).returning(['id', 'station_id']).execute();
  const apps = [];
  for (let k = 0; k < 24; k++) {
    const y = k < 10 ? year - 1 : year;
    apps.push({ application_no: `DEMO-ST-${k + 1}`, enterprise_id: ids[(k * 7) % ids.length]!, status: (k % 3 ? 'screening' : 'submitted') as never, submitted_on: `${y}-${String(1 + (k % 12)).padStart(2, '0')}-10`, requested_amount: (1_000_000 + k * 100_000) * 100, purpose: '演示：流动资金' });
  }
  const appRows = await trx.insertInto('applications').values(apps).returning(['id', 'submitted_on']).execute();
  await sql`
    update applications p set station_id = coalesce(
        (select a.station_id from station_areas a where a.district = e.district and a.street = e.street),
        (select a.station_id from station_areas a where a.district = e.district and a.street = ''))
    from enterprises e where e.id = p.enterprise_id and p.application_no like 'DEMO-ST-%'`.execute(trx);
  const attributed = await trx.selectFrom('applications').select(['id', 'station_id', 'submitted_on']).where('application_no', 'like', 'DEMO-ST-%').where('station_id', 'is not', null).execute();
  const screenings = attributed.filter((a) => a.submitted_on?.startsWith(String(year))).map((a, k) => ({
    station_id: a.station_id!, application_id: a.id, stage: (k % 2 ? 'investigation' : 'initial_review') as never, done_on: addDays(a.submitted_on!, 10),
    officer_id: officers.find((o) => o.station_id === a.station_id)?.id ?? null, note: '演示', created_by: officer1,
  }));
  if (screenings.length) await trx.insertInto('station_screenings').values(screenings).execute();
  void appRows;
  await trx.insertInto('station_assessment_entries').values([
    { station_id: sid('YP-WJC'), year, item: 'attendance_absences', value: 0, note: '演示', entered_by: officer1 },
    { station_id: sid('YP-WJC'), year, item: 'responsiveness', value: 5, note: '演示', entered_by: officer1 },
    { station_id: sid('YP-WJC'), year, item: 'work_reports', value: 4, note: '演示', entered_by: officer1 },
    { station_id: sid('YP-KJ'), year, item: 'attendance_absences', value: 2, note: '演示', entered_by: officer1 },
    { station_id: sid('YP-KJ'), year, item: 'cooperation_projects', value: 1, note: '演示', entered_by: officer1 },
  ]).execute();
  // Events held by the stations, in the events register (bank-assessment module, issue #5).
  const events = [['YP-WJC', 6], ['YP-KJ', 3], ['YP-DH', 1]] as const;
  for (const [code, count] of events) {
    for (let k = 0; k < count; k++) {
      await sql`insert into events (held_on, title, bank_org_id, station_code, attendees, demo) values (${`${year}-${String(2 + k).padStart(2, '0')}-20`}::date, ${`演示：科技金融政策宣讲 ${code}-${k + 1}`}, null, ${code}, ${30 + k * 5}, true)`.execute(trx);
    }
  }
}
