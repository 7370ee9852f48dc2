// Lifecycle stage (初创期/成长期/成熟期) from the configurable rules of a LifecycleModel, explained: which rule and
// which group of conditions decided, with the enterprise's figures.
import type { EnterpriseYearFacts } from './facts';
import { indicatorValue } from './indicators';
import type { LifecycleModel, Stage } from './models';

export interface LifecycleResult {
  stage: Stage;
  /** Index of the deciding rule, null when the default stage applied. */
  rule: number | null;
  explanation: string[];
  facts: Record<string, number | null>;
  /** True when a missing fact could have changed the stage. */
  uncertain: boolean;
  needed: string[];
}

const holds = (v: number, op: string, x: number) => (op === '>=' ? v >= x : op === '>' ? v > x : op === '<' ? v < x : v <= x);

function cached(cache: Map<string, ReturnType<typeof indicatorValue>>, f: EnterpriseYearFacts, fact: string) {
  let v = cache.get(fact);
  if (!v) { v = indicatorValue(fact as never, f); cache.set(fact, v); }
  return v;
}

export function evaluateLifecycle(f: EnterpriseYearFacts, model: LifecycleModel): LifecycleResult {
  const cache = new Map<string, ReturnType<typeof indicatorValue>>();
  const explanation: string[] = [];
  let uncertain = false;
  const needed = new Set<string>();
  for (const [ri, rule] of model.rules.entries()) {
    for (const group of rule.anyOf) {
      let all: boolean | null = true;
      for (const c of group) {
        const v = cached(cache, f, c.fact);
        if (v.value === null) { all = all === false ? false : null; v.needed.forEach((n) => needed.add(n)); }
        else if (!holds(v.value, c.op, c.value)) all = false;
      }
      const text = group.map((c) => `${c.fact} ${cached(cache, f, c.fact).value ?? 'unknown'} ${c.op} ${c.value}`).join(' and ');
      if (all === true) {
        explanation.push(`rule ${ri + 1} (${rule.stage}): ${text} — holds`);
        return { stage: rule.stage, rule: ri, explanation, facts: Object.fromEntries([...cache].map(([k, v]) => [k, v.value])), uncertain, needed: [...needed] };
      }
      if (all === null) uncertain = true;
      explanation.push(`rule ${ri + 1} (${rule.stage}): ${text} — ${all === null ? 'unknown' : 'does not hold'}`);
    }
  }
  explanation.push(`no rule holds → default stage ${model.defaultStage}`);
  return { stage: model.defaultStage, rule: null, explanation, facts: Object.fromEntries([...cache].map(([k, v]) => [k, v.value])), uncertain, needed: [...needed] };
}
