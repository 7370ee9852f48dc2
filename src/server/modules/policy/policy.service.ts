import { describeRuleset, evaluate, PolicyInputError, withParameters, type EvaluationResponse, type RulesetDescription } from '../../../policy';
import type { Database } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { todayInShanghai } from '../../platform/dates';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import type { ActorContext, Principal } from '../../platform/principal';
import { listParameterChanges, lockParameterChange, markApproved } from './policy.repository';
import { baseRuleset, currentRuleset } from './policy.ruleset';
import type { ParameterChange, ProposeParameterInput } from './policy.schemas';

type Ctx = ActorContext & { principal: Principal };

/** Engine input errors become a 400 whose issues name the claim and the field (paths under body.). */
export function policyInputError(e: PolicyInputError, root = 'body'): AppError {
  return badRequest(e.issues.map((i) => ({ path: i.path ? `${root}.${i.path}` : root, message: i.message })));
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

/** The catalog with values in force on `asOf`; office staff also see proposals awaiting a checker. */
export async function describeMeasures(db: Database, asOf: string | undefined, staff: boolean): Promise<RulesetDescription & { asOf: string; pending: ParameterChange[] }> {
  const ruleset = await currentRuleset(db);
  const date = asOf ?? todayInShanghai();
  return { ...describeRuleset(ruleset, date), asOf: date, pending: staff ? await parameterChanges(db, { status: 'proposed' }) : [] };
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
