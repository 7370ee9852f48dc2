// Public types of the policy engine: the evaluation contract (policy-catalog.md
// "Evaluation contract") and the trace. Kept free of runtime code so the web app can
// import them with `import type`.

export type BeneficiaryKind = 'enterprise' | 'institution' | 'bank' | 'guarantor' | 'insurer' | 'fund' | 'incubator';
export type ClaimStatus = 'granted' | 'ineligible' | 'excluded' | 'needs-parameters';
export type Basis = 'computed' | 'assessed' | 'cap';
export type MeasureKind = 'computed' | 'cap-only' | 'needs-parameters' | 'non-monetary';
export type CapKind = 'item' | 'year' | 'once';

export interface Beneficiary {
  uscc: string;
  kind: BeneficiaryKind;
  registeredInYangpu: boolean;
  registeredInShanghai: boolean;
}

export type FactValue = number | string | boolean;

export interface Claim {
  id: string;
  measure: string;
  eventDate: string;
  matter?: string;
  facts: Record<string, FactValue>;
}

export interface GrantedEntry {
  measure: string;
  year: number;
  amount: number;
  matter?: string;
}

export interface EvaluationRequest {
  beneficiary: Beneficiary;
  claims: Claim[];
  granted?: GrantedEntry[];
  parameters?: Record<string, number | string>;
}

/** Every trace step carries the catalog's `step`, `clause` and `value` (a readable line). */
interface StepBase {
  step: string;
  clause: string;
  value: string;
}

export interface ConditionStep extends StepBase {
  kind: 'condition';
  met: boolean;
  facts: Record<string, FactValue | null>;
  /** The requirement in words, e.g. "2025-03-21 ≤ eventDate ≤ 2026-12-31". */
  expected: string;
  valueEn: string;
}

export interface ParameterStep extends StepBase {
  kind: 'parameter';
  key: string;
  label: string;
  labelEn: string;
  unit: 'rate' | 'yuan' | 'years';
  /** Decimal text of the value, null when the 细则 has not set it yet. */
  parameterValue: string | null;
  effectiveFrom: string | null;
  source: 'policy' | 'officer' | 'overlay' | 'missing';
}

export interface ArithmeticStep extends StepBase {
  kind: 'arithmetic';
  /** The money fact the amount is based on, or null for a fixed (lookup/tier) amount. */
  base: { fact: string; label: string; labelEn: string; amount: number } | null;
  factors: Array<{ key: string; label: string; labelEn: string; value: string; percent: string }>;
  /** Unrounded product in yuan, exact. */
  exact: string;
  amount: number;
}

export interface AssessedStep extends StepBase {
  kind: 'assessed';
  /** assessedAmount in yuan, or null when the cap itself is the estimate (basis `cap`). */
  assessed: number | null;
}

export interface CapStep extends StepBase {
  kind: 'cap';
  capKind: CapKind;
  cap: number;
  /** Already granted this calendar year (year caps only). */
  used: number | null;
  before: number;
  after: number;
  binding: boolean;
}

export interface ExclusionStep extends StepBase {
  kind: 'exclusion';
  group: string;
  groupLabel: string;
  groupLabelEn: string;
  matter: string;
  winner: string;
  winnerAmount: number;
}

export type TraceStep = ConditionStep | ParameterStep | ArithmeticStep | AssessedStep | CapStep | ExclusionStep;

export interface ClaimResult {
  id: string;
  measure: string;
  /** 文号 and clause, e.g. "杨府发〔2025〕2号 第8条". */
  citation: string;
  title: string;
  status: ClaimStatus;
  amount: number;
  basis: Basis | null;
  excludedBy: string | null;
  missingParameters: string[];
  reasons: string[];
  trace: TraceStep[];
}

export interface EvaluationResponse {
  rulesetVersion: string;
  inputHash: string;
  results: ClaimResult[];
  total: number;
}

/** A result without trace or explanation (evaluateSummary): what a 免申即享 scan stores. */
export type ClaimSummary = Pick<ClaimResult, 'id' | 'measure' | 'status' | 'amount' | 'basis' | 'excludedBy' | 'missingParameters'>;

export interface SummaryResponse {
  rulesetVersion: string;
  results: ClaimSummary[];
  total: number;
}

export interface InputIssue {
  path: string;
  message: string;
}

/** An officer-approved 细则 value supplied from outside (stored by the server). */
export interface ParameterSetting {
  key: string;
  value: number | string;
  effectiveFrom: string;
  reference: string;
}
