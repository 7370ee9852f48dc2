// What the enterprise registry (issue #2) truly holds that a measure reads, and nothing more:
//  - listing status → YP2025-15.1 (NEEQ base layer), 15.2 (moved up to the innovation layer), 15.3 (straight
//    into the innovation layer) and YP2024-12 (listing by board, amounts await 细则). The registry does not
//    hold the listing date: eventDate is the day the registry recorded the status (its audit row, else the
//    enterprise's creation), and the officer confirming the entitlement corrects it from the notice.
//    Cap-only measures carry no assessedAmount, so the engine's amount is the cap (basis `cap`): an estimate.
//  - annual financials + 高新技术企业 certification → YP2024-8 (first time revenue above a tier, with R&D
//    intensity and 3-year revenue CAGR computed from the same financials; amounts await 细则).
// Rounds, IP assets and the other certifications feed no monetary measure's facts, so they are not used:
// interest paid on IP-pledge loans (YP2025-8.2) comes from the loans module, not the registry.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { baseRuleset } from '../policy/policy.ruleset';
import type { Candidate, FactSource, Period } from './fact-sources';

type Handle = Kysely<DB> | Transaction<DB>;

const BOARD: Record<string, string> = {
  neeq_base: 'neeq', neeq_innovation: 'neeq', bse: 'bse', star: 'star', main_board: 'main', chinext: 'chinext', n_board: 'n-board', overseas: 'overseas',
};

interface ListingRow {
  id: string;
  uscc: string;
  name: string;
  district: string;
  listing_status: string;
  recorded_on: string;
  previous: string | null;
}

async function listingRows(db: Handle, period: Period): Promise<ListingRow[]> {
  // The latest audit row that set the enterprise's listing status gives the day and the status before it.
  const r = await sql<ListingRow>`
    with recorded as (
      select distinct on (a.entity_id) a.entity_id, (a.at at time zone 'Asia/Shanghai')::date::text as recorded_on,
        coalesce(a.diff->'before'->>'listing_status', a.diff->'before'->>'listingStatus') as previous
      from audit_log a
      where a.entity_type = 'enterprise'
        and (a.diff->'after' ? 'listing_status' or a.diff->'after' ? 'listingStatus')
      order by a.entity_id, a.seq desc
    )
    select e.id, e.uscc, e.name, e.district, e.listing_status,
      coalesce(r.recorded_on, (e.created_at at time zone 'Asia/Shanghai')::date::text) as recorded_on, r.previous
    from enterprises e
    left join recorded r on r.entity_id = e.id::text
    where e.listing_status <> 'unlisted'
      -- A listing recorded as a milestone (issue #7) is the listing.milestones source's, with its real date.
      and not exists (select 1 from listing_milestones m where m.enterprise_id = e.id and m.kind not in ('refinancing','major_restructuring'))`.execute(db);
  return r.rows.filter((row) => row.recorded_on >= period.from && row.recorded_on <= period.to);
}

function beneficiaryOf(row: { id: string; uscc: string; name: string; district: string }) {
  return { uscc: row.uscc, name: row.name, kind: 'enterprise' as const, registeredInYangpu: row.district === '杨浦区', registeredInShanghai: true, enterpriseId: row.id, organizationId: null };
}

export const registryListingSource: FactSource = {
  id: 'registry.listing',
  measures: ['YP2025-15.1', 'YP2025-15.2', 'YP2025-15.3', 'YP2024-12'],
  description: '名录库挂牌上市状态 (listing status recorded in the enterprise registry)',
  async collect(db, period) {
    const out: Candidate[] = [];
    for (const row of await listingRows(db, period)) {
      const beneficiary = beneficiaryOf(row);
      const matter = `LISTING-${row.listing_status}`;
      const note = `名录库于 ${row.recorded_on} 记录挂牌状态 ${row.listing_status}${row.previous ? `（此前 ${row.previous}）` : ''}；挂牌日期以公告为准`;
      // Object literals, not a spread of a shared base: a spread with added fields costs microseconds each (V8).
      const candidate = (measure: string, facts: Candidate['facts']): Candidate => ({ source: this.id, measure, beneficiary, facts, matter, eventDate: row.recorded_on, note });
      out.push(candidate('YP2024-12', { board: BOARD[row.listing_status]! }));
      if (row.listing_status === 'neeq_base') out.push(candidate('YP2025-15.1', {}));
      if (row.listing_status === 'neeq_innovation') out.push(candidate(row.previous === 'neeq_base' ? 'YP2025-15.2' : 'YP2025-15.3', {}));
    }
    return out;
  },
};

/** Decimal text of a tier threshold in force on a date (policy data or officer-approved). */
function thresholdsOn(date: string): number[] {
  const ruleset = baseRuleset();
  return ['threshold1', 'threshold2', 'threshold3'].map((n) => {
    const p = ruleset.parameters.get(`YP2024-8.${n}`);
    const v = p?.values.filter((x) => x.from <= date).at(-1);
    return v ? Number(v.text) * 100 : Number.POSITIVE_INFINITY;
  });
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export const registryRevenueSource: FactSource = {
  id: 'registry.revenue-milestone',
  measures: ['YP2024-8'],
  description: '名录库年度财务数据 + 高新技术企业认定 (annual financials and HNTE certification)',
  async collect(db, period) {
    const fiscal = period.year;
    const eventDate = `${fiscal}-12-31`;
    // One row per 高新技术企业 with this year's and the year-3 revenue and the highest revenue of any earlier year.
    const rows = (await sql<{ id: string; uscc: string; name: string; district: string; revenue: number; rd_expense: number; then_revenue: number; max_before: number | null }>`
      select e.id, e.uscc, e.name, e.district, f.revenue, f.rd_expense, t.revenue as then_revenue,
        (select max(p.revenue) from enterprise_financials p where p.enterprise_id = e.id and p.year < ${fiscal}::int) as max_before
      from enterprises e
      join enterprise_financials f on f.enterprise_id = e.id and f.year = ${fiscal}::int
      join enterprise_financials t on t.enterprise_id = e.id and t.year = ${fiscal - 3}::int
      where f.revenue is not null and f.revenue <> 0 and f.rd_expense is not null and t.revenue is not null and t.revenue <> 0
        and exists (
          select 1 from enterprise_certifications c
          where c.enterprise_id = e.id and c.type = '高新技术企业' and c.issued_on <= ${eventDate}::date and (c.expires_on is null or c.expires_on >= ${eventDate}::date))
      order by e.id`.execute(db)).rows;
    const tiers = thresholdsOn(eventDate);
    const out: Candidate[] = [];
    for (const now of rows) {
      // 首次突破: the highest tier this year's revenue passes was never passed in an earlier recorded year.
      const passed = tiers.filter((t) => now.revenue > t);
      if (passed.length === 0 || (now.max_before ?? 0) > passed[passed.length - 1]!) continue;
      const rdIntensity = round6(now.rd_expense / now.revenue);
      const revenueGrowth = round6(Math.max(0, (now.revenue / now.then_revenue) ** (1 / 3) - 1));
      out.push({
        source: this.id,
        measure: 'YP2024-8',
        beneficiary: beneficiaryOf(now),
        facts: { revenue: now.revenue / 100, rdIntensity, revenueGrowth },
        matter: `FY${fiscal}`,
        eventDate,
        note: `名录库 ${fiscal} 年营收 ${now.revenue / 100} 元，研发投入强度与 ${fiscal - 3}–${fiscal} 年营收复合增长率按名录库财务数据计算（保留 6 位小数）`,
      });
    }
    return out;
  },
};
