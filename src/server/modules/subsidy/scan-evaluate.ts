// The pure core of a 免申即享 scan and of simulations: candidates grouped per beneficiary, one evaluation
// request each (so non-duplication and year caps apply across a beneficiary's candidates), with what the
// beneficiary already has as `granted`. No I/O: the bench measures it on its own.
import { evaluateBatch, type EvaluationRequest, type GrantedEntry, type InputIssue, type Ruleset } from '../../../policy';
import { yuanToFen } from '../../platform/money';

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

export function evaluateGrouped(
  ruleset: Ruleset,
  claims: readonly EvaluableClaim[],
  granted: ReadonlyMap<string, GrantedEntry[]>,
  parameters?: Record<string, number | string>,
): { results: Map<string, EvaluatedClaim>; rulesetVersion: string } {
  const groups = new Map<string, EvaluableClaim[]>();
  for (const c of claims) {
    const list = groups.get(c.beneficiary.uscc);
    if (list) list.push(c);
    else groups.set(c.beneficiary.uscc, [c]);
  }
  const lists = [...groups.values()];
  const requests: EvaluationRequest[] = lists.map((list) => {
    const b = list[0]!.beneficiary;
    return {
      beneficiary: { uscc: b.uscc, kind: b.kind as EvaluationRequest['beneficiary']['kind'], registeredInYangpu: b.registeredInYangpu, registeredInShanghai: b.registeredInShanghai },
      claims: list.map((c) => ({ id: c.ref, measure: c.measure, eventDate: c.eventDate, ...(c.matter ? { matter: c.matter } : {}), facts: c.facts })),
      granted: granted.get(b.uscc) ?? [],
      ...(parameters && Object.keys(parameters).length ? { parameters } : {}),
    };
  });
  const out = new Map<string, EvaluatedClaim>();
  const batch = evaluateBatch(ruleset, requests);
  batch.forEach((item, i) => {
    const list = lists[i]!;
    if (!item.ok) {
      for (const c of list) out.set(c.ref, { ref: c.ref, status: 'invalid', fen: 0, basis: null, missingParameters: [], issues: item.issues });
      return;
    }
    for (const r of item.response.results) {
      out.set(r.id, { ref: r.id, status: r.status, fen: yuanToFen(r.amount) ?? 0, basis: r.basis, missingParameters: r.missingParameters });
    }
  });
  return { results: out, rulesetVersion: ruleset.version };
}
