// 入库 from listing-readiness results (issue #6's enterprise_evaluations, kind 'listing_readiness'). The evaluation
// table belongs to the evaluation module; until it exists on this database the path answers 409.
import { sql } from 'kysely';
import type { Database } from '../../db/connect';
import { conflict, badRequest } from '../../platform/errors';
import { nominate, type Ctx } from './pool.service';
import { TARGET_BOARDS } from './tiers';

export async function nominateFromReadiness(db: Database, ctx: Ctx, input: { evaluationId: string; targetBoard?: string | undefined; officerUserId?: string | undefined }) {
  const exists = await sql<{ t: string | null }>`select to_regclass('enterprise_evaluations')::text as t`.execute(db);
  if (!exists.rows[0]?.t) throw conflict('listing-readiness evaluations are not available on this platform yet');
  const r = await sql<{ enterprise_id: string; result: Record<string, unknown> }>`
    select enterprise_id, result from enterprise_evaluations where id = ${input.evaluationId}::uuid and kind = 'listing_readiness'`.execute(db);
  const ev = r.rows[0];
  if (!ev) throw badRequest([{ path: 'body.evaluationId', message: 'no listing-readiness evaluation with this id' }]);
  const board = input.targetBoard ?? boardFromResult(ev.result);
  if (!board) throw badRequest([{ path: 'body.targetBoard', message: 'the evaluation names no board; give the target board' }]);
  const reason = `上市准备度评估 ${input.evaluationId}：${summary(ev.result)}`.slice(0, 1000);
  return nominate(db, ctx, { enterpriseId: ev.enterprise_id, targetBoard: board as never, reason, officerUserId: input.officerUserId }, { kind: 'readiness', evaluationId: input.evaluationId });
}

/** The board of the first standard met, else of the nearest one (the result's shape: {met:[…], nearest:{…}}). */
function boardFromResult(result: Record<string, unknown>): string | null {
  const pick = (x: unknown): string | null => {
    if (!x || typeof x !== 'object') return null;
    const b = (x as Record<string, unknown>).board;
    return typeof b === 'string' && (TARGET_BOARDS as readonly string[]).includes(b) ? b : null;
  };
  const met = Array.isArray(result.met) ? result.met : Array.isArray(result.standardsMet) ? result.standardsMet : [];
  for (const m of met) if (pick(m)) return pick(m);
  return pick(result.nearest);
}

function summary(result: Record<string, unknown>): string {
  const met = Array.isArray(result.met) ? result.met : Array.isArray(result.standardsMet) ? result.standardsMet : [];
  if (met.length) return `符合 ${met.map((m) => (typeof m === 'object' && m ? String((m as Record<string, unknown>).code ?? (m as Record<string, unknown>).standard ?? (m as Record<string, unknown>).board ?? '') : String(m))).join('、')}`;
  return '最接近标准见评估结果';
}
