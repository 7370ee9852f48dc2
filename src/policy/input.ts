// Validates an evaluation request (policy-catalog.md "Evaluation contract") into typed,
// parsed claims. Every problem is an issue naming the field; nothing defaults to zero.
import type { CompiledMeasure, Ruleset } from './compile';
import { isIsoDate, yearOf } from './dates';
import { decimalFromNumber, decimalFromValue, decimalPlaces, type Decimal } from './decimal';
import { PolicyInputError } from './errors';
import { parseYuan } from './money';
import { beneficiaryKinds } from './schema';
import type { Beneficiary, FactValue, InputIssue } from './types';
import { isValidUscc } from './uscc';

export interface ParsedClaim {
  index: number;
  id: string;
  measure: CompiledMeasure;
  eventDate: string;
  year: number;
  matter: string | undefined;
  facts: Record<string, FactValue>;
  /** Money facts in fen, rate facts as exact decimals. */
  fen: Record<string, number>;
  rates: Record<string, Decimal>;
}

export interface ParsedGranted {
  measure: string;
  year: number;
  fen: number;
  matter: string | undefined;
}

export interface ParsedRequest {
  beneficiary: Beneficiary;
  claims: ParsedClaim[];
  granted: ParsedGranted[];
  overlay: Map<string, Decimal>;
}

const REQUEST_KEYS = new Set(['beneficiary', 'claims', 'granted', 'parameters']);
const BENEFICIARY_KEYS = new Set(['uscc', 'kind', 'registeredInYangpu', 'registeredInShanghai']);
const CLAIM_KEYS = new Set(['id', 'measure', 'eventDate', 'matter', 'facts']);
const GRANTED_KEYS = new Set(['measure', 'year', 'amount', 'matter']);
const KINDS = new Set<string>(beneficiaryKinds);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unknownKeys(obj: Record<string, unknown>, allowed: Set<string>, path: string, issues: InputIssue[], what: string) {
  for (const k in obj) if (!allowed.has(k)) issues.push({ path: `${path}.${k}`, message: `unknown field "${k}" in ${what}` });
}

export function parseRequest(ruleset: Ruleset, input: unknown): ParsedRequest {
  const issues: InputIssue[] = [];
  if (!isRecord(input)) throw new PolicyInputError([{ path: '', message: 'request must be a JSON object' }]);
  for (const k in input) if (!REQUEST_KEYS.has(k)) issues.push({ path: k, message: `unknown field "${k}" in request` });
  const beneficiary = parseBeneficiary(input.beneficiary, issues);
  const claims: ParsedClaim[] = [];
  if (!Array.isArray(input.claims) || input.claims.length === 0) {
    issues.push({ path: 'claims', message: 'claims must be a non-empty array' });
  } else {
    const ids = new Set<string>();
    input.claims.forEach((c, i) => {
      const parsed = parseClaim(ruleset, c, i, issues);
      if (!parsed) return;
      if (ids.has(parsed.id)) issues.push({ path: `claims[${i}].id`, message: `claim ${parsed.id}: id is used by an earlier claim` });
      ids.add(parsed.id);
      claims.push(parsed);
    });
  }
  const granted = parseGranted(ruleset, input.granted, issues);
  const overlay = parseOverlay(ruleset, input.parameters, issues);
  if (issues.length) throw new PolicyInputError(issues);
  return { beneficiary: beneficiary as Beneficiary, claims, granted, overlay };
}

function parseBeneficiary(b: unknown, issues: InputIssue[]): Beneficiary | undefined {
  if (!isRecord(b)) {
    issues.push({ path: 'beneficiary', message: 'beneficiary must be an object' });
    return undefined;
  }
  unknownKeys(b, BENEFICIARY_KEYS, 'beneficiary', issues, 'beneficiary');
  if (typeof b.uscc !== 'string' || !isValidUscc(b.uscc)) issues.push({ path: 'beneficiary.uscc', message: 'must be an 18-character 统一社会信用代码 with a valid check character' });
  if (typeof b.kind !== 'string' || !KINDS.has(b.kind)) issues.push({ path: 'beneficiary.kind', message: `must be one of ${beneficiaryKinds.join(', ')}` });
  for (const k of ['registeredInYangpu', 'registeredInShanghai'] as const) {
    if (typeof b[k] !== 'boolean') issues.push({ path: `beneficiary.${k}`, message: 'must be true or false' });
  }
  // Yangpu is a district of Shanghai: the two flags cannot disagree that way.
  if (b.registeredInYangpu === true && b.registeredInShanghai === false) {
    issues.push({ path: 'beneficiary.registeredInShanghai', message: 'a beneficiary registered in Yangpu is registered in Shanghai' });
  }
  return b as unknown as Beneficiary;
}

// Rate facts repeat (a coupon of 0.035, a fee rate of 0.01) across a batch; each number is
// parsed exactly once. Decimals are immutable, so claims share them. Bounded: cleared when full.
const RATES = new Map<number, Decimal | null>();
function rateFact(v: number): Decimal | undefined {
  let d = RATES.get(v);
  if (d === undefined) {
    const x = decimalFromNumber(v);
    d = x && decimalPlaces(x) <= 12 ? x : null;
    if (RATES.size >= 4096) RATES.clear();
    RATES.set(v, d);
  }
  return d ?? undefined;
}

function parseClaim(ruleset: Ruleset, c: unknown, i: number, issues: InputIssue[]): ParsedClaim | undefined {
  const at = `claims[${i}]`;
  if (!isRecord(c)) {
    issues.push({ path: at, message: 'claim must be an object' });
    return undefined;
  }
  const before = issues.length;
  const id = typeof c.id === 'string' && c.id.length > 0 ? c.id : undefined;
  const who = `claim ${id ?? `#${i}`}`;
  if (!id) issues.push({ path: `${at}.id`, message: `${who}: id must be a non-empty string` });
  unknownKeys(c, CLAIM_KEYS, at, issues, who);
  const measure = typeof c.measure === 'string' ? ruleset.measures.get(c.measure) : undefined;
  if (!measure) issues.push({ path: `${at}.measure`, message: `${who}: unknown measure ${JSON.stringify(c.measure)}` });
  if (!isIsoDate(c.eventDate)) issues.push({ path: `${at}.eventDate`, message: `${who}: eventDate must be a calendar date YYYY-MM-DD` });
  if (c.matter !== undefined && (typeof c.matter !== 'string' || c.matter.length === 0)) {
    issues.push({ path: `${at}.matter`, message: `${who}: matter must be a non-empty string` });
  }
  if (measure && c.matter === undefined && (measure.group || measure.source.requiresMatter)) {
    issues.push({ path: `${at}.matter`, message: `${who}: ${measure.id} needs matter (the loan, bond, listing or project) for non-duplication` });
  }
  if (!isRecord(c.facts)) {
    issues.push({ path: `${at}.facts`, message: `${who}: facts must be an object` });
    return undefined;
  }
  if (!measure || issues.length > before) return undefined;
  const fen: Record<string, number> = {};
  const rates: Record<string, Decimal> = {};
  const specs = measure.source.facts;
  for (const k in c.facts) if (!(k in specs)) issues.push({ path: `${at}.facts.${k}`, message: `${who}: ${measure.id} has no fact "${k}"` });
  for (const name in specs) {
    const spec = specs[name]!;
    const v = c.facts[name];
    const path = `${at}.facts.${name}`;
    if (v === undefined) {
      if (!spec.optional) issues.push({ path, message: `${who}: required fact ${name} (${spec.label}) is missing` });
      continue;
    }
    let problem: string | undefined;
    if (spec.type === 'money') {
      const r = parseYuan(v);
      if (r.ok) fen[name] = r.fen;
      else problem = r.message;
    } else if (spec.type === 'rate') {
      const d = typeof v === 'number' && v >= 0 ? rateFact(v) : undefined;
      if (d) rates[name] = d;
      else problem = 'must be a non-negative decimal number, e.g. 0.035';
    } else if (spec.type === 'date') {
      if (!isIsoDate(v)) problem = 'must be a calendar date YYYY-MM-DD';
    } else if (spec.type === 'enum') {
      if (typeof v !== 'string' || !spec.values?.includes(v)) problem = `must be one of ${spec.values?.join(', ')}`;
    } else if (typeof v !== 'boolean') problem = 'must be true or false';
    if (problem) issues.push({ path, message: `${who}: ${name} (${spec.label}) ${problem}` });
  }
  if (issues.length > before) return undefined;
  const eventDate = c.eventDate as string;
  return { index: i, id: id!, measure, eventDate, year: yearOf(eventDate), matter: c.matter as string | undefined, facts: c.facts as Record<string, FactValue>, fen, rates };
}

function parseGranted(ruleset: Ruleset, g: unknown, issues: InputIssue[]): ParsedGranted[] {
  if (g === undefined) return [];
  if (!Array.isArray(g)) {
    issues.push({ path: 'granted', message: 'granted must be an array' });
    return [];
  }
  const out: ParsedGranted[] = [];
  g.forEach((e, i) => {
    const at = `granted[${i}]`;
    if (!isRecord(e)) return void issues.push({ path: at, message: 'granted entry must be an object' });
    unknownKeys(e, GRANTED_KEYS, at, issues, 'granted entry');
    if (typeof e.measure !== 'string' || !ruleset.measures.has(e.measure)) issues.push({ path: `${at}.measure`, message: `unknown measure ${JSON.stringify(e.measure)}` });
    if (typeof e.year !== 'number' || !Number.isInteger(e.year) || e.year < 1900 || e.year > 2200) issues.push({ path: `${at}.year`, message: 'year must be a calendar year, e.g. 2025' });
    const amount = parseYuan(e.amount);
    if (!amount.ok) issues.push({ path: `${at}.amount`, message: `amount ${amount.message}` });
    if (e.matter !== undefined && typeof e.matter !== 'string') issues.push({ path: `${at}.matter`, message: 'matter must be a string' });
    if (amount.ok) out.push({ measure: e.measure as string, year: e.year as number, fen: amount.fen, matter: e.matter as string | undefined });
  });
  return out;
}

/** A simulation overlay: values apply to every date of this request and are never stored. */
export function parseOverlay(ruleset: Ruleset, p: unknown, issues: InputIssue[], root = 'parameters'): Map<string, Decimal> {
  const out = new Map<string, Decimal>();
  if (p === undefined) return out;
  if (!isRecord(p)) {
    issues.push({ path: root, message: 'parameters must be an object of "MEASURE.name": value' });
    return out;
  }
  for (const key in p) {
    const path = `${root}["${key}"]`;
    const param = ruleset.parameters.get(key);
    if (!param) {
      issues.push({ path, message: `unknown parameter ${key}` });
      continue;
    }
    const message = checkParameterValue(param.unit, p[key]);
    if (message) issues.push({ path, message });
    else out.set(key, decimalFromValue(p[key] as number | string)!);
  }
  return out;
}

export function checkParameterValue(unit: 'rate' | 'yuan' | 'years', v: unknown): string | undefined {
  const d = typeof v === 'number' || typeof v === 'string' ? decimalFromValue(v) : undefined;
  if (!d || d.units < 0n) return 'must be a non-negative decimal number';
  if (unit === 'yuan' && decimalPlaces(d) > 2) return 'a yuan amount has at most 2 decimals';
  if (unit === 'years' && decimalPlaces(d) > 0) return 'years must be a whole number';
  return undefined;
}
