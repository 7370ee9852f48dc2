// The applications behind a funnel number (issue #8 dashboards): the same definitions as the 审核进度统计表
// (application/funnel.ts), so a stage's list has exactly the count the funnel shows.
import { sql } from 'kysely';
import type { Database } from '../../db/connect';
import { fenToYuan } from '../../platform/money';
import { BANK_APPROVED } from '../application/transitions';

export const FUNNEL_STAGES = ['applications', 'recommended', 'deferred', 'approved'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export interface ApplicationDrilldownQuery {
  year: number;
  stage: FunnelStage;
  /** The enterprise's district (every enterprise has one). */
  district?: string | undefined;
  /** The bank last recommended to (the funnel's per-bank row); empty for never recommended. */
  bank?: string | undefined;
  page: number;
  pageSize: number;
}

/**
 * Applications submitted in the year at a funnel stage: all of them; ever recommended (counted once, with the
 * latest recommendation's bank and amount); deferred; approved by a bank (approved or disbursed).
 */
export async function drilldownApplications(db: Database, q: ApplicationDrilldownQuery) {
  const approved = sql.join(BANK_APPROVED.map((s) => sql.lit(s)));
  const conds = [sql`a.submitted_on >= ${`${q.year}-01-01`}::date`, sql`a.submitted_on <= ${`${q.year}-12-31`}::date`];
  if (q.stage === 'recommended') conds.push(sql`s.seq is not null`);
  if (q.stage === 'deferred') conds.push(sql`a.status = 'deferred'`);
  if (q.stage === 'approved') conds.push(sql`a.status in (${approved})`);
  if (q.district) conds.push(sql`e.district = ${q.district}`);
  if (q.bank !== undefined) conds.push(q.bank === '' ? sql`s.seq is null` : sql`b.code = ${q.bank}`);
  const r = await sql<{
    id: string; application_no: string; enterprise_id: string; enterprise: string; district: string | null; product: string | null; status: string;
    submitted_on: string; requested_amount: string | null; bank: string | null; bank_name: string | null; recommended_amount: string | null;
    approved_amount: string | null; total: number;
  }>`
    select a.id, a.application_no, e.id as enterprise_id, e.name as enterprise, e.district, p.name as product, a.status, a.submitted_on::text,
      a.requested_amount::text, b.code as bank, b.name as bank_name, s.amount::text as recommended_amount,
      (case when a.status in (${approved}) then a.approved_amount end)::text as approved_amount, count(*) over ()::int as total
    from applications a
    join enterprises e on e.id = a.enterprise_id
    left join products p on p.id = a.product_id
    left join lateral (
      select x.seq, x.amount, x.bank_org_id from application_assignments x where x.application_id = a.id order by x.seq desc limit 1
    ) s on true
    left join organizations b on b.id = s.bank_org_id
    where ${sql.join(conds, sql` and `)}
    order by a.submitted_on desc, a.application_no
    limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(db);
  const yuan = (v: string | null) => (v === null ? null : fenToYuan(Number(v)));
  return {
    year: q.year,
    stage: q.stage,
    total: r.rows[0]?.total ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    items: r.rows.map((x) => ({
      id: x.id, applicationNo: x.application_no, enterprise: { id: x.enterprise_id, name: x.enterprise }, district: x.district, product: x.product,
      status: x.status, submittedOn: x.submitted_on, requestedAmount: yuan(x.requested_amount),
      recommendedTo: x.bank ? { code: x.bank, name: x.bank_name } : null, recommendedAmount: yuan(x.recommended_amount), approvedAmount: yuan(x.approved_amount),
    })),
  };
}
