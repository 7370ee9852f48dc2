// Shapes of the policy and subsidy routes (docs/subsidy.md) as the web app consumes them. Money is yuan.
// The engine's own types come from src/policy (type-only imports: nothing of the engine ships to the browser
// except explain.ts, which is written for it).
import type { MeasureDescription as EngineMeasureDescription, ParameterDescription, RulesetDescription } from '../../policy/describe';
import type { BeneficiaryKind, ClaimResult, EvaluationRequest, EvaluationResponse, FactValue } from '../../policy/types';

export type { BeneficiaryKind, ClaimResult, EvaluationRequest, EvaluationResponse, FactValue, ParameterDescription };

/** GET /policy/measures adds each fact's English label to the engine's description. */
export type FactDescription = EngineMeasureDescription['facts'][number] & { labelEn: string };
export type MeasureDescription = Omit<EngineMeasureDescription, 'facts'> & { facts: FactDescription[] };
export type DocumentDescription = RulesetDescription['documents'][number];

export const CLAIM_STATUSES = [
  'draft', 'submitted', 'under_review', 'determined', 'rejected', 'in_public_notice', 'approved_for_payment', 'paid', 'withdrawn',
] as const;
export type SubsidyClaimStatus = (typeof CLAIM_STATUSES)[number];

/** The moves the server lists in `actions` (claim-rules.ts): only those it will accept now. */
export type ClaimActionName =
  | 'submit' | 'start_review' | 'determine' | 'reject' | 'adjust' | 'approve_determination' | 'publish'
  | 'approve_payment' | 'pay' | 'withdraw' | 'record_objection' | 'resolve_objection';

/** An officer named on a claim. */
export interface UserRef {
  id: string;
  username: string;
  displayName: string;
}

export interface ParameterChange {
  id: string;
  key: string;
  value: string;
  effectiveFrom: string;
  reference: string;
  reason: string;
  status: 'proposed' | 'approved' | 'rejected';
  proposedBy: { id: string; username: string };
  proposedAt: string;
  decidedBy: { id: string; username: string } | null;
  decidedAt: string | null;
  decisionReason: string | null;
}

export interface MeasuresReply extends Omit<RulesetDescription, 'measures'> {
  measures: MeasureDescription[];
  asOf: string;
  pending: ParameterChange[];
}

export interface ClaimBeneficiary {
  uscc: string;
  name: string;
  kind: BeneficiaryKind;
  enterpriseId: string | null;
  organizationId: string | null;
  registeredInYangpu: boolean;
  registeredInShanghai: boolean;
}

export interface ClaimSummary {
  id: string;
  number: string;
  measure: string;
  origin: 'application' | 'proactive';
  status: SubsidyClaimStatus;
  beneficiary: ClaimBeneficiary;
  eventDate: string;
  year: number;
  matter: string | null;
  amount: number | null;
  engineAmount: number | null;
  noticeTo: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ClaimFile {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

export interface ClaimDetail extends ClaimSummary {
  facts: Record<string, FactValue>;
  determination: null | {
    engineStatus: string;
    engineAmount: number | null;
    amount: number | null;
    adjustmentReason: string | null;
    rulesetVersion: string;
    inputHash: string;
    determinedBy: UserRef | null;
    determinedAt: string | null;
    needsSecondApproval: boolean;
    secondApprovedBy: UserRef | null;
    secondApprovedAt: string | null;
    explanation: string | null;
    result: ClaimResult | null;
  };
  notice: null | { from: string; to: string };
  payment: null | { reference: string; paidAt: string; paidBy: UserRef | null };
  closingReason: string | null;
  files: ClaimFile[];
  objections: Array<{
    id: string;
    raisedBy: string;
    content: string;
    recordedAt: string;
    upheld: boolean | null;
    resolution: string | null;
    resolvedAt: string | null;
  }>;
  history: Array<{ action: string; from: string | null; to: string; actor: string; reason: string | null; at: string }>;
  actions: ClaimActionName[];
}

export interface ClaimQuery {
  status?: string;
  measure?: string;
  year?: number;
  origin?: string;
  /** Office staff only. */
  enterpriseId?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface CreateClaimInput {
  measure: string;
  eventDate: string;
  matter?: string;
  facts: Record<string, FactValue>;
  beneficiary?: {
    kind?: BeneficiaryKind;
    uscc?: string;
    name?: string;
    registeredInYangpu?: boolean;
    registeredInShanghai?: boolean;
  };
  submit?: boolean;
}

export interface NoticeItem {
  id: string;
  number: string;
  measure: string;
  beneficiary: { name: string; uscc: string };
  amount: number;
  eventDate: string;
  notice: { from: string; to: string };
  objections: { total: number; unresolved: number };
}

export interface BudgetRow {
  measure: string;
  title: string;
  year: number;
  allocated: number | null;
  committed: number;
  paid: number;
  remaining: number | null;
  updatedAt: string | null;
}

export interface BudgetsReply {
  year: number;
  items: BudgetRow[];
  totals: { allocated: number; committed: number; paid: number; remaining: number };
}

export interface SubsidySettings {
  secondApprovalThreshold: number;
  noticeWorkingDays: number;
  holidays: string[];
}

export interface ScanReply {
  year: number;
  rulesetVersion: string;
  scannedAt: string;
  candidates: number;
  beneficiaries: number;
  byStatus: Record<string, number>;
  byMeasure: Array<{ measure: string; title: string; candidates: number; granted: number; amount: number }>;
  total: number;
  sources: Array<{ id: string; measures: string[]; candidates: number }>;
}

export interface Entitlement {
  id: string;
  key: string;
  year: number;
  source: string;
  measure: string;
  title: string;
  beneficiary: ClaimBeneficiary;
  eventDate: string;
  matter: string | null;
  facts: Record<string, FactValue>;
  note: string | null;
  status: 'granted' | 'ineligible' | 'excluded' | 'needs-parameters';
  amount: number;
  basis: string | null;
  rulesetVersion: string;
  scannedAt: string;
  claimId: string | null;
}

export interface FactSourcesReply {
  sources: Array<{ id: string; measures: string[]; description: string }>;
  scans: Array<{ year: number; entitlements: number; scannedAt: string }>;
}

export interface SimulationInput {
  parameters: Record<string, number | string>;
  over:
    | { kind: 'claims'; filter?: { measure?: string; year?: number; statuses?: SubsidyClaimStatus[] } }
    | { kind: 'scan'; year: number };
  limit?: number;
}

export interface SimulationReply {
  rulesetVersion: string;
  parameters: Record<string, number | string>;
  claims: number;
  beneficiaries: number;
  invalid: number;
  totals: { baseline: number; scenario: number; delta: number };
  byMeasure: Array<{
    measure: string;
    title: string;
    claims: number;
    baselineGranted: number;
    scenarioGranted: number;
    baseline: number;
    scenario: number;
    delta: number;
  }>;
  changedBeneficiaries: number;
  changes: Array<{
    uscc: string;
    name: string;
    baseline: number;
    scenario: number;
    delta: number;
    claims: Array<{ ref: string; measure: string; baseline: number; scenario: number; baselineStatus: string; scenarioStatus: string }>;
  }>;
}
