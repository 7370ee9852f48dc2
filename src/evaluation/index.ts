// Enterprise evaluations (issue #6): pure, synchronous, no I/O. One call evaluates an enterprise's year for
// every kind; the server stores each result in enterprise_evaluations, the benchmark times this function.
import type { EnterpriseYearFacts } from './facts';
import { CLASS_I_KINDS, CLASS_II_KINDS, factsFromSnapshot, yearOf } from './facts';
import { evaluateHnte, HNTE } from './hnte';
import { evaluateLifecycle } from './lifecycle';
import { evaluateListing, LISTING_THRESHOLDS, type ListingResult } from './listing';
import { DEFAULT_INNOVATION_MODEL, DEFAULT_LIFECYCLE_MODEL, type InnovationModel, type LifecycleModel, type Stage } from './models';
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

/**
 * The full explanation of one kind, as the API shows it (and as results were stored before the compact form):
 * every check with its label, numbers, detail text and needed facts. `stage` is the lifecycle stage the
 * innovation points were weighted by (computed when not given).
 */
export function explainResult(kind: EvaluationKind, f: EnterpriseYearFacts, models: Models, stage?: Stage): Record<string, unknown> {
  switch (kind) {
    case 'tech_sme': {
      const { input, derived } = techSmeInputFromFacts(f);
      const tech = evaluateTechSme(input);
      return { ...tech, derived, input: { ...input, salesRevenue: yuanOrNull(input.salesRevenue), totalAssets: yuanOrNull(input.totalAssets), rdExpense: yuanOrNull(input.rdExpense), totalCost: yuanOrNull(input.totalCost) }, reference: TECH_SME.reference };
    }
    case 'hnte': return Object.assign(evaluateHnte(f), { reference: HNTE.reference }) as unknown as Record<string, unknown>;
    case 'innovation_points': {
      const points = evaluateScorecard(f, models.innovation, stage ?? evaluateLifecycle(f, models.lifecycle).stage);
      return Object.assign(points, { platformModel: true, modelTitle: models.innovation.title }) as unknown as Record<string, unknown>;
    }
    case 'lifecycle': return evaluateLifecycle(f, models.lifecycle) as unknown as Record<string, unknown>;
    case 'listing_readiness': return evaluateListing(f) as unknown as Record<string, unknown>;
  }
}

/** Every kind with its full explanation: the form results had when stored whole (tests compare against it). */
export function explainEnterpriseYear(f: EnterpriseYearFacts, models: Models = DEFAULT_MODELS): EvaluationRecord[] {
  const stage = evaluateLifecycle(f, models.lifecycle).stage;
  return EVALUATION_KINDS.map((kind) => {
    const result = explainResult(kind, f, models, stage);
    return { kind, modelVersion: versionOf(kind, models), ...headline(kind, result), result };
  });
}

function versionOf(kind: EvaluationKind, models: Models): string {
  return kind === 'tech_sme' ? TECH_SME.id : kind === 'hnte' ? HNTE.id : kind === 'innovation_points' ? models.innovation.version : kind === 'lifecycle' ? models.lifecycle.version : LISTING_THRESHOLDS.version;
}

/** The score and eligible columns of a kind's full result. */
function headline(kind: EvaluationKind, r: Record<string, unknown>): { score: number | null; eligible: boolean | null } {
  switch (kind) {
    case 'tech_sme': return { score: r.score as number, eligible: r.eligible as boolean | null };
    case 'hnte': return { score: r.score as number, eligible: r.ready as boolean | null };
    case 'innovation_points': return { score: r.score as number, eligible: null };
    case 'lifecycle': return { score: null, eligible: null };
    case 'listing_readiness': return { score: null, eligible: listingEligible(r as unknown as ListingResult) };
  }
}

const listingEligible = (l: Pick<ListingResult, 'ready' | 'boards'>): boolean | null =>
  l.ready.length > 0 ? true : l.boards.some((b) => b.ready === null) ? null : false;

/**
 * The results a run stores, in the compact form: score and eligibility (their columns) and the few decisions other
 * modules read from `result` (the lifecycle stage, the listing standards met and the nearest one); the facts the
 * evaluation read are added when stored (storedResultText), and the explanation is rendered from them on read
 * (renderStoredResult). Computes no labels or texts: this is what the nightly run does for the whole registry.
 */
export function evaluateEnterpriseYear(f: EnterpriseYearFacts, models: Models = DEFAULT_MODELS): EvaluationRecord[] {
  const tech = evaluateTechSme(techSmeInputFromFacts(f).input);
  const hnte = evaluateHnte(f, false);
  const stage = evaluateLifecycle(f, models.lifecycle).stage;
  const points = evaluateScorecard(f, models.innovation, stage);
  const listing = evaluateListing(f, false);
  return [
    { kind: 'tech_sme', modelVersion: TECH_SME.id, score: tech.score, eligible: tech.eligible, result: { path: tech.path } },
    { kind: 'hnte', modelVersion: HNTE.id, score: hnte.score, eligible: hnte.ready, result: {} },
    { kind: 'innovation_points', modelVersion: models.innovation.version, score: points.score, eligible: null, result: { stage } },
    { kind: 'lifecycle', modelVersion: models.lifecycle.version, score: null, eligible: null, result: { stage } },
    {
      kind: 'listing_readiness', modelVersion: LISTING_THRESHOLDS.version, score: null, eligible: listingEligible(listing),
      result: { met: listing.met, ready: listing.ready, nearest: listing.nearest && { board: listing.nearest.board, standard: listing.nearest.standard, clause: listing.nearest.clause, gap: listing.nearest.gap } },
    },
  ];
}

/** `result.form` of a compact stored result; a result without it was stored whole (before 2026-11-22). */
export const COMPACT_FORM = 2;

/**
 * A compact result as stored (JSON text): its decisions, the form, and the facts snapshot — the same text the
 * input hash digests, so it is serialised once per enterprise, not once per kind.
 */
export function storedResultText(decisions: Record<string, unknown>, snapshot: string): string {
  const inner = JSON.stringify(decisions);
  return `{"form":${COMPACT_FORM},${inner.length > 2 ? `${inner.slice(1, -1)},` : ''}"facts":${snapshot}}`;
}

/**
 * A stored result as the API shows it: a compact one rendered from its facts with `models` (the models of the
 * row's version), one stored whole as it is.
 */
export function renderStoredResult(kind: EvaluationKind, stored: Record<string, unknown>, models: Models): Record<string, unknown> {
  if (stored.form !== COMPACT_FORM) return stored;
  return explainResult(kind, factsFromSnapshot(stored.facts), models, stored.stage as Stage | undefined);
}
