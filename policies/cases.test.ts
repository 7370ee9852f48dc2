// Runs every YAML case under policies/ (one test per case, named after it), then checks
// that the cases together cover what the issue asks: every parameter, both window edges
// of every document, every cap exactly and one fen over, year caps partly used, `once`,
// non-duplication in both directions and needs-parameters. Coverage is read from traces.
import { describe, expect, it } from 'vitest';
import { addDays } from '../src/policy/dates';
import { loadPolicies } from '../src/policy/load';
import { runCase } from '../src/policy/cases';
import type { ClaimResult } from '../src/policy/types';

const { ruleset, cases } = loadPolicies();
const results: ClaimResult[] = [];
const responses: ClaimResult[][] = [];

describe('policy cases', () => {
  for (const c of cases) {
    it(c.name, () => {
      const outcome = runCase(ruleset, c);
      results.push(...(outcome.response?.results ?? []));
      if (outcome.response) responses.push(outcome.response.results);
      expect(outcome.failures).toEqual([]);
    });
  }
});

describe('policy cases cover', () => {
  const steps = () => results.flatMap((r) => r.trace.map((s) => ({ r, s })));

  it('every parameter with a value is read, and every open one is reported missing', () => {
    const read = new Set(steps().flatMap(({ s }) => (s.kind === 'parameter' && s.source !== 'missing' ? [s.key] : [])));
    const missing = new Set(results.flatMap((r) => r.missingParameters));
    const uncovered = [...ruleset.parameters.values()].filter((p) => (p.values.length ? !read.has(p.key) : !missing.has(p.key) && !read.has(p.key))).map((p) => p.key);
    expect(uncovered).toEqual([]);
  });

  it('both window edges of every document (first and last day in, the days either side out)', () => {
    const gaps: string[] = [];
    for (const d of ruleset.documents.values()) {
      const edges: Array<[string, boolean]> = [[d.window.from, true], [addDays(d.window.from, -1), false], [d.window.to, true], [addDays(d.window.to, 1), false]];
      for (const [date, met] of edges) {
        const hit = results.some((r) => r.measure.startsWith(`${d.id}-`) && r.trace.some((s) => s.kind === 'condition' && s.step === 'window' && s.met === met && s.facts.eventDate === date));
        if (!hit) gaps.push(`${d.id} ${date} ${met ? 'in' : 'out'}`);
      }
    }
    expect(gaps).toEqual([]);
  });

  it('every cap exactly and one fen over (year caps: exactly the remaining amount)', () => {
    const gaps: string[] = [];
    for (const m of ruleset.measures.values()) {
      const cap = m.source.cap;
      if (!cap) continue;
      const capSteps = steps().filter(({ r, s }) => r.measure === m.id && s.kind === 'cap').map(({ s }) => s as Extract<typeof s, { kind: 'cap' }>);
      const room = (s: (typeof capSteps)[number]) => Math.round((s.cap - (s.used ?? 0)) * 100);
      if (!capSteps.some((s) => Math.round(s.before * 100) === room(s) && !s.binding)) gaps.push(`${m.id} exactly`);
      if (!capSteps.some((s) => Math.round(s.before * 100) === room(s) + 1 && s.binding)) gaps.push(`${m.id} one fen over`);
    }
    expect(gaps).toEqual([]);
  });

  it('year caps already partly used', () => {
    const yearMeasures = [...ruleset.measures.values()].filter((m) => m.source.cap?.kind === 'year').map((m) => m.id);
    const partly = new Set(steps().flatMap(({ r, s }) => (s.kind === 'cap' && s.capKind === 'year' && (s.used ?? 0) > 0 && (s.used ?? 0) < s.cap ? [r.measure] : [])));
    expect(yearMeasures.filter((id) => !partly.has(id))).toEqual([]);
  });

  it('every once measure refused a second time', () => {
    const once = [...ruleset.measures.values()].filter((m) => m.source.cap?.kind === 'once').map((m) => m.id);
    const refused = new Set(steps().flatMap(({ r, s }) => (s.kind === 'condition' && s.step === 'once' && !s.met ? [r.measure] : [])));
    expect(once.filter((id) => !refused.has(id))).toEqual([]);
  });

  it('non-duplication in both directions within every group', () => {
    const pairs = new Set<string>();
    for (const rs of responses) {
      for (const r of rs) {
        for (const s of r.trace) {
          const winner = s.kind === 'exclusion' ? rs.find((x) => x.id === s.winner) : undefined;
          if (s.kind === 'exclusion' && winner) pairs.add(`${s.group}:${winner.measure.split('-')[0]}>${r.measure.split('-')[0]}`);
        }
      }
    }
    for (const g of ruleset.groups.values()) {
      expect(pairs.has(`${g.id}:YP2025>YP2024`) && pairs.has(`${g.id}:YP2024>YP2025`), `${g.id}: ${[...pairs].join(', ')}`).toBe(true);
    }
  });

  it('every needs-parameters measure answers needs-parameters', () => {
    const needs = [...ruleset.measures.values()].filter((m) => m.source.kind === 'needs-parameters').map((m) => m.id);
    const seen = new Set(results.filter((r) => r.status === 'needs-parameters').map((r) => r.measure));
    expect(needs.filter((id) => !seen.has(id))).toEqual([]);
  });
});
