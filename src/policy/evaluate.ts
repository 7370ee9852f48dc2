// evaluate(ruleset, request): the catalog's evaluation contract. Three passes:
//  1. each claim alone: conditions, parameters, arithmetic, item cap;
//  2. non-duplication (从优、从高、不重复) per group and matter: highest after item caps
//     wins, ties → newer document, then smaller claim id;
//  3. in eventDate then claim id order: once, mutual exclusion, per-project limits and
//     year caps against `granted` and the earlier claims of the same request.
import { computeAmount } from './amount';
import type { Ruleset } from './compile';
import { checkGates, checkHistory, checkMeasureConditions } from './conditions';
import { ClaimContext, condition, type RequestContext } from './context';
import { PolicyInputError } from './errors';
import { inputHashOf } from './input-hash';
import { parseRequest, type ParsedRequest } from './input';
import { applyNonDuplication } from './non-duplication';
import { plansOf } from './plan';
import { applySequential } from './sequential';
import type { CompiledMeasure } from './compile';
import { explainResult } from './explain';
import type { Basis, ClaimResult, ClaimStatus, EvaluationResponse, InputIssue, TraceStep } from './types';
import type { Lines } from './trace';

/** A claim's result while passes 2 and 3 may still change it; amounts in fen. */
export type Working = ClaimContext;

export function evaluate(ruleset: Ruleset, request: unknown): EvaluationResponse {
  const parsed = parseRequest(ruleset, request);
  const working = evaluateParsed(ruleset, parsed);
  let totalFen = 0;
  const results: ClaimResult[] = [];
  for (const w of working) {
    totalFen += w.status === 'granted' ? w.fen : 0;
    results.push(toResult(w));
  }
  return { rulesetVersion: ruleset.version, inputHash: inputHashOf(request, parsed), results, total: totalFen / 100 };
}

/** The three passes. `traced` false takes the same decisions without making trace steps (evaluateSummary). */
export function evaluateParsed(ruleset: Ruleset, req: ParsedRequest, traced = true): Working[] {
  const rq: RequestContext = { ruleset, beneficiary: req.beneficiary, history: req.granted, overlay: req.overlay, issues: [] };
  const plans = plansOf(ruleset);
  const working: Working[] = [];
  for (const claim of req.claims) {
    const w = new ClaimContext(rq, claim, plans.get(claim.measure)!, traced);
    evaluateAlone(w);
    working.push(w);
  }
  if (rq.issues.length) throw new PolicyInputError(rq.issues);
  applyNonDuplication(working);
  applySequential(rq, working);
  return working;
}

const NON_MONETARY: Lines<CompiledMeasure> = {
  zh: (_m, measure) => `${measure.source.title}为服务类措施（非资金支持），不予兑付`,
  en: (_m, measure) => `${measure.source.titleEn} is a service, never paid`,
};

function evaluateAlone(w: Working): void {
  if (!checkGates(w)) return;
  const measure = w.claim.measure;
  if (measure.source.kind === 'non-monetary') {
    condition(w, 'non-monetary', false, {}, 'a monetary measure', measure.citation, NON_MONETARY, measure, undefined, undefined, undefined, true);
    return;
  }
  if (!checkMeasureConditions(w) || !checkHistory(w)) return;
  const amount = computeAmount(w);
  if (w.missing.length) {
    w.status = 'needs-parameters';
    return;
  }
  if (!amount) return;
  w.status = 'granted';
  w.fen = amount.fen;
  w.basis = amount.basis;
}

/**
 * A claim's result. `reasons` (the one-sentence explanation) is rendered when first read —
 * JSON.stringify reads it through toJSON, which writes the fields in the contract's order:
 * a 免申即享 scan over many claims mostly looks at status and amount only.
 */
class Result implements ClaimResult {
  id: string;
  measure: string;
  citation: string;
  title: string;
  status: ClaimStatus;
  amount: number;
  basis: Basis | null;
  excludedBy: string | null;
  missingParameters: string[];
  trace: TraceStep[];
  #reasons: string[] | undefined;

  constructor(w: Working) {
    const m = w.claim.measure;
    const granted = w.status === 'granted';
    this.id = w.claim.id;
    this.measure = m.id;
    this.citation = m.citation;
    this.title = m.source.title;
    this.status = w.status;
    this.amount = granted ? w.fen / 100 : 0;
    this.basis = granted ? w.basis : null;
    this.excludedBy = w.excludedBy;
    this.missingParameters = w.status === 'needs-parameters' ? w.missing : [];
    this.trace = w.trace;
  }

  get reasons(): string[] {
    return (this.#reasons ??= [explainResult(this, 'zh')]);
  }
  set reasons(value: string[]) {
    this.#reasons = value;
  }

  toJSON() {
    const { id, measure, citation, title, status, amount, basis, excludedBy, missingParameters, trace } = this;
    return { id, measure, citation, title, status, amount, basis, excludedBy, missingParameters, reasons: this.reasons, trace };
  }
}

export function toResult(w: Working): ClaimResult {
  return new Result(w);
}

export type BatchItem = { ok: true; response: EvaluationResponse } | { ok: false; issues: InputIssue[] };

/**
 * Many requests (e.g. a 免申即享 scan over every beneficiary a FactSource found) against one
 * compiled ruleset; a bad request does not stop the batch, it reports its own issues.
 */
export function evaluateBatch(ruleset: Ruleset, requests: readonly unknown[]): BatchItem[] {
  return requests.map((r) => {
    try {
      return { ok: true, response: evaluate(ruleset, r) };
    } catch (e) {
      if (e instanceof PolicyInputError) return { ok: false, issues: e.issues };
      throw e;
    }
  });
}
