import type { Role } from '../api/types';

// 监测预警 (issue #8) capabilities, after the route table in docs/monitoring.md. The server decides for real.
export type MonitoringCapability =
  /** The office overview: indicators as of a date, trend, breakdowns, funnel, SLA, alerts, subsidies, pools. */
  | 'monitoring.overview'
  /** Store a month-end snapshot now. */
  | 'monitoring.snapshot'
  /** The alert inbox (office staff all alerts, an institution its own). */
  | 'monitoring.alerts'
  /** Acknowledge and resolve alerts (auditors only read). */
  | 'monitoring.handleAlerts'
  /** Run the early-warning rules now. */
  | 'monitoring.runRules'
  /** An institution's own dashboard (its menu entry). */
  | 'monitoring.bank'
  /** An enterprise's own dashboard (its menu entry). */
  | 'monitoring.enterprise'
  /** Open a bank's dashboard: the bank its own, office staff any (?bank=CODE, from the overview). */
  | 'monitoring.bankView'
  /** Open an enterprise's dashboard: the enterprise its own, office staff any (?enterpriseId=). */
  | 'monitoring.enterpriseView';

const STAFF: readonly MonitoringCapability[] = ['monitoring.overview', 'monitoring.alerts', 'monitoring.bankView', 'monitoring.enterpriseView'];

export const monitoringCapabilities: Record<Role, readonly MonitoringCapability[]> = {
  admin: [...STAFF, 'monitoring.snapshot', 'monitoring.handleAlerts', 'monitoring.runRules'],
  officer: [...STAFF, 'monitoring.snapshot', 'monitoring.handleAlerts', 'monitoring.runRules'],
  auditor: STAFF,
  institution_user: ['monitoring.bank', 'monitoring.bankView', 'monitoring.alerts', 'monitoring.handleAlerts'],
  enterprise_user: ['monitoring.enterprise', 'monitoring.enterpriseView'],
  reviewer: [],
};
