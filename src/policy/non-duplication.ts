// 从优、从高、不重复 (杨府发〔2025〕2号 附则第2条; 杨府发〔2024〕1号 第14条): claims in one
// group about the same matter are paid once. Highest amount after item caps wins; ties go
// to the newer document, then to the smaller claim id. Year caps apply afterwards.
import type { Working } from './evaluate';
import { formatYuan } from './money';

export function applyNonDuplication(working: Working[]): void {
  const byKey = new Map<string, Working[]>();
  for (const w of working) {
    const group = w.claim.measure.group;
    if (!group || w.status !== 'granted') continue;
    const key = `${group.id}\u0000${w.claim.matter}`;
    const list = byKey.get(key);
    if (list) list.push(w);
    else byKey.set(key, [w]);
  }
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    const winner = list.reduce((best, w) => (beats(w, best) ? w : best));
    for (const w of list) {
      if (w === winner) continue;
      const group = w.claim.measure.group!;
      w.status = 'excluded';
      w.excludedBy = winner.claim.id;
      w.trace.push({
        kind: 'exclusion', step: 'non-duplication', clause: group.clause, group: group.id, groupLabel: group.label, groupLabelEn: group.labelEn,
        matter: w.claim.matter!, winner: winner.claim.id, winnerAmount: winner.fen / 100,
        value: `与 ${winner.claim.id}（${winner.claim.measure.id}，${formatYuan(winner.fen)} 元）同属「${group.label}」且为同一事项 ${w.claim.matter}，按从优、从高、不重复原则由 ${winner.claim.id} 享受，本项 ${formatYuan(w.fen)} 元不予重复支持`,
      });
      w.fen = 0;
    }
  }
}

function beats(a: Working, b: Working): boolean {
  if (a.fen !== b.fen) return a.fen > b.fen;
  const da = a.claim.measure.document.issuedOn;
  const db = b.claim.measure.document.issuedOn;
  if (da !== db) return da > db;
  return a.claim.id < b.claim.id;
}
