import type { ColumnType, Generated, JSONColumnType } from 'kysely';

// Kysely types for migration 0009 (the loan ledger, issue #5). Money is integer fen.
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** 五级分类: 正常, 关注, 次级, 可疑, 损失 (GLOSSARY). Non-performing = substandard + doubtful + loss. */
export type LoanClass = 'normal' | 'special_mention' | 'substandard' | 'doubtful' | 'loss';

export interface LoanScheduleTable {
  loan_id: string;
  seq: number;
  due_on: string;
  principal: number;
  interest: number;
  /** Running total due (principal + interest) through this instalment (migration 0023). */
  due_cum: number;
}

export interface LoanRepaymentTable {
  id: Generated<string>;
  loan_id: string;
  external_id: string;
  paid_on: string;
  principal: number;
  interest: number;
  recorded_by: string | null;
  created_at: CreatedAt;
}

export interface LoanReportTable {
  id: Generated<string>;
  loan_id: string;
  as_of: string;
  outstanding: number;
  dpd: number;
  reported_class: LoanClass | null;
  source: 'import' | 'api' | 'disbursement';
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface LoanStatusTable {
  loan_id: string;
  as_of: string;
  dpd: number;
  outstanding: number;
  computed_class: LoanClass;
  reported_class: LoanClass | null;
  final_class: LoanClass;
  floors_id: string;
  /** The loan's bank (never changes), so drill-downs page a bank's loans by index (migration 0027). */
  bank_org_id: string;
  updated_at: Timestamp;
}

/** One row: the date loan_status is the whole standing on, if any (migration 0027, standing-source.ts). */
export interface LoanStandingStateTable {
  id: Generated<boolean>;
  classified_on: string | null;
  floors_id: string | null;
  updated_at: Timestamp;
}

export interface LoanClassHistoryTable {
  loan_id: string;
  effective_on: string;
  dpd: number;
  outstanding: number;
  computed_class: LoanClass;
  reported_class: LoanClass | null;
  final_class: LoanClass;
}

export interface ClassificationFloor {
  minDpd: number;
  class: LoanClass;
}

export interface ClassificationFloorsTable {
  id: Generated<string>;
  effective_from: string;
  floors: JSONColumnType<ClassificationFloor[]>;
  source: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface LoanTables {
  loan_schedule: LoanScheduleTable;
  loan_repayments: LoanRepaymentTable;
  loan_reports: LoanReportTable;
  loan_status: LoanStatusTable;
  loan_class_history: LoanClassHistoryTable;
  classification_floors: ClassificationFloorsTable;
  loan_standing_state: LoanStandingStateTable;
  loan_standing_pending: { loan_id: string };
}
