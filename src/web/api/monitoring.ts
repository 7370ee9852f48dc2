// The monitoring module's endpoints and shapes (issue #8; docs/monitoring.md): indicators, dashboards,
// drill-down and the alerts inbox. Money in yuan, ratios as decimals (null when there is nothing to divide by).
import { apiUrl, http, request } from './client';
import type { BankAssessmentRow } from './assessment';
import type { ApplicationStatus, ProductType } from './financing-types';
import type { SubsidyClaimStatus } from './subsidy-types';
import type { Page } from './types';

export interface PortfolioFigures {
  borrowers: number;
  loans: number;
  outstanding: number;
  nplOutstanding: number;
  nplRatio: number | null;
  firstTimeBorrowers: number;
  creditLoanShare: number | null;
  ipPledgeOutstanding: number;
  averageRate: number | null;
}

export type SliceRow<K extends string> = PortfolioFigures & { [key in K]: string | null } & { [key in `${K}Name`]?: string | null };

export interface NewLoans {
  count: number;
  amount: number;
  averageRate: number | null;
}

export interface Indicators {
  asOf: string;
  borrowers: number;
  loans: number;
  outstanding: number;
  nplOutstanding: number;
  nplRatio: number | null;
  firstTimeBorrowers: number;
  byClassification: Record<LoanClass, number>;
  byProduct: SliceRow<'product'>[];
  byBank: SliceRow<'bank'>[];
  firstTimeBorrowerShare: number | null;
  creditLoanOutstanding: number;
  creditLoanShare: number | null;
  ipPledgeOutstanding: number;
  ipPledgeShare: number | null;
  investmentLinkedOutstanding: number;
  averageRate: number | null;
  newLoans: { month: NewLoans; yearToDate: NewLoans };
  yoy: { asOf: string; outstanding: number | null; loans: number | null; borrowers: number | null; nplRatioBefore: number | null };
  recommendationToDecision: { decided: number; averageDays: number | null; medianDays: number | null };
  funnel: FunnelTotals & { year: number };
  subsidies: { measure: string; determinedCount: number; determinedAmount: number; paidCount: number; paidAmount: number; allocated: number | null; budgetUse: number | null }[];
  riskPools: { pool: string; name: string; balance: number }[];
  byDistrict: SliceRow<'district'>[];
  byStreet: SliceRow<'street'>[];
  bySector: SliceRow<'sector'>[];
  byLifecycleStage: SliceRow<'stage'>[];
}

export const LOAN_CLASSES = ['normal', 'special_mention', 'substandard', 'doubtful', 'loss'] as const;
export type LoanClass = (typeof LOAN_CLASSES)[number];

export interface FunnelTotals {
  applications: number;
  recommendedCount: number;
  recommendedAmount: number;
  deferredCount: number;
  approvedCount: number;
  approvedAmount: number;
}

export interface TrendPoint {
  asOf: string;
  outstanding: number;
  nplOutstanding: number;
  nplRatio: number | null;
  borrowers: number;
  loans: number;
  firstTimeBorrowers?: number;
}

export interface OfficePanels {
  summary: { kind: 'daily' | 'month_end' | null; indicators: Indicators | null };
  trend: { points: TrendPoint[] };
  funnel: { year: number; rows: (FunnelTotals & { district: string | null })[]; total: FunnelTotals };
  sla: { items: { bank: string; bankName: string; lineDays: number; unresolved: number }[] };
  alerts: { byRule: { rule: AlertRule; severity: AlertSeverity; n: number }[]; inbox: AlertCounts };
  subsidies: { year: number; items: { measure: string; allocated: number | null; determined: number; paid: number }[] };
  pools: { items: { id: string; pool: string; name: string; balance: number; netLoss: number; enrolledPrincipal: number; lossRate: number | null; nplTolerance: number }[] };
}
export type OfficePanel = keyof OfficePanels;

export interface BankDashboard {
  bank: { code: string; name: string };
  asOf: string | null;
  portfolio: SliceRow<'bank'> | null;
  trend: TrendPoint[];
  slaWarnings: { lineDays: number; unresolved: number }[];
  alerts: { rule: AlertRule; severity: AlertSeverity; n: number }[];
  assessment: { year: number; total: number; indicators: BankAssessmentRow['indicators']; computedAt: string } | null;
}

export interface EnterpriseDashboard {
  enterprise: { id: string; name: string; uscc: string };
  applications: { id: string; applicationNo: string; status: ApplicationStatus; product: string | null; requestedAmount: number | null; submittedOn: string | null }[];
  consents: { id: string; institution: string; clusters: string[]; expiresOn: string; active: boolean }[];
  claims: { id: string; number: string; measure: string; status: SubsidyClaimStatus; amount: number | null; eventDate: string | null }[];
  evaluations: { kind: string; year: number; score: string | null; eligible: boolean | null; result: unknown }[];
  nextProducts: { code: string; name: string; type: ProductType; owner: string; policyProduct: boolean }[];
}

/** A slice of the portfolio to drill into; '' means "none recorded" for product and street. */
export interface LoanSlice {
  bank?: string;
  product?: string;
  district?: string;
  street?: string;
  sector?: string;
  /** A lifecycle stage; '' for enterprises without a lifecycle evaluation. */
  stage?: string;
  class?: LoanClass | 'npl';
  collateral?: 'credit' | 'ip_pledge' | 'guarantee' | 'performance_insurance' | 'other';
  firstTime?: true;
  linked?: true;
}

export interface DrilldownLoan {
  id: string;
  loanNo: string;
  enterpriseId: string;
  enterprise: string;
  bank: string;
  product: string | null;
  startDate: string;
  principal: number;
  outstanding: number;
  dpd: number;
  finalClass: LoanClass;
}

export type FunnelStage = 'applications' | 'recommended' | 'deferred' | 'approved';

export interface DrilldownApplication {
  id: string;
  applicationNo: string;
  enterprise: { id: string; name: string };
  district: string;
  product: string | null;
  status: ApplicationStatus;
  submittedOn: string;
  requestedAmount: number | null;
  recommendedTo: { code: string; name: string | null } | null;
  recommendedAmount: number | null;
  approvedAmount: number | null;
}

export const ALERT_RULES = [
  'loan_dpd', 'class_downgrade', 'tax_revenue_drop', 'certification_expiring', 'repeated_declines',
  'bank_npl_ratio', 'product_npl_ratio', 'pool_loss_rate', 'sla_backlog',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];
export type AlertStatus = 'open' | 'acknowledged' | 'resolved';
export type AlertSeverity = 'warning' | 'critical';
export type AlertLevel = 'enterprise' | 'portfolio';

export interface Alert {
  id: string;
  rule: AlertRule;
  ruleName: string;
  level: AlertLevel;
  severity: AlertSeverity;
  subject: { type: string; id: string; name: string | null };
  enterpriseId: string | null;
  owner: { id: string | null; name: string | null };
  status: AlertStatus;
  title: string;
  measured: string | null;
  threshold: string | null;
  detail: Record<string, unknown> | null;
  firstSeenOn: string;
  lastSeenOn: string;
  raisedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  resolutionNote: string | null;
  read: boolean;
}

export interface AlertDetail extends Alert {
  history: { at: string; action: string; from: string | null; to: string; by: string | null; note: string | null }[];
}

export interface AlertCounts {
  unresolved: number;
  critical: number;
  unread: number;
}

export interface AlertQuery {
  page?: number;
  pageSize?: number;
  status?: AlertStatus | 'unresolved';
  rule?: AlertRule;
  level?: AlertLevel;
  unread?: boolean;
}

export interface AlertRunResult {
  asOf: string;
  raised: number;
  rules: { rule: AlertRule; threshold: number | null; hits: number; raised: number; seenAgain: number }[];
}

/** Keeps empty strings (the drill-down's "none recorded"), which the client's query builder drops. */
function sliceQuery(asOf: string, slice: LoanSlice, page: number, pageSize: number): string {
  const params = new URLSearchParams({ asOf, page: String(page), pageSize: String(pageSize) });
  for (const [key, value] of Object.entries(slice)) if (value !== undefined) params.set(key, String(value));
  return `?${params.toString()}`;
}

export const monitoringApi = {
  indicators: (asOf: string, signal?: AbortSignal) => http.get<Indicators>('/monitoring/indicators', { asOf }, signal),
  indicatorsXlsxUrl: (asOf: string) => apiUrl('/monitoring/indicators', { asOf, format: 'xlsx' }),
  panel: <P extends OfficePanel>(panel: P, signal?: AbortSignal) => http.get<OfficePanels[P]>(`/monitoring/dashboard/office/${panel}`, undefined, signal),
  takeSnapshot: (asOf: string) => http.post<{ asOf: string; outcome: string; version: number; changes: number }>('/monitoring/snapshots', { asOf }),
  bank: (bank: string | undefined, signal?: AbortSignal) => http.get<BankDashboard>('/monitoring/dashboard/bank', { bank }, signal),
  enterprise: (enterpriseId: string | undefined, signal?: AbortSignal) => http.get<EnterpriseDashboard>('/monitoring/dashboard/enterprise', { enterpriseId }, signal),
  drilldownLoans: (asOf: string, slice: LoanSlice, page: number, pageSize: number, signal?: AbortSignal) =>
    request<Page<DrilldownLoan> & { asOf: string }>('GET', `/monitoring/drilldown/loans${sliceQuery(asOf, slice, page, pageSize)}`, { signal }),
  drilldownApplications: (q: { year: number; stage: FunnelStage; district?: string; bank?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
    http.get<Page<DrilldownApplication> & { year: number; stage: FunnelStage }>('/monitoring/drilldown/applications', { ...q }, signal),
  alerts: (q: AlertQuery, signal?: AbortSignal) => http.get<Page<Alert>>('/monitoring/alerts', { ...q, unread: q.unread ? 'true' : undefined }, signal),
  alert: (id: string, signal?: AbortSignal) => http.get<AlertDetail>(`/monitoring/alerts/${encodeURIComponent(id)}`, undefined, signal),
  alertCounts: (signal?: AbortSignal) => http.get<AlertCounts>('/monitoring/alerts/counts', undefined, signal),
  markRead: (id: string) => http.post<{ id: string; read: true }>(`/monitoring/alerts/${encodeURIComponent(id)}/read`),
  acknowledge: (id: string, note?: string) => http.post<AlertDetail>(`/monitoring/alerts/${encodeURIComponent(id)}/acknowledge`, note ? { note } : {}),
  resolve: (id: string, note: string) => http.post<AlertDetail>(`/monitoring/alerts/${encodeURIComponent(id)}/resolve`, { note }),
  runRules: (asOf?: string) => http.post<AlertRunResult>('/monitoring/alerts/run', asOf ? { asOf } : {}),
};

