import type { ColumnType, Generated, JSONColumnType } from 'kysely';

// Kysely types for migrations 0013–0014 (enterprise evaluations, issue #6). Money is integer fen.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** numeric comes back as a string from both drivers. */
type Numeric = ColumnType<string | null, number | null, number | null>;

export type EvaluationKindColumn = 'tech_sme' | 'hnte' | 'innovation_points' | 'lifecycle' | 'listing_readiness';

export interface EnterpriseEvaluationFactsTable {
  enterprise_id: string;
  year: number;
  tech_staff: number | null;
  rd_expense_domestic: number | null;
  operating_cash_flow: number | null;
  weighted_roe_bp: number | null;
  share_capital: number | null;
  resident_enterprise: boolean | null;
  prohibited_industry: boolean | null;
  serious_violation: boolean | null;
  national_award_top3: boolean | null;
  provincial_rd_institution: boolean | null;
  led_standard: boolean | null;
  other_class_i_ip: number | null;
  hnte_ip_score: number | null;
  hnte_conversion_score: number | null;
  hnte_rd_management_score: number | null;
  main_business_invention_patents: number | null;
  star5_qualitative: boolean | null;
  market_value_estimate: number | null;
  market_value_estimated_on: string | null;
  neeq_listed_on: string | null;
  updated_at: Timestamp;
}

export interface EnterpriseEvaluationTable {
  /** Stable per (enterprise, year, kind): an upsert keeps it (the listing pool records it as its source). */
  id: Generated<string>;
  enterprise_id: string;
  year: number;
  kind: EvaluationKindColumn;
  model_version: string;
  score: Numeric;
  eligible: boolean | null;
  result: JSONColumnType<Record<string, unknown>>;
  evaluated_at: Timestamp;
  input_hash: string;
}

export interface EvaluationModelTable {
  id: Generated<string>;
  kind: 'innovation_points' | 'lifecycle';
  version: string;
  definition: JSONColumnType<Record<string, unknown>>;
  reason: string;
  status: Generated<'proposed' | 'approved' | 'rejected'>;
  proposed_by: string;
  proposed_at: CreatedAt;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
}

export interface EvaluationRunTable {
  id: Generated<string>;
  year: number;
  trigger: 'nightly' | 'cli' | 'api';
  started_at: CreatedAt;
  finished_at: Date | null;
  enterprises: Generated<number>;
  changed: Generated<number>;
  unchanged: Generated<number>;
  compute_ms: Generated<number>;
  model_versions: JSONColumnType<Record<string, string>>;
}

export interface EvaluationTables {
  enterprise_evaluation_facts: EnterpriseEvaluationFactsTable;
  enterprise_evaluations: EnterpriseEvaluationTable;
  enterprise_evaluation_versions: Omit<EnterpriseEvaluationTable, 'id'>;
  evaluation_models: EvaluationModelTable;
  evaluation_runs: EvaluationRunTable;
}
