import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { AssessmentTables } from './schema-assessment';
import type { FinancingTables } from './schema-financing';
import type { LoanTables } from './schema-loan';
import type { ListingTables } from './schema-listing';
import type { RiskPoolTables } from './schema-risk-pool';
import type { EvaluationTables } from './schema-evaluation';
import type { MonitoringTables } from './schema-monitoring';

// Table types for Kysely. Money columns are integer fen (bigint, parsed to number); dates are 'YYYY-MM-DD'.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export interface MetaTable {
  key: string;
  value: Json<unknown>;
}

export interface OrganizationTable {
  id: Generated<string>;
  code: string;
  name: string;
  kind: 'office' | 'bank' | 'guarantor' | 'insurer' | 'fund' | 'enterprise';
  enterprise_id: string | null;
  /** 统一社会信用代码 of an institution (migration 0010), for claims naming it as beneficiary. */
  uscc: string | null;
  demo: Generated<boolean>;
  created_at: CreatedAt;
}

export interface UserTable {
  id: Generated<string>;
  organization_id: string;
  username: string;
  display_name: string;
  role: 'admin' | 'officer' | 'reviewer' | 'institution_user' | 'enterprise_user' | 'auditor';
  password_hash: string;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  disabled: Generated<boolean>;
  demo: Generated<boolean>;
  created_at: CreatedAt;
}

export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface ApiTokenTable {
  id: Generated<string>;
  organization_id: string;
  created_by: string;
  name: string;
  token_hash: string;
  scopes: JSONColumnType<string[]>;
  created_at: CreatedAt;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export interface AuditLogTable {
  seq: number;
  at: Date;
  actor_user_id: string | null;
  actor_username: string | null;
  actor_token_id: string | null;
  organization_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  diff: JSONColumnType<{ before: unknown; after: unknown }>;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface EnterpriseTable {
  id: Generated<string>;
  uscc: string;
  name: string;
  district: string;
  street: string | null;
  founded_on: string | null;
  sector: string;
  industry_code: string | null;
  listing_status: Generated<string>;
  demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface EnterpriseCertificationTable {
  id: Generated<string>;
  enterprise_id: string;
  type: string;
  certificate_no: string | null;
  issued_on: string;
  expires_on: string | null;
}

export interface EnterpriseFinancialsTable {
  enterprise_id: string;
  year: number;
  revenue: number | null;
  main_business_revenue: number | null;
  high_tech_product_revenue: number | null;
  rd_expense: number | null;
  total_cost: number | null;
  net_profit: number | null;
  total_assets: number | null;
  total_liabilities: number | null;
  employees: number | null;
  rd_staff: number | null;
}

export interface EnterpriseIpAssetTable {
  id: Generated<string>;
  enterprise_id: string;
  kind: string;
  number: string;
  title: string | null;
  applied_on: string | null;
  granted_on: string | null;
  status: string;
  pledged: boolean;
}

export interface EnterpriseRoundTable {
  id: Generated<string>;
  enterprise_id: string;
  round: string;
  date: string;
  amount: number;
  investors: string | null;
  /** Migration 0013: post-money valuation in fen, the market value listing readiness reads. */
  post_money: Generated<number | null>;
}

// Issue #3: policy parameters (maker-checker) and subsidy fulfilment. Money in fen, dates 'YYYY-MM-DD'.
export interface PolicyParameterChangeTable {
  id: Generated<string>;
  key: string;
  value: string;
  effective_from: string;
  reference: string;
  reason: string;
  status: Generated<'proposed' | 'approved' | 'rejected'>;
  proposed_by: string;
  proposed_at: CreatedAt;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  approved_seq: number | null;
}

export interface PolicyParameterStateTable {
  id: number;
  token: string;
  approved_count: number;
}

export interface SubsidyBeneficiaryTable {
  uscc: string;
  created_at: CreatedAt;
}

export type SubsidyClaimStatus = 'draft' | 'submitted' | 'under_review' | 'determined' | 'rejected' | 'in_public_notice' | 'approved_for_payment' | 'paid' | 'withdrawn';

export interface SubsidyClaimTable {
  id: Generated<string>;
  number: string;
  measure: string;
  origin: 'application' | 'proactive';
  status: SubsidyClaimStatus;
  beneficiary_uscc: string;
  beneficiary_name: string;
  beneficiary_kind: string;
  registered_in_yangpu: boolean;
  registered_in_shanghai: boolean;
  enterprise_id: string | null;
  organization_id: string | null;
  event_date: string;
  matter: string | null;
  facts: JSONColumnType<Record<string, number | string | boolean>>;
  entitlement_key: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  submitted_at: Date | null;
  engine_status: string | null;
  engine_amount: number | null;
  engine_result: ColumnType<unknown, string | null, string | null>;
  ruleset_version: string | null;
  input_hash: string | null;
  amount: number | null;
  adjustment_reason: string | null;
  determined_by: string | null;
  determined_at: Date | null;
  needs_second_approval: Generated<boolean>;
  second_approved_by: string | null;
  second_approved_at: Date | null;
  notice_start: string | null;
  notice_end: string | null;
  payment_reference: string | null;
  payment_key: string | null;
  paid_at: Date | null;
  paid_by: string | null;
  closing_reason: string | null;
}

export interface SubsidyClaimTransitionTable {
  id: Generated<number>;
  claim_id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_user_id: string | null;
  actor_name: string;
  reason: string | null;
  at: CreatedAt;
}

export interface SubsidyClaimFileTable {
  id: Generated<string>;
  claim_id: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  uploaded_at: CreatedAt;
}

export interface SubsidyObjectionTable {
  id: Generated<string>;
  claim_id: string;
  raised_by_name: string;
  content: string;
  recorded_by: string;
  recorded_at: CreatedAt;
  upheld: boolean | null;
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
}

export interface SubsidyBudgetTable {
  measure: string;
  year: number;
  allocated: number;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface SubsidySettingsTable {
  id: number;
  second_approval_threshold: number;
  notice_working_days: number;
  holidays: JSONColumnType<string[]>;
  updated_at: Timestamp;
}

/**
 * A 免申即享 entitlement (one candidate claim a scan found). Its key is source|measure|uscc|matter|eventDate
 * (entitlementKeySql); its beneficiary is the year's subsidy_scan_beneficiaries row (migration 0024).
 */
export interface SubsidyEntitlementTable {
  /** Time-ordered: the scan that first found it, then a counter (migration 0024; md5 of the key before). Never changes. */
  id: string;
  year: number;
  source: string;
  measure: string;
  beneficiary_uscc: string;
  event_date: string;
  matter: string | null;
  /** json (not jsonb): the text the scan wrote. */
  facts: JSONColumnType<Record<string, number | string | boolean>>;
  basis_note: string | null;
  status: string;
  amount: number;
  basis: string | null;
  ruleset_version: string;
  scanned_at: Date | string;
  claim_id: string | null;
  /** md5 of what a rescan compares (status, amount, basis, facts, note, ruleset version, beneficiary). */
  digest: string | null;
}

/** The beneficiary of a year's entitlements, as the scan found it (the first candidate naming the USCC). */
export interface SubsidyScanBeneficiaryTable {
  year: number;
  uscc: string;
  name: string;
  kind: string;
  registered_in_yangpu: boolean;
  registered_in_shanghai: boolean;
  enterprise_id: string | null;
  organization_id: string | null;
}

export interface DB extends FinancingTables, LoanTables, ListingTables, AssessmentTables, RiskPoolTables, EvaluationTables, MonitoringTables {
  meta: MetaTable;
  organizations: OrganizationTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  enterprises: EnterpriseTable;
  enterprise_certifications: EnterpriseCertificationTable;
  enterprise_financials: EnterpriseFinancialsTable;
  enterprise_ip_assets: EnterpriseIpAssetTable;
  enterprise_rounds: EnterpriseRoundTable;
  policy_parameter_changes: PolicyParameterChangeTable;
  policy_parameter_state: PolicyParameterStateTable;
  subsidy_beneficiaries: SubsidyBeneficiaryTable;
  subsidy_claims: SubsidyClaimTable;
  subsidy_claim_transitions: SubsidyClaimTransitionTable;
  subsidy_claim_files: SubsidyClaimFileTable;
  subsidy_objections: SubsidyObjectionTable;
  subsidy_budgets: SubsidyBudgetTable;
  subsidy_settings: SubsidySettingsTable;
  subsidy_entitlements: SubsidyEntitlementTable;
  subsidy_scan_beneficiaries: SubsidyScanBeneficiaryTable;
}
