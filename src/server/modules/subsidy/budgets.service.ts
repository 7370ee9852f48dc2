import type { Transaction } from 'kysely';
import type { Database } from '../../db/connect';
import type { DB } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { badRequest, conflict } from '../../platform/errors';
import { fenToYuan, yuanToFen } from '../../platform/money';
import { currentRuleset } from '../policy/policy.ruleset';
import { budgetUse, settingsRow } from './claims.repository';
import type { Ctx } from './claims.service';
import type { SettingsInput } from './subsidy.schemas';

/**
 * A determination must fit the measure's budget for the year of its eventDate. The budget row is locked, so
 * two determinations against the same budget cannot both take its last yuan. No budget row means no money
 * was allocated: the determination is refused, never silently unlimited.
 */
export async function checkBudget(trx: Transaction<DB>, measure: string, year: number, fen: number, claimId: string) {
  const budget = await trx.selectFrom('subsidy_budgets').select(['allocated']).where('measure', '=', measure).where('year', '=', year).forUpdate().executeTakeFirst();
  if (!budget) throw conflict(`no budget is allocated for ${measure} in ${year}: an officer sets it first (PUT /subsidy/budgets/${measure}/${year})`);
  const [use] = await budgetUse(trx, measure, year, claimId);
  const used = (use?.committed ?? 0) + (use?.paid ?? 0);
  const remaining = budget.allocated - used;
  if (fen > remaining) {
    throw conflict(
      `budget exceeded: ${measure} ${year} has ${fenToYuan(budget.allocated)} allocated, ${fenToYuan(use?.committed ?? 0)} committed and ${fenToYuan(use?.paid ?? 0)} paid, ` +
        `so ${fenToYuan(remaining)} remains; this determination needs ${fenToYuan(fen)}`,
    );
  }
}

export async function budgetsOf(db: Database, year: number) {
  const ruleset = await currentRuleset(db);
  const rows = await db.selectFrom('subsidy_budgets').selectAll().where('year', '=', year).execute();
  const use = new Map((await budgetUse(db, null, year)).map((u) => [u.measure, u]));
  const measures = new Set([...rows.map((r) => r.measure), ...use.keys()]);
  const items = [...measures].sort().map((measure) => {
    const b = rows.find((r) => r.measure === measure);
    const u = use.get(measure) ?? { committed: 0, paid: 0 };
    return {
      measure,
      title: ruleset.measures.get(measure)?.source.title ?? measure,
      year,
      allocated: b ? fenToYuan(b.allocated) : null,
      committed: fenToYuan(u.committed),
      paid: fenToYuan(u.paid),
      remaining: b ? fenToYuan(b.allocated - u.committed - u.paid) : null,
      updatedAt: b ? new Date(b.updated_at).toISOString() : null,
    };
  });
  const sum = (k: 'allocated' | 'committed' | 'paid') => items.reduce((s, i) => s + yuanToFen(i[k] ?? 0)!, 0) / 100;
  return { year, items, totals: { allocated: sum('allocated'), committed: sum('committed'), paid: sum('paid'), remaining: (yuanToFen(sum('allocated'))! - yuanToFen(sum('committed'))! - yuanToFen(sum('paid'))!) / 100 } };
}

export async function setBudget(db: Database, ctx: Ctx, measure: string, year: number, input: { allocated: number; reason?: string | undefined }) {
  const ruleset = await currentRuleset(db);
  const m = ruleset.measures.get(measure);
  if (!m) throw badRequest([{ path: 'params.measure', message: `unknown measure ${JSON.stringify(measure)}` }]);
  if (m.source.kind === 'non-monetary') throw badRequest([{ path: 'params.measure', message: `${measure} is a service measure and is never paid` }]);
  const fen = yuanToFen(input.allocated)!;
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('subsidy_budgets').select(['allocated']).where('measure', '=', measure).where('year', '=', year).forUpdate().executeTakeFirst();
    const [use] = await budgetUse(trx, measure, year);
    const used = (use?.committed ?? 0) + (use?.paid ?? 0);
    if (fen < used) throw conflict(`${measure} ${year} already has ${fenToYuan(used)} committed or paid; the budget cannot be set below that`);
    await trx
      .insertInto('subsidy_budgets')
      .values({ measure, year, allocated: fen, updated_by: ctx.principal.userId })
      .onConflict((oc) => oc.columns(['measure', 'year']).doUpdateSet({ allocated: fen, updated_by: ctx.principal.userId, updated_at: new Date() }))
      .execute();
    await writeAudit(trx, ctx, {
      action: 'subsidy.budget.set', entityType: 'subsidy_budget', entityId: `${measure}/${year}`,
      before: before ? { allocated: before.allocated } : null, after: { allocated: fen, reason: input.reason ?? null },
    });
  });
  return budgetsOf(db, year);
}

export async function getSettings(db: Database) {
  const s = await settingsRow(db);
  return { secondApprovalThreshold: fenToYuan(s.second_approval_threshold), noticeWorkingDays: s.notice_working_days, holidays: s.holidays };
}

export async function updateSettings(db: Database, ctx: Ctx, input: SettingsInput) {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('subsidy_settings').selectAll().where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
    const set = {
      ...(input.secondApprovalThreshold !== undefined ? { second_approval_threshold: yuanToFen(input.secondApprovalThreshold)! } : {}),
      ...(input.noticeWorkingDays !== undefined ? { notice_working_days: input.noticeWorkingDays } : {}),
      ...(input.holidays !== undefined ? { holidays: JSON.stringify([...new Set(input.holidays)].sort()) } : {}),
    };
    if (Object.keys(set).length === 0) return;
    await trx.updateTable('subsidy_settings').set({ ...set, updated_at: new Date() }).where('id', '=', 1).execute();
    await writeAudit(trx, ctx, {
      action: 'subsidy.settings.update', entityType: 'subsidy_settings', entityId: '1',
      before: { secondApprovalThreshold: before.second_approval_threshold, noticeWorkingDays: before.notice_working_days, holidays: before.holidays }, after: input,
    });
  });
  return getSettings(db);
}
