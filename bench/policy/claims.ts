// Deterministic synthetic claims spread over every computed measure, grouped into
// requests of one beneficiary each (the shape a 免申即享 scan produces).
import type { EvaluationRequest } from '../../src/policy/types';
import { usccCheckChar } from '../../src/policy/uscc';

interface Spec {
  measure: string;
  kind: EvaluationRequest['beneficiary']['kind'];
  facts: (i: number) => Record<string, number | string>;
  year: number;
  matter?: boolean;
}

// Yuan with fen, built from integer fen and divided once so each is an exact 2-decimal number.
const money = (i: number, scale: number) => (((i * 7919) % 100000) * scale * 100 + ((i * 31) % 100) + 100000) / 100;

export const SPECS: Spec[] = [
  { measure: 'YP2025-3', kind: 'incubator', year: 2025, facts: (i) => ({ investmentAmount: money(i, 900) }) },
  { measure: 'YP2025-7.1', kind: 'enterprise', year: 2025, facts: (i) => ({ principal: money(i, 5000), couponRate: (20 + (i % 30)) / 1000, issueDate: '2025-01-15' }) },
  { measure: 'YP2025-7.2', kind: 'enterprise', year: 2025, facts: (i) => ({ intermediaryFees: money(i, 20) }) },
  { measure: 'YP2025-8.1', kind: 'enterprise', year: 2025, matter: true, facts: (i) => ({ issuanceCost: money(i, 30) }) },
  { measure: 'YP2025-8.2', kind: 'enterprise', year: 2025, matter: true, facts: (i) => ({ interestPaid: money(i, 30) }) },
  { measure: 'YP2025-9.1', kind: 'guarantor', year: 2025, facts: (i) => ({ guaranteedAmount: money(i, 500), feeRate: (i % 15) / 1000 }) },
  { measure: 'YP2025-9.2', kind: 'guarantor', year: 2025, facts: (i) => ({ guaranteedAmount: money(i, 2000) }) },
  { measure: 'YP2025-16.1', kind: 'enterprise', year: 2025, facts: (i) => ({ refinancingAmount: money(i, 10000) }) },
  { measure: 'YP2024-1', kind: 'enterprise', year: 2024, facts: (i) => ({ researchInput: money(i, 100) }) },
  { measure: 'YP2024-3', kind: 'enterprise', year: 2024, facts: (i) => ({ rdExpense: money(i, 150), rate: (5 + (i % 30)) / 100 }) },
  { measure: 'YP2024-4.2', kind: 'institution', year: 2024, facts: (i) => ({ municipalSupport: money(i, 20) }) },
  { measure: 'YP2024-6', kind: 'incubator', year: 2024, facts: (i) => ({ municipalSupport: money(i, 20), rating: ['A', 'B', 'C', 'D'][i % 4]! }) },
  { measure: 'HK2017-438', kind: 'enterprise', year: 2018, facts: (i) => ({ premiumPaid: money(i, 15), insuranceType: i % 5 ? 'clinical-trial-liability' : 'other' }) },
];

function uscc(n: number): string {
  const body = `91310110${String(n).padStart(9, '0')}`;
  return body + usccCheckChar(body)!;
}

/** Claims `from` … `from + count - 1`, CLAIMS_PER_REQUEST to a request, every spec in turn. */
export function makeRequests(from: number, count: number, perRequest: number): EvaluationRequest[] {
  const out: EvaluationRequest[] = [];
  for (let start = from; start < from + count; start += perRequest) {
    const r = start / perRequest;
    const spec0 = SPECS[r % SPECS.length]!;
    const claims: EvaluationRequest['claims'] = [];
    for (let k = 0; k < perRequest && start + k < from + count; k++) {
      const i = start + k;
      const spec = SPECS.filter((s) => s.kind === spec0.kind)[k % SPECS.filter((s) => s.kind === spec0.kind).length]!;
      const month = String(1 + (i % 12)).padStart(2, '0');
      const day = String(1 + (i % 28)).padStart(2, '0');
      claims.push({ id: `c${k}`, measure: spec.measure, eventDate: `${spec.year}-${month}-${day}`, ...(spec.matter ? { matter: `M${i % 3}` } : {}), facts: spec.facts(i) });
    }
    out.push({
      beneficiary: { uscc: uscc(r), kind: spec0.kind, registeredInYangpu: r % 17 !== 0, registeredInShanghai: true },
      claims,
      granted: r % 3 === 0 ? [{ measure: spec0.measure, year: spec0.year, amount: 250000 }] : [],
    });
  }
  return out;
}
