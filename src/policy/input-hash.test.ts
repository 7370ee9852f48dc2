import { describe, expect, it } from 'vitest';
import { makeRequests } from '../../bench/policy/claims';
import { caseRequest } from './cases';
import { canonicalJson, sha256Hex } from './hash';
import { parseRequest } from './input';
import { inputHashOf } from './input-hash';
import { loadPolicies } from './load';

const { ruleset, cases } = loadPolicies();

/** The definition: sha256 of canonicalJson of the request as given. */
const reference = (request: unknown) => sha256Hex(canonicalJson(request));

function accepted(request: unknown): boolean {
  try {
    parseRequest(ruleset, request);
    return true;
  } catch {
    return false;
  }
}

const hashOf = (request: unknown) => inputHashOf(request, parseRequest(ruleset, request));

describe('inputHashOf', () => {
  it('equals sha256(canonicalJson) on every YAML case the engine accepts', () => {
    let n = 0;
    for (const c of cases) {
      const request = caseRequest(c);
      if (!accepted(request)) continue;
      expect(hashOf(request), c.name).toBe(reference(request));
      n++;
    }
    expect(n).toBeGreaterThan(100);
  });

  it('equals it on the benchmark requests (unsorted claim keys, rate and enum facts, granted)', () => {
    for (const request of makeRequests(0, 2_000, 10)) expect(hashOf(request)).toBe(reference(request));
  });

  const base = () => ({
    beneficiary: { uscc: '91310110666007217T', kind: 'enterprise', registeredInYangpu: true, registeredInShanghai: true },
    claims: [{ id: 'c1', measure: 'YP2025-8.2', eventDate: '2025-06-30', matter: 'LOAN-1', facts: { interestPaid: 1200000.5 } }],
  });
  const shapes: Array<[string, () => unknown]> = [
    ['keys in reverse order everywhere', () => {
      const b = base();
      return { claims: [{ facts: b.claims[0]!.facts, matter: 'LOAN-1', measure: 'YP2025-8.2', id: 'c1', eventDate: '2025-06-30' }], beneficiary: { registeredInShanghai: true, registeredInYangpu: true, kind: 'enterprise', uscc: b.beneficiary.uscc } };
    }],
    ['members that are undefined', () => ({ ...base(), granted: undefined, parameters: undefined, claims: [{ ...base().claims[0]!, matter: 'LOAN-1' }] })],
    ['an optional matter left out', () => ({ ...base(), claims: [{ id: 'c1', measure: 'YP2025-7.2', eventDate: '2025-06-30', facts: { intermediaryFees: 1000 } }] })],
    ['strings that need escaping', () => ({ ...base(), claims: [{ ...base().claims[0]!, id: 'c"1\\\n\u2028', matter: '贷款\ud83d\ude00' }] })],
    ['granted entries and a parameter overlay', () => ({ ...base(), granted: [{ year: 2025, measure: 'YP2025-8.2', amount: 300000, matter: 'LOAN-0' }, { measure: 'YP2025-8.1', year: 2025, amount: 1.5 }], parameters: { 'YP2025-8.2.rate': 0.3, 'YP2025-8.2.cap': '900000' } })],
    ['an empty granted list and empty overlay', () => ({ ...base(), granted: [], parameters: {} })],
    ['null-prototype objects', () => {
      const b = base();
      const facts = Object.assign(Object.create(null), { interestPaid: 5 });
      const claim = Object.assign(Object.create(null), { ...b.claims[0]!, facts });
      return Object.assign(Object.create(null), { beneficiary: Object.assign(Object.create(null), b.beneficiary), claims: [claim] });
    }],
    ['a toJSON on a claim (left to canonicalJson)', () => {
      const b = base();
      const claim = { ...b.claims[0]!, toJSON: undefined as unknown };
      Object.defineProperty(claim, 'toJSON', { enumerable: false, value: () => ({ id: 'other' }) });
      return { ...b, claims: [claim] };
    }],
    ['a class-instance facts object (left to canonicalJson)', () => {
      const b = base();
      class Facts { interestPaid = 7; }
      return { ...b, claims: [{ ...b.claims[0]!, facts: new Facts() }] };
    }],
    ['an inherited member (left out, as canonicalJson does)', () => {
      const b = base();
      const claim = Object.create({ matter: 'INHERITED' });
      Object.assign(claim, { id: 'c1', measure: 'YP2025-7.2', eventDate: '2025-06-30', facts: { intermediaryFees: 1000 } });
      return { ...b, claims: [claim] };
    }],
  ];
  for (const [name, make] of shapes) {
    it(`equals it for ${name}`, () => {
      const request = make();
      expect(accepted(request), 'the engine accepts this request').toBe(true);
      expect(hashOf(request)).toBe(reference(request));
    });
  }
});
