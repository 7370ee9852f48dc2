// The fast path (evaluateSummary) and the full path (evaluate) take the same decisions: on
// every YAML case request, on variations of them, on a ruleset with every open 细则 value
// set, and on the benchmark's synthetic requests, the summary equals the full response's
// status, amount, basis, excludedBy and missingParameters, and refuses the same requests
// with the same issues.
import { describe, expect, it } from 'vitest';
import { makeRequests } from '../../bench/policy/claims';
import { caseRequest } from './cases';
import type { Ruleset } from './compile';
import { addDays } from './dates';
import { PolicyInputError } from './errors';
import { evaluate, evaluateBatch } from './evaluate';
import { loadPolicies } from './load';
import { withParameters } from './parameters';
import { evaluateSummary, evaluateSummaryBatch } from './summary';

const { ruleset, cases } = loadPolicies();

function officerRuleset(): Ruleset {
  const open = [...ruleset.parameters.values()].filter((p) => p.values.length === 0);
  const value = (unit: string) => (unit === 'rate' ? 0.35 : unit === 'yuan' ? 150000.5 : 3);
  return withParameters(ruleset, open.map((p) => ({ key: p.key, value: value(p.unit), effectiveFrom: '2024-01-01', reference: `细则 ${p.key}` })));
}

/** Money scaled and dates shifted, so caps bind and windows close differently than in the case. */
function variant(req: Record<string, unknown>, mult: number, shift: number): Record<string, unknown> {
  const claims = (req.claims as Array<Record<string, unknown>>).map((c) => {
    const m = ruleset.measures.get(String(c.measure));
    const facts: Record<string, unknown> = {};
    for (const [name, v] of Object.entries((c.facts ?? {}) as Record<string, unknown>)) {
      facts[name] = m?.source.facts[name]?.type === 'money' && typeof v === 'number' ? Math.round(v * mult * 100) / 100 : v;
    }
    const eventDate = typeof c.eventDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(c.eventDate) ? addDays(c.eventDate, shift) : c.eventDate;
    return { ...c, eventDate, facts };
  });
  return { ...req, claims };
}

function outcome(f: () => { results: Array<{ id: string; measure: string; status: string; amount: number; basis: string | null; excludedBy: string | null; missingParameters: string[] }>; total: number; rulesetVersion: string }) {
  try {
    const r = f();
    return {
      rulesetVersion: r.rulesetVersion,
      total: r.total,
      results: r.results.map(({ id, measure, status, amount, basis, excludedBy, missingParameters }) => ({ id, measure, status, amount, basis, excludedBy, missingParameters })),
    };
  } catch (e) {
    if (e instanceof PolicyInputError) return { issues: e.issues };
    throw e;
  }
}

const requests = cases.flatMap((c) => {
  const req = caseRequest(c);
  return [req, variant(req, 0.37, -400), variant(req, 1.9, 45), variant(req, 13, 300)];
});

describe('evaluateSummary', () => {
  for (const [label, rs] of [['policy data', ruleset], ['every open 细则 value set', officerRuleset()]] as const) {
    it(`equals evaluate on every case request and its variants (${label})`, () => {
      let compared = 0;
      for (const req of requests) {
        expect(outcome(() => evaluateSummary(rs, req))).toEqual(outcome(() => evaluate(rs, req)));
        compared++;
      }
      expect(compared).toBe(cases.length * 4);
    });
  }

  it('equals evaluateBatch on the benchmark requests, and reports the same issues', () => {
    const batch = makeRequests(0, 5_000, 10);
    const full = evaluateBatch(ruleset, batch);
    const fast = evaluateSummaryBatch(ruleset, batch);
    expect(fast.length).toBe(full.length);
    fast.forEach((item, i) => {
      const want = full[i]!;
      if (!want.ok) return expect(item).toEqual(want);
      expect(item.ok && outcome(() => item.response)).toEqual(outcome(() => want.response));
    });
    const bad = [{ beneficiary: {}, claims: [] }];
    expect(evaluateSummaryBatch(ruleset, bad)).toEqual(evaluateBatch(ruleset, bad));
  });
});
