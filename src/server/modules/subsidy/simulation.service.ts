// 政策模拟: a parameter overlay over a set of claims or a scan, baseline against scenario, per measure and per
// beneficiary. Reads only: nothing is stored, and the overlay never reaches the ruleset other requests use.
import { PolicyInputError, withParameters } from '../../../policy';
import type { Database } from '../../db/connect';
import { badRequest } from '../../platform/errors';
import { fenToYuan } from '../../platform/money';
import { currentRuleset } from '../policy/policy.ruleset';
import { allClaims } from './claims.repository';
import { collectCandidates, grantedByBeneficiary, toEvaluable } from './scan.service';
import { evaluateGrouped, type EvaluableClaim } from './scan-evaluate';
import type { SimulationInput } from './subsidy.schemas';

const DEFAULT_STATUSES = ['submitted', 'under_review', 'determined', 'in_public_notice', 'approved_for_payment', 'paid'] as const;

export async function simulate(db: Database, input: SimulationInput) {
  const ruleset = await currentRuleset(db);
  const entries = Object.entries(input.parameters);
  try {
    // Validates keys and values exactly as the engine will read them; the compiled copy is thrown away.
    withParameters(ruleset, entries.map(([key, value]) => ({ key, value, effectiveFrom: '1900-01-01', reference: 'simulation' })));
  } catch (e) {
    if (!(e instanceof PolicyInputError)) throw e;
    throw badRequest(e.issues.map((i) => {
      const n = Number(/parameters\[(\d+)\]/.exec(i.path)?.[1] ?? -1);
      return { path: n >= 0 ? `body.parameters["${entries[n]![0]}"]` : 'body.parameters', message: i.message };
    }));
  }
  let claims: EvaluableClaim[];
  let names: Map<string, string>;
  let except: Set<string> | undefined;
  if (input.over.kind === 'claims') {
    const f = input.over.filter;
    const rows = await allClaims(db, { measure: f.measure, year: f.year, statuses: f.statuses?.length ? f.statuses : DEFAULT_STATUSES });
    claims = rows.map((r) => ({
      ref: r.id, measure: r.measure, eventDate: r.event_date, matter: r.matter ?? undefined, facts: r.facts,
      beneficiary: { uscc: r.beneficiary_uscc, kind: r.beneficiary_kind, registeredInYangpu: r.registered_in_yangpu, registeredInShanghai: r.registered_in_shanghai },
    }));
    names = new Map(rows.map((r) => [r.beneficiary_uscc, r.beneficiary_name]));
    // The simulated claims are evaluated afresh; what else the beneficiaries hold stays `granted`.
    except = new Set(rows.map((r) => r.id));
  } else {
    const { candidates } = await collectCandidates(db, input.over.year);
    claims = toEvaluable(candidates);
    names = new Map(candidates.map((c) => [c.beneficiary.uscc, c.beneficiary.name]));
  }
  const granted = await grantedByBeneficiary(db, except);
  const baseline = evaluateGrouped(ruleset, claims, granted).results;
  let scenario;
  try {
    scenario = evaluateGrouped(ruleset, claims, granted, input.parameters).results;
  } catch (e) {
    if (e instanceof PolicyInputError) throw badRequest(e.issues.map((i) => ({ path: `body.${i.path}`, message: i.message })));
    throw e;
  }
  // An overlay value the engine refuses fails every request the same way: report it as a 400, not per claim.
  const overlayIssue = [...scenario.values()].find((r) => r.status === 'invalid' && r.issues?.some((i) => i.path.startsWith('parameters')));
  if (overlayIssue) throw badRequest(overlayIssue.issues!.filter((i) => i.path.startsWith('parameters')).map((i) => ({ path: `body.${i.path}`, message: i.message })));

  const measures = new Map<string, { baseline: number; scenario: number; baselineGranted: number; scenarioGranted: number; claims: number }>();
  const people = new Map<string, { baseline: number; scenario: number; claims: Array<{ ref: string; measure: string; baseline: number; scenario: number; baselineStatus: string; scenarioStatus: string }> }>();
  let invalid = 0;
  for (const c of claims) {
    const b = baseline.get(c.ref)!;
    const s = scenario.get(c.ref)!;
    if (b.status === 'invalid') invalid += 1;
    const m = measures.get(c.measure) ?? { baseline: 0, scenario: 0, baselineGranted: 0, scenarioGranted: 0, claims: 0 };
    m.claims += 1;
    m.baseline += b.fen;
    m.scenario += s.fen;
    if (b.status === 'granted') m.baselineGranted += 1;
    if (s.status === 'granted') m.scenarioGranted += 1;
    measures.set(c.measure, m);
    const who = people.get(c.beneficiary.uscc) ?? { baseline: 0, scenario: 0, claims: [] };
    who.baseline += b.fen;
    who.scenario += s.fen;
    if (b.fen !== s.fen || b.status !== s.status) who.claims.push({ ref: c.ref, measure: c.measure, baseline: b.fen, scenario: s.fen, baselineStatus: b.status, scenarioStatus: s.status });
    people.set(c.beneficiary.uscc, who);
  }
  const changed = [...people.entries()].filter(([, p]) => p.claims.length > 0);
  changed.sort((a, b) => Math.abs(b[1].scenario - b[1].baseline) - Math.abs(a[1].scenario - a[1].baseline) || a[0].localeCompare(b[0]));
  const sum = (k: 'baseline' | 'scenario') => [...measures.values()].reduce((s, m) => s + m[k], 0);
  return {
    rulesetVersion: ruleset.version,
    parameters: input.parameters,
    over: input.over,
    claims: claims.length,
    beneficiaries: people.size,
    invalid,
    totals: { baseline: fenToYuan(sum('baseline')), scenario: fenToYuan(sum('scenario')), delta: fenToYuan(sum('scenario') - sum('baseline')) },
    byMeasure: [...measures.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([measure, m]) => ({
      measure, title: ruleset.measures.get(measure)?.source.title ?? measure, claims: m.claims, baselineGranted: m.baselineGranted, scenarioGranted: m.scenarioGranted,
      baseline: fenToYuan(m.baseline), scenario: fenToYuan(m.scenario), delta: fenToYuan(m.scenario - m.baseline),
    })),
    changedBeneficiaries: changed.length,
    changes: changed.slice(0, input.limit).map(([uscc, p]) => ({
      uscc, name: names.get(uscc) ?? uscc, baseline: fenToYuan(p.baseline), scenario: fenToYuan(p.scenario), delta: fenToYuan(p.scenario - p.baseline),
      claims: p.claims.map((c) => ({ ...c, baseline: fenToYuan(c.baseline), scenario: fenToYuan(c.scenario) })),
    })),
  };
}
