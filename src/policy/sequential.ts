// Pass 3: limits that depend on what was granted before, taken in eventDate then claim id
// order. `granted` entries count first, then the earlier granted claims of this request
// (catalog "Caps": year caps are per beneficiary, per measure, per calendar year).
import type { Ruleset } from './compile';
import { condition, readParam, newContext } from './context';
import { multiply, roundHalfUp } from './decimal';
import type { Working } from './evaluate';
import type { ParsedRequest } from './input';
import { formatYuan } from './money';

export function applySequential(ruleset: Ruleset, req: ParsedRequest, working: Working[]): void {
  const order = working.filter((w) => w.status === 'granted').sort((a, b) => (a.claim.eventDate !== b.claim.eventDate ? (a.claim.eventDate < b.claim.eventDate ? -1 : 1) : a.claim.id < b.claim.id ? -1 : a.claim.id > b.claim.id ? 1 : 0));
  if (order.length === 0) return;
  const usedByYear = new Map<string, number>();
  for (const g of req.granted) usedByYear.set(`${g.measure}\u0000${g.year}`, (usedByYear.get(`${g.measure}\u0000${g.year}`) ?? 0) + g.fen);
  const grantedHere: Working[] = [];
  for (const w of order) {
    const { claim } = w;
    const m = claim.measure;
    const ctx = newContext(ruleset, claim, req.beneficiary, req.granted, req.overlay, []);
    ctx.trace = w.trace;
    ctx.read = w.read;
    let ok = true;
    if (m.source.cap?.kind === 'once') {
      const e = grantedHere.find((x) => x.claim.measure === m);
      ok = condition(ctx, 'once', !e, { earlierClaim: e?.claim.id ?? null }, 'not granted earlier in this request',
        e ? `本次已由 ${e.claim.id} 享受本措施（一次性支持），不再重复享受` : '本次请求中未另行享受本措施（一次性支持）',
        e ? `already granted to ${e.claim.id} in this request; a one-off measure` : 'not granted earlier in this request', `${m.document.docNumber} ${m.source.cap.clause}`);
    }
    for (const c of m.source.conditions) {
      if (!ok) break;
      const clause = `${m.document.docNumber} ${c.clause}`;
      if (c.type === 'notGranted') {
        const e = grantedHere.find((x) => x.claim.measure.id === c.measure);
        if (e) ok = condition(ctx, 'not-granted', false, { [c.measure]: e.claim.id }, `${c.measure} not granted`, `本次已由 ${e.claim.id} 享受 ${c.measure}，不能同时享受本措施`, `${c.measure} granted to ${e.claim.id}; the two are exclusive`, clause);
      } else if (c.type === 'onePerMatterPerYear') {
        const e = grantedHere.find((x) => x.claim.measure === m && x.claim.year === claim.year && x.claim.matter === claim.matter);
        if (e) ok = condition(ctx, 'one-per-matter-per-year', false, { matter: claim.matter ?? null, year: claim.year }, 'one grant per project per year', `项目 ${claim.matter} 在 ${claim.year} 年已由 ${e.claim.id} 获得支持`, `project ${claim.matter} already supported in ${claim.year} by ${e.claim.id}`, clause);
      }
    }
    if (ok && m.source.cap?.kind === 'year') ok = applyYearCap(ctx, w, usedByYear);
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

function applyYearCap(ctx: ReturnType<typeof newContext>, w: Working, usedByYear: Map<string, number>): boolean {
  const m = w.claim.measure;
  const cap = m.source.cap!;
  const limit = readParam(ctx, cap.param)!;
  const capFen = Number(roundHalfUp(multiply(limit, { units: 100n, scale: 0 })));
  const used = usedByYear.get(`${m.id}\u0000${w.claim.year}`) ?? 0;
  const remaining = Math.max(0, capFen - used);
  const after = Math.min(w.fen, remaining);
  const clause = `${m.document.docNumber} ${cap.clause}`;
  ctx.trace.push({
    kind: 'cap', step: 'year cap', capKind: 'year', clause, cap: capFen / 100, used: used / 100, before: w.fen / 100, after: after / 100, binding: after < w.fen,
    value: `${w.claim.year} 年度已享受 ${formatYuan(used)} 元，上限 ${formatYuan(capFen)} 元${after < w.fen ? `，剩余额度 ${formatYuan(remaining)} 元` : ''}`,
  });
  if (remaining === 0) {
    return condition(ctx, 'year-cap-remaining', false, { used: used / 100 }, 'year cap not used up', `${w.claim.year} 年度上限 ${formatYuan(capFen)} 元已用尽`, `the ${w.claim.year} cap of ${formatYuan(capFen)} yuan is used up`, clause);
  }
  w.fen = after;
  return true;
}
