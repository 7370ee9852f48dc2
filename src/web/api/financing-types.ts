// Shapes of the issue #4 routes (docs/financing-products.md, docs/financing-applications.md, docs/consent.md).
// Money is yuan; rates are decimal strings ("0.0385"); dates are YYYY-MM-DD.

export const PRODUCT_TYPES = [
  'credit_loan', 'ip_pledge_loan', 'guaranteed_loan', 'performance_insurance_loan', 'micro_loan',
  'investment_linked_loan', 'equity_investment', 'guarantee', 'insurance', 'bond_underwriting',
] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];
export const PRODUCT_STATUSES = ['draft', 'active', 'withdrawn'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
export const COLLATERAL_MODES = ['credit', 'ip_pledge', 'guarantee', 'performance_insurance', 'other'] as const;
export type CollateralMode = (typeof COLLATERAL_MODES)[number];
export const STAGES = ['startup', 'growth', 'mature'] as const;
export type Stage = (typeof STAGES)[number];
export type FilingStatus = 'not_filed' | 'filed' | 'approved' | 'rejected';

export interface InstitutionRef {
  id: string;
  code: string;
  name: string;
  kind: string;
}

export interface Criteria {
  stages?: Stage[];
  sectors?: string[];
  certifications?: string[];
  certificationsMatch?: 'all' | 'any';
  minYearsSinceFounding?: number;
  minRevenue?: number;
  maxNplCount?: number;
  yangpuRegistered?: boolean;
}

export interface ProductTerms {
  version: number;
  amountMin: number | null;
  amountMax: number | null;
  termMinMonths: number | null;
  termMaxMonths: number | null;
  rateMin: string | null;
  rateMax: string | null;
  collateralMode: CollateralMode | null;
  description: string | null;
  criteria: Criteria;
  createdAt: string;
}

export interface Product {
  id: string;
  code: string;
  name: string;
  type: ProductType;
  status: ProductStatus;
  isProgramme: boolean;
  policyProduct: boolean;
  filingStatus: FilingStatus;
  demo: boolean;
  owner: InstitutionRef;
  partners: InstitutionRef[];
  currentVersion: number;
  terms: ProductTerms;
  versions?: Array<{ version: number; createdAt: string }>;
  createdAt: string;
  updatedAt: string;
}

export interface ProductQuery {
  q?: string;
  type?: string;
  status?: string;
  ownerCode?: string;
  isProgramme?: string;
  policyProduct?: string;
  page?: number;
  pageSize?: number;
}

export type VersionFields = Partial<Omit<ProductTerms, 'version' | 'createdAt'>>;
export interface ProductInput extends VersionFields {
  code?: string;
  name?: string;
  type?: ProductType;
  status?: ProductStatus;
  partnerCodes?: string[];
}

/** A user as the server names them on a record (reviewer, decider). */
export interface UserRef {
  id: string;
  username: string;
  displayName: string;
}

export interface Filing {
  id: string;
  productId: string;
  product: { id: string; code: string; name: string; owner: { code: string; name: string } };
  version: number;
  status: 'submitted' | 'reviewed' | 'approved' | 'rejected' | 'withdrawn';
  submittedBy: UserRef;
  submittedAt: string;
  reviewedBy: UserRef | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  proposePolicyProduct: boolean;
  decidedBy: UserRef | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface CriterionText {
  criterion: string;
  zh: string;
  en: string;
}

export interface EnterpriseMatch {
  rank: number;
  qualifies: boolean;
  product: {
    id: string;
    code: string;
    name: string;
    type: ProductType;
    version: number;
    isProgramme: boolean;
    policyProduct: boolean;
    owner: { id: string; name: string };
    partners: Array<{ id: string; code: string; name: string }>;
  };
  met: CriterionText[];
  failed: CriterionText[];
}

export interface EnterpriseMatches {
  enterprise: { id: string; name: string; uscc: string };
  asOf: string;
  facts: {
    district: string;
    sector: string;
    stage: Stage | null;
    stageExplanation: { zh: string; en: string } | null;
    certifications: string[];
  };
  qualifying: number;
  items: EnterpriseMatch[];
}

export interface ProductMatches {
  product: { id: string; code: string; name: string; version: number };
  asOf: string;
  total: number;
  page: number;
  pageSize: number;
  items: Array<{ id: string; name: string; uscc: string; district: string; sector: string; certifications: string[] }>;
}

export const APPLICATION_STATUSES = [
  'draft', 'submitted', 'screening', 'review', 'recommended', 'deferred', 'rejected',
  'accepted', 'approved', 'declined', 'disbursed', 'reassigned', 'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
/** Names in `nextActions` (the server's transition table). */
export type ApplicationAction =
  | 'submit' | 'withdraw' | 'screen' | 'send_to_review' | 'score' | 'recommend' | 'defer' | 'reject'
  | 'accept' | 'approve' | 'decline' | 'disburse' | 'reassign';

export interface ApplicationSummary {
  id: string;
  applicationNo: string;
  status: ApplicationStatus;
  enterprise: { id: string; uscc: string; name: string; district: string };
  product: { code: string; name: string; version: number } | null;
  requestedAmount: number | null;
  requestedTermMonths: number | null;
  purpose: string | null;
  submittedOn: string | null;
  recommendation: {
    bank: { code: string; name: string } | null;
    productCode: string | null;
    productVersion: number | null;
    amount: number | null;
    on: string;
  } | null;
  approval: { amount: number | null; rate: string | null; termMonths: number | null; on: string | null } | null;
  decidedOn: string | null;
  disbursedOn: string | null;
  deferralReason: string | null;
  imported: boolean;
  createdAt: string;
  updatedAt: string;
  /** Lists only: the highest SLA warning line crossed and unresolved (days), or null. */
  overdueLine?: number | null;
}

export interface ApplicationEvent {
  at: string;
  action: string;
  from: string | null;
  to: string | null;
  reason: string | null;
  actor: string | null;
  data: unknown;
  imported: boolean;
}

export interface ApplicationDocument {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  uploadedAt: string;
}

export interface SlaMark {
  assignmentSeq: number;
  lineDays: number;
  bankCode: string;
  recommendedOn: string;
  dueOn: string;
  markedAt: string;
  resolvedAt: string | null;
}

export interface ApplicationDetail extends ApplicationSummary {
  history: ApplicationEvent[];
  assignments: Array<{
    seq: number;
    bank: { code: string; name: string };
    productCode: string | null;
    productVersion: number | null;
    amount: number | null;
    recommendedOn: string;
    endedOn: string | null;
    endReason: string | null;
  }>;
  reviews: Array<{ id: string; meetingId: string | null; reviewer: string; score: number; opinion: string | null; decision: string | null; at: string }>;
  documents: ApplicationDocument[];
  warnings: SlaMark[];
  loan: {
    id: string;
    loanNo: string;
    principal: number | null;
    annualRate: string | null;
    termMonths: number;
    startDate: string;
    maturityDate: string;
    collateralMode: string;
    repaymentMethod: string;
    firstTimeBorrower: boolean;
  } | null;
  nextActions: ApplicationAction[];
}

export interface ApplicationQuery {
  page?: number;
  pageSize?: number;
  status?: string;
  district?: string;
  product?: string;
  bank?: string;
  q?: string;
  overdue?: string;
  order?: 'queue' | 'inbox' | 'recent';
}

export interface SlaWarning {
  application: { id: string; applicationNo: string; status: ApplicationStatus; enterpriseName: string; district: string; recommendedAmount: number | null };
  bank: { code: string; name: string };
  assignmentSeq: number;
  lineDays: number;
  recommendedOn: string;
  dueOn: string;
  daysSinceRecommendation: number;
  markedAt: string;
  resolvedAt: string | null;
}

export interface MeetingThroughput {
  reviewed: number;
  recommended: number;
  deferred: number;
  rejected: number;
}
export interface ReviewMeeting extends MeetingThroughput {
  id: string;
  heldOn: string;
  title: string;
  notes: string | null;
  scores: number;
}
export interface MeetingsReply {
  by: 'meeting' | 'month' | 'quarter' | 'year';
  meetings?: ReviewMeeting[];
  periods?: Array<MeetingThroughput & { period: string; meetings: number }>;
  total: MeetingThroughput & { meetings: number };
}

export interface FunnelFigures {
  applications: number;
  recommendedCount: number;
  recommendedAmount: number;
  deferredCount: number;
  approvedCount: number;
  approvedAmount: number;
}
export interface FunnelRow extends FunnelFigures {
  district?: string;
  /** Per bank: the bank's code (null: never recommended) and its name beside it. */
  bank?: string | null;
  bankName?: string | null;
}
export interface FunnelReport {
  year: number;
  rows: FunnelRow[];
  total: FunnelFigures;
}

export const CONSENT_CLUSTERS = ['tax_filings', 'financial_statements', 'ip_assets', 'social_insurance', 'loan_history'] as const;
export type ConsentCluster = (typeof CONSENT_CLUSTERS)[number];

export interface Consent {
  id: string;
  enterprise: { id: string; uscc: string; name: string };
  institution: { id: string; code: string; name: string };
  clusters: ConsentCluster[];
  purpose: string;
  application: { id: string; applicationNo: string } | null;
  lookbackMonths: number;
  expiresOn: string;
  status: 'active' | 'expired' | 'revoked';
  grantedAt: string;
  grantedBy: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

export interface ConsentInput {
  institutionCode: string;
  clusters: ConsentCluster[];
  purpose: string;
  applicationId?: string;
  lookbackMonths: number;
  expiresOn: string;
}

export interface ConsentRead {
  id: number;
  at: string;
  cluster: ConsentCluster;
  consentId: string;
  enterprise: { id: string; name: string };
  institution: { id: string; code: string; name: string };
  user: { id: string; username: string; displayName: string } | null;
  token: { id: string; name: string } | null;
  requestId: string;
}

export interface ConsentedOverview {
  enterpriseId: string;
  asOf: string;
  clusters: Array<{ cluster: ConsentCluster; consentId: string; lookbackMonths: number; from: string; expiresOn: string; purpose: string }>;
}

export interface ConsentedData {
  enterpriseId: string;
  cluster: ConsentCluster;
  consentId: string;
  lookbackMonths: number;
  from: string;
  asOf: string;
  expiresOn: string;
  items: Array<Record<string, unknown>>;
}

export interface FinancingImportReport {
  ok: boolean;
  imported: number;
  errors: Array<{ line: number; column: string; message: string }>;
  dryRun?: boolean;
  created?: number;
  updated?: number;
  unchanged?: number;
}
