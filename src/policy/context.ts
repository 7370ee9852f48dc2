// Per-claim evaluation state: the trace being written, parameters read (each once, by
// the claim's eventDate or the request overlay) and missing 细则 parameters.
import { parameterValueAt, type CompiledMeasure, type Ruleset } from './compile';
import { multiply, roundHalfUp, toPercentString, toPlainString, type Decimal } from './decimal';
import { formatYuan } from './money';
import type { ParsedClaim, ParsedGranted } from './input';
import type { Beneficiary, InputIssue, TraceStep } from './types';

export interface ClaimContext {
  ruleset: Ruleset;
  claim: ParsedClaim;
  measure: CompiledMeasure;
  beneficiary: Beneficiary;
  history: ParsedGranted[];
  overlay: Map<string, Decimal>;
  trace: TraceStep[];
  missing: string[];
  issues: InputIssue[];
  read: Map<string, Decimal | undefined>;
}

export function newContext(ruleset: Ruleset, claim: ParsedClaim, beneficiary: Beneficiary, history: ParsedGranted[], overlay: Map<string, Decimal>, issues: InputIssue[]): ClaimContext {
  return { ruleset, claim, measure: claim.measure, beneficiary, history, overlay, trace: [], missing: [], issues, read: new Map() };
}

export function formatParameter(unit: 'rate' | 'yuan' | 'years', d: Decimal): string {
  if (unit === 'rate') return toPercentString(d);
  if (unit === 'yuan') return `${formatYuan(Number(roundHalfUp(multiply(d, { units: 100n, scale: 0 }))))} 元`;
  return `${toPlainString(d)} 年`;
}

const DISPLAY = new WeakMap<object, string>();
function displayOf(unit: 'rate' | 'yuan' | 'years', v: { value: Decimal }): string {
  let s = DISPLAY.get(v);
  if (s === undefined) DISPLAY.set(v, (s = formatParameter(unit, v.value)));
  return s;
}

/** Reads a measure parameter by short name; records one trace step per key. */
export function readParam(ctx: ClaimContext, name: string): Decimal | undefined {
  const key = ctx.measure.paramKey(name);
  if (ctx.read.has(key)) return ctx.read.get(key);
  const p = ctx.ruleset.parameters.get(key)!;
  const overlaid = ctx.overlay.get(key);
  const dated = overlaid ? undefined : parameterValueAt(p, ctx.claim.eventDate);
  const value = overlaid ?? dated?.value;
  const head = `参数 ${key}（${p.label}）`;
  ctx.read.set(key, value);
  if (!value) {
    ctx.missing.push(key);
    ctx.trace.push({
      kind: 'parameter', step: 'parameter', key, label: p.label, labelEn: p.labelEn, unit: p.unit, parameterValue: null, effectiveFrom: null, source: 'missing',
      clause: ctx.measure.citation, value: `${head}尚未设定：${p.openUntil ?? '有待实施细则'}`,
    });
    return undefined;
  }
  const shown = dated ? displayOf(p.unit, dated) : formatParameter(p.unit, value);
  ctx.trace.push({
    kind: 'parameter', step: 'parameter', key, label: p.label, labelEn: p.labelEn, unit: p.unit,
    parameterValue: toPlainString(value), effectiveFrom: dated?.from ?? null, source: overlaid ? 'overlay' : dated!.source,
    clause: overlaid ? '模拟参数（不保存）' : dated!.clause,
    value: overlaid ? `${head} = ${shown}（模拟参数，不保存）` : `${head} = ${shown}，自 ${dated!.from} 起`,
  });
  return value;
}

export function condition(ctx: ClaimContext, step: string, met: boolean, facts: Record<string, string | number | boolean | null>, expected: string, value: string, valueEn: string, clause: string): boolean {
  ctx.trace.push({ kind: 'condition', step, met, facts, expected, value, valueEn, clause });
  return met;
}
