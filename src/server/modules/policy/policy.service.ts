import { describeRuleset, evaluate, PolicyInputError, withParameters, type EvaluationResponse, type MeasureDescription, type RulesetDescription } from '../../../policy';
import type { Database } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { todayInShanghai } from '../../platform/dates';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import type { ActorContext, Principal } from '../../platform/principal';
import { listParameterChanges, lockParameterChange, markApproved } from './policy.repository';
import { baseRuleset, currentRuleset } from './policy.ruleset';
import type { ParameterChange, ProposeParameterInput } from './policy.schemas';

type Ctx = ActorContext & { principal: Principal };

/**
 * The engine names fields as the CLI shows them (`claims[0].facts.x`, `parameters["YP2025-8.2.rate"]`); the API
 * names them the way every other 400 does (error-handler.ts): dotted, with the location first
 * (`body.claims.0.facts.x`, `body.parameters.YP2025-8.2.rate`). The messages stay the engine's, naming the claim.
 */
export function apiIssuePath(enginePath: string, root = 'body'): string {
  const dotted = enginePath
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\["((?:[^"\\]|\\.)*)"\]/g, (_m, key: string) => `.${key.replace(/\\(.)/g, '$1')}`)
    .replace(/^\./, '');
  return dotted ? `${root}.${dotted}` : root;
}

/** Engine input errors become a 400 whose issues name the field by its API path. */
export function policyInputError(e: PolicyInputError, root = 'body'): AppError {
  return badRequest(e.issues.map((i) => ({ path: apiIssuePath(i.path, root), message: i.message })));
}

export async function evaluateRequest(db: Database, request: unknown): Promise<EvaluationResponse> {
  const ruleset = await currentRuleset(db);
  try {
    return evaluate(ruleset, request);
  } catch (e) {
    if (e instanceof PolicyInputError) throw policyInputError(e);
    throw e;
  }
}

type FactDescription = MeasureDescription['facts'][number] & { labelEn: string };
export type MeasuresReply = Omit<RulesetDescription, 'measures'> & {
  measures: Array<Omit<MeasureDescription, 'facts'> & { facts: FactDescription[] }>;
  asOf: string;
  pending: ParameterChange[];
};

/**
 * The catalog with values in force on `asOf`; office staff also see proposals awaiting a checker. Facts carry
 * their English label from the policy data, for the English pages.
 */
export async function describeMeasures(db: Database, asOf: string | undefined, staff: boolean): Promise<MeasuresReply> {
  const ruleset = await currentRuleset(db);
  const date = asOf ?? todayInShanghai();
  const described = describeRuleset(ruleset, date);
  const measures = described.measures.map((m) => {
    const specs = ruleset.measures.get(m.id)!.source.facts;
    return { ...m, facts: m.facts.map((f) => ({ ...f, labelEn: specs[f.name]?.labelEn ?? f.label })) };
  });
  return { ...described, measures, asOf: date, pending: staff ? await parameterChanges(db, { status: 'proposed' }) : [] };
}

export async function parameterChanges(db: Database, filter: { status?: string | undefined; key?: string | undefined }): Promise<ParameterChange[]> {
  const rows = await listParameterChanges(db, filter);
  return rows.map((r) => ({
    id: r.id, key: r.key, value: r.value, effectiveFrom: r.effective_from, reference: r.reference, reason: r.reason, status: r.status,
    proposedBy: { id: r.proposed_by, username: r.proposed_by_name }, proposedAt: new Date(r.proposed_at).toISOString(),
    decidedBy: r.decided_by ? { id: r.decided_by, username: r.decided_by_name ?? '' } : null,
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null, decisionReason: r.decision_reason,
  }));
}

async function one(db: Database, id: string): Promise<ParameterChange> {
  const all = await parameterChanges(db, {});
  const found = all.find((c) => c.id === id);
  if (!found) throw notFound('parameter change');
  return found;
}

/** Maker step: only parameters the engine declares, with a value the engine accepts for that unit. */
export async function proposeParameter(db: Database, ctx: Ctx, input: ProposeParameterInput): Promise<ParameterChange> {
  const base = baseRuleset();
  if (!base.parameters.has(input.key)) {
    throw badRequest([{ path: 'body.key', message: `unknown parameter ${JSON.stringify(input.key)}: only parameters the policy engine declares can be set (see GET /policy/measures)` }]);
  }
  try {
    withParameters(base, [{ key: input.key, value: input.value, effectiveFrom: input.effectiveFrom, reference: input.reference }]);
  } catch (e) {
    if (!(e instanceof PolicyInputError)) throw e;
    throw badRequest(e.issues.map((i) => ({ path: `body.${i.path.replace(/^parameters\[0\]\./, '')}`, message: i.message })));
  }
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('policy_parameter_changes')
      .values({ key: input.key, value: String(input.value), effective_from: input.effectiveFrom, reference: input.reference, reason: input.reason, proposed_by: ctx.principal.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'policy.parameter.propose', entityType: 'policy_parameter', entityId: row.id, after: { ...input, value: String(input.value) } });
    return row.id;
  });
  return one(db, id);
}

/** Checker step: a different officer approves or rejects; the maker never decides their own proposal. */
export async function decideParameter(db: Database, ctx: Ctx, id: string, decision: 'approve' | 'reject', reason: string | null): Promise<ParameterChange> {
  await db.transaction().execute(async (trx) => {
    const row = await lockParameterChange(trx, id);
    if (!row) throw notFound('parameter change');
    if (row.status !== 'proposed') throw conflict(`parameter change is already ${row.status}`);
    if (row.proposed_by === ctx.principal.userId) throw conflict('four-eyes rule: the officer who proposed a value cannot approve or reject it; another officer must');
    if (decision === 'approve') await markApproved(trx, id, ctx.principal.userId, reason);
    else {
      await trx.updateTable('policy_parameter_changes').set({ status: 'rejected', decided_by: ctx.principal.userId, decided_at: new Date(), decision_reason: reason }).where('id', '=', id).execute();
    }
    await writeAudit(trx, ctx, {
      action: `policy.parameter.${decision}`, entityType: 'policy_parameter', entityId: id,
      before: { status: 'proposed' }, after: { status: decision === 'approve' ? 'approved' : 'rejected', key: row.key, value: row.value, effectiveFrom: row.effective_from, reason },
    });
  });
  return one(db, id);
}
