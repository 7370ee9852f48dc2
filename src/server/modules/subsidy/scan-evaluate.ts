// The pure core of a 免申即享 scan and of simulations: candidates grouped per beneficiary, one evaluation
// request each (so non-duplication and year caps apply across a beneficiary's candidates), with what the
// beneficiary already has as `granted`. No I/O: the bench measures it on its own. Uses the engine's summary
// path (no trace): what is stored is status, amount and basis; the trace is recomputed with `evaluate` from the
// stored facts when an officer confirms.
import { evaluateSummaryBatch, type EvaluationRequest, type GrantedEntry, type InputIssue, type Ruleset } from '../../../policy';

export interface EvaluableClaim {
  /** Unique within the batch. */
  ref: string;
  measure: string;
  eventDate: string;
  matter?: string | undefined;
  facts: Record<string, number | string | boolean>;
  beneficiary: { uscc: string; kind: string; registeredInYangpu: boolean; registeredInShanghai: boolean };
}

export interface EvaluatedClaim {
  ref: string;
  status: 'granted' | 'ineligible' | 'excluded' | 'needs-parameters' | 'invalid';
  fen: number;
  basis: string | null;
  missingParameters: string[];
  issues?: InputIssue[];
}

/** A claim to evaluate without its ref: the ref is given by position (e.g. a scan's candidates). */
export type Evaluable = Omit<EvaluableClaim, 'ref'>;

/**
 * Evaluates claims grouped per beneficiary, one engine request each, and returns the results by position
 * (out[i] is claims[i]'s). `refOf(i)` is claim i's id in its request: ids break ties in non-duplication and
 * order same-day claims, so a caller keeps them as they always were.
 */
export function evaluateInGroups(
  ruleset: Ruleset,
  claims: readonly Evaluable[],
  refOf: (i: number) => string,
  granted: ReadonlyMap<string, GrantedEntry[]>,
  parameters?: Record<string, number | string>,
): EvaluatedClaim[] {
  const results: EvaluatedClaim[] = new Array(claims.length);
  for (const step of evaluateInSteps(ruleset, claims, refOf, granted, parameters, Number.POSITIVE_INFINITY)) {
    for (let k = 0; k < step.positions.length; k++) results[step.positions[k]!] = step.results[k]!;
  }
  return results;
}

/** One step of evaluateInSteps: whole beneficiaries, `results[k]` being claim `positions[k]`'s. */
export interface EvaluatedStep {
  positions: number[];
  results: EvaluatedClaim[];
  /** Where each beneficiary's positions start in `positions` (one request each), then positions.length. */
  groupStarts: number[];
}

/**
 * evaluateInGroups a few beneficiaries at a time (about `stepClaims` claims a step), so a caller can store what
 * is done while the rest is evaluated and need not keep every result: nothing is retained between steps.
 */
export function* evaluateInSteps(
  ruleset: Ruleset,
  claims: readonly Evaluable[],
  refOf: (i: number) => string,
  granted: ReadonlyMap<string, GrantedEntry[]>,
  parameters: Record<string, number | string> | undefined,
  stepClaims: number,
): Generator<EvaluatedStep, void, void> {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < claims.length; i++) {
    const uscc = claims[i]!.beneficiary.uscc;
    const list = groups.get(uscc);
    if (list) list.push(i);
    else groups.set(uscc, [i]);
  }
  const withOverlay = parameters && Object.keys(parameters).length ? { parameters } : {};
  const request = (list: number[]): EvaluationRequest => {
    const b = claims[list[0]!]!.beneficiary;
    return {
      beneficiary: { uscc: b.uscc, kind: b.kind as EvaluationRequest['beneficiary']['kind'], registeredInYangpu: b.registeredInYangpu, registeredInShanghai: b.registeredInShanghai },
      claims: list.map((i) => {
        const c = claims[i]!;
        return c.matter ? { id: refOf(i), measure: c.measure, eventDate: c.eventDate, matter: c.matter, facts: c.facts } : { id: refOf(i), measure: c.measure, eventDate: c.eventDate, facts: c.facts };
      }),
      granted: granted.get(b.uscc) ?? [],
      ...withOverlay,
    };
  };
  const run = (lists: number[][]): EvaluatedStep => {
    const batch = evaluateSummaryBatch(ruleset, lists.map(request));
    const positions: number[] = [];
    const results: EvaluatedClaim[] = [];
    const groupStarts: number[] = [];
    for (let g = 0; g < batch.length; g++) {
      const item = batch[g]!;
      const list = lists[g]!;
      groupStarts.push(positions.length);
      for (const i of list) positions.push(i);
      if (!item.ok) {
        for (const i of list) results.push({ ref: refOf(i), status: 'invalid', fen: 0, basis: null, missingParameters: [], issues: item.issues });
        continue;
      }
      // The engine answers in the request's claim order.
      for (const r of item.response.results) results.push({ ref: r.id, status: r.status, fen: Math.round(r.amount * 100), basis: r.basis, missingParameters: r.missingParameters });
    }
    groupStarts.push(positions.length);
    return { positions, results, groupStarts };
  };
  let lists: number[][] = [];
  let size = 0;
  for (const list of groups.values()) {
    lists.push(list);
    size += list.length;
    if (size >= stepClaims) {
      yield run(lists);
      lists = [];
      size = 0;
    }
  }
  if (lists.length) yield run(lists);
}

export function evaluateGrouped(
  ruleset: Ruleset,
  claims: readonly EvaluableClaim[],
  granted: ReadonlyMap<string, GrantedEntry[]>,
  parameters?: Record<string, number | string>,
): { results: Map<string, EvaluatedClaim>; rulesetVersion: string } {
  const evaluated = evaluateInGroups(ruleset, claims, (i) => claims[i]!.ref, granted, parameters);
  const out = new Map<string, EvaluatedClaim>();
  for (const r of evaluated) out.set(r.ref, r);
  return { results: out, rulesetVersion: ruleset.version };
}
