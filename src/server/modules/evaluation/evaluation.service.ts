// Runs the pure evaluations (src/evaluation) over registry data and stores the results: for one enterprise on
// demand, or for the whole registry (nightly job, `kcjr evaluate run`), writing only what changed — a result is
// rewritten when its enterprise's facts or a model version changed (the input hash differs).
import { hash } from 'node:crypto';
import type { Database } from '../../db/connect';
import type { EvaluationKindColumn } from '../../db/schema-evaluation';
import { writeAudit } from '../../platform/audit';
import { todayInShanghai } from '../../platform/dates';
import { forbidden, notFound } from '../../platform/errors';
import type { ActorContext, Principal } from '../../platform/principal';
import { enterpriseReadScope } from '../enterprise/enterprise.service';
import { EVALUATION_KINDS, evaluateEnterpriseYear, factsSnapshot, HNTE, LISTING_THRESHOLDS, renderStoredResult, TECH_SME, type EnterpriseYearFacts, type Models } from '../../../evaluation';
import { evaluatedYears, evaluationsOf, loadFacts, percentiles, storedHashes, storeResults, type StoredRow } from './evaluation.repository';
import { currentModels, modelsOfVersions } from './models.service';

type Ctx = ActorContext & { principal: Principal };

/** The last complete calendar year. */
export const lastCompleteYear = (today = todayInShanghai()) => Number(today.slice(0, 4)) - 1;

/**
 * The year a run evaluates by default: the latest year with financials in the registry, at most the last complete
 * calendar year (financials are filed after the year ends; evaluating a year nobody has filed yet would only
 * store unknowns).
 */
export async function defaultEvaluationYear(db: Database, today = todayInShanghai()): Promise<number> {
  const last = lastCompleteYear(today);
  const row = await db.selectFrom('enterprise_financials').select((eb) => eb.fn.max('year').as('y')).where('year', '<=', last).executeTakeFirst();
  return row?.y ? Number(row.y) : last;
}

export function modelVersions(models: Models): Record<EvaluationKindColumn, string> {
  return { tech_sme: TECH_SME.id, hnte: HNTE.id, innovation_points: models.innovation.version, lifecycle: models.lifecycle.version, listing_readiness: LISTING_THRESHOLDS.version };
}

/** Hash of everything an enterprise-year's evaluations read (its facts snapshot), plus the model versions. */
export function snapshotHash(snapshot: string, versions: string): string {
  return hash('sha256', `${versions}\n${snapshot}`, 'hex'); // one-shot: the same digest as updating with each part
}

export const inputHash = (f: EnterpriseYearFacts, versions: string): string => snapshotHash(factsSnapshot(f), versions);

export interface RunSummary {
  runId: string | null;
  year: number;
  enterprises: number;
  changed: number;
  unchanged: number;
  computeMs: number;
  modelVersions: Record<string, string>;
}

const PAGE = 1000;

export async function runEvaluations(
  db: Database,
  ctx: ActorContext,
  opts: { year: number; trigger: 'nightly' | 'cli' | 'api'; ids?: string[]; force?: boolean },
): Promise<RunSummary> {
  const models = await currentModels(db);
  const versions = modelVersions(models);
  const versionKey = JSON.stringify(versions);
  const whole = !opts.ids;
  const run = whole
    ? await db.insertInto('evaluation_runs').values({ year: opts.year, trigger: opts.trigger, model_versions: JSON.stringify(versions) }).returning('id').executeTakeFirstOrThrow()
    : null;
  let enterprises = 0, changed = 0, unchanged = 0, computeMs = 0;
  let afterId: string | undefined;
  for (;;) {
    const facts = await loadFacts(db, opts.year, opts.ids ? { ids: opts.ids } : { afterId, limit: PAGE });
    if (facts.length === 0) break;
    const stored = opts.force ? new Map<string, string>() : await storedHashes(db, facts.map((f) => f.enterpriseId), opts.year);
    const rows: StoredRow[] = [];
    const started = performance.now();
    for (const f of facts) {
      const snapshot = factsSnapshot(f);
      const hash = snapshotHash(snapshot, versionKey);
      if (!opts.force && EVALUATION_KINDS.every((k) => stored.get(`${f.enterpriseId}|${k}`) === hash)) {
        unchanged++;
        continue;
      }
      changed++;
      for (const record of evaluateEnterpriseYear(f, models)) rows.push({ enterpriseId: f.enterpriseId, year: opts.year, record, inputHash: hash, snapshot });
    }
    computeMs += performance.now() - started;
    enterprises += facts.length;
    if (rows.length) await db.transaction().execute((trx) => storeResults(trx, rows, new Date()));
    if (opts.ids || facts.length < PAGE) break;
    afterId = facts[facts.length - 1]!.enterpriseId;
  }
  const summary: RunSummary = { runId: run?.id ?? null, year: opts.year, enterprises, changed, unchanged, computeMs: Math.round(computeMs), modelVersions: versions };
  await db.transaction().execute(async (trx) => {
    if (run) {
      await trx.updateTable('evaluation_runs').set({ finished_at: new Date(), enterprises, changed, unchanged, compute_ms: summary.computeMs }).where('id', '=', run.id).execute();
    }
    // One audit row per run (not per stored result: results are derived from audited registry data and models).
    await writeAudit(trx, ctx, {
      action: 'evaluation.run', entityType: run ? 'evaluation_run' : 'enterprise', entityId: run?.id ?? opts.ids!.join(','),
      after: { year: opts.year, trigger: opts.trigger, enterprises, changed, unchanged, modelVersions: versions },
    });
  });
  return summary;
}

function assertReadable(p: Principal, id: string) {
  const scope = enterpriseReadScope(p);
  if (!scope.withPrivate) throw forbidden('evaluations read financials, which need the enterprise\'s consent');
  if (scope.onlyId && scope.onlyId !== id) throw notFound('enterprise');
}

export async function getEnterpriseEvaluations(db: Database, ctx: Ctx, id: string, year?: number) {
  assertReadable(ctx.principal, id);
  const ent = await db.selectFrom('enterprises').select(['id', 'sector']).where('id', '=', id).executeTakeFirst();
  if (!ent) throw notFound('enterprise');
  const years = await evaluatedYears(db, id);
  const y = year ?? years[0] ?? (await defaultEvaluationYear(db));
  const rows = await evaluationsOf(db, id, y);
  const models = await currentModels(db);
  const versions = modelVersions(models);
  const rowModels = await modelsOfVersions(db, rows, models);
  const results = [];
  for (const kind of EVALUATION_KINDS) {
    const r = rows.find((x) => x.kind === kind);
    if (!r) continue;
    const score = r.score === null ? null : Number(r.score);
    const withPercentile = score !== null && kind !== 'listing_readiness';
    results.push({
      kind, modelVersion: r.model_version, current: r.model_version === versions[kind], score, eligible: r.eligible,
      result: renderStoredResult(kind, r.result as Record<string, unknown>, rowModels),
      evaluatedAt: new Date(r.evaluated_at).toISOString(),
      percentile: withPercentile ? await percentiles(db, kind, y, r.model_version, score, ent.sector) : null,
    });
  }
  return { enterpriseId: id, year: y, years, results };
}

export async function refreshEnterprise(db: Database, ctx: Ctx, id: string, year: number) {
  assertReadable(ctx.principal, id);
  if (ctx.principal.role === 'reviewer' || ctx.principal.role === 'auditor') throw forbidden();
  const ent = await db.selectFrom('enterprises').select('id').where('id', '=', id).executeTakeFirst();
  if (!ent) throw notFound('enterprise');
  await runEvaluations(db, ctx, { year, trigger: 'api', ids: [id], force: true });
  return getEnterpriseEvaluations(db, ctx, id, year);
}

export async function listRuns(db: Database) {
  const rows = await db.selectFrom('evaluation_runs').selectAll().orderBy('started_at', 'desc').limit(50).execute();
  return rows.map((r) => ({
    id: r.id, year: r.year, trigger: r.trigger, startedAt: new Date(r.started_at).toISOString(), finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
    enterprises: r.enterprises, changed: r.changed, unchanged: r.unchanged, computeMs: r.compute_ms, modelVersions: r.model_versions,
  }));
}
