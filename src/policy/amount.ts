// The amount of one claim before non-duplication and year caps: formula (rate × base in
// exact decimals, rounded half-up to the fen once), assessed amount or cap estimate for
// cap-only measures, then the item cap (catalog "Measure kinds", "Money and rounding").
import { readParam, type ClaimContext } from './context';
import { multiply, roundHalfUp, toPercentString, toPlainString, type Decimal } from './decimal';
import { formatYuan, fenToYuan } from './money';
import type { Basis } from './types';

export interface Amount {
  fen: number;
  basis: Basis;
}

/** undefined with ctx.missing set → needs-parameters; undefined otherwise → a condition failed. */
export function computeAmount(ctx: ClaimContext): Amount | undefined {
  const m = ctx.measure.source;
  if (m.kind === 'cap-only') {
    const rate = m.rateOnceConfigured ? readRateIfSet(ctx, m.rateOnceConfigured.param) : undefined;
    const before = rate && m.rateOnceConfigured ? product(ctx, [m.rateOnceConfigured.base], [rate]) : assessed(ctx);
    return before && applyItemCap(ctx, before);
  }
  const f = m.formula!;
  let before: Amount | undefined;
  if (f.type === 'product') {
    const factors: Factor[] = [];
    for (const x of f.factors) {
      if ('param' in x) {
        const v = readParam(ctx, x.param);
        if (v) factors.push({ key: ctx.measure.paramKey(x.param), label: ctx.ruleset.parameters.get(ctx.measure.paramKey(x.param))!.label, labelEn: ctx.ruleset.parameters.get(ctx.measure.paramKey(x.param))!.labelEn, value: v });
      } else {
        const spec = m.facts[x.fact]!;
        factors.push({ key: `facts.${x.fact}`, label: spec.label, labelEn: spec.labelEn, value: ctx.claim.rates[x.fact]! });
      }
    }
    if (m.cap) readParam(ctx, m.cap.param);
    if (ctx.missing.length) return undefined;
    before = product(ctx, f.base, factors);
  } else if (f.type === 'lookup') {
    const choice = String(ctx.claim.facts[f.fact]);
    before = fixed(ctx, f.params[choice]!, `${m.facts[f.fact]!.label} ${choice}`);
  } else {
    before = tier(ctx, f.fact, f.tiers);
  }
  return before && applyItemCap(ctx, before);
}

interface Factor {
  key: string;
  label: string;
  labelEn: string;
  value: Decimal;
}

function readRateIfSet(ctx: ClaimContext, name: string): Factor | undefined {
  const key = ctx.measure.paramKey(name);
  const p = ctx.ruleset.parameters.get(key)!;
  const set = ctx.overlay.has(key) || p.values.some((v) => v.from <= ctx.claim.eventDate);
  // An unset optional 细则 rate is not "missing": the measure stays cap-only.
  if (!set) return undefined;
  const value = readParam(ctx, name)!;
  return { key, label: p.label, labelEn: p.labelEn, value };
}

function product(ctx: ClaimContext, baseFacts: string[], factors: Factor[]): Amount | undefined {
  const m = ctx.measure.source;
  const given = baseFacts.filter((b) => ctx.claim.fen[b] !== undefined);
  if (given.length !== 1) {
    const names = baseFacts.map((b) => `${b} (${m.facts[b]!.label})`).join(' or ');
    const path = `claims[${ctx.claim.index}].facts.${given.length ? given[1] : baseFacts[0]}`;
    ctx.issues.push({ path, message: `claim ${ctx.claim.id}: ${ctx.measure.id} needs exactly one of ${names}` });
    return undefined;
  }
  const baseFact = given[0]!;
  const baseFen = ctx.claim.fen[baseFact]!;
  let exact: Decimal = { units: BigInt(baseFen), scale: 0 };
  for (const f of factors) exact = multiply(exact, f.value);
  const fen = Number(roundHalfUp(exact));
  const spec = m.facts[baseFact]!;
  const pct = factors.map((f) => toPercentString(f.value));
  const text = factors.length === 1 ? `按${spec.label} ${formatYuan(baseFen)} 元的 ${pct[0]} 计 ${formatYuan(fen)} 元` : `按${spec.label} ${formatYuan(baseFen)} 元 × ${factors.map((f, i) => `${f.label} ${pct[i]}`).join(' × ')} 计 ${formatYuan(fen)} 元`;
  ctx.trace.push({
    kind: 'arithmetic', step: 'rate × base', clause: ctx.measure.citation, value: text,
    base: { fact: baseFact, label: spec.label, labelEn: spec.labelEn, amount: fenToYuan(baseFen) },
    factors: factors.map((f, i) => ({ key: f.key, label: f.label, labelEn: f.labelEn, value: toPlainString(f.value), percent: pct[i]! })),
    exact: toPlainString({ units: exact.units, scale: exact.scale + 2 }), amount: fenToYuan(fen),
  });
  return { fen, basis: 'computed' };
}

function assessed(ctx: ClaimContext): Amount {
  const fen = ctx.claim.fen.assessedAmount;
  const has = fen !== undefined;
  ctx.trace.push({
    kind: 'assessed', step: has ? 'assessed' : 'cap-estimate', clause: ctx.measure.citation, assessed: has ? fenToYuan(fen) : null,
    value: has ? `经认定金额 ${formatYuan(fen)} 元` : '未提供认定金额，按上限估算（最多可享受金额）',
  });
  if (has) return { fen, basis: 'assessed' };
  const cap = readParam(ctx, ctx.measure.source.cap!.param)!;
  return { fen: Number(roundHalfUp(multiply(cap, { units: 100n, scale: 0 }))), basis: 'cap' };
}

function fixed(ctx: ClaimContext, param: string, what: string): Amount | undefined {
  const v = readParam(ctx, param);
  if (!v) return undefined;
  const fen = Number(roundHalfUp(multiply(v, { units: 100n, scale: 0 })));
  ctx.trace.push({ kind: 'arithmetic', step: 'fixed amount', clause: ctx.measure.citation, value: `${what}，定额 ${formatYuan(fen)} 元`, base: null, factors: [], exact: toPlainString(v), amount: fenToYuan(fen) });
  return { fen, basis: 'computed' };
}

function tier(ctx: ClaimContext, fact: string, tiers: Array<{ above: string; amount: string }>): Amount | undefined {
  const fen = ctx.claim.fen[fact]!;
  let reached: { above: string; amount: string; limit: Decimal } | undefined;
  for (const t of tiers) {
    const limit = readParam(ctx, t.above);
    if (limit && BigInt(fen) > limit.units * 100n / 10n ** BigInt(limit.scale)) reached = { ...t, limit };
  }
  for (const t of tiers) readParam(ctx, t.amount);
  if (ctx.missing.length) return undefined;
  const spec = ctx.measure.source.facts[fact]!;
  if (!reached) {
    ctx.trace.push({ kind: 'condition', step: 'tier', met: false, facts: { [fact]: fenToYuan(fen) }, expected: `${fact} > lowest tier`, clause: ctx.measure.citation, value: `${spec.label} ${formatYuan(fen)} 元未超过最低档`, valueEn: `${spec.labelEn} ${formatYuan(fen)} yuan is below the lowest tier` });
    return undefined;
  }
  return fixed(ctx, reached.amount, `${spec.label} ${formatYuan(fen)} 元超过 ${toPlainString(reached.limit)} 元档`);
}

function applyItemCap(ctx: ClaimContext, a: Amount): Amount {
  const cap = ctx.measure.source.cap;
  if (!cap || cap.kind === 'year') return a;
  const limit = readParam(ctx, cap.param)!;
  const capFen = Number(roundHalfUp(multiply(limit, { units: 100n, scale: 0 })));
  const after = Math.min(a.fen, capFen);
  const label = cap.kind === 'once' ? '一次性上限' : '单笔上限';
  ctx.trace.push({
    kind: 'cap', step: `${cap.kind} cap`, capKind: cap.kind, clause: `${ctx.measure.document.docNumber} ${cap.clause}`, cap: fenToYuan(capFen), used: null,
    before: fenToYuan(a.fen), after: fenToYuan(after), binding: after < a.fen,
    value: after < a.fen ? `超过${label} ${formatYuan(capFen)} 元，按上限核定 ${formatYuan(after)} 元` : `未超过${label} ${formatYuan(capFen)} 元`,
  });
  return { fen: after, basis: a.basis };
}
