// What each early-warning rule finds as of a date (issue #8). Loan figures are the ledger's standing for the date
// (loan/standing.repository.ts); class changes come from the ledger's dated class history.
import { sql } from 'kysely';
import type { Database } from '../../db/connect';
import { addDays, addMonths, daysBetween } from '../../platform/dates';
import { standingCtes } from '../loan/standing.repository';
import { ALERT_RULES, severityOf, type AlertRule } from './alert-rules';
import { ratio } from './indicator-math';
import { riskPoolFigures } from './risk-pool.source';

export interface Hit {
  rule: AlertRule;
  subjectType: 'loan' | 'enterprise' | 'certification' | 'bank' | 'product' | 'pool';
  subjectId: string;
  subjectName: string;
  enterpriseId: string | null;
  ownerOrgId: string;
  severity: 'warning' | 'critical';
  title: string;
  measured: string;
  threshold: string;
  detail: Record<string, unknown>;
}

const pct = (r: number) => `${(r * 100).toFixed(2)}%`;
const NPL = sql.raw(`('substandard','doubtful','loss')`);
const RANK = sql.raw(`array['normal','special_mention','substandard','doubtful','loss']`);

export async function officeOrgId(db: Database): Promise<string> {
  const r = await db.selectFrom('organizations').select('id').where('kind', '=', 'office').orderBy('code').limit(1).executeTakeFirst();
  if (!r) throw new Error('no office organisation: alerts owned by the office need one (kind office)');
  return r.id;
}

/** Loans past due by more than `threshold` days on `asOf` (outstanding > 0); owner: the lending bank. */
export async function loansPastDue(db: Database, asOf: string, threshold: number): Promise<Hit[]> {
  const r = await sql<{ loan_id: string; loan_no: string; enterprise_id: string; name: string; bank_org_id: string; dpd: number; outstanding: string; final_class: string }>`
    with ${standingCtes(asOf)}
    select s.loan_id, l.loan_no, l.enterprise_id, e.name, l.bank_org_id, s.dpd, s.outstanding::text, s.final_class
    from standing s join loans l on l.id = s.loan_id join enterprises e on e.id = l.enterprise_id
    where s.dpd > ${threshold} and s.outstanding > 0`.execute(db);
  return r.rows.map((x) => ({
    rule: 'loan_dpd', subjectType: 'loan', subjectId: x.loan_id, subjectName: `${x.name} · ${x.loan_no}`, enterpriseId: x.enterprise_id, ownerOrgId: x.bank_org_id,
    severity: severityOf('loan_dpd', x.dpd, threshold), title: `${ALERT_RULES.loan_dpd.zh}：${x.name} 贷款 ${x.loan_no} 逾期 ${x.dpd} 天`,
    measured: `${x.dpd}`, threshold: `${threshold}`, detail: { loanNo: x.loan_no, dpd: x.dpd, outstandingFen: Number(x.outstanding), finalClass: x.final_class },
  }));
}

/** Final class worse than the one before it, changed within `lookbackDays` up to asOf; owner: the bank. */
export async function classDowngrades(db: Database, asOf: string, lookbackDays: number): Promise<Hit[]> {
  const from = addDays(asOf, -lookbackDays);
  const r = await sql<{ loan_id: string; loan_no: string; enterprise_id: string; name: string; bank_org_id: string; effective_on: string; final_class: string; prev: string }>`
    with recent as (
      select distinct loan_id from loan_class_history where effective_on > ${from}::date and effective_on <= ${asOf}::date
    ),
    h as (
      select h.loan_id, h.effective_on, h.final_class,
        lag(h.final_class) over (partition by h.loan_id order by h.effective_on) as prev
      from loan_class_history h join recent using (loan_id)
      where h.effective_on <= ${asOf}::date
    ),
    worst as (
      select distinct on (loan_id) * from h
      where effective_on > ${from}::date and prev is not null and array_position(${RANK}, final_class) > array_position(${RANK}, prev)
      order by loan_id, effective_on desc
    )
    select w.loan_id, l.loan_no, l.enterprise_id, e.name, l.bank_org_id, w.effective_on::text, w.final_class, w.prev
    from worst w join loans l on l.id = w.loan_id join enterprises e on e.id = l.enterprise_id`.execute(db);
  return r.rows.map((x) => ({
    rule: 'class_downgrade', subjectType: 'loan', subjectId: x.loan_id, subjectName: `${x.name} · ${x.loan_no}`, enterpriseId: x.enterprise_id, ownerOrgId: x.bank_org_id,
    severity: severityOf('class_downgrade', 0, lookbackDays, { toClass: x.final_class }),
    title: `${ALERT_RULES.class_downgrade.zh}：${x.name} 贷款 ${x.loan_no} 由 ${x.prev} 下调为 ${x.final_class}（${x.effective_on}）`,
    measured: `${x.prev}→${x.final_class}`, threshold: `${lookbackDays}`, detail: { loanNo: x.loan_no, from: x.prev, to: x.final_class, effectiveOn: x.effective_on },
  }));
}

/**
 * Consented tax revenue (银税互动): value-added-tax taxable revenue of the 12 months before asOf's month against
 * the 12 before those, for enterprises that consented their tax filings to an institution on asOf; a fall of
 * more than `threshold` (a ratio) warns that institution. Monthly (YYYY-MM) and quarterly (YYYY-Qn) periods are
 * placed by their first day; an empty recent year is missing data, not a fall.
 */
export async function taxRevenueDrops(db: Database, asOf: string, threshold: number): Promise<Hit[]> {
  const end = `${asOf.slice(0, 7)}-01`;
  const mid = addMonths(end, -12);
  const start = addMonths(end, -24);
  const r = await sql<{ enterprise_id: string; name: string; org: string; recent: string; prior: string }>`
    with c as (
      select distinct enterprise_id, institution_org_id from consents
      where clusters ? 'tax_filings' and (granted_at at time zone 'Asia/Shanghai')::date <= ${asOf}::date and expires_on >= ${asOf}::date
        and (revoked_at is null or (revoked_at at time zone 'Asia/Shanghai')::date > ${asOf}::date)
    ),
    f as (
      select t.enterprise_id, t.taxable_revenue,
        case when t.period ~ '^[0-9]{4}-[0-9]{2}$' then to_date(t.period || '-01', 'YYYY-MM-DD')
             else make_date(substr(t.period, 1, 4)::int, (substr(t.period, 7, 1)::int - 1) * 3 + 1, 1) end as starts
      from enterprise_tax_filings t
      where t.tax_type = '增值税' and t.taxable_revenue is not null and (t.period ~ '^[0-9]{4}-[0-9]{2}$' or t.period ~ '^[0-9]{4}-Q[1-4]$')
        and t.enterprise_id in (select enterprise_id from c)
    ),
    y as (
      select enterprise_id,
        sum(taxable_revenue) filter (where starts >= ${mid}::date and starts < ${end}::date) as recent,
        sum(taxable_revenue) filter (where starts >= ${start}::date and starts < ${mid}::date) as prior
      from f group by enterprise_id
    )
    select y.enterprise_id, e.name, c.institution_org_id as org, y.recent::text, y.prior::text
    from y join c using (enterprise_id) join enterprises e on e.id = y.enterprise_id
    where y.prior > 0 and y.recent is not null and (y.prior - y.recent)::numeric / y.prior > ${threshold}`.execute(db);
  return r.rows.map((x) => {
    const fall = (Number(x.prior) - Number(x.recent)) / Number(x.prior);
    return {
      rule: 'tax_revenue_drop', subjectType: 'enterprise', subjectId: x.enterprise_id, subjectName: x.name, enterpriseId: x.enterprise_id, ownerOrgId: x.org,
      severity: severityOf('tax_revenue_drop', fall, threshold), title: `${ALERT_RULES.tax_revenue_drop.zh}：${x.name} 近12个月增值税应税收入同比下降 ${pct(fall)}`,
      measured: fall.toFixed(4), threshold: `${threshold}`, detail: { recentFen: Number(x.recent), priorFen: Number(x.prior), window: { start, mid, end } },
    };
  });
}

/** Certifications (高新技术企业 …) expiring within `days` of asOf; owner: the office. */
export async function certificationsExpiring(db: Database, asOf: string, days: number, office: string): Promise<Hit[]> {
  const r = await sql<{ id: string; enterprise_id: string; name: string; type: string; expires_on: string }>`
    select c.id, c.enterprise_id, e.name, c.type, c.expires_on::text from enterprise_certifications c join enterprises e on e.id = c.enterprise_id
    where c.expires_on >= ${asOf}::date and c.expires_on <= ${addDays(asOf, days)}::date`.execute(db);
  return r.rows.map((x) => {
    const left = daysBetween(asOf, x.expires_on);
    return {
      rule: 'certification_expiring', subjectType: 'certification', subjectId: x.id, subjectName: `${x.name} · ${x.type}`, enterpriseId: x.enterprise_id, ownerOrgId: office,
      severity: severityOf('certification_expiring', left, days), title: `${ALERT_RULES.certification_expiring.zh}：${x.name} ${x.type} 于 ${x.expires_on} 到期`,
      measured: `${left}`, threshold: `${days}`, detail: { type: x.type, expiresOn: x.expires_on },
    };
  });
}

/** Enterprises a bank declined at least `count` times in the 365 days to asOf; owner: the office. */
export async function repeatedDeclines(db: Database, asOf: string, count: number, office: string): Promise<Hit[]> {
  if (count < 1) return [];
  const r = await sql<{ enterprise_id: string; name: string; n: number }>`
    select a.enterprise_id, e.name, count(*)::int as n
    from application_events ev join applications a on a.id = ev.application_id join enterprises e on e.id = a.enterprise_id
    where ev.to_status = 'declined' and (ev.at at time zone 'Asia/Shanghai')::date > ${addDays(asOf, -365)}::date
      and (ev.at at time zone 'Asia/Shanghai')::date <= ${asOf}::date
    group by a.enterprise_id, e.name having count(*) >= ${count}`.execute(db);
  return r.rows.map((x) => ({
    rule: 'repeated_declines', subjectType: 'enterprise', subjectId: x.enterprise_id, subjectName: x.name, enterpriseId: x.enterprise_id, ownerOrgId: office,
    severity: severityOf('repeated_declines', x.n, count), title: `${ALERT_RULES.repeated_declines.zh}：${x.name} 近365天被拒绝 ${x.n} 次`,
    measured: `${x.n}`, threshold: `${count}`, detail: { declines: x.n },
  }));
}

/** Banks' and products' NPL ratios on asOf above their tolerance; owner: the bank, or the product's owner. */
export async function nplRatios(db: Database, asOf: string, bankTolerance: number | null, productTolerance: number | null): Promise<Hit[]> {
  const r = await sql<{ g_bank: number; bank_org_id: string | null; product_id: string | null; name: string; owner: string; outstanding: string; npl: string }>`
    with ${standingCtes(asOf)},
    agg as (
      select grouping(l.bank_org_id) as g_bank, l.bank_org_id, l.product_id, sum(s.outstanding) as outstanding,
        coalesce(sum(s.outstanding) filter (where s.final_class in ${NPL}), 0) as npl
      from standing s join loans l on l.id = s.loan_id
      where s.outstanding > 0
      group by grouping sets ((l.bank_org_id), (l.product_id))
    )
    select agg.g_bank, agg.bank_org_id, agg.product_id, agg.outstanding::text, agg.npl::text,
      coalesce(o.name, p.name) as name, coalesce(o.id, p.owner_org_id) as owner
    from agg left join organizations o on agg.g_bank = 0 and o.id = agg.bank_org_id
      left join products p on agg.g_bank = 1 and p.id = agg.product_id
    where (agg.g_bank = 0 or agg.product_id is not null) and agg.npl > 0`.execute(db);
  const hits: Hit[] = [];
  for (const x of r.rows) {
    const isBank = x.g_bank === 0;
    const tolerance = isBank ? bankTolerance : productTolerance;
    if (tolerance === null) continue;
    const rate = ratio(Number(x.npl), Number(x.outstanding));
    if (rate === null || !(rate > tolerance)) continue;
    const rule: AlertRule = isBank ? 'bank_npl_ratio' : 'product_npl_ratio';
    hits.push({
      rule, subjectType: isBank ? 'bank' : 'product', subjectId: (isBank ? x.bank_org_id : x.product_id)!, subjectName: x.name, enterpriseId: null, ownerOrgId: x.owner,
      severity: severityOf(rule, rate, tolerance), title: `${ALERT_RULES[rule].zh}：${x.name} 不良率 ${pct(rate)}（容忍度 ${pct(tolerance)}）`,
      measured: rate.toFixed(6), threshold: `${tolerance}`, detail: { outstandingFen: Number(x.outstanding), nplFen: Number(x.npl) },
    });
  }
  return hits;
}

/** Banks with at least `count` SLA warning lines crossed and not resolved on asOf; owner: the bank. */
export async function slaBacklogs(db: Database, asOf: string, count: number): Promise<Hit[]> {
  if (count < 1) return [];
  const r = await sql<{ bank_org_id: string; name: string; n: number; oldest: string }>`
    select w.bank_org_id, o.name, count(distinct w.application_id)::int as n, min(w.recommended_on)::text as oldest
    from application_sla_warnings w join organizations o on o.id = w.bank_org_id
    where w.due_on <= ${asOf}::date and (w.resolved_at is null or (w.resolved_at at time zone 'Asia/Shanghai')::date > ${asOf}::date)
    group by w.bank_org_id, o.name having count(distinct w.application_id) >= ${count}`.execute(db);
  return r.rows.map((x) => ({
    rule: 'sla_backlog', subjectType: 'bank', subjectId: x.bank_org_id, subjectName: x.name, enterpriseId: null, ownerOrgId: x.bank_org_id,
    severity: severityOf('sla_backlog', x.n, count), title: `${ALERT_RULES.sla_backlog.zh}：${x.name} 有 ${x.n} 笔推荐超时限未决策`,
    measured: `${x.n}`, threshold: `${count}`, detail: { applications: x.n, oldestRecommendedOn: x.oldest },
  }));
}

/** Risk compensation pools whose loss rate (the pool's own rule) is above the threshold; owner: the sponsor. */
export async function poolLossRates(db: Database, asOf: string, threshold: number): Promise<Hit[]> {
  const pools = await riskPoolFigures(db, asOf);
  return pools.filter((p) => p.lossRate !== null && p.lossRate > threshold).map((p) => ({
    rule: 'pool_loss_rate', subjectType: 'pool', subjectId: p.poolId, subjectName: p.name, enterpriseId: null, ownerOrgId: p.sponsorOrgId,
    severity: severityOf('pool_loss_rate', p.lossRate!, threshold), title: `${ALERT_RULES.pool_loss_rate.zh}：${p.name} 损失率 ${pct(p.lossRate!)}（阈值 ${pct(threshold)}）`,
    measured: p.lossRate!.toFixed(6), threshold: `${threshold}`, detail: { netLossFen: p.netLossFen, enrolledPrincipalFen: p.enrolledPrincipalFen, poolTolerance: p.nplTolerance },
  }));
}
