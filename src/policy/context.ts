// Per-claim evaluation state: the claim's result while passes 2 and 3 may still change it,
// the trace being written, parameters read (each once, by the claim's eventDate or the
// request overlay) and missing 细则 parameters.
import type { Ruleset } from './compile';
import { multiply, roundHalfUp, toPercentString, toPlainString, type Decimal } from './decimal';
import { formatYuan } from './money';
import type { ParsedClaim, ParsedGranted } from './input';
import { datedIndexAt, type MeasurePlan, type ParamPlan } from './plan';
import { ConditionTrace, ParameterTrace, type Lines, type Trace } from './trace';
import type { Basis, Beneficiary, ClaimStatus, FactValue, InputIssue } from './types';

/** What every claim of one request shares. */
export interface RequestContext {
  ruleset: Ruleset;
  beneficiary: Beneficiary;
  history: ParsedGranted[];
  overlay: Map<string, Decimal>;
  issues: InputIssue[];
}

/** One claim being evaluated; amounts in fen. */
export class ClaimContext {
  status: ClaimStatus = 'ineligible';
  fen = 0;
  basis: Basis | null = null;
  excludedBy: string | null = null;
  missing: string[] = [];
  trace: Trace[] = [];
  /** Parameter values by plan slot: undefined = not read yet, null = read and not set. */
  read: Array<Decimal | null | undefined>;

  constructor(
    readonly rq: RequestContext,
    readonly claim: ParsedClaim,
    readonly plan: MeasurePlan,
    /** false: the same decisions, but no trace steps are made (evaluateSummary, a 免申即享 scan). */
    readonly traced = true,
  ) {
    this.read = new Array<Decimal | null | undefined>(plan.slots);
  }
}

export function formatParameter(unit: 'rate' | 'yuan' | 'years', d: Decimal): string {
  if (unit === 'rate') return toPercentString(d);
  if (unit === 'yuan') return `${formatYuan(fenOf(d))} 元`;
  return `${toPlainString(d)} 年`;
}

// Decimal texts and fen amounts of parameter values: the same few Decimal objects (a
// ruleset's dated values) are read by every claim, so each is rendered once.
const PLAIN = new WeakMap<Decimal, string>();
const PERCENT = new WeakMap<Decimal, string>();
const FEN = new WeakMap<Decimal, number>();
const DISPLAY = new WeakMap<Decimal, string>();

export function plainOf(d: Decimal): string {
  let s = PLAIN.get(d);
  if (s === undefined) PLAIN.set(d, (s = toPlainString(d)));
  return s;
}

export function percentOf(d: Decimal): string {
  let s = PERCENT.get(d);
  if (s === undefined) PERCENT.set(d, (s = toPercentString(d)));
  return s;
}

/** A yuan parameter in fen, rounded half-up. */
export function fenOf(d: Decimal): number {
  let n = FEN.get(d);
  if (n === undefined) FEN.set(d, (n = Number(roundHalfUp(multiply(d, { units: 100n, scale: 0 })))));
  return n;
}

function displayOf(unit: 'rate' | 'yuan' | 'years', d: Decimal): string {
  let s = DISPLAY.get(d);
  if (s === undefined) DISPLAY.set(d, (s = formatParameter(unit, d)));
  return s;
}

const head = (pp: ParamPlan) => `参数 ${pp.key}（${pp.param.label}）`;
const MISSING: Lines<ParamPlan> = {
  zh: (_m, pp) => `${head(pp)}尚未设定：${pp.param.openUntil ?? '有待实施细则'}`,
  en: () => '',
};
const OVERLAY: Lines<ParamPlan, Decimal> = {
  zh: (_m, pp, v) => `${head(pp)} = ${formatParameter(pp.param.unit, v)}（模拟参数，不保存）`,
  en: () => '',
};
const DATED: Lines<ParamPlan, Decimal, string> = {
  zh: (_m, pp, v, from) => `${head(pp)} = ${displayOf(pp.param.unit, v)}，自 ${from} 起`,
  en: () => '',
};

/** Reads a measure parameter; records one trace step per parameter and claim. */
export function readParam(ctx: ClaimContext, pp: ParamPlan): Decimal | undefined {
  const known = ctx.read[pp.slot];
  if (known !== undefined) return known ?? undefined;
  const p = pp.param;
  const overlaid = ctx.rq.overlay.size ? ctx.rq.overlay.get(pp.key) : undefined;
  if (overlaid) {
    ctx.read[pp.slot] = overlaid;
    if (ctx.traced) ctx.trace.push(new ParameterTrace(pp.key, p.label, p.labelEn, p.unit, plainOf(overlaid), null, 'overlay', '模拟参数（不保存）', OVERLAY, pp, overlaid, undefined, undefined));
    return overlaid;
  }
  const i = datedIndexAt(p, ctx.claim.eventDate);
  if (i < 0) {
    ctx.read[pp.slot] = null;
    ctx.missing.push(pp.key);
    if (ctx.traced) ctx.trace.push(new ParameterTrace(pp.key, p.label, p.labelEn, p.unit, null, null, 'missing', ctx.claim.measure.citation, MISSING, pp, undefined, undefined, undefined));
    return undefined;
  }
  const dated = p.values[i]!;
  const value = dated.value;
  ctx.read[pp.slot] = value;
  if (ctx.traced) ctx.trace.push(new ParameterTrace(pp.key, p.label, p.labelEn, p.unit, plainOf(value), dated.from, dated.source, dated.clause, DATED, pp, value, dated.from, undefined));
  return value;
}

/** Records a condition step; returns whether it was met. */
export function condition<A, B, C, D>(
  ctx: ClaimContext, step: string, met: boolean, facts: Record<string, FactValue | null>, expected: string, clause: string,
  lines: Lines<A, B, C, D>, a: A, b: B, c: C, d: D, clauseFirst = false,
): boolean {
  if (ctx.traced) ctx.trace.push(new ConditionTrace(step, met, facts, expected, clause, lines, a, b, c, d, clauseFirst));
  return met;
}
