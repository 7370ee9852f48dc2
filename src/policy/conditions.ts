// Eligibility checks, in the order they run: document window, beneficiary kind,
// registration (catalog "Documents"), the measure's own conditions, then history
// (`once`, mutual exclusion, one claim per project per year). The first failure stops.
// Clause and expected texts come from the measure's plan; the readable lines are rendered
// when read (trace.ts).
import type { CompiledMeasure } from './compile';
import { addYears, wholeYearsBetween } from './dates';
import { compare, toPercentString, type Decimal } from './decimal';
import { condition, plainOf, readParam, type ClaimContext } from './context';
import type { ParsedGranted } from './input';
import { formatYuan } from './money';
import type { ConditionPlan } from './plan';
import type { Lines } from './trace';
import type { DocumentSource } from './schema';

const WINDOW: Lines<string, DocumentSource> = {
  zh: (met, d, doc) => `事项日期 ${d} ${met ? '在' : '不在'}${doc.docNumber}有效期 ${doc.window.from} 至 ${doc.window.to} 内`,
  en: (met, d, doc) => `event date ${d} is ${met ? 'within' : 'outside'} the window ${doc.window.from} to ${doc.window.to}`,
};
const KIND: Lines<string, string> = {
  zh: (met, kind, accepted) => `受益主体类型 ${kind} ${met ? '符合' : '不符合'}本措施（限 ${accepted}）`,
  en: (met, kind, accepted) => `beneficiary kind ${kind} ${met ? 'fits' : 'does not fit'} (${accepted})`,
};
const REGISTRATION: Lines<boolean> = {
  zh: (met, yangpu) => `${met ? '已' : '未'}在${yangpu ? '杨浦区' : '上海市'}登记注册`,
  en: (met, yangpu) => `${met ? '' : 'not '}registered in ${yangpu ? 'Yangpu' : 'Shanghai'}`,
};

export function checkGates(ctx: ClaimContext): boolean {
  const { claim, plan } = ctx;
  const { beneficiary } = ctx.rq;
  const measure = claim.measure;
  const doc = measure.document;
  const d = claim.eventDate;
  const inWindow = d >= doc.window.from && d <= doc.window.to;
  const kindOk = measure.accepts.has(beneficiary.kind);
  const yangpu = doc.registration.requires === 'registeredInYangpu';
  const registered = yangpu ? beneficiary.registeredInYangpu : beneficiary.registeredInShanghai;
  if (!ctx.traced) return inWindow && kindOk && registered;
  if (!condition(ctx, 'window', inWindow, { eventDate: d }, plan.windowExpected, plan.windowClause, WINDOW, d, doc, undefined, undefined)) return false;
  if (!condition(ctx, 'beneficiary-kind', kindOk, { kind: beneficiary.kind }, plan.kindExpected, measure.citation, KIND, beneficiary.kind, measure.acceptsText, undefined, undefined)) return false;
  const facts: Record<string, boolean> = yangpu ? { registeredInYangpu: registered } : { registeredInShanghai: registered };
  return condition(ctx, 'registration', registered, facts, plan.registrationExpected, plan.registrationClause, REGISTRATION, yangpu, undefined, undefined, undefined);
}

/** The measure's own conditions; a condition whose 细则 parameter is missing is skipped (needs-parameters). */
export function checkMeasureConditions(ctx: ClaimContext): boolean {
  const conditions = ctx.plan.conditions;
  for (let i = 0; i < conditions.length; i++) if (!checkOne(ctx, conditions[i]!)) return false;
  return true;
}

const OPS = { lt: ['<', '低于', 'below'], lte: ['≤', '不高于', 'at most'], gt: ['>', '高于', 'above'], gte: ['≥', '不低于', 'at least'] } as const;

const show = (isRate: boolean, d: Decimal) => (isRate ? toPercentString(d) : `${formatYuan(Number(d.units * 100n / 10n ** BigInt(d.scale)))} 元`);
const COMPARE: Lines<ConditionPlan, Decimal, Decimal> = {
  zh: (met, cp, actual, limit) => `${cp.label} ${show(cp.isRate, actual)}${met ? '' : '，不满足'}${OPS[op(cp)][1]} ${show(cp.isRate, limit)}`,
  en: (met, cp, actual, limit) => `${cp.labelEn} ${show(cp.isRate, actual)} ${met ? 'is' : 'is not'} ${OPS[op(cp)][2]} ${show(cp.isRate, limit)}`,
};
const op = (cp: ConditionPlan) => (cp.source.type === 'compare' ? cp.source.op : 'lt');
const ONE_OF: Lines<ConditionPlan, string> = {
  zh: (met, cp, v) => `${cp.label} ${v}${met ? '属于' : '不属于'} ${cp.oneOfZh}`,
  en: (met, cp, v) => `${cp.labelEn} ${v} ${met ? 'is' : 'is not'} one of ${cp.oneOfEn}`,
};
const WITHIN_YEARS: Lines<ConditionPlan, string, string, { date: string; years: bigint }> = {
  zh: (met, cp, start, end, x) => `事项日期 ${x.date} ${met ? '在' : '不在'}${cp.label} ${start} 起 ${x.years} 年内（至 ${end}）`,
  en: (met, _cp, start, _end, x) => `event date ${x.date} is ${met ? '' : 'not '}within ${x.years} years of ${start}`,
};
const SUBSIDY_YEAR: Lines<ConditionPlan, string, number, { date: string; max: bigint }> = {
  zh: (met, cp, start, n, x) => (x.date < start ? `事项日期 ${x.date} 早于${cp.label} ${start}` : `自${cp.label} ${start} 起第 ${n} 个补贴年度，${met ? '未超过' : '超过'} ${x.max} 年`),
  en: (met, _cp, start, n, x) => `subsidy year ${n} since ${start} ${met ? 'is within' : 'exceeds'} the limit of ${x.max}`,
};

function checkOne(ctx: ClaimContext, cp: ConditionPlan): boolean {
  const { claim } = ctx;
  const c = cp.source;
  switch (c.type) {
    case 'compare': {
      const limit = readParam(ctx, cp.param!);
      if (!limit) return true;
      const actual = cp.isRate ? claim.rates[c.fact]! : { units: BigInt(claim.fen[c.fact]!), scale: 2 };
      const cmp = compare(actual, limit);
      const met = c.op === 'lt' ? cmp < 0 : c.op === 'lte' ? cmp <= 0 : c.op === 'gt' ? cmp > 0 : cmp >= 0;
      if (!ctx.traced) return met;
      const facts: Record<string, string | number | boolean | null> = {};
      facts[c.fact] = claim.facts[c.fact] ?? null;
      return condition(ctx, c.fact, met, facts, `${c.fact} ${OPS[c.op][0]} ${plainOf(limit)}`, cp.clause, COMPARE, cp, actual, limit, undefined);
    }
    case 'oneOf': {
      const v = String(claim.facts[c.fact]);
      const met = c.values.includes(v);
      if (!ctx.traced) return met;
      const facts: Record<string, string> = {};
      facts[c.fact] = v;
      return condition(ctx, c.fact, met, facts, cp.oneOfExpected, cp.clause, ONE_OF, cp, v, undefined, undefined);
    }
    case 'withinYearsOf': {
      const years = readParam(ctx, cp.param!);
      if (!years) return true;
      const start = String(claim.facts[c.fact]);
      const end = addYears(start, Number(years.units));
      const met = claim.eventDate >= start && claim.eventDate <= end;
      if (!ctx.traced) return met;
      const facts: Record<string, string> = {};
      facts[c.fact] = start;
      facts.eventDate = claim.eventDate;
      return condition(ctx, c.fact, met, facts, `${start} ≤ eventDate ≤ ${end}`, cp.clause, WITHIN_YEARS, cp, start, end, { date: claim.eventDate, years: years.units });
    }
    case 'subsidyYear': {
      const max = readParam(ctx, cp.param!);
      if (!max) return true;
      const start = String(claim.facts[c.fact]);
      const n = 1 + wholeYearsBetween(start, claim.eventDate);
      const met = claim.eventDate >= start && BigInt(n) <= max.units;
      if (!ctx.traced) return met;
      const facts: Record<string, string | number> = {};
      facts[c.fact] = start;
      facts.eventDate = claim.eventDate;
      facts.subsidyYear = n;
      return condition(ctx, 'subsidyYear', met, facts, `1 ≤ n ≤ ${max.units}`, cp.clause, SUBSIDY_YEAR, cp, start, n, { date: claim.eventDate, max: max.units });
    }
    default:
      return true; // history conditions run in checkHistory
  }
}

const ONCE: Lines<ParsedGranted | undefined> = {
  zh: (_m, e) => (e ? `${e.year} 年已享受本措施（一次性支持），不再重复享受` : '此前未享受本措施（一次性支持）'),
  en: (_m, e) => (e ? `already granted in ${e.year}; a one-off measure` : 'not granted before (one-off measure)'),
};
const NOT_GRANTED: Lines<ParsedGranted | undefined, string> = {
  zh: (_m, e, other) => (e ? `已享受 ${other}，不能同时享受本措施` : `未享受 ${other}`),
  en: (_m, e, other) => (e ? `${other} was granted; the two are exclusive` : `${other} not granted`),
};
const ONE_PER_MATTER: Lines<ParsedGranted | undefined, string | undefined, number> = {
  zh: (_m, e, matter, year) => (e ? `项目 ${matter} 在 ${year} 年已获支持` : `项目 ${matter} 在 ${year} 年尚未获支持`),
  en: (_m, e, matter, year) => (e ? `project ${matter} already supported in ${year}` : `project ${matter} not yet supported in ${year}`),
};

function grantedBefore(history: ParsedGranted[], measure: string): ParsedGranted | undefined {
  for (let i = 0; i < history.length; i++) if (history[i]!.measure === measure) return history[i];
  return undefined;
}

/** `once`, mutual exclusion and per-project limits against earlier grants given in `granted`. */
export function checkHistory(ctx: ClaimContext): boolean {
  const { claim, plan } = ctx;
  const measure: CompiledMeasure = claim.measure;
  const history = ctx.rq.history;
  if (measure.source.cap?.kind === 'once') {
    const earlier = grantedBefore(history, measure.id);
    if (!condition(ctx, 'once', !earlier, { grantedYear: earlier?.year ?? null }, 'not granted before', plan.capClause, ONCE, earlier, undefined, undefined, undefined)) return false;
  }
  for (const cp of plan.conditions) {
    const c = cp.source;
    if (c.type === 'notGranted') {
      const earlier = grantedBefore(history, c.measure);
      const facts: Record<string, number | null> = {};
      facts[c.measure] = earlier ? earlier.year : null;
      if (!condition(ctx, 'not-granted', !earlier, facts, `${c.measure} not granted`, cp.clause, NOT_GRANTED, earlier, c.measure, undefined, undefined)) return false;
    } else if (c.type === 'onePerMatterPerYear') {
      const earlier = history.find((g) => g.measure === measure.id && g.year === claim.year && g.matter === claim.matter);
      if (!condition(ctx, 'one-per-matter-per-year', !earlier, { matter: claim.matter ?? null, year: claim.year }, 'one grant per project per year', cp.clause, ONE_PER_MATTER, earlier, claim.matter, claim.year, undefined)) return false;
    }
  }
  return true;
}
