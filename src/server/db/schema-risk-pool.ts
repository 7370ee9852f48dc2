import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { CollateralMode } from './schema-financing';

// Kysely types for migration 0011 (the risk compensation pool, issue #5). Money is integer fen; shares are exact
// decimal strings (numeric).
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Rate = ColumnType<string, string, string>;

export type RiskPoolMode = 'loss_sharing' | 'upfront';
export type RiskPoolClaimStatus = 'filed' | 'reviewed' | 'awaiting_funds' | 'paid' | 'rejected' | 'withdrawn';
export type RiskPoolLedgerKind = 'contribution' | 'payout' | 'recovery';

export interface RiskPoolTable {
  id: Generated<string>;
  code: string;
  name: string;
  sponsor_org_id: string;
  mode: RiskPoolMode;
  share: Rate;
  collateral_modes: JSONColumnType<CollateralMode[]>;
  per_loan_cap: number | null;
  per_bank_year_cap: number | null;
  npl_tolerance: Rate;
  balance: Generated<number>;
  contributed: Generated<number>;
  paid_out: Generated<number>;
  recovered: Generated<number>;
  status: Generated<'active' | 'closed'>;
  basis: string;
  demo: Generated<boolean>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RiskPoolProductTable {
  pool_id: string;
  product_id: string;
}

export interface RiskPoolEnrolmentTable {
  id: Generated<string>;
  pool_id: string;
  loan_id: string;
  bank_org_id: string;
  enrolled_on: string;
  principal: number;
  enrolled_by: string | null;
  created_at: CreatedAt;
}

export interface RiskPoolClaimTable {
  id: Generated<string>;
  claim_no: string;
  pool_id: string;
  enrolment_id: string;
  loan_id: string;
  bank_org_id: string;
  status: RiskPoolClaimStatus;
  defaulted_on: string;
  principal_at_default: number;
  recoveries_before: Generated<number>;
  loss: number;
  assessed_loss: number | null;
  share: string | null;
  payable: number | null;
  cap_note: string | null;
  paid_amount: Generated<number>;
  recovered_share: Generated<number>;
  queue_seq: number | null;
  filed_by: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
  approved_by: string | null;
  approved_at: Date | null;
  approved_on: string | null;
  approval_key: string | null;
  closing_reason: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RiskPoolClaimEventTable {
  id: Generated<number>;
  claim_id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_user_id: string | null;
  actor_name: string;
  note: string | null;
  at: CreatedAt;
}

export interface RiskPoolRecoveryTable {
  id: Generated<string>;
  claim_id: string;
  reference: string;
  recovered_on: string;
  amount: number;
  pool_part: number;
  recorded_by: string | null;
  created_at: CreatedAt;
}

export interface RiskPoolLedgerTable {
  seq: Generated<number>;
  pool_id: string;
  kind: RiskPoolLedgerKind;
  amount: number;
  balance_after: number;
  entry_date: string;
  claim_id: string | null;
  reference: string | null;
  idempotency_key: string | null;
  recorded_by: string | null;
  created_at: CreatedAt;
}

export interface RiskPoolTables {
  risk_pools: RiskPoolTable;
  risk_pool_products: RiskPoolProductTable;
  risk_pool_enrolments: RiskPoolEnrolmentTable;
  risk_pool_claims: RiskPoolClaimTable;
  risk_pool_claim_events: RiskPoolClaimEventTable;
  risk_pool_recoveries: RiskPoolRecoveryTable;
  risk_pool_ledger: RiskPoolLedgerTable;
}
