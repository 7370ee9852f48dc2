import type { ColumnType, Generated, JSONColumnType } from 'kysely';

// Kysely types for migration 0003 (financing). Money columns are integer fen; numeric rates are exact strings.
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Rate = ColumnType<string, string | number, string | number>;

export type ProductType =
  | 'credit_loan' | 'ip_pledge_loan' | 'guaranteed_loan' | 'performance_insurance_loan' | 'micro_loan'
  | 'investment_linked_loan' | 'equity_investment' | 'guarantee' | 'insurance' | 'bond_underwriting';
export type CollateralMode = 'credit' | 'ip_pledge' | 'guarantee' | 'performance_insurance' | 'other';
export type ApplicationStatus =
  | 'draft' | 'submitted' | 'screening' | 'review' | 'recommended' | 'deferred' | 'rejected'
  | 'accepted' | 'approved' | 'declined' | 'disbursed' | 'reassigned' | 'withdrawn';

export interface ProductTable {
  id: Generated<string>;
  code: string;
  name: string;
  type: ProductType;
  owner_org_id: string;
  is_programme: Generated<boolean>;
  status: Generated<'draft' | 'active' | 'withdrawn'>;
  current_version: Generated<number>;
  filing_status: Generated<'not_filed' | 'filed' | 'approved' | 'rejected'>;
  policy_product: Generated<boolean>;
  demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ProductPartnerTable {
  product_id: string;
  org_id: string;
}

export interface ProductVersionTable {
  id: Generated<string>;
  product_id: string;
  version: number;
  amount_min: number | null;
  amount_max: number | null;
  term_min_months: number | null;
  term_max_months: number | null;
  rate_min: Rate | null;
  rate_max: Rate | null;
  collateral_mode: CollateralMode | null;
  description: string | null;
  criteria: JSONColumnType<Record<string, unknown>>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface ProductFilingTable {
  id: Generated<string>;
  product_id: string;
  product_version: number;
  status: 'submitted' | 'reviewed' | 'approved' | 'rejected' | 'withdrawn';
  submitted_by: string;
  submitted_at: CreatedAt;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
  propose_policy_product: Generated<boolean>;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
}

export interface ApplicationTable {
  id: Generated<string>;
  application_no: string;
  enterprise_id: string;
  product_id: string | null;
  product_version: number | null;
  requested_amount: number | null;
  requested_term_months: number | null;
  purpose: string | null;
  status: ApplicationStatus;
  bank_org_id: string | null;
  /** The service station the application is attributed to (0017, issue #7). */
  station_id: ColumnType<string | null, string | null | undefined, string | null>;
  recommended_product_id: string | null;
  recommended_product_version: number | null;
  recommended_amount: number | null;
  recommended_on: string | null;
  approved_amount: number | null;
  approved_rate: Rate | null;
  approved_term_months: number | null;
  decided_on: string | null;
  disbursed_on: string | null;
  submitted_on: string | null;
  deferral_reason: string | null;
  imported: Generated<boolean>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ApplicationEventTable {
  id: Generated<number>;
  application_id: string;
  at: Timestamp;
  actor_user_id: string | null;
  action: string;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  data: JSONColumnType<Record<string, unknown>>;
  imported: Generated<boolean>;
}

export interface ApplicationAssignmentTable {
  application_id: string;
  seq: number;
  bank_org_id: string;
  product_id: string | null;
  product_version: number | null;
  amount: number | null;
  recommended_on: string;
  ended_on: string | null;
  end_reason: string | null;
}

export interface ApplicationDocumentTable {
  id: Generated<string>;
  application_id: string;
  filename: string;
  content_type: string;
  size: number;
  content: Buffer;
  uploaded_by: string | null;
  uploaded_at: CreatedAt;
}

export interface ReviewMeetingTable {
  id: Generated<string>;
  held_on: string;
  title: string;
  notes: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface ApplicationReviewTable {
  id: Generated<string>;
  application_id: string;
  meeting_id: string | null;
  reviewer_user_id: string;
  score: number;
  opinion: string | null;
  decision: 'recommend' | 'defer' | 'reject' | null;
  created_at: CreatedAt;
}

export interface ApplicationSlaWarningTable {
  application_id: string;
  assignment_seq: number;
  line_days: number;
  bank_org_id: string;
  recommended_on: string;
  due_on: string;
  marked_at: CreatedAt;
  resolved_at: Date | null;
}

export interface LoanTable {
  id: Generated<string>;
  loan_no: string;
  bank_org_id: string;
  enterprise_id: string;
  application_id: string | null;
  product_id: string | null;
  collateral_mode: CollateralMode;
  guarantor_org_id: string | null;
  insurer_org_id: string | null;
  guarantee_fee_rate: Rate | null;
  principal: number;
  annual_rate: Rate;
  term_months: number;
  start_date: string;
  maturity_date: string;
  repayment_method: 'equal_instalment' | 'equal_principal' | 'interest_only';
  first_time_borrower: Generated<boolean>;
  linkage_mode: 'loan_direct_equity' | 'loan_warrant' | 'loan_external_equity_warrant' | 'other' | null;
  source: Generated<'application' | 'api' | 'import'>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** Applications per status, kept by triggers (migration 0018): the officers' queue size without counting rows. */
export interface ApplicationStatusCountTable {
  status: ApplicationStatus;
  n: ColumnType<string, string | number, string | number>;
}

export interface ConsentTable {
  id: Generated<string>;
  enterprise_id: string;
  institution_org_id: string;
  clusters: JSONColumnType<string[]>;
  purpose: string;
  application_id: string | null;
  lookback_months: number;
  expires_on: string;
  granted_by: string | null;
  granted_at: CreatedAt;
  revoked_at: Date | null;
  revoked_by: string | null;
}

export interface ConsentReadTable {
  id: Generated<number>;
  consent_id: string;
  enterprise_id: string;
  institution_org_id: string;
  user_id: string | null;
  token_id: string | null;
  cluster: string;
  at: CreatedAt;
  request_id: string | null;
}

export interface EnterpriseTaxFilingTable {
  enterprise_id: string;
  period: string;
  tax_type: string;
  taxable_revenue: number | null;
  tax_paid: number;
  filed_on: string | null;
  source: Generated<string>;
}

export interface EnterpriseSocialInsuranceTable {
  enterprise_id: string;
  month: string;
  headcount: number;
  source: Generated<string>;
}

export interface FinancingTables {
  products: ProductTable;
  product_partners: ProductPartnerTable;
  product_versions: ProductVersionTable;
  product_filings: ProductFilingTable;
  applications: ApplicationTable;
  application_events: ApplicationEventTable;
  application_assignments: ApplicationAssignmentTable;
  application_documents: ApplicationDocumentTable;
  review_meetings: ReviewMeetingTable;
  application_reviews: ApplicationReviewTable;
  application_sla_warnings: ApplicationSlaWarningTable;
  loans: LoanTable;
  application_status_counts: ApplicationStatusCountTable;
  consents: ConsentTable;
  consent_reads: ConsentReadTable;
  enterprise_tax_filings: EnterpriseTaxFilingTable;
  enterprise_social_insurance: EnterpriseSocialInsuranceTable;
}
