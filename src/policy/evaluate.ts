// evaluate(ruleset, request): the catalog's evaluation contract. Three passes:
//  1. each claim alone: conditions, parameters, arithmetic, item cap;
//  2. non-duplication (从优、从高、不重复) per group and matter: highest after item caps
//     wins, ties → newer document, then smaller claim id;
//  3. in eventDate then claim id order: once, mutual exclusion, per-project limits and
//     year caps against `granted` and the earlier claims of the same request.
import { computeAmount } from './amount';
import type { Ruleset } from './compile';
import { checkGates, checkHistory, checkMeasureConditions } from './conditions';
import { newContext } from './context';
import { PolicyInputError } from './errors';
import { canonicalJson, sha256Hex } from './hash';
import { parseRequest, type ParsedClaim, type ParsedRequest } from './input';
import { applyNonDuplication } from './non-duplication';
import { applySequential } from './sequential';
import type { Decimal } from './decimal';
import { explainResult } from './explain';
import type { Basis, ClaimResult, ClaimStatus, EvaluationResponse, InputIssue, TraceStep } from './types';

/** A claim's result while passes 2 and 3 may still change it; amounts in fen. */
export interface Working {
  claim: ParsedClaim;
  status: ClaimStatus;
  fen: number;
  basis: Basis | null;
  excludedBy: string | null;
  missing: string[];
  trace: TraceStep[];
  /** Parameters already read for this claim, so pass 3 does not trace them twice. */
  read: Map<string, Decimal | undefined>;
}

export function evaluate(ruleset: Ruleset, request: unknown): EvaluationResponse {
  const parsed = parseRequest(ruleset, request);
  const working = evaluateParsed(ruleset, parsed);
  let totalFen = 0;
  const results = working.map((w) => {
    totalFen += w.status === 'granted' ? w.fen : 0;
    return toResult(w);
  });
  return { rulesetVersion: ruleset.version, inputHash: sha256Hex(canonicalJson(request)), results, total: totalFen / 100 };
}

export function evaluateParsed(ruleset: Ruleset, req: ParsedRequest): Working[] {
  const issues: InputIssue[] = [];
  const working = req.claims.map((claim) => evaluateAlone(ruleset, req, claim, issues));
  if (issues.length) throw new PolicyInputError(issues);
  applyNonDuplication(working);
  applySequential(ruleset, req, working);
  return working;
}

function evaluateAlone(ruleset: Ruleset, req: ParsedRequest, claim: ParsedClaim, issues: InputIssue[]): Working {
  const ctx = newContext(ruleset, claim, req.beneficiary, req.granted, req.overlay, issues);
  const w: Working = { claim, status: 'ineligible', fen: 0, basis: null, excludedBy: null, missing: ctx.missing, trace: ctx.trace, read: ctx.read };
  if (!checkGates(ctx)) return w;
  if (claim.measure.source.kind === 'non-monetary') {
    ctx.trace.push({
      kind: 'condition', step: 'non-monetary', met: false, facts: {}, expected: 'a monetary measure', clause: claim.measure.citation,
      value: `${claim.measure.source.title}为服务类措施（非资金支持），不予兑付`, valueEn: `${claim.measure.source.titleEn} is a service, never paid`,
    });
    return w;
  }
  if (!checkMeasureConditions(ctx) || !checkHistory(ctx)) return w;
  const amount = computeAmount(ctx);
  if (ctx.missing.length) {
    w.status = 'needs-parameters';
    return w;
  }
  if (!amount) return w;
  w.status = 'granted';
  w.fen = amount.fen;
  w.basis = amount.basis;
  return w;
}

export function toResult(w: Working): ClaimResult {
  const m = w.claim.measure;
  let reasons: string[] | undefined;
  const result: ClaimResult = {
    id: w.claim.id,
    measure: m.id,
    citation: m.citation,
    title: m.source.title,
    status: w.status,
    amount: w.status === 'granted' ? w.fen / 100 : 0,
    basis: w.status === 'granted' ? w.basis : null,
    excludedBy: w.excludedBy,
    missingParameters: w.status === 'needs-parameters' ? w.missing : [],
    // The one-sentence explanation, rendered when first read (JSON.stringify reads it):
    // a 免申即享 scan over many claims mostly looks at status and amount only.
    get reasons(): string[] {
      return (reasons ??= [explainResult(result, 'zh')]);
    },
    set reasons(value: string[]) {
      reasons = value;
    },
    trace: w.trace,
  };
  return result;
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
