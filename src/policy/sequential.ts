// Pass 3: limits that depend on what was granted before, taken in eventDate then claim id
// order. `granted` entries count first, then the earlier granted claims of this request
// (catalog "Caps": year caps are per beneficiary, per measure, per calendar year).
import { condition, fenOf, readParam, type ClaimContext, type RequestContext } from './context';
import { formatYuan } from './money';
import { CapTrace, type Lines } from './trace';

const byDateThenId = (a: ClaimContext, b: ClaimContext) => (a.claim.eventDate !== b.claim.eventDate ? (a.claim.eventDate < b.claim.eventDate ? -1 : 1) : a.claim.id < b.claim.id ? -1 : a.claim.id > b.claim.id ? 1 : 0);

const ONCE_HERE: Lines<string | undefined> = {
  zh: (_m, id) => (id ? `本次已由 ${id} 享受本措施（一次性支持），不再重复享受` : '本次请求中未另行享受本措施（一次性支持）'),
  en: (_m, id) => (id ? `already granted to ${id} in this request; a one-off measure` : 'not granted earlier in this request'),
};
const NOT_GRANTED_HERE: Lines<string, string> = {
  zh: (_m, id, other) => `本次已由 ${id} 享受 ${other}，不能同时享受本措施`,
  en: (_m, id, other) => `${other} granted to ${id}; the two are exclusive`,
};
const ONE_PER_MATTER_HERE: Lines<string | undefined, number, string> = {
  zh: (_m, matter, year, id) => `项目 ${matter} 在 ${year} 年已由 ${id} 获得支持`,
  en: (_m, matter, year, id) => `project ${matter} already supported in ${year} by ${id}`,
};

export function applySequential(rq: RequestContext, working: ClaimContext[]): void {
  const order: ClaimContext[] = [];
  for (const w of working) if (w.status === 'granted') order.push(w);
  if (order.length === 0) return;
  order.sort(byDateThenId);
  const usedByYear = new Map<string, number>();
  for (const g of rq.history) usedByYear.set(`${g.measure}\u0000${g.year}`, (usedByYear.get(`${g.measure}\u0000${g.year}`) ?? 0) + g.fen);
  const grantedHere: ClaimContext[] = [];
  for (const w of order) {
    const { claim, plan } = w;
    const m = claim.measure;
    let ok = true;
    if (m.source.cap?.kind === 'once') {
      let e: ClaimContext | undefined;
      for (const x of grantedHere) if (x.claim.measure === m) { e = x; break; }
      ok = condition(w, 'once', !e, { earlierClaim: e?.claim.id ?? null }, 'not granted earlier in this request', plan.capClause, ONCE_HERE, e?.claim.id, undefined, undefined, undefined);
    }
    for (const cp of plan.conditions) {
      if (!ok) break;
      const c = cp.source;
      if (c.type === 'notGranted') {
        let e: ClaimContext | undefined;
        for (const x of grantedHere) if (x.claim.measure.id === c.measure) { e = x; break; }
        if (e) {
          const facts: Record<string, string> = {};
          facts[c.measure] = e.claim.id;
          ok = condition(w, 'not-granted', false, facts, `${c.measure} not granted`, cp.clause, NOT_GRANTED_HERE, e.claim.id, c.measure, undefined, undefined);
        }
      } else if (c.type === 'onePerMatterPerYear') {
        let e: ClaimContext | undefined;
        for (const x of grantedHere) if (x.claim.measure === m && x.claim.year === claim.year && x.claim.matter === claim.matter) { e = x; break; }
        if (e) ok = condition(w, 'one-per-matter-per-year', false, { matter: claim.matter ?? null, year: claim.year }, 'one grant per project per year', cp.clause, ONE_PER_MATTER_HERE, claim.matter, claim.year, e.claim.id, undefined);
      }
    }
    if (ok && m.source.cap?.kind === 'year') ok = applyYearCap(w, usedByYear);
    if (!ok) {
      w.status = 'ineligible';
      w.fen = 0;
      continue;
    }
    grantedHere.push(w);
    const key = `${m.id}\u0000${claim.year}`;
    usedByYear.set(key, (usedByYear.get(key) ?? 0) + w.fen);
  }
}

const YEAR_CAP: Lines<number, number, number, number | undefined> = {
  zh: (_m, year, used, capFen, remaining) => `${year} 年度已享受 ${formatYuan(used)} 元，上限 ${formatYuan(capFen)} 元${remaining !== undefined ? `，剩余额度 ${formatYuan(remaining)} 元` : ''}`,
  en: () => '',
};
const YEAR_CAP_USED_UP: Lines<number, number> = {
  zh: (_m, year, capFen) => `${year} 年度上限 ${formatYuan(capFen)} 元已用尽`,
  en: (_m, year, capFen) => `the ${year} cap of ${formatYuan(capFen)} yuan is used up`,
};

function applyYearCap(w: ClaimContext, usedByYear: Map<string, number>): boolean {
  const m = w.claim.measure;
  const year = w.claim.year;
  const capFen = fenOf(readParam(w, w.plan.cap!)!);
  const used = usedByYear.get(`${m.id}\u0000${year}`) ?? 0;
  const remaining = Math.max(0, capFen - used);
  const after = Math.min(w.fen, remaining);
  const clause = w.plan.capClause;
  const binding = after < w.fen;
  if (w.traced) w.trace.push(new CapTrace('year cap', 'year', clause, capFen / 100, used / 100, w.fen / 100, after / 100, binding, YEAR_CAP, year, used, capFen, binding ? remaining : undefined));
  if (remaining === 0) {
    return condition(w, 'year-cap-remaining', false, { used: used / 100 }, 'year cap not used up', clause, YEAR_CAP_USED_UP, year, capFen, undefined, undefined);
  }
  w.fen = after;
  return true;
}
