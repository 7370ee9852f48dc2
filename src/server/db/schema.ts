import type { ColumnType, Generated, JSONColumnType } from 'kysely';

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
}

export interface DB {
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
}
