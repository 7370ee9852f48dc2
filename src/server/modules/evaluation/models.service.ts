// Officers' versions of the configurable models (innovation-points scorecard, lifecycle rules), maker-checker:
// an officer proposes a definition, another officer approves or rejects it; the model in force is the latest
// approved one, else the platform default shipped in src/evaluation/data. Everything audited.
import type { Database } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { badRequest, conflict, notFound } from '../../platform/errors';
import type { ActorContext, Principal } from '../../platform/principal';
import { DEFAULT_MODELS, validateModel, type InnovationModel, type LifecycleModel, type ModelKind, type Models } from '../../../evaluation';

type Ctx = ActorContext & { principal: Principal };

export async function currentModels(db: Database): Promise<Models> {
  const rows = await db
    .selectFrom('evaluation_models')
    .select(['kind', 'definition'])
    .distinctOn('kind')
    .where('status', '=', 'approved')
    .orderBy('kind')
    .orderBy('decided_at', 'desc')
    .execute();
  const approved = new Map(rows.map((r) => [r.kind, r.definition]));
  return {
    innovation: (approved.get('innovation_points') as unknown as InnovationModel | undefined) ?? DEFAULT_MODELS.innovation,
    lifecycle: (approved.get('lifecycle') as unknown as LifecycleModel | undefined) ?? DEFAULT_MODELS.lifecycle,
  };
}

function view(r: { id: string; kind: string; version: string; definition: unknown; reason: string; status: string; proposed_at: Date; decided_at: Date | null; decision_reason: string | null; proposed_by_name: string; decided_by_name: string | null }) {
  return {
    id: r.id, kind: r.kind, version: r.version, definition: r.definition as Record<string, unknown>, reason: r.reason, status: r.status,
    proposedBy: r.proposed_by_name, proposedAt: new Date(r.proposed_at).toISOString(),
    decidedBy: r.decided_by_name, decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null, decisionReason: r.decision_reason,
  };
}

const listQuery = (db: Database) =>
  db
    .selectFrom('evaluation_models as m')
    .innerJoin('users as p', 'p.id', 'm.proposed_by')
    .leftJoin('users as d', 'd.id', 'm.decided_by')
    .select(['m.id', 'm.kind', 'm.version', 'm.definition', 'm.reason', 'm.status', 'm.proposed_at', 'm.decided_at', 'm.decision_reason', 'p.username as proposed_by_name', 'd.username as decided_by_name']);

export async function listModels(db: Database) {
  const models = await currentModels(db);
  const changes = await listQuery(db).orderBy('m.proposed_at', 'desc').limit(200).execute();
  const inForce = (kind: ModelKind, m: InnovationModel | LifecycleModel) => ({ kind, version: m.version, default: m === (kind === 'innovation_points' ? DEFAULT_MODELS.innovation : DEFAULT_MODELS.lifecycle), definition: m as unknown as Record<string, unknown> });
  return {
    inForce: [inForce('innovation_points', models.innovation), inForce('lifecycle', models.lifecycle)],
    defaults: [
      { kind: 'innovation_points', version: DEFAULT_MODELS.innovation.version, definition: DEFAULT_MODELS.innovation as unknown as Record<string, unknown> },
      { kind: 'lifecycle', version: DEFAULT_MODELS.lifecycle.version, definition: DEFAULT_MODELS.lifecycle as unknown as Record<string, unknown> },
    ],
    changes: changes.map(view),
  };
}

export async function proposeModel(db: Database, ctx: Ctx, input: { kind: ModelKind; definition: unknown; reason: string }) {
  const v = validateModel(input.kind, input.definition);
  if (!v.ok) throw badRequest(v.issues.map((i) => ({ path: `body.definition.${i.path}`, message: i.message })));
  const defaults = [DEFAULT_MODELS.innovation.version, DEFAULT_MODELS.lifecycle.version];
  if (defaults.includes(v.model.version)) throw badRequest([{ path: 'body.definition.version', message: 'is the version of the shipped default; give the new model its own version' }]);
  const id = await db.transaction().execute(async (trx) => {
    const dup = await trx.selectFrom('evaluation_models').select('id').where('kind', '=', input.kind).where('version', '=', v.model.version).executeTakeFirst();
    if (dup) throw conflict(`a ${input.kind} model with version ${v.model.version} already exists`);
    const row = await trx
      .insertInto('evaluation_models')
      .values({ kind: input.kind, version: v.model.version, definition: JSON.stringify(v.model), reason: input.reason, proposed_by: ctx.principal.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'evaluation.model.propose', entityType: 'evaluation_model', entityId: row.id, after: { kind: input.kind, version: v.model.version, reason: input.reason } });
    return row.id;
  });
  return getModelChange(db, id);
}

/**
 * The models of the given stored rows' versions (innovation points, lifecycle), to render their explanations: the
 * model in force or the default when the version is theirs, else the officers' version of that number. A
 * version no longer known (not expected: versions are never deleted) falls back to the model in force.
 */
export async function modelsOfVersions(db: Database, rows: { kind: string; model_version: string }[], current: Models): Promise<Models> {
  const pick = async <M extends InnovationModel | LifecycleModel>(kind: ModelKind, inForce: M, shipped: M): Promise<M> => {
    const version = rows.find((r) => r.kind === kind)?.model_version;
    if (version === undefined || version === inForce.version) return inForce;
    if (version === shipped.version) return shipped;
    const row = await db.selectFrom('evaluation_models').select('definition').where('kind', '=', kind).where('version', '=', version).executeTakeFirst();
    return row ? (row.definition as unknown as M) : inForce;
  };
  return {
    innovation: await pick('innovation_points', current.innovation, DEFAULT_MODELS.innovation),
    lifecycle: await pick('lifecycle', current.lifecycle, DEFAULT_MODELS.lifecycle),
  };
}

export async function getModelChange(db: Database, id: string) {
  const row = await listQuery(db).where('m.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('model change');
  return view(row);
}

export async function decideModel(db: Database, ctx: Ctx, id: string, decision: 'approved' | 'rejected', reason: string | undefined) {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('evaluation_models').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('model change');
    if (row.status !== 'proposed') throw conflict(`the change is already ${row.status}`);
    if (row.proposed_by === ctx.principal.userId) throw conflict('four-eyes rule: the officer who proposed a model cannot approve or reject it; another officer must');
    await trx.updateTable('evaluation_models').set({ status: decision, decided_by: ctx.principal.userId, decided_at: new Date(), decision_reason: reason ?? null }).where('id', '=', id).execute();
    await writeAudit(trx, ctx, { action: `evaluation.model.${decision === 'approved' ? 'approve' : 'reject'}`, entityType: 'evaluation_model', entityId: id, before: { status: 'proposed' }, after: { status: decision, reason: reason ?? null } });
  });
  return getModelChange(db, id);
}
