// Runs the readable YAML test cases (input → expected result, OpenFisca style) against a
// ruleset. Pure: the loader reads the files, this only evaluates and compares.
import type { Ruleset } from './compile';
import { PolicyInputError } from './errors';
import { evaluate } from './evaluate';
import type { PolicyCase } from './schema';
import type { EvaluationResponse } from './types';

/** Enterprise registered in Yangpu; a case file or case overrides fields it cares about. */
export const DEFAULT_BENEFICIARY = { uscc: '91310110666007217T', kind: 'enterprise', registeredInYangpu: true, registeredInShanghai: true };

export interface LoadedCase extends PolicyCase {
  fileMeasure: string | undefined;
  fileBeneficiary: Record<string, unknown> | undefined;
}

export function caseRequest(c: LoadedCase): Record<string, unknown> {
  const claims = c.claims.map((claim, i) => ({ id: `c${i + 1}`, ...(c.fileMeasure ? { measure: c.fileMeasure } : {}), ...claim }));
  return {
    beneficiary: { ...DEFAULT_BENEFICIARY, ...c.fileBeneficiary, ...c.beneficiary },
    claims,
    ...(c.granted ? { granted: c.granted } : {}),
    ...(c.parameters ? { parameters: c.parameters } : {}),
  };
}

/** Measures a case evaluates (after file defaults). */
export function caseMeasures(c: LoadedCase): string[] {
  return (caseRequest(c).claims as Array<{ measure?: unknown }>).map((x) => String(x.measure));
}

export interface CaseOutcome {
  failures: string[];
  response: EvaluationResponse | undefined;
}

export function runCase(ruleset: Ruleset, c: LoadedCase): CaseOutcome {
  const failures: string[] = [];
  let response: EvaluationResponse | undefined;
  try {
    response = evaluate(ruleset, caseRequest(c));
  } catch (e) {
    if (!(e instanceof PolicyInputError)) throw e;
    if (!('error' in c.expect)) return { failures: [`unexpected input error: ${e.message}`], response };
    const want = c.expect.error;
    const hit = e.issues.find((i) => i.path === want.path && (!want.message || i.message.includes(want.message)));
    if (!hit) failures.push(`expected an input error at ${want.path}${want.message ? ` containing "${want.message}"` : ''}, got: ${e.message}`);
    return { failures, response };
  }
  if ('error' in c.expect) return { failures: [`expected an input error at ${c.expect.error.path}, got a response`], response };
  const expected = c.expect.results;
  for (const r of response.results) {
    const want = expected[r.id];
    if (!want) {
      failures.push(`${r.id}: no expectation for this claim`);
      continue;
    }
    const check = (field: string, got: unknown, exp: unknown) => {
      if (exp !== undefined && JSON.stringify(got) !== JSON.stringify(exp)) failures.push(`${r.id}.${field}: expected ${JSON.stringify(exp)}, got ${JSON.stringify(got)} — ${r.reasons.join(' ')}`);
    };
    check('status', r.status, want.status);
    check('amount', r.amount, want.amount ?? (want.status === 'granted' ? undefined : 0));
    check('basis', r.basis, want.basis);
    check('excludedBy', r.excludedBy, want.excludedBy);
    check('missingParameters', r.missingParameters, want.missingParameters);
    if (want.reason && !r.reasons.some((x) => x.includes(want.reason!))) failures.push(`${r.id}.reasons: expected to mention "${want.reason}", got ${JSON.stringify(r.reasons)}`);
  }
  for (const id of Object.keys(expected)) if (!response.results.some((r) => r.id === id)) failures.push(`${id}: expected a result for a claim that is not in the case`);
  if (c.expect.total !== undefined && response.total !== c.expect.total) failures.push(`total: expected ${c.expect.total}, got ${response.total}`);
  return { failures, response };
}
