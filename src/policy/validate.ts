// Cross-reference checks on policy data that a per-file schema cannot make: every
// formula, condition and cap names a declared fact or parameter of the right unit,
// groups are well formed, dated values are ordered. Each problem is a load error.
import { decimalFromValue, decimalPlaces } from './decimal';
import type { LoadIssue } from './errors';
import type { RulesetSource } from './compile';
import type { MeasureSource } from './schema';

type Unit = 'rate' | 'yuan' | 'years';
type FactType = 'money' | 'rate' | 'date' | 'enum' | 'boolean';

export function validateSource(source: RulesetSource): LoadIssue[] {
  const issues: LoadIssue[] = [];
  const docIds = new Set<string>();
  for (const d of source.documents) {
    if (docIds.has(d.id)) issues.push({ file: d.id, path: 'id', message: `duplicate document ${d.id}` });
    docIds.add(d.id);
    if (d.window.from > d.window.to) issues.push({ file: d.id, path: 'window', message: 'window ends before it starts' });
  }
  const measureIds = new Set<string>();
  for (const m of source.measures) {
    if (measureIds.has(m.id)) issues.push({ file: m.id, path: 'id', message: `duplicate measure ${m.id}` });
    measureIds.add(m.id);
    if (!docIds.has(m.id.slice(0, m.id.indexOf('-')))) issues.push({ file: m.id, path: 'id', message: 'no document for this measure' });
    issues.push(...validateMeasure(m));
  }
  for (const m of source.measures) {
    for (const c of m.conditions) {
      if (c.type === 'notGranted' && !measureIds.has(c.measure)) issues.push({ file: m.id, path: 'conditions', message: `unknown measure ${c.measure}` });
    }
  }
  issues.push(...validateGroups(source, measureIds));
  return issues;
}

function validateGroups(source: RulesetSource, measureIds: Set<string>): LoadIssue[] {
  const issues: LoadIssue[] = [];
  const seen = new Map<string, string>();
  for (const g of source.groups) {
    const file = `groups.yaml#${g.id}`;
    // 从优、从高、不重复 must be stated as a rule; overlapping measures without one would be paid twice.
    if (!g.rule) issues.push({ file, path: 'rule', message: `group ${g.id} overlaps measures ${g.measures.join(', ')} without a non-duplication rule` });
    for (const m of g.measures) {
      if (!measureIds.has(m)) issues.push({ file, path: 'measures', message: `unknown measure ${m}` });
      const other = seen.get(m);
      if (other) issues.push({ file, path: 'measures', message: `measure ${m} is in groups ${other} and ${g.id}: overlapping groups need a rule between them` });
      seen.set(m, g.id);
    }
  }
  return issues;
}

function validateMeasure(m: MeasureSource): LoadIssue[] {
  const issues: LoadIssue[] = [];
  const bad = (path: string, message: string) => issues.push({ file: m.id, path, message });
  const fact = (name: string, type: FactType, path: string) => {
    const f = m.facts[name];
    if (!f) bad(path, `unknown fact ${name}`);
    else if (f.type !== type) bad(path, `fact ${name} must be ${type}, is ${f.type}`);
    else if (f.type === 'enum' && !f.values?.length) bad(path, `enum fact ${name} needs values`);
  };
  const param = (name: string, unit: Unit, path: string) => {
    const p = m.parameters[name];
    if (!p) bad(path, `unknown parameter ${name}`);
    else if (p.unit !== unit) bad(path, `parameter ${name} must be ${unit}, is ${p.unit}`);
  };
  const f = m.formula;
  if (f?.type === 'product') {
    f.base.forEach((b, i) => fact(b, 'money', `formula.base[${i}]`));
    f.factors.forEach((x, i) => ('param' in x ? param(x.param, 'rate', `formula.factors[${i}]`) : fact(x.fact, 'rate', `formula.factors[${i}]`)));
  } else if (f?.type === 'lookup') {
    fact(f.fact, 'enum', 'formula.fact');
    for (const [k, p] of Object.entries(f.params)) param(p, 'yuan', `formula.params.${k}`);
    const values = m.facts[f.fact]?.values ?? [];
    for (const v of values) if (!(v in f.params)) bad('formula.params', `no amount parameter for ${f.fact} = ${v}`);
  } else if (f?.type === 'tiers') {
    fact(f.fact, 'money', 'formula.fact');
    f.tiers.forEach((t, i) => {
      param(t.above, 'yuan', `formula.tiers[${i}].above`);
      param(t.amount, 'yuan', `formula.tiers[${i}].amount`);
    });
  }
  if (m.rateOnceConfigured) {
    param(m.rateOnceConfigured.param, 'rate', 'rateOnceConfigured.param');
    fact(m.rateOnceConfigured.base, 'money', 'rateOnceConfigured.base');
  }
  if (m.cap) param(m.cap.param, 'yuan', 'cap.param');
  m.conditions.forEach((c, i) => {
    const path = `conditions[${i}]`;
    if (c.type === 'compare') {
      const t = m.facts[c.fact]?.type;
      fact(c.fact, t === 'rate' ? 'rate' : 'money', path);
      param(c.param, t === 'rate' ? 'rate' : 'yuan', path);
    } else if (c.type === 'oneOf') fact(c.fact, 'enum', path);
    else if (c.type === 'withinYearsOf' || c.type === 'subsidyYear') {
      fact(c.fact, 'date', path);
      param(c.param, 'years', path);
    }
  });
  const needsFormula = m.kind === 'computed' || m.kind === 'needs-parameters';
  if (needsFormula && !f) bad('formula', `${m.kind} measure needs a formula`);
  if (m.kind === 'cap-only') {
    if (!m.cap) bad('cap', 'cap-only measure needs a cap');
    if (m.facts.assessedAmount?.type !== 'money' || !m.facts.assessedAmount.optional) bad('facts.assessedAmount', 'cap-only measure needs an optional money fact assessedAmount');
  }
  if (m.kind === 'non-monetary' && (f || m.cap || Object.keys(m.parameters).length)) bad('kind', 'non-monetary measure has no formula, cap or parameters');
  if (m.kind === 'computed' && Object.values(m.parameters).some((p) => p.values.length === 0 && !m.rateOnceConfigured)) {
    bad('kind', 'computed measure has a parameter without a value: declare it needs-parameters');
  }
  if (m.kind === 'needs-parameters' && Object.values(m.parameters).every((p) => p.values.length > 0)) {
    bad('kind', 'needs-parameters measure has every parameter set: declare it computed');
  }
  for (const [name, p] of Object.entries(m.parameters)) {
    let prev = '';
    p.values.forEach((v, i) => {
      const path = `parameters.${name}.values[${i}]`;
      if (v.from <= prev) bad(path, 'dated values must be in ascending order of from, without repeats');
      prev = v.from;
      const d = decimalFromValue(v.value);
      if (!d || d.units < 0n) bad(path, 'value must be a non-negative decimal');
      else if (p.unit === 'yuan' && decimalPlaces(d) > 2) bad(path, 'yuan value has more than 2 decimals');
      else if (p.unit === 'years' && decimalPlaces(d) > 0) bad(path, 'years must be a whole number');
    });
  }
  return issues;
}
