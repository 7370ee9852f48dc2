// Early-warning rules (预警; seed 000 measure 20 健全科创金融风险管控预警机制, seed 002 (十九) 强化风险监测预警和早期干预)
// and the alert status table. Pure: thresholds are dated data (alert_thresholds), read here by date.

export const ALERT_RULES = {
  loan_dpd: { level: 'enterprise', unit: 'days', zh: '贷款逾期', en: 'Loan past due', thresholdZh: '逾期天数大于', integer: true },
  class_downgrade: { level: 'enterprise', unit: 'days', zh: '五级分类下调', en: 'Classification downgrade', thresholdZh: '回看天数', integer: true },
  tax_revenue_drop: { level: 'enterprise', unit: 'ratio', zh: '纳税收入同比下降', en: 'Tax revenue falling year on year', thresholdZh: '下降比例超过', integer: false },
  certification_expiring: { level: 'enterprise', unit: 'days', zh: '资质即将到期', en: 'Certification expiring', thresholdZh: '到期前天数', integer: true },
  repeated_declines: { level: 'enterprise', unit: 'count', zh: '多次被银行拒绝', en: 'Repeated bank declines', thresholdZh: '365天内拒绝次数达到', integer: true },
  bank_npl_ratio: { level: 'portfolio', unit: 'ratio', zh: '银行不良率超容忍度', en: 'Bank NPL ratio above tolerance', thresholdZh: '不良率超过', integer: false },
  product_npl_ratio: { level: 'portfolio', unit: 'ratio', zh: '产品不良率超容忍度', en: 'Product NPL ratio above tolerance', thresholdZh: '不良率超过', integer: false },
  pool_loss_rate: { level: 'portfolio', unit: 'ratio', zh: '风险池损失率超阈值', en: 'Risk pool loss rate above threshold', thresholdZh: '损失率超过', integer: false },
  sla_backlog: { level: 'portfolio', unit: 'count', zh: '推荐时限预警积压', en: 'Backlog of SLA warnings', thresholdZh: '未处理预警条数达到', integer: true },
} as const;

export type AlertRule = keyof typeof ALERT_RULES;
export const RULE_NAMES = Object.keys(ALERT_RULES) as AlertRule[];
export const isAlertRule = (s: string): s is AlertRule => s in ALERT_RULES;

export interface ThresholdRow {
  rule: string;
  effectiveFrom: string;
  value: number;
}

/** The threshold in force for `rule` on `date`: the latest effective on or before it; null before the first. */
export function thresholdOn(rows: readonly ThresholdRow[], rule: AlertRule, date: string): number | null {
  let best: ThresholdRow | null = null;
  for (const r of rows) if (r.rule === rule && r.effectiveFrom <= date && (!best || r.effectiveFrom > best.effectiveFrom)) best = r;
  return best ? best.value : null;
}

/** A threshold an admin may set: whole numbers for days and counts (≥ 0), ratios in [0, 1]. */
export function checkThreshold(rule: AlertRule, value: number): string | null {
  const def = ALERT_RULES[rule];
  if (!Number.isFinite(value) || value < 0) return 'must be a number ≥ 0';
  if (def.integer && !Number.isInteger(value)) return `must be a whole number of ${def.unit}`;
  if (def.unit === 'ratio' && value > 1) return 'must be a ratio from 0 to 1 (0.03 = 3%)';
  if (def.unit === 'days' && value > 3650) return 'must be at most 3650 days';
  return null;
}

/**
 * How serious a hit is: critical when it is far past the line — more than 90 days past due (the substandard
 * floor), a downgrade into non-performing, a ratio at twice its threshold, a certification expiring within a
 * week, a backlog or decline count at twice the threshold.
 */
export function severityOf(rule: AlertRule, measured: number, threshold: number, extra: { toClass?: string } = {}): 'warning' | 'critical' {
  switch (rule) {
    case 'loan_dpd':
      return measured > 90 ? 'critical' : 'warning';
    case 'class_downgrade':
      return extra.toClass && ['substandard', 'doubtful', 'loss'].includes(extra.toClass) ? 'critical' : 'warning';
    case 'certification_expiring':
      return measured <= 7 ? 'critical' : 'warning';
    default:
      return threshold > 0 && measured >= threshold * 2 ? 'critical' : 'warning';
  }
}

export type AlertStatus = 'open' | 'acknowledged' | 'resolved';
export type AlertAction = 'acknowledge' | 'resolve';

/** The only status changes an alert makes; anything else is a 409. A resolution always carries a note. */
export const ALERT_TRANSITIONS: Record<AlertAction, { from: readonly AlertStatus[]; to: AlertStatus }> = {
  acknowledge: { from: ['open'], to: 'acknowledged' },
  resolve: { from: ['open', 'acknowledged'], to: 'resolved' },
};

export function nextAlertStatus(action: AlertAction, from: AlertStatus): AlertStatus | null {
  const t = ALERT_TRANSITIONS[action];
  return t.from.includes(from) ? t.to : null;
}
