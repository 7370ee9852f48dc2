// The yearly station assessment (seed 003 appendix 七 考核评价指标表): the items the platform counts — events held
// (events register, station_code), loan projects screened (station_screenings, ranked), growth of applications from
// the station's area (applications.station_id) — and the items officers enter, each scored with the table's cap
// and shown with its source.
import { sql } from 'kysely';
import type { Database } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { notFound } from '../../platform/errors';
import type { ActorContext, Principal } from '../../platform/principal';
import { stationEventCounts } from '../assessment/events.repository';
import {
  ASSESSMENT_ITEMS, attendanceScore, cooperationScore, eventsScore, growthScore, rankScores, responsivenessScore, workFeaturesScore,
} from './assessment-rules';

type Ctx = ActorContext & { principal: Principal | null };

export async function enterItem(db: Database, ctx: Ctx, stationId: string, input: { year: number; item: 'attendance_absences' | 'responsiveness' | 'work_reports' | 'adopted_research' | 'cooperation_projects'; value: number; note?: string | undefined }) {
  await db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom('service_stations').select('id').where('id', '=', stationId).executeTakeFirst())) throw notFound('station');
    const before = await trx.selectFrom('station_assessment_entries').select(['value', 'note']).where('station_id', '=', stationId).where('year', '=', input.year).where('item', '=', input.item).executeTakeFirst();
    const values = { value: input.value, note: input.note ?? null, entered_by: ctx.principal?.userId ?? null, entered_at: new Date() };
    await trx.insertInto('station_assessment_entries').values({ station_id: stationId, year: input.year, item: input.item, ...values })
      .onConflict((oc) => oc.columns(['station_id', 'year', 'item']).doUpdateSet(values)).execute();
    await writeAudit(trx, ctx, { action: 'station.assessment.enter', entityType: 'service_station', entityId: stationId, before: before ? { item: input.item, value: Number(before.value), note: before.note } : null, after: input });
  });
  return assessStations(db, input.year);
}

export async function assessStations(db: Database, year: number) {
  const stations = await db.selectFrom('service_stations').select(['id', 'code', 'name']).where('active', '=', true).orderBy('code').execute();
  const [events, screened, apps, entries] = await Promise.all([
    stationEventCounts(db, year),
    sql<{ station_id: string; n: number }>`
      select station_id, count(distinct application_id)::int as n from station_screenings
      where done_on between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date group by station_id`.execute(db),
    sql<{ station_id: string; this_year: number; last_year: number }>`
      select station_id,
        count(*) filter (where submitted_on between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date)::int as this_year,
        count(*) filter (where submitted_on between ${`${year - 1}-01-01`}::date and ${`${year - 1}-12-31`}::date)::int as last_year
      from applications where station_id is not null group by station_id`.execute(db),
    db.selectFrom('station_assessment_entries').select(['station_id', 'item', 'value', 'note']).where('year', '=', year).execute(),
  ]);
  const screenedBy = new Map(screened.rows.map((r) => [r.station_id, r.n]));
  const ranks = rankScores(new Map(stations.map((s) => [s.id, screenedBy.get(s.id) ?? 0])));
  const entry = (stationId: string, item: string) => {
    const e = entries.find((x) => x.station_id === stationId && x.item === item);
    return e ? { value: Number(e.value), note: e.note } : null;
  };
  const def = (code: string) => ASSESSMENT_ITEMS.find((i) => i.code === code)!;
  const items = stations.map((s) => {
    const absences = entry(s.id, 'attendance_absences');
    const resp = entry(s.id, 'responsiveness');
    const reports = entry(s.id, 'work_reports');
    const adopted = entry(s.id, 'adopted_research');
    const coop = entry(s.id, 'cooperation_projects');
    const nEvents = events.get(s.code) ?? 0;
    const a = apps.rows.find((r) => r.station_id === s.id) ?? { this_year: 0, last_year: 0 };
    const growth = growthScore(a.this_year, a.last_year);
    const rank = ranks.get(s.id)!;
    const item = (code: string, score: number | null, source: string, detail: Record<string, unknown>) => {
      const d = def(code);
      return { code, no: d.no, title: d.title, standard: d.standard, max: d.max, score, source, ...detail };
    };
    const list = [
      item('attendance', absences ? attendanceScore(absences.value) : null, 'entered', { entered: absences ? { absences: absences.value, note: absences.note } : null }),
      item('responsiveness', resp ? responsivenessScore(resp.value) : null, 'entered', { entered: resp ? { mark: resp.value, note: resp.note } : null }),
      item('events', eventsScore(nEvents), 'events register (events.station_code; an event co-hosted by several banks counts once)', { count: nEvents }),
      item('work_features', reports || adopted ? workFeaturesScore(reports?.value ?? 0, adopted?.value ?? 0) : null, 'entered', { entered: reports || adopted ? { workReports: reports?.value ?? 0, adoptedResearch: adopted?.value ?? 0 } : null }),
      item('screened_projects', rank.score, 'station screenings (推荐、初审、调查)', { count: screenedBy.get(s.id) ?? 0, rank: rank.rank }),
      item('application_growth', growth.score, 'applications attributed to the station', { thisYear: a.this_year, lastYear: a.last_year, growth: growth.growth }),
      item('cooperation', coop ? cooperationScore(coop.value) : null, 'entered', { entered: coop ? { projects: coop.value, note: coop.note } : null }),
    ];
    const total = Math.round(list.reduce((t, i) => t + (i.score ?? 0), 0) * 100) / 100;
    return { station: { id: s.id, code: s.code, name: s.name }, total, missingEntries: list.filter((i) => i.score === null).map((i) => i.code), items: list };
  });
  items.sort((x, y) => y.total - x.total || x.station.code.localeCompare(y.station.code));
  return { year, maxTotal: 100, stations: items };
}

export type StationAssessment = Awaited<ReturnType<typeof assessStations>>;

/** The CLI's text: one line per station, then each item with its source. */
export function assessmentText(a: StationAssessment): string {
  const lines = [`科技金融服务站考核 ${a.year} (seed 003 appendix 七; out of ${a.maxTotal})`];
  for (const s of a.stations) {
    lines.push(`${s.station.code} ${s.station.name}: ${s.total}${s.missingEntries.length ? ` (not yet entered: ${s.missingEntries.join(', ')})` : ''}`);
    for (const i of s.items) lines.push(`  ${i.no} ${i.code.padEnd(18)} ${i.score === null ? '—' : String(i.score)}/${i.max}  [${i.source}]`);
  }
  return `${lines.join('\n')}\n`;
}
