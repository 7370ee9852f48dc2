// Shapes of the /api/v1 contract as the web app consumes them. Money is in yuan (numbers) at this edge.
// The vocabulary is shared with the server (src/shared), so a new sector or round type shows up here too.
import {
  IP_KINDS,
  IP_STATUSES,
  KNOWN_CERTIFICATIONS,
  LISTING_STATUSES,
  ROUNDS,
  SECTORS,
  SHANGHAI_DISTRICTS,
  type ListingStatus,
  type Sector,
} from '../../shared/enterprise';

export const ROLES = ['admin', 'officer', 'reviewer', 'institution_user', 'enterprise_user', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANIZATION_KINDS = ['office', 'bank', 'guarantor', 'insurer', 'fund', 'enterprise'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export interface OrganizationRef {
  id: string;
  name: string;
  kind: OrganizationKind;
}

export interface Organization extends OrganizationRef {
  code: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  organization: OrganizationRef;
  enterpriseId: string | null;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface Meta {
  name: string;
  version: string;
  demo: boolean;
}

export { IP_KINDS, IP_STATUSES, LISTING_STATUSES, ROUNDS, SECTORS, SHANGHAI_DISTRICTS };
export type { ListingStatus, Sector };

/** The well-known certification types; the server also accepts any other text. */
export const CERTIFICATION_TYPES = KNOWN_CERTIFICATIONS;

export type IpKind = (typeof IP_KINDS)[number];
export type IpStatus = (typeof IP_STATUSES)[number];
export type RoundType = (typeof ROUNDS)[number];

export interface EnterpriseSummary {
  id: string;
  uscc: string;
  name: string;
  district: string;
  street: string | null;
  foundedOn: string | null;
  sector: Sector;
  industryCode: string | null;
  listingStatus: ListingStatus;
  /** Types of the certifications currently valid. */
  certifications: string[];
  demo: boolean;
  /** Present when the search filtered on a stored evaluation (issue #6). */
  evaluation?: { kind: string; year: number; score: number | null; eligible: boolean | null };
}

export interface CertificationRecord {
  id: string;
  type: string;
  certificateNo: string | null;
  issuedOn: string;
  expiresOn: string | null;
}

export interface FinancialYear {
  year: number;
  revenue: number | null;
  mainBusinessRevenue: number | null;
  highTechProductRevenue: number | null;
  rdExpense: number | null;
  totalCost: number | null;
  netProfit: number | null;
  totalAssets: number | null;
  totalLiabilities: number | null;
  employees: number | null;
  rdStaff: number | null;
}

export const FINANCIAL_FIELDS = [
  'revenue',
  'mainBusinessRevenue',
  'highTechProductRevenue',
  'rdExpense',
  'totalCost',
  'netProfit',
  'totalAssets',
  'totalLiabilities',
  'employees',
  'rdStaff',
] as const;
export type FinancialField = (typeof FINANCIAL_FIELDS)[number];

export interface IpAsset {
  id: string;
  kind: IpKind;
  number: string;
  title: string | null;
  appliedOn: string | null;
  grantedOn: string | null;
  status: IpStatus;
  pledged: boolean;
}

export interface FinancingRound {
  id: string;
  round: RoundType | string;
  date: string;
  amount: number;
  investors: string | null;
}

/**
 * Institution users get only the summary fields until the enterprise consents,
 * so everything beyond the summary is optional here.
 */
export interface EnterpriseDetail extends EnterpriseSummary {
  certificationRecords?: CertificationRecord[];
  financials?: FinancialYear[];
  ipAssets?: IpAsset[];
  rounds?: FinancingRound[];
  createdAt?: string;
  updatedAt?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface EnterpriseQuery {
  q?: string;
  uscc?: string;
  sector?: string;
  district?: string;
  certification?: string;
  foundedFrom?: string;
  foundedTo?: string;
  /** Stored evaluations (issue #6): kind, minimum score, result, lifecycle stage. */
  evaluation?: string;
  minScore?: string;
  eligible?: string;
  stage?: string;
  sort?: string;
  page?: number;
  pageSize?: number;
}

export interface EnterpriseInput {
  uscc: string;
  name: string;
  district: string;
  street?: string | null;
  foundedOn?: string | null;
  sector: Sector;
  industryCode?: string | null;
  listingStatus?: ListingStatus;
}

export type EnterprisePatch = Partial<Omit<EnterpriseInput, 'uscc'>>;

export interface ImportError {
  line: number;
  column: string;
  message: string;
}

export interface ImportResult {
  ok: boolean;
  imported: number;
  errors: ImportError[];
}

export interface AuditEntry {
  id: string;
  seq: number;
  at: string;
  actor: { userId: string; username: string } | null;
  organizationId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  diff: { before: Record<string, unknown> | null; after: Record<string, unknown> | null };
  requestId: string | null;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBroken: null | { seq: number; reason: string };
}

export interface ApiToken {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdBy: { username: string } | null;
}

export interface ManagedUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  organization: OrganizationRef;
  disabled: boolean;
  lockedUntil: string | null;
}

export interface UserInput {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  organizationId: string;
}
