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
  /** An institution's own dashboard. */
  | 'monitoring.bank'
  /** An enterprise's own dashboard. */
  | 'monitoring.enterprise';

export const monitoringCapabilities: Record<Role, readonly MonitoringCapability[]> = {
  admin: ['monitoring.overview', 'monitoring.snapshot', 'monitoring.alerts', 'monitoring.handleAlerts', 'monitoring.runRules'],
  officer: ['monitoring.overview', 'monitoring.snapshot', 'monitoring.alerts', 'monitoring.handleAlerts', 'monitoring.runRules'],
  auditor: ['monitoring.overview', 'monitoring.alerts'],
  institution_user: ['monitoring.bank', 'monitoring.alerts', 'monitoring.handleAlerts'],
  enterprise_user: ['monitoring.enterprise'],
  reviewer: [],
};
