// The registry facts the evaluations need beyond migration 0001 (enterprise_evaluation_facts), per enterprise
// and year. PUT replaces the year's facts (an omitted field becomes "not recorded"); officer-only fields (HNTE
// expert scores, the market-value estimate, the STAR standard-5 judgement) keep their values when an
// enterprise user saves, and an enterprise user may not set them.
import type { Database } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { todayInShanghai } from '../../platform/dates';
import { badRequest, forbidden, notFound } from '../../platform/errors';
import type { ActorContext, Principal } from '../../platform/principal';
import { enterpriseReadScope } from '../enterprise/enterprise.service';
import { FACT_COLUMNS, factsRow, MONEY_FACTS, type FactField } from './evaluation.repository';
import type { FactsInput } from './evaluation.schemas';
import { runEvaluations } from './evaluation.service';

type Ctx = ActorContext & { principal: Principal };

export const OFFICER_ONLY: FactField[] = ['hnteIpScore', 'hnteConversionScore', 'hnteRdManagementScore', 'marketValueEstimate', 'marketValueEstimatedOn', 'star5Qualitative'];

function assertAccess(p: Principal, id: string, write: boolean) {
  const scope = enterpriseReadScope(p);
  if (!scope.withPrivate) throw forbidden();
  if (scope.onlyId && scope.onlyId !== id) throw notFound('enterprise');
  if (write && !['admin', 'officer', 'enterprise_user'].includes(p.role)) throw forbidden();
}

type Row = Awaited<ReturnType<typeof factsRow>>;

export function factsView(year: number, row: Row) {
  const facts: Record<string, number | boolean | string | null> = {};
  for (const [field, column] of Object.entries(FACT_COLUMNS) as [FactField, keyof NonNullable<Row>][]) {
    const v = row ? (row[column] as number | boolean | string | null) : null;
    if (field === 'weightedRoeBp') facts.weightedRoePct = v === null ? null : (v as number) / 100;
    else facts[field] = v !== null && MONEY_FACTS.includes(field) ? (v as number) / 100 : v;
  }
  return { year, facts, updatedAt: row ? new Date(row.updated_at).toISOString() : null };
}

export async function getFacts(db: Database, ctx: Ctx, id: string, year: number) {
  assertAccess(ctx.principal, id, false);
  const ent = await db.selectFrom('enterprises').select('id').where('id', '=', id).executeTakeFirst();
  if (!ent) throw notFound('enterprise');
  return factsView(year, await factsRow(db, id, year));
}

export async function putFacts(db: Database, ctx: Ctx, id: string, year: number, input: FactsInput) {
  assertAccess(ctx.principal, id, true);
  const officer = ctx.principal.role !== 'enterprise_user';
  for (const f of OFFICER_ONLY) {
    if (!officer && input[f as keyof FactsInput] !== undefined && input[f as keyof FactsInput] !== null) throw forbidden(`${f} is recorded by officers`);
  }
  if ((input.marketValueEstimate ?? null) !== null && !input.marketValueEstimatedOn) throw badRequest([{ path: 'body.marketValueEstimatedOn', message: 'an estimate needs its date' }]);
  if ((input.marketValueEstimate ?? null) === null && input.marketValueEstimatedOn) throw badRequest([{ path: 'body.marketValueEstimate', message: 'a date was given without an estimate' }]);
  if (input.marketValueEstimatedOn && input.marketValueEstimatedOn > todayInShanghai()) throw badRequest([{ path: 'body.marketValueEstimatedOn', message: 'must not be in the future' }]);
  await db.transaction().execute(async (trx) => {
    const ent = await trx.selectFrom('enterprises').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    if (!ent) throw notFound('enterprise');
    const before = await factsRow(trx, id, year);
    const values: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(FACT_COLUMNS) as [FactField, string][]) {
      if (!officer && OFFICER_ONLY.includes(field)) { values[column] = before ? (before as Record<string, unknown>)[column] : null; continue; }
      const key = field === 'weightedRoeBp' ? 'weightedRoePct' : field;
      const v = input[key as keyof FactsInput] ?? null;
      values[column] = v === null ? null : field === 'weightedRoeBp' ? Math.round((v as number) * 100) : MONEY_FACTS.includes(field) ? Math.round((v as number) * 100) : v;
    }
    await trx
      .insertInto('enterprise_evaluation_facts')
      .values({ enterprise_id: id, year, ...values, updated_at: new Date() } as never)
      .onConflict((oc) => oc.columns(['enterprise_id', 'year']).doUpdateSet({ ...values, updated_at: new Date() } as never))
      .execute();
    await writeAudit(trx, ctx, { action: 'enterprise.evaluation_facts.put', entityType: 'enterprise', entityId: id, before: before ?? null, after: { year, ...values } });
  });
  // The enterprise's evaluations of that year follow its facts at once (the nightly run would find them changed).
  await runEvaluations(db, ctx, { year, trigger: 'api', ids: [id] });
  return factsView(year, await factsRow(db, id, year));
}
