import { describe, expect, it } from 'vitest';
import { describeRuleset } from './describe';
import { PolicyInputError } from './errors';
import { evaluate, evaluateBatch } from './evaluate';
import { loadRuleset } from './load';
import { withParameters } from './parameters';
import type { EvaluationRequest } from './types';

const ruleset = loadRuleset();
const beneficiary = { uscc: '91310110666007217T', kind: 'enterprise', registeredInYangpu: true, registeredInShanghai: true } as const;
const loan = (over: Partial<EvaluationRequest> = {}): EvaluationRequest => ({
  beneficiary,
  claims: [{ id: 'c1', measure: 'YP2025-8.2', eventDate: '2025-06-30', matter: 'LOAN-001', facts: { interestPaid: 1200000 } }],
  granted: [{ measure: 'YP2025-8.2', year: 2025, amount: 300000 }],
  ...over,
});

function issuesOf(request: unknown): Array<{ path: string; message: string }> {
  try {
    evaluate(ruleset, request);
  } catch (e) {
    if (e instanceof PolicyInputError) return e.issues;
    throw e;
  }
  throw new Error('expected a PolicyInputError');
}

describe('trace', () => {
  it('lists conditions, parameters, arithmetic and caps in evaluation order', () => {
    const r = evaluate(ruleset, loan()).results[0]!;
    expect(r.trace.map((s) => `${s.kind}:${s.step}`)).toEqual([
      'condition:window', 'condition:beneficiary-kind', 'condition:registration',
      'parameter:parameter', 'parameter:parameter', 'arithmetic:rate × base', 'cap:year cap',
    ]);
    const [rate, cap] = r.trace.filter((s) => s.kind === 'parameter');
    expect(rate).toMatchObject({ key: 'YP2025-8.2.rate', parameterValue: '0.5', effectiveFrom: '2025-03-21', clause: '杨府发〔2025〕2号 第8条 按照贷款利息的50%' });
    expect(cap).toMatchObject({ key: 'YP2025-8.2.cap', parameterValue: '1000000' });
    expect(r.trace[0]).toMatchObject({ met: true, facts: { eventDate: '2025-06-30' } });
    expect(r.trace.at(-1)).toMatchObject({ kind: 'cap', cap: 1000000, used: 300000, before: 600000, after: 600000 });
  });

  it('stops at the first failed condition and ends with the exclusion for excluded claims', () => {
    const res = evaluate(ruleset, {
      beneficiary,
      claims: [
        { id: 'a', measure: 'YP2025-8.1', eventDate: '2025-06-30', matter: 'M', facts: { issuanceCost: 100 } },
        { id: 'b', measure: 'YP2025-8.2', eventDate: '2025-06-30', matter: 'M', facts: { interestPaid: 1000 } },
        { id: 'c', measure: 'YP2025-8.2', eventDate: '2027-01-01', matter: 'N', facts: { interestPaid: 1000 } },
      ],
    });
    const [a, , c] = res.results;
    expect(a!.trace.at(-1)).toMatchObject({ kind: 'exclusion', winner: 'b', group: 'ip-financing', matter: 'M' });
    expect(c!.trace).toHaveLength(1);
    expect(c!.trace[0]).toMatchObject({ kind: 'condition', step: 'window', met: false });
  });
});

describe('response', () => {
  it('carries rulesetVersion and a canonical inputHash (key order does not matter)', () => {
    const a = evaluate(ruleset, loan());
    const reordered = JSON.parse(JSON.stringify({ granted: loan().granted, claims: loan().claims, beneficiary }));
    const b = evaluate(ruleset, reordered);
    expect(a.rulesetVersion).toBe(ruleset.version);
    expect(a.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.inputHash).toBe(a.inputHash);
    expect(evaluate(ruleset, loan({ granted: [] })).inputHash).not.toBe(a.inputHash);
    expect(a.total).toBe(600000);
  });

  it('evaluates a batch, reporting a bad request without stopping the others', () => {
    const out = evaluateBatch(ruleset, [loan(), { beneficiary, claims: [] }, loan({ granted: [] })]);
    expect(out.map((o) => o.ok)).toEqual([true, false, true]);
    expect(out[2]!.ok && out[2]!.response.total).toBe(600000);
    expect(!out[1]!.ok && out[1]!.issues[0]!.path).toBe('claims');
  });
});

describe('parameters', () => {
  it('an overlay applies to one request only and shows in the trace', () => {
    const res = evaluate(ruleset, { beneficiary, claims: [{ id: 'c1', measure: 'YP2025-12', eventDate: '2025-06-30', facts: { loanAmount: 5000000 } }], parameters: { 'YP2025-12.rate': 0.01 } });
    expect(res.results[0]).toMatchObject({ status: 'granted', amount: 50000, basis: 'computed' });
    expect(res.results[0]!.trace.find((s) => s.kind === 'parameter' && s.key === 'YP2025-12.rate')).toMatchObject({ source: 'overlay', parameterValue: '0.01' });
    expect(res.rulesetVersion).toBe(ruleset.version);
    const again = evaluate(ruleset, { beneficiary, claims: [{ id: 'c1', measure: 'YP2025-12', eventDate: '2025-06-30', facts: { loanAmount: 5000000 } }] });
    expect(again.results[0]).toMatchObject({ amount: 200000, basis: 'cap' });
  });

  it('withParameters adds dated officer values, looked up by eventDate, as a new version', () => {
    const next = withParameters(ruleset, [{ key: 'YP2025-12.rate', value: 0.01, effectiveFrom: '2025-06-01', reference: '杨浦区科创金融实施细则 第3条' }]);
    expect(next.version).not.toBe(ruleset.version);
    expect(ruleset.parameters.get('YP2025-12.rate')!.values).toHaveLength(0);
    const claim = (eventDate: string) => ({ id: 'c1', measure: 'YP2025-12', eventDate, facts: { loanAmount: 5000000 } });
    const before = evaluate(next, { beneficiary, claims: [claim('2025-05-31')] }).results[0]!;
    const after = evaluate(next, { beneficiary, claims: [claim('2025-06-01')] }).results[0]!;
    expect(before).toMatchObject({ amount: 200000, basis: 'cap' });
    expect(after).toMatchObject({ amount: 50000, basis: 'computed' });
    expect(after.trace.find((s) => s.kind === 'parameter' && s.key === 'YP2025-12.rate')).toMatchObject({ source: 'officer', effectiveFrom: '2025-06-01', clause: '杨浦区科创金融实施细则 第3条' });
    const officer = describeRuleset(next).parameters.find((p) => p.key === 'YP2025-12.rate')!;
    expect(officer).toMatchObject({ value: '0.01', effectiveFrom: '2025-06-01', source: 'officer' });
  });

  it('withParameters lets a needs-parameters measure compute once its 细则 values are set', () => {
    const next = withParameters(ruleset, [
      { key: 'YP2024-11.rate', value: 0.6, effectiveFrom: '2024-02-27', reference: '细则' },
      { key: 'YP2024-11.cap', value: 800000, effectiveFrom: '2024-02-27', reference: '细则' },
    ]);
    const res = evaluate(next, { beneficiary, claims: [{ id: 'c1', measure: 'YP2024-11', eventDate: '2025-01-01', matter: 'IP', facts: { interestPaid: 100000 } }] });
    expect(res.results[0]).toMatchObject({ status: 'granted', amount: 60000 });
  });

  it.each([
    [{ key: 'YP2025-99.rate', value: 0.1, effectiveFrom: '2025-01-01', reference: 'x' }, 'parameters[0].key'],
    [{ key: 'YP2025-12.rate', value: -0.1, effectiveFrom: '2025-01-01', reference: 'x' }, 'parameters[0].value'],
    [{ key: 'YP2025-12.cap', value: 0.001, effectiveFrom: '2025-01-01', reference: 'x' }, 'parameters[0].value'],
    [{ key: 'YP2025-12.rate', value: 0.1, effectiveFrom: '2025-02-30', reference: 'x' }, 'parameters[0].effectiveFrom'],
    [{ key: 'YP2025-12.rate', value: 0.1, effectiveFrom: '2025-01-01', reference: '' }, 'parameters[0].reference'],
  ])('withParameters refuses %o at %s', (setting, path) => {
    expect(() => withParameters(ruleset, [setting])).toThrow(PolicyInputError);
    try {
      withParameters(ruleset, [setting]);
    } catch (e) {
      expect((e as PolicyInputError).issues.map((i) => i.path)).toContain(path);
    }
  });
});

describe('bad input names the claim and the field', () => {
  const claim = (c: Record<string, unknown>) => ({ beneficiary, claims: [{ id: 'c1', measure: 'YP2025-8.2', eventDate: '2025-06-30', matter: 'L', facts: { interestPaid: 1 }, ...c }] });
  it.each([
    [claim({ measure: 'YP2025-99' }), 'claims[0].measure', 'claim c1'],
    [claim({ facts: {} }), 'claims[0].facts.interestPaid', 'required fact interestPaid'],
    [claim({ facts: { interestPaid: -5 } }), 'claims[0].facts.interestPaid', 'negative'],
    [claim({ facts: { interestPaid: '5' } }), 'claims[0].facts.interestPaid', 'JSON number'],
    [claim({ facts: { interestPaid: 5, rate: 1 } }), 'claims[0].facts.rate', 'no fact "rate"'],
    [claim({ eventDate: '2025-6-30' }), 'claims[0].eventDate', 'YYYY-MM-DD'],
    [claim({ amount: 5 }), 'claims[0].amount', 'unknown field'],
    [{ ...claim({}), extra: 1 }, 'extra', 'unknown field'],
    [{ ...claim({}), beneficiary: { ...beneficiary, uscc: '91310110666007217X' } }, 'beneficiary.uscc', 'check character'],
    [{ ...claim({}), beneficiary: { ...beneficiary, kind: 'person' } }, 'beneficiary.kind', 'one of'],
    [{ ...claim({}), beneficiary: { uscc: beneficiary.uscc, kind: 'enterprise', registeredInYangpu: true } }, 'beneficiary.registeredInShanghai', 'true or false'],
    [{ ...claim({}), granted: [{ measure: 'YP2025-8.2', year: 2025, amount: -1 }] }, 'granted[0].amount', 'negative'],
    [{ ...claim({}), parameters: { 'YP2025-8.2.rat': 0.1 } }, 'parameters["YP2025-8.2.rat"]', 'unknown parameter'],
  ])('%#: %s', (request, path, message) => {
    const issues = issuesOf(request);
    const hit = issues.find((i) => i.path === path);
    expect(hit, JSON.stringify(issues)).toBeDefined();
    expect(hit!.message).toContain(message);
  });

  it('names the claim by id when a later claim is bad, and reports every issue at once', () => {
    const issues = issuesOf({
      beneficiary,
      claims: [
        { id: 'ok', measure: 'YP2025-8.2', eventDate: '2025-06-30', matter: 'L', facts: { interestPaid: 1 } },
        { id: 'loan-7', measure: 'YP2025-8.2', eventDate: '2025-06-30', matter: 'L', facts: {} },
        { id: 'ok', measure: 'YP2025-3', eventDate: '2025-06-30', facts: { investmentAmount: 1 } },
      ],
    });
    expect(issues).toEqual([
      { path: 'claims[1].facts.interestPaid', message: 'claim loan-7: required fact interestPaid (贷款利息) is missing' },
      { path: 'claims[2].id', message: 'claim ok: id is used by an earlier claim' },
    ]);
  });
});
