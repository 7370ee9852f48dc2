// Eligibility checks, in the order they run: document window, beneficiary kind,
// registration (catalog "Documents"), the measure's own conditions, then history
// (`once`, mutual exclusion, one claim per project per year). The first failure stops.
import { addYears, wholeYearsBetween } from './dates';
import { compare, toPercentString, toPlainString } from './decimal';
import { condition, readParam, type ClaimContext } from './context';
import { formatYuan } from './money';
import type { ConditionSource } from './schema';

export function checkGates(ctx: ClaimContext): boolean {
  const { claim, measure, beneficiary } = ctx;
  const doc = measure.document;
  const d = claim.eventDate;
  const inWindow = d >= doc.window.from && d <= doc.window.to;
  if (!condition(ctx, 'window', inWindow, { eventDate: d }, `${doc.window.from} ≤ eventDate ≤ ${doc.window.to}`,
    `事项日期 ${d} ${inWindow ? '在' : '不在'}${doc.docNumber}有效期 ${doc.window.from} 至 ${doc.window.to} 内`,
    `event date ${d} is ${inWindow ? 'within' : 'outside'} the window ${doc.window.from} to ${doc.window.to}`,
    `${doc.docNumber} ${doc.window.clause}`)) return false;
  const kindOk = measure.accepts.has(beneficiary.kind);
  const accepted = measure.acceptsText;
  if (!condition(ctx, 'beneficiary-kind', kindOk, { kind: beneficiary.kind }, `kind ∈ {${accepted}}`,
    `受益主体类型 ${beneficiary.kind} ${kindOk ? '符合' : '不符合'}本措施（限 ${accepted}）`,
    `beneficiary kind ${beneficiary.kind} ${kindOk ? 'fits' : 'does not fit'} (${accepted})`, measure.citation)) return false;
  const req = doc.registration.requires;
  const registered = beneficiary[req];
  const where = req === 'registeredInYangpu' ? '杨浦区' : '上海市';
  return condition(ctx, 'registration', registered, { [req]: registered }, `${req} = true`,
    `${registered ? '已' : '未'}在${where}登记注册`, `${registered ? '' : 'not '}registered in ${req === 'registeredInYangpu' ? 'Yangpu' : 'Shanghai'}`,
    `${doc.docNumber} ${doc.registration.clause}`);
}

/** The measure's own conditions; a condition whose 细则 parameter is missing is skipped (needs-parameters). */
export function checkMeasureConditions(ctx: ClaimContext): boolean {
  for (const c of ctx.measure.source.conditions) if (!checkOne(ctx, c)) return false;
  return true;
}

const OPS = { lt: ['<', '低于', 'below'], lte: ['≤', '不高于', 'at most'], gt: ['>', '高于', 'above'], gte: ['≥', '不低于', 'at least'] } as const;

function checkOne(ctx: ClaimContext, c: ConditionSource): boolean {
  const { claim, measure } = ctx;
  const clause = `${measure.document.docNumber} ${c.clause}`;
  const facts = measure.source.facts;
  switch (c.type) {
    case 'compare': {
      const limit = readParam(ctx, c.param);
      if (!limit) return true;
      const spec = facts[c.fact]!;
      const isRate = spec.type === 'rate';
      const actual = isRate ? claim.rates[c.fact]! : { units: BigInt(claim.fen[c.fact]!), scale: 2 };
      const cmp = compare(actual, limit);
      const met = c.op === 'lt' ? cmp < 0 : c.op === 'lte' ? cmp <= 0 : c.op === 'gt' ? cmp > 0 : cmp >= 0;
      const show = (d: typeof limit) => (isRate ? toPercentString(d) : `${formatYuan(Number(d.units * 100n / 10n ** BigInt(d.scale)))} 元`);
      const [sym, zh, en] = OPS[c.op];
      return condition(ctx, c.fact, met, { [c.fact]: claim.facts[c.fact] ?? null }, `${c.fact} ${sym} ${toPlainString(limit)}`,
        `${spec.label} ${show(actual)}${met ? '' : '，不满足'}${zh} ${show(limit)}`, `${spec.labelEn} ${show(actual)} ${met ? 'is' : 'is not'} ${en} ${show(limit)}`, clause);
    }
    case 'oneOf': {
      const v = String(claim.facts[c.fact]);
      const met = c.values.includes(v);
      const label = facts[c.fact]!.label;
      return condition(ctx, c.fact, met, { [c.fact]: v }, `${c.fact} ∈ {${c.values.join(', ')}}`,
        `${label} ${v}${met ? '属于' : '不属于'} ${c.values.join('、')}`, `${facts[c.fact]!.labelEn} ${v} ${met ? 'is' : 'is not'} one of ${c.values.join(', ')}`, clause);
    }
    case 'withinYearsOf': {
      const years = readParam(ctx, c.param);
      if (!years) return true;
      const start = String(claim.facts[c.fact]);
      const end = addYears(start, Number(years.units));
      const met = claim.eventDate >= start && claim.eventDate <= end;
      return condition(ctx, c.fact, met, { [c.fact]: start, eventDate: claim.eventDate }, `${start} ≤ eventDate ≤ ${end}`,
        `事项日期 ${claim.eventDate} ${met ? '在' : '不在'}${facts[c.fact]!.label} ${start} 起 ${years.units} 年内（至 ${end}）`,
        `event date ${claim.eventDate} is ${met ? '' : 'not '}within ${years.units} years of ${start}`, clause);
    }
    case 'subsidyYear': {
      const max = readParam(ctx, c.param);
      if (!max) return true;
      const start = String(claim.facts[c.fact]);
      const n = 1 + wholeYearsBetween(start, claim.eventDate);
      const met = claim.eventDate >= start && BigInt(n) <= max.units;
      return condition(ctx, 'subsidyYear', met, { [c.fact]: start, eventDate: claim.eventDate, subsidyYear: n }, `1 ≤ n ≤ ${max.units}`,
        claim.eventDate < start ? `事项日期 ${claim.eventDate} 早于${facts[c.fact]!.label} ${start}` : `自${facts[c.fact]!.label} ${start} 起第 ${n} 个补贴年度，${met ? '未超过' : '超过'} ${max.units} 年`,
        `subsidy year ${n} since ${start} ${met ? 'is within' : 'exceeds'} the limit of ${max.units}`, clause);
    }
    default:
      return true; // history conditions run in checkHistory
  }
}

/** `once`, mutual exclusion and per-project limits against earlier grants given in `granted`. */
export function checkHistory(ctx: ClaimContext): boolean {
  const { measure, claim, history } = ctx;
  if (measure.source.cap?.kind === 'once') {
    const earlier = history.find((g) => g.measure === measure.id);
    if (!condition(ctx, 'once', !earlier, { grantedYear: earlier?.year ?? null }, 'not granted before',
      earlier ? `${earlier.year} 年已享受本措施（一次性支持），不再重复享受` : '此前未享受本措施（一次性支持）',
      earlier ? `already granted in ${earlier.year}; a one-off measure` : 'not granted before (one-off measure)', `${measure.document.docNumber} ${measure.source.cap.clause}`)) return false;
  }
  for (const c of measure.source.conditions) {
    const clause = `${measure.document.docNumber} ${c.clause}`;
    if (c.type === 'notGranted') {
      const earlier = history.find((g) => g.measure === c.measure);
      if (!condition(ctx, 'not-granted', !earlier, { [c.measure]: earlier ? earlier.year : null }, `${c.measure} not granted`,
        earlier ? `已享受 ${c.measure}，不能同时享受本措施` : `未享受 ${c.measure}`,
        earlier ? `${c.measure} was granted; the two are exclusive` : `${c.measure} not granted`, clause)) return false;
    } else if (c.type === 'onePerMatterPerYear') {
      const earlier = history.find((g) => g.measure === measure.id && g.year === claim.year && g.matter === claim.matter);
      if (!condition(ctx, 'one-per-matter-per-year', !earlier, { matter: claim.matter ?? null, year: claim.year }, 'one grant per project per year',
        earlier ? `项目 ${claim.matter} 在 ${claim.year} 年已获支持` : `项目 ${claim.matter} 在 ${claim.year} 年尚未获支持`,
        earlier ? `project ${claim.matter} already supported in ${claim.year}` : `project ${claim.matter} not yet supported in ${claim.year}`, clause)) return false;
    }
  }
  return true;
}
