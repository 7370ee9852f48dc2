// Demo events (issue #5): activities the three demo banks co-hosted with the platform or a service station, so the
// assessment's bonus indicator 5(1) and the events page have something to show. Marked demo, titled （演示）, and
// dated in the previous and the current calendar year (the assessment page opens on the previous year).
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { todayInShanghai } from '../../platform/dates';

interface DemoEvent { monthDay: string; title: string; bank: string | null; station: string | null; attendees: number }

/** Per year: ICBC co-hosts 6 (capped at 5 points), SPDB 3, BOC 1, one event of a station alone. */
const DEMO_EVENTS: DemoEvent[] = [
  { monthDay: '03-15', title: '科技履约贷政策宣讲会', bank: 'ICBC-YP', station: 'ST-WJC', attendees: 62 },
  { monthDay: '04-20', title: '知识产权质押融资专场', bank: 'ICBC-YP', station: 'ST-KJ', attendees: 38 },
  { monthDay: '05-18', title: '银企对接会（人工智能）', bank: 'ICBC-YP', station: 'ST-WJC', attendees: 45 },
  { monthDay: '05-18', title: '银企对接会（人工智能）', bank: 'SPDB-YP', station: 'ST-WJC', attendees: 45 },
  { monthDay: '06-26', title: '首贷户培育沙龙', bank: 'ICBC-YP', station: null, attendees: 25 },
  { monthDay: '09-12', title: '科创金融产品路演', bank: 'ICBC-YP', station: 'ST-KJ', attendees: 80 },
  { monthDay: '11-08', title: '专精特新企业融资培训', bank: 'ICBC-YP', station: 'ST-WJC', attendees: 33 },
  { monthDay: '07-09', title: '投贷联动政策解读', bank: 'SPDB-YP', station: 'ST-KJ', attendees: 41 },
  { monthDay: '10-16', title: '科技微贷通推介会', bank: 'SPDB-YP', station: null, attendees: 29 },
  { monthDay: '08-21', title: '生命健康企业融资对接', bank: 'BOC-YP', station: 'ST-WJC', attendees: 36 },
  { monthDay: '12-03', title: '服务站年度政策汇编发布', bank: null, station: 'ST-WJC', attendees: 54 },
];

/** Inserts the demo events in the caller's transaction; needs the demo banks. Returns how many it inserted. */
export async function seedDemoEvents(trx: Transaction<DB>): Promise<number> {
  const banks = new Map((await trx.selectFrom('organizations').select(['id', 'code']).where('kind', '=', 'bank').execute()).map((b) => [b.code, b.id]));
  const year = Number(todayInShanghai().slice(0, 4));
  const rows = [year - 1, year].flatMap((y) =>
    DEMO_EVENTS.filter((e) => `${y}-${e.monthDay}` <= todayInShanghai() || y < year).map((e) => ({
      held_on: `${y}-${e.monthDay}`, title: `${e.title}（演示）`, bank_org_id: e.bank ? (banks.get(e.bank) ?? null) : null, station_code: e.station, attendees: e.attendees, demo: true,
    })),
  );
  if (rows.length === 0) return 0;
  await trx.insertInto('events').values(rows).onConflict((oc) => oc.constraint('events_natural_key').doNothing()).execute();
  await writeAudit(trx, { principal: null, requestId: null, systemActor: 'system:demo-seed' }, {
    action: 'demo.seed.events', entityType: 'platform', entityId: 'demo', after: { events: rows.length, years: [year - 1, year] },
  });
  return rows.length;
}
