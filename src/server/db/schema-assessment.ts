import type { ColumnType, Generated } from 'kysely';

// Kysely types for migration 0012 (issue #5: the events register read by the cooperating-bank assessment).
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface EventTable {
  id: Generated<string>;
  held_on: string;
  title: string;
  bank_org_id: string | null;
  station_code: string | null;
  attendees: number;
  created_by: string | null;
  demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AssessmentTables {
  events: EventTable;
}
