// 从优、从高、不重复 (杨府发〔2025〕2号 附则第2条; 杨府发〔2024〕1号 第14条): claims in one
// group about the same matter are paid once. Highest amount after item caps wins; ties go
// to the newer document, then to the smaller claim id. Year caps apply afterwards.
import type { ClaimContext } from './context';
import type { ParsedClaim } from './input';
import { formatYuan } from './money';
import { ExclusionTrace, type Lines } from './trace';

// Amounts are passed as they were when the claim was excluded: pass 3 may still cap the winner.
const EXCLUDED: Lines<ParsedClaim, number, ParsedClaim, number> = {
  zh: (_m, winner, winnerFen, loser, loserFen) =>
    `与 ${winner.id}（${winner.measure.id}，${formatYuan(winnerFen)} 元）同属「${loser.measure.group!.label}」且为同一事项 ${loser.matter}，按从优、从高、不重复原则由 ${winner.id} 享受，本项 ${formatYuan(loserFen)} 元不予重复支持`,
  en: () => '',
};

export function applyNonDuplication(working: ClaimContext[]): void {
  let byKey: Map<string, ClaimContext[]> | undefined;
  for (const w of working) {
    const group = w.claim.measure.group;
    if (!group || w.status !== 'granted') continue;
    const key = `${group.id}\u0000${w.claim.matter}`;
    byKey ??= new Map();
    const list = byKey.get(key);
    if (list) list.push(w);
    else byKey.set(key, [w]);
  }
  if (!byKey) return;
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    const winner = list.reduce((best, w) => (beats(w, best) ? w : best));
    for (const w of list) {
      if (w === winner) continue;
      const group = w.claim.measure.group!;
      w.status = 'excluded';
      w.excludedBy = winner.claim.id;
      if (w.traced) w.trace.push(new ExclusionTrace(group.clause, group.id, group.label, group.labelEn, w.claim.matter!, winner.claim.id, winner.fen / 100, EXCLUDED, winner.claim, winner.fen, w.claim, w.fen));
      w.fen = 0;
    }
  }
}

function beats(a: ClaimContext, b: ClaimContext): boolean {
  if (a.fen !== b.fen) return a.fen > b.fen;
  const da = a.claim.measure.document.issuedOn;
  const db = b.claim.measure.document.issuedOn;
  if (da !== db) return da > db;
  return a.claim.id < b.claim.id;
}
