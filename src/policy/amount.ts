// The amount of one claim before non-duplication and year caps: formula (rate × base in
// exact decimals, rounded half-up to the fen once), assessed amount or cap estimate for
// cap-only measures, then the item cap (catalog "Measure kinds", "Money and rounding").
import { fenOf, percentOf, plainOf, readParam, condition, type ClaimContext } from './context';
import { roundHalfUp, toPlainString, type Decimal } from './decimal';
import { formatYuan, fenToYuan } from './money';
import { datedIndexAt, type FactorPlan } from './plan';
import { ArithmeticTrace, AssessedTrace, CapTrace, type Lines, type TraceFactor } from './trace';
import type { Basis } from './types';

export interface Amount {
  fen: number;
  basis: Basis;
}

/** undefined with ctx.missing set → needs-parameters; undefined otherwise → a condition failed. */
export function computeAmount(ctx: ClaimContext): Amount | undefined {
  const m = ctx.claim.measure.source;
  const plan = ctx.plan;
  if (m.kind === 'cap-only') {
    const rate = m.rateOnceConfigured ? readRateIfSet(ctx, m.rateOnceConfigured.param) : undefined;
    const before = rate && m.rateOnceConfigured ? product(ctx, [m.rateOnceConfigured.base], [rate]) : assessed(ctx);
    return before && applyItemCap(ctx, before);
  }
  const f = m.formula!;
  let before: Amount | undefined;
  if (f.type === 'product') {
    const factors: Factor[] = [];
    for (const x of plan.factors) {
      if (x.param) {
        const v = readParam(ctx, x.param);
        if (v) factors.push({ plan: x, value: v });
      } else factors.push({ plan: x, value: ctx.claim.rates[x.fact!]! });
    }
    if (plan.cap) readParam(ctx, plan.cap);
    if (ctx.missing.length) return undefined;
    before = product(ctx, f.base, factors);
  } else if (f.type === 'lookup') {
    const choice = String(ctx.claim.facts[f.fact]);
    const v = readParam(ctx, plan.params.get(f.params[choice]!)!);
    before = v && fixed(ctx, v, LOOKUP, m.facts[f.fact]!.label, choice, undefined);
  } else {
    before = tier(ctx, f.fact, f.tiers);
  }
  return before && applyItemCap(ctx, before);
}

export interface Factor {
  plan: Pick<FactorPlan, 'key' | 'label' | 'labelEn'>;
  value: Decimal;
}

function readRateIfSet(ctx: ClaimContext, name: string): Factor | undefined {
  const pp = ctx.plan.params.get(name)!;
  const set = ctx.rq.overlay.has(pp.key) || datedIndexAt(pp.param, ctx.claim.eventDate) >= 0;
  // An unset optional 细则 rate is not "missing": the measure stays cap-only.
  if (!set) return undefined;
  const value = readParam(ctx, pp)!;
  return { plan: { key: pp.key, label: pp.param.label, labelEn: pp.param.labelEn }, value };
}

const PRODUCT: Lines<string, number, number, TraceFactor[]> = {
  zh: (_m, label, baseFen, fen, factors) => (factors.length === 1
    ? `按${label} ${formatYuan(baseFen)} 元的 ${factors[0]!.percent} 计 ${formatYuan(fen)} 元`
    : `按${label} ${formatYuan(baseFen)} 元 × ${factors.map((f) => `${f.label} ${f.percent}`).join(' × ')} 计 ${formatYuan(fen)} 元`),
  en: () => '',
};

function product(ctx: ClaimContext, baseFacts: string[], factors: Factor[]): Amount | undefined {
  const m = ctx.claim.measure.source;
  const claimFen = ctx.claim.fen;
  let baseFact = baseFacts[0]!;
  if (baseFacts.length !== 1 || claimFen[baseFact] === undefined) {
    const given = baseFacts.filter((b) => claimFen[b] !== undefined);
    if (given.length !== 1) {
      const names = baseFacts.map((b) => `${b} (${m.facts[b]!.label})`).join(' or ');
      const path = `claims[${ctx.claim.index}].facts.${given.length ? given[1] : baseFacts[0]}`;
      ctx.rq.issues.push({ path, message: `claim ${ctx.claim.id}: ${ctx.claim.measure.id} needs exactly one of ${names}` });
      return undefined;
    }
    baseFact = given[0]!;
  }
  const baseFen = claimFen[baseFact]!;
  const { fen, exact } = exactProduct(baseFen, factors);
  if (!ctx.traced) return { fen, basis: 'computed' };
  const spec = m.facts[baseFact]!;
  const traced: TraceFactor[] = [];
  for (let i = 0; i < factors.length; i++) {
    const f = factors[i]!;
    traced.push({ key: f.plan.key, label: f.plan.label, labelEn: f.plan.labelEn, value: plainOf(f.value), percent: percentOf(f.value) });
  }
  ctx.trace.push(new ArithmeticTrace(
    'rate × base', ctx.claim.measure.citation, { fact: baseFact, label: spec.label, labelEn: spec.labelEn, amount: fenToYuan(baseFen) },
    traced, exact, fenToYuan(fen), PRODUCT, spec.label, baseFen, fen, traced,
  ));
  return { fen, basis: 'computed' };
}

const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * base fen × the factors, rounded half-up to the fen, and the unrounded product in yuan as
 * decimal text. In doubles while every integer stays below 2^53 (then each step is exact,
 * as in BigInt — the usual case, without a BigInt allocation per step); in BigInt otherwise.
 */
export function exactProduct(baseFen: number, factors: Factor[]): { fen: number; exact: string } {
  let u = baseFen;
  let scale = 0;
  for (let i = 0; i < factors.length && u <= SAFE; i++) {
    const v = factors[i]!.value;
    u *= Number(v.units);
    scale += v.scale;
  }
  if (Number.isSafeInteger(u) && u >= 0 && scale <= 15 && u * 2 + 10 ** scale <= SAFE) {
    const div = 10 ** scale;
    const x = u * 2 + div;
    const fen = scale === 0 ? u : (x - (x % (div * 2))) / (div * 2);
    return { fen, exact: plainText(u, scale + 2) };
  }
  let units = BigInt(baseFen);
  let s = 0;
  for (const f of factors) {
    units *= f.value.units;
    s += f.value.scale;
  }
  return { fen: Number(roundHalfUp({ units, scale: s })), exact: toPlainString({ units, scale: s + 2 }) };
}

/** toPlainString of a non-negative safe integer / 10^scale. */
function plainText(u: number, scale: number): string {
  let digits = String(u);
  while (scale > 0 && digits.length > 1 && digits.charCodeAt(digits.length - 1) === 48) {
    digits = digits.slice(0, -1);
    scale--;
  }
  if (u === 0) return '0';
  if (scale === 0) return digits;
  const padded = digits.padStart(scale + 1, '0');
  const cut = padded.length - scale;
  return `${padded.slice(0, cut)}.${padded.slice(cut)}`;
}

const ASSESSED: Lines<number | undefined> = {
  zh: (_m, fen) => (fen !== undefined ? `经认定金额 ${formatYuan(fen)} 元` : '未提供认定金额，按上限估算（最多可享受金额）'),
  en: () => '',
};

function assessed(ctx: ClaimContext): Amount {
  const fen = ctx.claim.fen.assessedAmount;
  const has = fen !== undefined;
  if (ctx.traced) ctx.trace.push(new AssessedTrace(has ? 'assessed' : 'cap-estimate', ctx.claim.measure.citation, has ? fenToYuan(fen) : null, ASSESSED, fen, undefined, undefined, undefined));
  if (has) return { fen, basis: 'assessed' };
  const cap = readParam(ctx, ctx.plan.cap!)!;
  return { fen: fenOf(cap), basis: 'cap' };
}

const LOOKUP: Lines<string, string, undefined, number> = {
  zh: (_m, label, choice, _c, fen) => `${label} ${choice}，定额 ${formatYuan(fen)} 元`,
  en: () => '',
};
const TIER: Lines<string, number, Decimal, number> = {
  zh: (_m, label, factFen, limit, fen) => `${label} ${formatYuan(factFen)} 元超过 ${toPlainString(limit)} 元档，定额 ${formatYuan(fen)} 元`,
  en: () => '',
};

function fixed<A, B, C>(ctx: ClaimContext, v: Decimal, lines: Lines<A, B, C, number>, a: A, b: B, c: C): Amount {
  const fen = fenOf(v);
  if (ctx.traced) ctx.trace.push(new ArithmeticTrace('fixed amount', ctx.claim.measure.citation, null, [], plainOf(v), fenToYuan(fen), lines, a, b, c, fen));
  return { fen, basis: 'computed' };
}

const BELOW_TIERS: Lines<string, string, number> = {
  zh: (_m, label, _labelEn, fen) => `${label} ${formatYuan(fen)} 元未超过最低档`,
  en: (_m, _label, labelEn, fen) => `${labelEn} ${formatYuan(fen)} yuan is below the lowest tier`,
};

function tier(ctx: ClaimContext, fact: string, tiers: Array<{ above: string; amount: string }>): Amount | undefined {
  const fen = ctx.claim.fen[fact]!;
  const params = ctx.plan.params;
  let reached: { amount: string; limit: Decimal } | undefined;
  for (const t of tiers) {
    const limit = readParam(ctx, params.get(t.above)!);
    if (limit && BigInt(fen) > limit.units * 100n / 10n ** BigInt(limit.scale)) reached = { amount: t.amount, limit };
  }
  for (const t of tiers) readParam(ctx, params.get(t.amount)!);
  if (ctx.missing.length) return undefined;
  const spec = ctx.claim.measure.source.facts[fact]!;
  if (!reached) {
    const facts: Record<string, number> = {};
    facts[fact] = fenToYuan(fen);
    condition(ctx, 'tier', false, facts, `${fact} > lowest tier`, ctx.claim.measure.citation, BELOW_TIERS, spec.label, spec.labelEn, fen, undefined, true);
    return undefined;
  }
  const v = readParam(ctx, params.get(reached.amount)!);
  return v && fixed(ctx, v, TIER, spec.label, fen, reached.limit);
}

const ITEM_CAP: Lines<string, number, number, boolean> = {
  zh: (_m, label, capFen, after, binding) => (binding ? `超过${label} ${formatYuan(capFen)} 元，按上限核定 ${formatYuan(after)} 元` : `未超过${label} ${formatYuan(capFen)} 元`),
  en: () => '',
};

function applyItemCap(ctx: ClaimContext, a: Amount): Amount {
  const cap = ctx.claim.measure.source.cap;
  if (!cap || cap.kind === 'year') return a;
  const capFen = fenOf(readParam(ctx, ctx.plan.cap!)!);
  const after = Math.min(a.fen, capFen);
  const once = cap.kind === 'once';
  const binding = after < a.fen;
  if (ctx.traced) ctx.trace.push(new CapTrace(once ? 'once cap' : 'item cap', cap.kind, ctx.plan.capClause, fenToYuan(capFen), null, fenToYuan(a.fen), fenToYuan(after), binding, ITEM_CAP, once ? '一次性上限' : '单笔上限', capFen, after, binding));
  return { fen: after, basis: a.basis };
}
