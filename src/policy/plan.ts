// Evaluation plans: what every claim of a measure reads, resolved once per compiled
// ruleset — parameters as numbered slots with their dated values' decimal text, clause and
// expected texts joined with the 文号 — so evaluating a claim concatenates no clause
// strings and looks up no parameter keys (issue #3). Kept in a WeakMap beside the ruleset,
// so the Ruleset type and withParameters stay as they are.
import type { CompiledMeasure, CompiledParameter, Ruleset } from './compile';
import type { ConditionSource } from './schema';

export interface ParamPlan {
  /** Index into a claim's `read` slots. */
  slot: number;
  key: string;
  param: CompiledParameter;
}

export interface ConditionPlan {
  source: ConditionSource;
  /** 文号 + the condition's clause. */
  clause: string;
  param: ParamPlan | undefined;
  /** The fact the condition reads (label, and whether it is a rate), when it reads one. */
  label: string;
  labelEn: string;
  isRate: boolean;
  /** `expected` of a oneOf condition, which does not depend on the claim. */
  oneOfExpected: string;
  oneOfZh: string;
  oneOfEn: string;
}

export interface FactorPlan {
  param: ParamPlan | undefined;
  fact: string | undefined;
  key: string;
  label: string;
  labelEn: string;
}

export interface MeasurePlan {
  measure: CompiledMeasure;
  slots: number;
  params: Map<string, ParamPlan>;
  windowExpected: string;
  windowClause: string;
  kindExpected: string;
  registrationExpected: string;
  registrationClause: string;
  conditions: ConditionPlan[];
  /** 文号 + the cap's clause, when the measure has a cap. */
  capClause: string;
  cap: ParamPlan | undefined;
  factors: FactorPlan[];
}

const PLANS = new WeakMap<Ruleset, Map<CompiledMeasure, MeasurePlan>>();

export function plansOf(ruleset: Ruleset): Map<CompiledMeasure, MeasurePlan> {
  let plans = PLANS.get(ruleset);
  if (!plans) {
    plans = new Map();
    for (const m of ruleset.measures.values()) plans.set(m, planMeasure(ruleset, m));
    PLANS.set(ruleset, plans);
  }
  return plans;
}

function planMeasure(ruleset: Ruleset, m: CompiledMeasure): MeasurePlan {
  const doc = m.document;
  const params = new Map<string, ParamPlan>();
  for (const name of Object.keys(m.source.parameters)) {
    const key = m.paramKey(name);
    const param = ruleset.parameters.get(key)!;
    params.set(name, { slot: params.size, key, param });
  }
  const req = doc.registration.requires;
  const f = m.source.formula;
  return {
    measure: m,
    slots: params.size,
    params,
    windowExpected: `${doc.window.from} ≤ eventDate ≤ ${doc.window.to}`,
    windowClause: `${doc.docNumber} ${doc.window.clause}`,
    kindExpected: `kind ∈ {${m.acceptsText}}`,
    registrationExpected: `${req} = true`,
    registrationClause: `${doc.docNumber} ${doc.registration.clause}`,
    conditions: m.source.conditions.map((c) => {
      const spec = 'fact' in c ? m.source.facts[c.fact] : undefined;
      return {
        source: c,
        clause: `${doc.docNumber} ${c.clause}`,
        param: 'param' in c ? params.get(c.param) : undefined,
        label: spec?.label ?? '',
        labelEn: spec?.labelEn ?? '',
        isRate: spec?.type === 'rate',
        oneOfExpected: c.type === 'oneOf' ? `${c.fact} ∈ {${c.values.join(', ')}}` : '',
        oneOfZh: c.type === 'oneOf' ? c.values.join('、') : '',
        oneOfEn: c.type === 'oneOf' ? c.values.join(', ') : '',
      };
    }),
    capClause: m.source.cap ? `${doc.docNumber} ${m.source.cap.clause}` : '',
    cap: m.source.cap ? params.get(m.source.cap.param) : undefined,
    factors: f?.type === 'product'
      ? f.factors.map((x) => {
        if ('param' in x) {
          const p = params.get(x.param)!;
          return { param: p, fact: undefined, key: p.key, label: p.param.label, labelEn: p.param.labelEn };
        }
        const spec = m.source.facts[x.fact]!;
        return { param: undefined, fact: x.fact, key: `facts.${x.fact}`, label: spec.label, labelEn: spec.labelEn };
      })
      : [],
  };
}

/** Index of the dated value in force on `date` (last with from ≤ date), or -1 (not yet set). */
export function datedIndexAt(p: CompiledParameter, date: string): number {
  const values = p.values;
  for (let i = values.length - 1; i >= 0; i--) if (values[i]!.from <= date) return i;
  return -1;
}
