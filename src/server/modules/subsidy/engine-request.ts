import type { EvaluationRequest, GrantedEntry } from '../../../policy';
import { fenToYuan } from '../../platform/money';

export interface ClaimLike {
  id: string;
  measure: string;
  event_date: string;
  matter: string | null;
  facts: Record<string, number | string | boolean>;
  beneficiary_uscc: string;
  beneficiary_kind: string;
  registered_in_yangpu: boolean;
  registered_in_shanghai: boolean;
}

export function grantedEntries(rows: Array<{ measure: string; event_date: string; amount: number | null; matter: string | null }>): GrantedEntry[] {
  return rows.map((g) => ({ measure: g.measure, year: Number(g.event_date.slice(0, 4)), amount: fenToYuan(g.amount ?? 0), ...(g.matter ? { matter: g.matter } : {}) }));
}

/** The evaluation contract's request for one beneficiary's claims, with what it already has as `granted`. */
export function engineRequest(claims: ClaimLike[], granted: GrantedEntry[], parameters?: Record<string, number | string>): EvaluationRequest {
  const first = claims[0]!;
  return {
    beneficiary: {
      uscc: first.beneficiary_uscc,
      kind: first.beneficiary_kind as EvaluationRequest['beneficiary']['kind'],
      registeredInYangpu: first.registered_in_yangpu,
      registeredInShanghai: first.registered_in_shanghai,
    },
    claims: claims.map((c) => ({ id: c.id, measure: c.measure, eventDate: c.event_date, ...(c.matter ? { matter: c.matter } : {}), facts: c.facts })),
    granted,
    ...(parameters && Object.keys(parameters).length ? { parameters } : {}),
  };
}
