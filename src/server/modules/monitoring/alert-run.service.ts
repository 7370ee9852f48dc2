import { sql } from 'kysely';
import type { Database } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { isCalendarDate, todayInShanghai } from '../../platform/dates';
import { badRequest } from '../../platform/errors';
import type { ActorContext } from '../../platform/principal';
import { RULE_NAMES, thresholdOn, type AlertRule, type ThresholdRow } from './alert-rules';
import {
  certificationsExpiring, classDowngrades, loansPastDue, nplRatios, officeOrgId, poolLossRates, repeatedDeclines, slaBacklogs, taxRevenueDrops, type Hit,
} from './alert-detect.repository';

export const ALERT_JOB = 'monitoring-alert-rules';

export async function thresholdRows(db: Database): Promise<ThresholdRow[]> {
  const rows = await db.selectFrom('alert_thresholds').select(['rule', 'effective_from', 'value']).execute();
  return rows.map((r) => ({ rule: r.rule, effectiveFrom: r.effective_from, value: Number(r.value) }));
}

/**
 * Runs every early-warning rule as of a date with the thresholds in force on that date. Idempotent: an alert
 * that is already open or acknowledged for the same rule, subject and owner is only marked as seen again
 * (the partial unique index alerts_one_unresolved makes this hold under concurrent runs too); a hit whose
 * earlier alert was resolved raises a new one. Each raised alert gets a 'raised' history row; one audit row
 * per rule records the run.
 */
export async function runAlertRules(db: Database, ctx: ActorContext, opts: { asOf?: string | undefined; rules?: AlertRule[] | undefined } = {}) {
  const asOf = opts.asOf ?? todayInShanghai();
  if (!isCalendarDate(asOf)) throw badRequest([{ path: 'asOf', message: 'must be a calendar date YYYY-MM-DD' }]);
  const rows = await thresholdRows(db);
  const office = await officeOrgId(db);
  const t = (rule: AlertRule) => thresholdOn(rows, rule, asOf);
  const detectors: Record<AlertRule, () => Promise<Hit[]>> = {
    loan_dpd: async () => (t('loan_dpd') === null ? [] : loansPastDue(db, asOf, t('loan_dpd')!)),
    class_downgrade: async () => (t('class_downgrade') === null ? [] : classDowngrades(db, asOf, t('class_downgrade')!)),
    tax_revenue_drop: async () => (t('tax_revenue_drop') === null ? [] : taxRevenueDrops(db, asOf, t('tax_revenue_drop')!)),
    certification_expiring: async () => (t('certification_expiring') === null ? [] : certificationsExpiring(db, asOf, t('certification_expiring')!, office)),
    repeated_declines: async () => (t('repeated_declines') === null ? [] : repeatedDeclines(db, asOf, t('repeated_declines')!, office)),
    bank_npl_ratio: async () => nplRatios(db, asOf, t('bank_npl_ratio'), null),
    product_npl_ratio: async () => nplRatios(db, asOf, null, t('product_npl_ratio')),
    pool_loss_rate: async () => (t('pool_loss_rate') === null ? [] : poolLossRates(db, asOf, t('pool_loss_rate')!)),
    sla_backlog: async () => (t('sla_backlog') === null ? [] : slaBacklogs(db, asOf, t('sla_backlog')!)),
  };
  const rules = opts.rules ?? RULE_NAMES;
  const summary: { rule: AlertRule; threshold: number | null; hits: number; raised: number; seenAgain: number }[] = [];
  for (const rule of rules) {
    const hits = await detectors[rule]();
    const { raised, seenAgain } = await storeHits(db, ctx, rule, asOf, hits);
    summary.push({ rule, threshold: t(rule), hits: hits.length, raised, seenAgain });
  }
  return { asOf, rules: summary, raised: summary.reduce((s, r) => s + r.raised, 0) };
}

const CHUNK = 1000;

async function storeHits(db: Database, ctx: ActorContext, rule: AlertRule, asOf: string, hits: Hit[]) {
  const actorName = ctx.principal?.username ?? ctx.systemActor ?? 'system';
  return db.transaction().execute(async (trx) => {
    let raised = 0;
    let seenAgain = 0;
    for (let i = 0; i < hits.length; i += CHUNK) {
      const chunk = hits.slice(i, i + CHUNK);
      const level = (h: Hit) => (['bank_npl_ratio', 'product_npl_ratio', 'pool_loss_rate', 'sla_backlog'].includes(h.rule) ? 'portfolio' : 'enterprise');
      const r = await sql<{ id: string; inserted: boolean }>`
        insert into alerts (rule, level, severity, subject_type, subject_id, subject_name, enterprise_id, owner_org_id, title, measured, threshold, detail, first_seen_on, last_seen_on)
        select * from unnest(
          ${chunk.map((h) => h.rule)}::text[], ${chunk.map(level)}::text[], ${chunk.map((h) => h.severity)}::text[], ${chunk.map((h) => h.subjectType)}::text[],
          ${chunk.map((h) => h.subjectId)}::text[], ${chunk.map((h) => h.subjectName)}::text[], ${chunk.map((h) => h.enterpriseId)}::uuid[],
          ${chunk.map((h) => h.ownerOrgId)}::uuid[], ${chunk.map((h) => h.title)}::text[], ${chunk.map((h) => h.measured)}::text[],
          ${chunk.map((h) => h.threshold)}::text[], ${chunk.map((h) => JSON.stringify(h.detail))}::jsonb[],
          ${chunk.map(() => asOf)}::date[], ${chunk.map(() => asOf)}::date[]
        )
        on conflict (rule, subject_type, subject_id, owner_org_id) where status <> 'resolved'
        do update set last_seen_on = greatest(alerts.last_seen_on, excluded.last_seen_on),
          measured = case when excluded.last_seen_on >= alerts.last_seen_on then excluded.measured else alerts.measured end,
          severity = case when excluded.last_seen_on >= alerts.last_seen_on then excluded.severity else alerts.severity end,
          title = case when excluded.last_seen_on >= alerts.last_seen_on then excluded.title else alerts.title end
        returning id, (xmax = 0) as inserted`.execute(trx);
      const fresh = r.rows.filter((x) => x.inserted).map((x) => x.id);
      raised += fresh.length;
      seenAgain += r.rows.length - fresh.length;
      if (fresh.length) {
        await sql`
          insert into alert_events (alert_id, action, from_status, to_status, actor_name, note)
          select id, 'raised', null, 'open', ${actorName}, ${`规则运行（截至 ${asOf}）`} from unnest(${fresh}::uuid[]) as id`.execute(trx);
      }
    }
    await writeAudit(trx, ctx, { action: 'alert_rule.run', entityType: 'alert_rule', entityId: rule, after: { asOf, hits: hits.length, raised, seenAgain } });
    return { raised, seenAgain };
  });
}
