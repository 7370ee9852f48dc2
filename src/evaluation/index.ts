// Enterprise evaluations (issue #6): pure, synchronous, no I/O. One call evaluates an enterprise's year for
// every kind; the server stores each result in enterprise_evaluations, the benchmark times this function.
import type { EnterpriseYearFacts } from './facts';
import { CLASS_I_KINDS, CLASS_II_KINDS, yearOf } from './facts';
import { evaluateHnte, HNTE } from './hnte';
import { evaluateLifecycle } from './lifecycle';
import { evaluateListing, LISTING_THRESHOLDS } from './listing';
import { DEFAULT_INNOVATION_MODEL, DEFAULT_LIFECYCLE_MODEL, type InnovationModel, type LifecycleModel } from './models';
import { evaluateScorecard } from './scorecard';
import { evaluateTechSme, TECH_SME, type TechSmeInput } from './tech-sme';

export * from './facts';
export * from './models';
export { evaluateTechSme, TECH_SME } from './tech-sme';
export { evaluateHnte, HNTE } from './hnte';
export { evaluateListing, marketValue, LISTING_THRESHOLDS } from './listing';
export { evaluateScorecard, normalise } from './scorecard';
export { evaluateLifecycle } from './lifecycle';
export { growthScore } from './growth';
export { runTechSmeCli } from './tech-sme-input';

export const EVALUATION_KINDS = ['tech_sme', 'hnte', 'innovation_points', 'lifecycle', 'listing_readiness'] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];

export interface EvaluationRecord {
  kind: EvaluationKind;
  modelVersion: string;
  score: number | null;
  eligible: boolean | null;
  result: Record<string, unknown>;
}

export interface Models {
  innovation: InnovationModel;
  lifecycle: LifecycleModel;
}

export const DEFAULT_MODELS: Models = { innovation: DEFAULT_INNOVATION_MODEL, lifecycle: DEFAULT_LIFECYCLE_MODEL };

/** The tech-SME input from registry facts; `derived` says which facts were derived rather than recorded. */
export function techSmeInputFromFacts(f: EnterpriseYearFacts): { input: TechSmeInput; derived: string[] } {
  const cur = yearOf(f, f.year);
  const derived: string[] = [];
  let resident = f.extras.residentEnterprise;
  if (resident === null) {
    // 企业所得税法 第二条: an enterprise established in China is a resident enterprise; every registry entry has a USCC.
    resident = true;
    derived.push('residentEnterprise: derived from registration in China (USCC)');
  }
  const classI = CLASS_I_KINDS.reduce((n, k) => n + (f.ipGranted[k] ?? 0), 0) + (f.extras.otherClassIIp ?? 0);
  if (f.extras.otherClassIIp === null) derived.push('ip.classI: national new drugs and class-1 TCM varieties not recorded, counted as 0');
  const classII = CLASS_II_KINDS.reduce((n, k) => n + (f.ipGranted[k] ?? 0), 0);
  return {
    input: {
      employees: cur.employees, techStaff: cur.techStaff, salesRevenue: cur.revenue, totalAssets: cur.totalAssets,
      rdExpense: cur.rdExpense, totalCost: cur.totalCost, ip: { classI, classII },
      residentEnterprise: resident, prohibitedIndustry: f.extras.prohibitedIndustry, seriousViolation: f.extras.seriousViolation,
      direct: {
        hnteValid: f.certifications.includes('高新技术企业'),
        nationalAwardTop3: f.extras.nationalAwardTop3, provincialRdInstitution: f.extras.provincialRdInstitution, ledStandard: f.extras.ledStandard,
      },
    },
    derived,
  };
}

const yuanOrNull = (fen: number | null) => (fen === null ? null : fen / 100);

// Each evaluator returns a fresh object, so its result is stored as it is (extended in place, not copied).
export function evaluateEnterpriseYear(f: EnterpriseYearFacts, models: Models = DEFAULT_MODELS): EvaluationRecord[] {
  const { input, derived } = techSmeInputFromFacts(f);
  const tech = evaluateTechSme(input);
  const hnte = evaluateHnte(f);
  const stage = evaluateLifecycle(f, models.lifecycle);
  const points = evaluateScorecard(f, models.innovation, stage.stage);
  const listing = evaluateListing(f);
  const anyReadyUnknown = listing.boards.some((b) => b.ready === null);
  return [
    {
      kind: 'tech_sme', modelVersion: TECH_SME.id, score: tech.score, eligible: tech.eligible,
      result: { ...tech, derived, input: { ...input, salesRevenue: yuanOrNull(input.salesRevenue), totalAssets: yuanOrNull(input.totalAssets), rdExpense: yuanOrNull(input.rdExpense), totalCost: yuanOrNull(input.totalCost) }, reference: TECH_SME.reference },
    },
    { kind: 'hnte', modelVersion: HNTE.id, score: hnte.score, eligible: hnte.ready, result: Object.assign(hnte, { reference: HNTE.reference }) as unknown as Record<string, unknown> },
    { kind: 'innovation_points', modelVersion: models.innovation.version, score: points.score, eligible: null, result: Object.assign(points, { platformModel: true, modelTitle: models.innovation.title }) as unknown as Record<string, unknown> },
    { kind: 'lifecycle', modelVersion: models.lifecycle.version, score: null, eligible: null, result: stage as unknown as Record<string, unknown> },
    {
      kind: 'listing_readiness', modelVersion: LISTING_THRESHOLDS.version, score: null,
      eligible: listing.ready.length > 0 ? true : anyReadyUnknown ? null : false, result: listing as unknown as Record<string, unknown>,
    },
  ];
}
