// The 免申即享 fast path (issue #3): the same validation and the same three passes as
// `evaluate`, run with trace recording off, answering only what a scan stores — status,
// amount, basis, excludedBy, missingParameters. No trace steps, explanation or inputHash:
// those are recomputed with `evaluate` from the stored inputs and ruleset version when an
// officer opens or confirms an entitlement. summary.test.ts holds both paths equal.
import type { Ruleset } from './compile';
import { PolicyInputError } from './errors';
import { evaluateParsed } from './evaluate';
import { parseRequest } from './input';
import type { ClaimSummary, InputIssue, SummaryResponse } from './types';

export function evaluateSummary(ruleset: Ruleset, request: unknown): SummaryResponse {
  const working = evaluateParsed(ruleset, parseRequest(ruleset, request), false);
  let totalFen = 0;
  const results: ClaimSummary[] = [];
  for (const w of working) {
    const granted = w.status === 'granted';
    if (granted) totalFen += w.fen;
    results.push({
      id: w.claim.id,
      measure: w.claim.measure.id,
      status: w.status,
      amount: granted ? w.fen / 100 : 0,
      basis: granted ? w.basis : null,
      excludedBy: w.excludedBy,
      missingParameters: w.status === 'needs-parameters' ? w.missing : [],
    });
  }
  return { rulesetVersion: ruleset.version, results, total: totalFen / 100 };
}

export type SummaryBatchItem = { ok: true; response: SummaryResponse } | { ok: false; issues: InputIssue[] };

/** evaluateBatch without traces: a bad request reports its own issues and the batch goes on. */
export function evaluateSummaryBatch(ruleset: Ruleset, requests: readonly unknown[]): SummaryBatchItem[] {
  const out: SummaryBatchItem[] = new Array(requests.length);
  for (let i = 0; i < requests.length; i++) {
    try {
      out[i] = { ok: true, response: evaluateSummary(ruleset, requests[i]) };
    } catch (e) {
      if (!(e instanceof PolicyInputError)) throw e;
      out[i] = { ok: false, issues: e.issues };
    }
  }
  return out;
}
