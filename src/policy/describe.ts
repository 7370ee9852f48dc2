// describeRuleset: the catalog as data for GET /api/v1/policy/measures and `kcjr policy list`.
import { parameterValueAt, type CompiledMeasure, type Ruleset } from './compile';
import { toPlainString } from './decimal';
import type { CapKind, MeasureKind } from './types';

export interface MeasureDescription {
  id: string;
  document: string;
  docNumber: string;
  clause: string;
  citation: string;
  title: string;
  titleEn: string;
  beneficiary: string;
  kind: MeasureKind;
  formula: string;
  cap: { kind: CapKind; parameter: string; clause: string } | null;
  conditions: string[];
  group: string | null;
  facts: Array<{ name: string; type: string; label: string; optional: boolean; values?: string[] }>;
  parameters: string[];
}

export interface ParameterDescription {
  key: string;
  measure: string;
  label: string;
  labelEn: string;
  unit: 'rate' | 'yuan' | 'years';
  /** Value in force on `asOf` (or the latest dated value), decimal text; null when not set. */
  value: string | null;
  effectiveFrom: string | null;
  reference: string | null;
  source: 'policy' | 'officer' | null;
  openUntil: string | null;
  history: Array<{ from: string; value: string; reference: string; source: 'policy' | 'officer' }>;
}

export interface RulesetDescription {
  version: string;
  documents: Array<{ id: string; docNumber: string; title: string; issuer: string; issuedOn: string; window: { from: string; to: string }; registration: string; supersedes: string[] }>;
  groups: Array<{ id: string; label: string; rule: string; clause: string; measures: string[] }>;
  measures: MeasureDescription[];
  parameters: ParameterDescription[];
}

function formulaText(m: CompiledMeasure): string {
  const s = m.source;
  const fact = (n: string) => `${s.facts[n]?.label ?? n}(${n})`;
  const key = (n: string) => m.paramKey(n);
  if (s.kind === 'non-monetary') return '服务类措施，不予兑付';
  if (s.kind === 'cap-only') {
    const rate = s.rateOnceConfigured ? `；细则设定 ${key(s.rateOnceConfigured.param)} 后按 ${key(s.rateOnceConfigured.param)} × ${fact(s.rateOnceConfigured.base)}` : '';
    return `min(认定金额 assessedAmount, ${key(s.cap!.param)})；无认定金额时按上限估算${rate}`;
  }
  const f = s.formula!;
  if (f.type === 'product') return `${f.factors.map((x) => ('param' in x ? key(x.param) : fact(x.fact))).join(' × ')} × ${f.base.map(fact).join(' 或 ')}`;
  if (f.type === 'lookup') return `按 ${fact(f.fact)} 取定额 ${Object.values(f.params).map(key).join(' / ')}`;
  return `按 ${fact(f.fact)} 分档：${f.tiers.map((t) => `> ${key(t.above)} → ${key(t.amount)}`).join('；')}`;
}

function conditionTexts(m: CompiledMeasure): string[] {
  return m.source.conditions.map((c) => {
    switch (c.type) {
      case 'compare':
        return `${c.fact} ${{ lt: '<', lte: '≤', gt: '>', gte: '≥' }[c.op]} ${m.paramKey(c.param)}（${c.clause}）`;
      case 'oneOf':
        return `${c.fact} ∈ {${c.values.join(', ')}}（${c.clause}）`;
      case 'withinYearsOf':
        return `eventDate ≤ ${c.fact} + ${m.paramKey(c.param)} 年（${c.clause}）`;
      case 'subsidyYear':
        return `1 + 自 ${c.fact} 起整年数 ≤ ${m.paramKey(c.param)}（${c.clause}）`;
      case 'notGranted':
        return `未享受 ${c.measure}（${c.clause}）`;
      case 'onePerMatterPerYear':
        return `每个项目每年一次（${c.clause}）`;
    }
  });
}

export function describeRuleset(ruleset: Ruleset, asOf?: string): RulesetDescription {
  return {
    version: ruleset.version,
    documents: [...ruleset.documents.values()].map((d) => ({
      id: d.id, docNumber: d.docNumber, title: d.title, issuer: d.issuer, issuedOn: d.issuedOn, window: { from: d.window.from, to: d.window.to },
      registration: d.registration.requires, supersedes: d.supersedes.map((s) => s.docNumber),
    })),
    groups: [...ruleset.groups.values()].map((g) => ({ id: g.id, label: g.label, rule: g.rule ?? '', clause: g.clause, measures: g.measures })),
    measures: [...ruleset.measures.values()].map((m) => ({
      id: m.id, document: m.document.id, docNumber: m.document.docNumber, clause: m.source.clause, citation: m.citation, title: m.source.title, titleEn: m.source.titleEn,
      beneficiary: m.source.beneficiary, kind: m.source.kind, formula: formulaText(m),
      cap: m.source.cap ? { kind: m.source.cap.kind, parameter: m.paramKey(m.source.cap.param), clause: m.source.cap.clause } : null,
      conditions: conditionTexts(m), group: m.group?.id ?? null,
      facts: Object.entries(m.source.facts).map(([name, f]) => ({ name, type: f.type, label: f.label, optional: !!f.optional, ...(f.values ? { values: f.values } : {}) })),
      parameters: Object.keys(m.source.parameters).map((n) => m.paramKey(n)),
    })),
    parameters: [...ruleset.parameters.values()].map((p) => {
      const current = asOf ? parameterValueAt(p, asOf) : p.values[p.values.length - 1];
      return {
        key: p.key, measure: p.measureId, label: p.label, labelEn: p.labelEn, unit: p.unit,
        value: current ? toPlainString(current.value) : null, effectiveFrom: current?.from ?? null, reference: current?.clause ?? null, source: current?.source ?? null,
        openUntil: p.openUntil ?? null,
        history: p.values.map((v) => ({ from: v.from, value: toPlainString(v.value), reference: v.clause, source: v.source })),
      };
    }),
  };
}
