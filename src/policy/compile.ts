// Compiles validated policy data into an immutable Ruleset once per version: measures
// indexed by id, parameters as dated value tables, groups resolved. Evaluation only reads it.
import { decimalFromValue, type Decimal } from './decimal';
import { PolicyLoadError } from './errors';
import { canonicalJson, sha256Hex } from './hash';
import type { DocumentSource, GroupSource, MeasureSource } from './schema';
import type { BeneficiaryKind, ParameterSetting } from './types';
import { validateSource } from './validate';

export interface RulesetSource {
  documents: DocumentSource[];
  measures: MeasureSource[];
  groups: GroupSource[];
  /** Officer-approved 细则 values added after load (withParameters), in the order applied. */
  settings: ParameterSetting[];
}

export interface DatedValue {
  from: string;
  value: Decimal;
  text: string;
  clause: string;
  source: 'policy' | 'officer';
}

export interface CompiledParameter {
  key: string;
  measureId: string;
  name: string;
  label: string;
  labelEn: string;
  unit: 'rate' | 'yuan' | 'years';
  openUntil: string | undefined;
  /** Ascending by `from`; the value for a date is the last one with from ≤ date. */
  values: DatedValue[];
}

export interface CompiledMeasure {
  id: string;
  source: MeasureSource;
  document: DocumentSource;
  citation: string;
  accepts: ReadonlySet<BeneficiaryKind>;
  /** "institution/bank/…", for the trace. */
  acceptsText: string;
  group: GroupSource | undefined;
  /** Parameter keys by the short name used in the measure file. */
  paramKey: (name: string) => string;
}

export interface Ruleset {
  readonly version: string;
  readonly source: RulesetSource;
  readonly documents: ReadonlyMap<string, DocumentSource>;
  readonly measures: ReadonlyMap<string, CompiledMeasure>;
  readonly parameters: ReadonlyMap<string, CompiledParameter>;
  readonly groups: ReadonlyMap<string, GroupSource>;
}

const INSTITUTION_KINDS: BeneficiaryKind[] = ['institution', 'bank', 'guarantor', 'insurer', 'fund'];
const ALL_KINDS: BeneficiaryKind[] = [...INSTITUTION_KINDS, 'enterprise', 'incubator'];

/** Catalog "Beneficiary kinds": `institution` covers the licensed kinds; HK2017 takes all but incubators. */
export function acceptedKinds(beneficiary: MeasureSource['beneficiary']): BeneficiaryKind[] {
  switch (beneficiary) {
    case 'institution':
      return INSTITUTION_KINDS;
    case 'enterprise-or-institution':
      return ALL_KINDS.filter((k) => k !== 'incubator');
    case 'any':
      return ALL_KINDS;
    default:
      return [beneficiary];
  }
}

export function documentIdOf(measureId: string): string {
  return measureId.slice(0, measureId.indexOf('-'));
}

export function compileRuleset(source: RulesetSource): Ruleset {
  const issues = validateSource(source);
  if (issues.length) throw new PolicyLoadError(issues);

  const documents = new Map(source.documents.map((d) => [d.id, d]));
  const groups = new Map(source.groups.map((g) => [g.id, g]));
  const groupOf = new Map<string, GroupSource>();
  for (const g of source.groups) for (const m of g.measures) groupOf.set(m, g);

  const measures = new Map<string, CompiledMeasure>();
  const parameters = new Map<string, CompiledParameter>();
  for (const m of source.measures) {
    const document = documents.get(documentIdOf(m.id));
    if (!document) continue; // validateSource reported it
    measures.set(m.id, {
      id: m.id,
      source: m,
      document,
      citation: `${document.docNumber} ${m.clause}`,
      accepts: new Set(acceptedKinds(m.beneficiary)),
      acceptsText: acceptedKinds(m.beneficiary).join('/'),
      group: groupOf.get(m.id),
      paramKey: (name) => `${m.id}.${name}`,
    });
    for (const [name, p] of Object.entries(m.parameters)) {
      const key = `${m.id}.${name}`;
      const values: DatedValue[] = p.values.map((v) => ({
        from: v.from,
        value: decimalFromValue(v.value) ?? { units: 0n, scale: 0 },
        text: String(v.value),
        clause: `${document.docNumber} ${v.clause}`,
        source: 'policy',
      }));
      parameters.set(key, { key, measureId: m.id, name, label: p.label, labelEn: p.labelEn, unit: p.unit, openUntil: p.openUntil, values });
    }
  }
  for (const s of source.settings) {
    const p = parameters.get(s.key);
    const value = decimalFromValue(s.value);
    if (!p || !value) continue; // withParameters validated them
    const rest = p.values.filter((v) => v.from !== s.effectiveFrom);
    rest.push({ from: s.effectiveFrom, value, text: String(s.value), clause: s.reference, source: 'officer' });
    p.values = rest.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  }

  const version = sha256Hex(canonicalJson({ documents: source.documents, measures: source.measures, groups: source.groups, settings: source.settings })).slice(0, 16);
  return { version, source, documents, measures, parameters, groups };
}

/** The dated value in force on `date`, or undefined when none is (not yet set by 细则). */
export function parameterValueAt(p: CompiledParameter, date: string): DatedValue | undefined {
  for (let i = p.values.length - 1; i >= 0; i--) {
    const v = p.values[i];
    if (v && v.from <= date) return v;
  }
  return undefined;
}
