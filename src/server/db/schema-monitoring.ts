import type { ColumnType, Generated, JSONColumnType } from 'kysely';

// Kysely types for migration 0019 (monitoring, early warning, report packs; issue #8).
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Numeric = ColumnType<string, string | number, string | number>;

export type AlertStatus = 'open' | 'acknowledged' | 'resolved';
export type AlertSubjectType = 'loan' | 'enterprise' | 'certification' | 'bank' | 'product' | 'pool';

export interface IndicatorSnapshotTable {
  id: Generated<string>;
  as_of: string;
  kind: 'month_end' | 'daily';
  version: number;
  data: JSONColumnType<Record<string, unknown>>;
  changes: JSONColumnType<unknown[] | null, string | null, string | null>;
  computed_at: CreatedAt;
  computed_by: string;
}

export interface AlertThresholdTable {
  id: Generated<string>;
  rule: string;
  effective_from: string;
  value: Numeric;
  reference: string;
  set_by: string | null;
  set_at: CreatedAt;
}

export interface AlertTable {
  id: Generated<string>;
  rule: string;
  level: 'enterprise' | 'portfolio';
  severity: 'warning' | 'critical';
  subject_type: AlertSubjectType;
  subject_id: string;
  subject_name: string;
  enterprise_id: string | null;
  owner_org_id: string;
  status: Generated<AlertStatus>;
  title: string;
  measured: string;
  threshold: string;
  detail: JSONColumnType<Record<string, unknown>>;
  first_seen_on: string;
  last_seen_on: string;
  raised_at: CreatedAt;
  acknowledged_by: string | null;
  acknowledged_at: Timestamp;
  resolved_by: string | null;
  resolved_at: Timestamp;
  resolution_note: string | null;
}

export interface AlertEventTable {
  id: Generated<number>;
  alert_id: string;
  at: CreatedAt;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_user_id: string | null;
  actor_name: string;
  note: string | null;
}

export interface AlertReadTable {
  alert_id: string;
  user_id: string;
  read_at: CreatedAt;
}

export interface ReportPackTable {
  id: Generated<string>;
  kind: 'monthly' | 'annual';
  period: string;
  basis: 'reported' | 'latest';
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  requested_by: string | null;
  requested_by_name: string;
  requested_at: CreatedAt;
  started_at: Timestamp;
  generated_at: Timestamp;
  error: string | null;
  commentary: JSONColumnType<unknown[] | null, string | null, string | null>;
  xlsx: Buffer | null;
  pdf: Buffer | null;
  xlsx_sha256: string | null;
  pdf_sha256: string | null;
  attempt: Generated<number>;
  generated_by: string | null;
  sources: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
}

export interface MonitoringTables {
  indicator_snapshots: IndicatorSnapshotTable;
  alert_thresholds: AlertThresholdTable;
  alerts: AlertTable;
  alert_events: AlertEventTable;
  alert_reads: AlertReadTable;
  report_packs: ReportPackTable;
}
