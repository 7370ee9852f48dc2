// Dashboards (issue #8): each panel is one request reading stored snapshots or a small indexed query, so a panel
// answers in milliseconds on a million loans; drill-down lists the loans behind a number with their standing on
// the snapshot's date.
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../db/connect';
import type { DB } from '../../db/schema';
import { todayInShanghai } from '../../platform/dates';
import { storedResult, type StoredKind } from '../../platform/stored-result';
import { badRequest, notFound } from '../../platform/errors';
import { fenToYuan } from '../../platform/money';
import type { ActorContext, Principal } from '../../platform/principal';
import { funnelJson, funnelReport } from '../application/funnel';
import { storedBankAssessment } from '../assessment/assessment.service';
import { enterpriseMatches } from '../matching/matching.service';
import { withStanding } from '../loan/standing-source';
import { currentModels, modelsOfVersions } from '../evaluation/models.service';
import { renderStoredResult, type EvaluationKind } from '../../../evaluation';
import { alertCounts } from './alerts.service';
import { subsidiesByMeasure, tableExists } from './indicators.repository';
import type { Indicators } from './indicators.service';
import { riskPoolFigures } from './risk-pool.source';
import { latestIndicators, reportedSeries } from './snapshots.service';

type Ctx = ActorContext & { principal: Principal };

export const OFFICE_PANELS = ['summary', 'trend', 'funnel', 'sla', 'alerts', 'subsidies', 'pools'] as const;
export type OfficePanel = (typeof OFFICE_PANELS)[number];

const trendPoint = (asOf: string, d: Pick<Indicators, 'outstanding' | 'nplOutstanding' | 'nplRatio' | 'borrowers' | 'loans' | 'firstTimeBorrowers'>) => ({
  asOf, outstanding: d.outstanding, nplOutstanding: d.nplOutstanding, nplRatio: d.nplRatio, borrowers: d.borrowers, loans: d.loans, firstTimeBorrowers: d.firstTimeBorrowers,
});

/** One panel of the office overview. */
export async function officePanel(db: Database, ctx: Ctx, panel: OfficePanel) {
  const today = todayInShanghai();
  switch (panel) {
    case 'summary': {
      const latest = await latestIndicators(db);
      return { kind: latest?.kind ?? null, indicators: latest?.data ?? null };
    }
    case 'trend': {
      const series = await reportedSeries(db, { months: 24 });
      return { points: series.map((s) => trendPoint(s.as_of, s.data)) };
    }
    case 'funnel':
      return funnelJson(await funnelReport(db, { year: Number(today.slice(0, 4)), by: 'district' }));
    case 'sla': {
      const r = await sql<{ code: string; name: string; line_days: number; n: number }>`
        select o.code, o.name, w.line_days, count(*)::int as n
        from application_sla_warnings w join organizations o on o.id = w.bank_org_id
        where w.resolved_at is null group by o.code, o.name, w.line_days order by o.code, w.line_days`.execute(db);
      return { items: r.rows.map((x) => ({ bank: x.code, bankName: x.name, lineDays: x.line_days, unresolved: x.n })) };
    }
    case 'alerts': {
      const r = await sql<{ rule: string; severity: string; n: number }>`
        select rule, severity, count(*)::int as n from alerts where status <> 'resolved' group by rule, severity order by rule, severity`.execute(db);
      return { byRule: r.rows, inbox: await alertCounts(db, ctx) };
    }
    case 'subsidies': {
      const rows = await subsidiesByMeasure(db, today);
      return {
        year: Number(today.slice(0, 4)),
        items: rows.map((s) => ({ measure: s.measure, allocated: s.allocated === null ? null : fenToYuan(s.allocated), determined: fenToYuan(s.determined_amount), paid: fenToYuan(s.paid_amount) })),
      };
    }
    case 'pools': {
      const pools = await riskPoolFigures(db, today);
      return { items: pools.map((p) => ({ id: p.poolId, pool: p.pool, name: p.name, balance: fenToYuan(p.balanceFen), netLoss: fenToYuan(p.netLossFen), enrolledPrincipal: fenToYuan(p.enrolledPrincipalFen), lossRate: p.lossRate, nplTolerance: p.nplTolerance })) };
    }
  }
}

async function bankOf(db: Database, p: Principal, code: string | undefined) {
  if (p.role === 'institution_user') {
    const own = await db.selectFrom('organizations').select(['id', 'code', 'name', 'kind']).where('id', '=', p.organizationId).executeTakeFirstOrThrow();
    if (code && code !== own.code) throw notFound('bank');
    return own;
  }
  if (!code) throw badRequest([{ path: 'query.bank', message: 'office staff name the bank (its code)' }]);
  const b = await db.selectFrom('organizations').select(['id', 'code', 'name', 'kind']).where('code', '=', code).executeTakeFirst();
  if (!b) throw notFound('bank');
  return b;
}

/** A bank's dashboard: its portfolio (its row of the stored indicators and its trend), inbox, SLA warnings, assessment. */
export async function bankDashboard(db: Database, ctx: Ctx, q: { bank?: string | undefined }) {
  const bank = await bankOf(db, ctx.principal, q.bank);
  const latest = await latestIndicators(db);
  const own = (d: Indicators | undefined) => (d?.byBank as unknown as ({ bank: string | null } & Record<string, unknown>)[] | undefined)?.find((r) => r.bank === bank.code) ?? null;
  const series = await reportedSeries(db, { months: 24 });
  const warnings = await sql<{ line_days: number; n: number }>`
    select line_days, count(*)::int as n from application_sla_warnings where bank_org_id = ${bank.id} and resolved_at is null group by line_days order by line_days`.execute(db);
  const alerts = await sql<{ rule: string; severity: string; n: number }>`
    select rule, severity, count(*)::int as n from alerts where owner_org_id = ${bank.id} and status <> 'resolved' group by rule, severity order by rule`.execute(db);
  const year = Number(todayInShanghai().slice(0, 4));
  // The year's stored assessment (recomputed once after the applications, events or banks change), not a fresh one.
  const stored = bank.kind === 'bank' ? await storedBankAssessment(db, year) : null;
  const assessment = stored?.result.banks.find((b) => b.bank === bank.code) ?? null;
  return {
    bank: { code: bank.code, name: bank.name },
    asOf: latest?.data.asOf ?? null,
    portfolio: own(latest?.data),
    trend: series.map((s) => ({ asOf: s.as_of, ...(own(s.data) ?? { outstanding: 0, nplOutstanding: 0, nplRatio: null, borrowers: 0, loans: 0 }) })),
    slaWarnings: warnings.rows.map((w) => ({ lineDays: w.line_days, unresolved: w.n })),
    alerts: alerts.rows,
    assessment: assessment ? { year, total: assessment.total, indicators: assessment.indicators, computedAt: stored!.computedAt } : null,
  };
}

/** An enterprise's dashboard: its applications, consents, subsidy claims, evaluations and what it could apply for next. */
export async function enterpriseDashboard(db: Database, ctx: Ctx, q: { enterpriseId?: string | undefined }) {
  const p = ctx.principal;
  const id = p.role === 'enterprise_user' ? p.enterpriseId : q.enterpriseId;
  if (!id) throw badRequest([{ path: 'query.enterpriseId', message: 'office staff name the enterprise' }]);
  if (p.role === 'enterprise_user' && q.enterpriseId && q.enterpriseId !== p.enterpriseId) throw notFound('enterprise');
  const ent = await db.selectFrom('enterprises').select(['id', 'name', 'uscc']).where('id', '=', id).executeTakeFirst();
  if (!ent) throw notFound('enterprise');
  const applications = await db.selectFrom('applications').leftJoin('products', 'products.id', 'applications.product_id')
    .select(['applications.id', 'applications.application_no', 'applications.status', 'applications.requested_amount', 'applications.submitted_on', 'products.name as product_name'])
    .where('applications.enterprise_id', '=', id).orderBy('applications.created_at', 'desc').limit(20).execute();
  const consents = await db.selectFrom('consents').innerJoin('organizations', 'organizations.id', 'consents.institution_org_id')
    .select(['consents.id', 'organizations.name as institution', 'consents.clusters', 'consents.expires_on', 'consents.revoked_at'])
    .where('consents.enterprise_id', '=', id).orderBy('consents.granted_at', 'desc').limit(20).execute();
  const claims = await db.selectFrom('subsidy_claims').select(['id', 'number', 'measure', 'status', 'amount', 'event_date'])
    .where('enterprise_id', '=', id).orderBy('created_at', 'desc').limit(20).execute();
  let evaluations: { kind: string; year: number; score: string | null; eligible: boolean | null; result: unknown }[] = [];
  if (await tableExists(db, 'enterprise_evaluations')) {
    const r = await sql<{ kind: EvaluationKind; year: number; score: string | null; eligible: boolean | null; result: Record<string, unknown>; model_version: string }>`
      select distinct on (kind) kind, year, score::text as score, eligible, result, model_version from enterprise_evaluations where enterprise_id = ${id} order by kind, year desc`.execute(db);
    // Stored compact: the explanation is rendered from the stored facts with the models of each row's version.
    const models = await modelsOfVersions(db, r.rows, await currentModels(db));
    evaluations = r.rows.map((e) => ({ kind: e.kind, year: e.year, score: e.score, eligible: e.eligible, result: renderStoredResult(e.kind, e.result, models) }));
  }
  const matches = await enterpriseMatches(db, ctx, id, { qualifiedOnly: true });
  return {
    enterprise: ent,
    applications: applications.map((a) => ({ id: a.id, applicationNo: a.application_no, status: a.status, product: a.product_name, requestedAmount: a.requested_amount === null ? null : fenToYuan(a.requested_amount), submittedOn: a.submitted_on })),
    consents: consents.map((c) => ({ id: c.id, institution: c.institution, clusters: c.clusters, expiresOn: c.expires_on, active: c.revoked_at === null && c.expires_on >= todayInShanghai() })),
    claims: claims.map((c) => ({ id: c.id, number: c.number, measure: c.measure, status: c.status, amount: c.amount === null ? null : fenToYuan(c.amount), eventDate: c.event_date })),
    evaluations,
    nextProducts: matches.items.slice(0, 5).map((m) => ({ code: m.product.code, name: m.product.name, type: m.product.type, owner: m.product.owner.name, policyProduct: m.product.policyProduct })),
  };
}

export interface DrilldownQuery {
  asOf: string;
  bank?: string | undefined;
  product?: string | undefined;
  district?: string | undefined;
  street?: string | undefined;
  sector?: string | undefined;
  stage?: string | undefined;
  class?: string | undefined;
  collateral?: string | undefined;
  firstTime?: boolean | undefined;
  linked?: boolean | undefined;
  page: number;
  pageSize: number;
}

/**
 * The loans behind a number: the loans outstanding on asOf in a slice (bank, product, district, street, sector,
 * lifecycle stage; optionally a class, a collateral mode, first-time or investment-linked loans — the indicators'
 * own filters), with their standing on that date, largest outstanding first. Banks see only their own loans. The
 * stage is read as the indicators' stage slice reads it (indicators.repository.ts): the enterprise's latest
 * lifecycle evaluation of a year up to asOf's. When loan_status is the standing on asOf (loan/standing-source.ts)
 * the page is read from it by index (a bank's loans, the non-performing ones, by outstanding); otherwise every
 * standing of the slice's bank (or all) is computed first — seconds at a million loans.
 */
export async function drilldownLoans(db: Database, ctx: Ctx, q: DrilldownQuery) {
  const p = ctx.principal;
  // The bank whose loans these are: a bank's own (naming another gives none); staff: the one named, if any.
  const named = q.bank ? (await db.selectFrom('organizations').select('id').where('code', '=', q.bank).executeTakeFirst())?.id ?? null : undefined;
  const bankOrgId = p.role === 'institution_user' ? (named === undefined || named === p.organizationId ? p.organizationId : null) : named;
  const withStage = q.stage !== undefined && (await tableExists(db, 'enterprise_evaluations'));
  const page = bankOrgId === null ? null : await withStanding(db, q.asOf, (trx, standing) =>
    standing.maintained ? maintainedPage(trx, q, bankOrgId, withStage) : computedPage(trx, standing.ctes(bankOrgId ? { bankOrgId } : {}), q, bankOrgId, withStage));
  // Read after the page's transaction has ended: a request holds one pooled connection at a time.
  const total = page === null ? 0 : page.total ?? (await storedResult(db, LOAN_STATUS_COUNT, { bankOrgId: bankOrgId ?? null, class: q.class ?? null })).result;
  return {
    asOf: q.asOf,
    total,
    page: q.page,
    pageSize: q.pageSize,
    items: (page?.rows ?? []).map((x) => ({
      id: x.id, loanNo: x.loan_no, enterpriseId: x.enterprise_id, enterprise: x.enterprise, bank: x.bank, product: x.product, startDate: x.start_date,
      principal: fenToYuan(Number(x.principal)), outstanding: fenToYuan(Number(x.outstanding)), dpd: x.dpd, finalClass: x.final_class,
    })),
  };
}

type DrilldownRow = { id: string; loan_no: string; enterprise_id: string; enterprise: string; bank: string; product: string | null; start_date: string; principal: string; outstanding: string; dpd: number; final_class: string };

/** The slice's conditions over `s` (standing or loan_status), `l` (loans) and `e` (enterprises); which of l/e they need. */
function drilldownConds(q: DrilldownQuery, bankOrgId: string | undefined, withStage: boolean, bankColumn: RawBuilder<unknown>) {
  const conds = [sql`s.outstanding > 0`];
  let loans = false;
  let enterprises = false;
  if (bankOrgId) conds.push(sql`${bankColumn} = ${bankOrgId}::uuid`);
  if (q.product === '') conds.push(sql`l.product_id is null`);
  else if (q.product) conds.push(sql`l.product_id = (select id from products where code = ${q.product})`);
  if (q.product !== undefined || q.collateral || q.firstTime || q.linked || q.stage !== undefined) loans = true;
  if (q.district) conds.push(sql`e.district = ${q.district}`);
  if (q.street !== undefined) conds.push(q.street === '' ? sql`e.street is null` : sql`e.street = ${q.street}`);
  if (q.sector) conds.push(sql`e.sector = ${q.sector}`);
  if (q.district || q.street !== undefined || q.sector) enterprises = loans = true;
  if (q.stage !== undefined) {
    if (!withStage) conds.push(q.stage === '' ? sql`true` : sql`false`);
    else {
      const stage = sql`(select ev.result->>'stage' from enterprise_evaluations ev where ev.enterprise_id = l.enterprise_id and ev.kind = 'lifecycle' and ev.year <= ${Number(q.asOf.slice(0, 4))} order by ev.year desc limit 1)`;
      conds.push(q.stage === '' ? sql`${stage} is null` : sql`${stage} = ${q.stage}`);
    }
  }
  if (q.collateral) conds.push(sql`l.collateral_mode = ${q.collateral}`);
  if (q.firstTime) conds.push(sql`l.first_time_borrower`);
  if (q.linked) conds.push(sql`l.linkage_mode is not null`);
  if (q.class === 'npl') conds.push(sql`s.final_class in ('substandard','doubtful','loss')`);
  else if (q.class) conds.push(sql`s.final_class = ${q.class}`);
  return { where: sql.join(conds, sql` and `), loans, enterprises };
}

const PAGE_COLUMNS = sql`l.id, l.loan_no, l.enterprise_id, e.name as enterprise, o.code as bank, pr.code as product, l.start_date::text, l.principal::text,
      s.outstanding::text, s.dpd, s.final_class`;

async function computedPage(trx: Transaction<DB>, ctes: RawBuilder<unknown>, q: DrilldownQuery, bankOrgId: string | undefined, withStage: boolean) {
  const c = drilldownConds(q, bankOrgId, withStage, sql`l.bank_org_id`);
  const r = await sql<DrilldownRow & { total: number }>`
    with ${ctes}
    select ${PAGE_COLUMNS}, count(*) over ()::int as total
    from standing s join loans l on l.id = s.loan_id join enterprises e on e.id = l.enterprise_id join organizations o on o.id = l.bank_org_id
    left join products pr on pr.id = l.product_id
    where ${c.where}
    order by s.outstanding desc, l.loan_no
    limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(trx);
  return { total: r.rows[0]?.total ?? 0, rows: r.rows };
}

/**
 * The same page from loan_status, whose rows are all as of asOf when this is called (maintainedStandingCtes): the
 * rows in outstanding order from loan_status_bank_outstanding or loan_status_npl_outstanding, joined only for the
 * page. The count apart: for a slice of a bank and/or a class alone, `total` is null and the caller reads the
 * stored count (LOAN_STATUS_COUNT); otherwise counted here, joining loans and enterprises as the slice needs.
 */
async function maintainedPage(trx: Transaction<DB>, q: DrilldownQuery, bankOrgId: string | undefined, withStage: boolean) {
  const c = drilldownConds(q, bankOrgId, withStage, sql`s.bank_org_id`);
  const rows = await sql<DrilldownRow>`
    select ${PAGE_COLUMNS}
    from loan_status s join loans l on l.id = s.loan_id join enterprises e on e.id = l.enterprise_id join organizations o on o.id = s.bank_org_id
    left join products pr on pr.id = l.product_id
    where ${c.where}
    order by s.outstanding desc, l.loan_no
    limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(trx);
  if (!c.loans && !c.enterprises) return { total: null, rows: rows.rows };
  const joins = sql.join([
    sql`join loans l on l.id = s.loan_id`,
    ...(c.enterprises ? [sql`join enterprises e on e.id = l.enterprise_id`] : []),
  ], sql` `);
  const count = await sql<{ n: number }>`select count(*)::int as n from loan_status s ${joins} where ${c.where}`.execute(trx);
  return { total: count.rows[0]!.n, rows: rows.rows };
}

/**
 * How many loans outstanding loan_status holds for a bank (or all) and a class (or 'npl', or all): the drill-down's
 * total when the maintained standing is read and the slice is no more than that. Counting from the indexes alone
 * takes tens of milliseconds for a quarter of a million non-performing loans, every page request; stored, it is
 * recounted once after a statement writes loan_status (migration 0028) — the daily run or a write path's
 * reclassification. The count is of loan_status as it is, whatever date its rows are of: the caller reads it only
 * when they are the standing on its date.
 */
export const LOAN_STATUS_COUNT: StoredKind<{ bankOrgId: string | null; class: string | null }, number> = {
  kind: 'loan_status_count',
  sources: ['loan_status'],
  key: (k) => `${k.bankOrgId ?? '*'}|${k.class ?? '*'}`,
  compute: async (trx, k) => {
    const c = drilldownConds({ asOf: '', page: 1, pageSize: 1, ...(k.class ? { class: k.class } : {}) }, k.bankOrgId ?? undefined, false, sql`s.bank_org_id`);
    const r = await sql<{ n: number }>`select count(*)::int as n from loan_status s where ${c.where}`.execute(trx);
    return r.rows[0]!.n;
  },
};
