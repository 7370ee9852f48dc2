// Public API of the policy engine (docs/policy-engine.md). The web app imports only
// ./explain and ./types; the server and CLI import from here.
export { compileRuleset, type Ruleset, type RulesetSource } from './compile';
export { evaluate, evaluateBatch, type BatchItem } from './evaluate';
export { evaluateSummary, evaluateSummaryBatch, type SummaryBatchItem } from './summary';
export { withParameters } from './parameters';
export { describeRuleset, type RulesetDescription, type MeasureDescription, type ParameterDescription } from './describe';
export { explainResult, explainTrace, explainResponse, type Lang } from './explain';
export { runPolicyEvaluate, runPolicyList, type CliOutput } from './cli';
export { PolicyInputError, PolicyLoadError, type LoadIssue } from './errors';
export { loadPolicies, loadRuleset, DEFAULT_POLICIES_DIR, type LoadedPolicies } from './load';
export { runCase, caseRequest, type LoadedCase, type CaseOutcome } from './cases';
export type * from './types';
