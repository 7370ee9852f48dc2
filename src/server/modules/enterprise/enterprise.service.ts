import type { Transaction } from 'kysely';
import type { Database } from '../../db/connect';
import type { DB } from '../../db/schema';
import { changedFields, writeAudit } from '../../platform/audit';
import { todayInShanghai } from '../../platform/dates';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { yuanToFen } from '../../platform/money';
import type { ActorContext, Principal } from '../../platform/principal';
import { findEnterpriseRow, isUniqueViolation, loadEnterprise, searchEnterprises, type SearchFilters } from './enterprise.repository';
import type { CreateEnterpriseInput, FinancialsInput, SearchQuery, UpdateEnterpriseInput } from './enterprise.schemas';

type Ctx = ActorContext & { principal: Principal };

const NO_ENTERPRISE = '00000000-0000-0000-0000-000000000000';

/**
 * Scoping, decided once: an enterprise user sees only its own enterprise; institution users see the
 * registry's public profile (financials, IP and rounds need the enterprise's consent); office staff see all.
 */
export function enterpriseReadScope(p: Principal): { onlyId: string | null; withPrivate: boolean } {
  if (p.role === 'enterprise_user') return { onlyId: p.enterpriseId ?? NO_ENTERPRISE, withPrivate: true };
  if (p.role === 'institution_user') return { onlyId: null, withPrivate: false };
  return { onlyId: null, withPrivate: true };
}

function assertWritable(p: Principal, enterpriseId: string) {
  if (p.role === 'admin' || p.role === 'officer') return;
  if (p.role === 'enterprise_user' && p.enterpriseId === enterpriseId) return;
  throw notFound('enterprise');
}

export async function search(db: Database, ctx: Ctx, query: SearchQuery) {
  const scope = enterpriseReadScope(ctx.principal);
  // Evaluations are derived from financials, which institutions see only with the enterprise's consent.
  if (!scope.withPrivate && (query.evaluation || query.stage || query.minScore !== undefined || query.eligible !== undefined)) {
    throw forbidden('evaluation filters read financials, which need the enterprise\'s consent');
  }
  if (!query.evaluation && (query.minScore !== undefined || query.eligible !== undefined || query.evaluationYear !== undefined)) {
    throw badRequest([{ path: 'query.evaluation', message: 'name the evaluation (tech_sme, hnte, innovation_points, lifecycle, listing_readiness) that minScore, eligible or evaluationYear filter on' }]);
  }
  const filters: SearchFilters = { ...query, onlyId: scope.onlyId };
  const { rows, total } = await searchEnterprises(db, filters, query.sort, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }, todayInShanghai());
  return { items: rows, total, page: query.page, pageSize: query.pageSize };
}

export async function getEnterprise(db: Database, ctx: Ctx, id: string) {
  const scope = enterpriseReadScope(ctx.principal);
  if (scope.onlyId && scope.onlyId !== id) throw notFound('enterprise');
  const detail = await loadEnterprise(db, id, todayInShanghai(), scope.withPrivate);
  if (!detail) throw notFound('enterprise');
  return detail;
}

export async function createEnterprise(db: Database, ctx: Ctx, input: CreateEnterpriseInput) {
  const id = await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('enterprises').select('id').where('uscc', '=', input.uscc).executeTakeFirst();
    if (existing) throw conflict(`an enterprise with USCC ${input.uscc} already exists`);
    const row = await trx
      .insertInto('enterprises')
      .values({
        uscc: input.uscc,
        name: input.name,
        district: input.district,
        street: input.street ?? null,
        founded_on: input.foundedOn ?? null,
        sector: input.sector,
        industry_code: input.industryCode ?? null,
        ...(input.listingStatus ? { listing_status: input.listingStatus } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'enterprise.create', entityType: 'enterprise', entityId: row.id, after: input });
    return row.id;
  }).catch((err: unknown) => {
    // Two requests for the same USCC can both pass the check above; the unique index decides, and the loser is a 409.
    if (isUniqueViolation(err)) throw conflict(`an enterprise with USCC ${input.uscc} already exists`);
    throw err;
  });
  return getEnterprise(db, ctx, id);
}

const PROFILE_COLUMNS = { name: 'name', district: 'district', street: 'street', foundedOn: 'founded_on', sector: 'sector', industryCode: 'industry_code', listingStatus: 'listing_status' } as const;

export async function updateEnterprise(db: Database, ctx: Ctx, id: string, input: UpdateEnterpriseInput) {
  assertWritable(ctx.principal, id);
  await db.transaction().execute(async (trx) => {
    const before = await lockEnterprise(trx, id);
    const set: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(PROFILE_COLUMNS)) {
      const value = input[field as keyof UpdateEnterpriseInput];
      if (value !== undefined) set[column] = value;
    }
    const pick = (r: Record<string, unknown>) => Object.fromEntries(Object.values(PROFILE_COLUMNS).map((c) => [c, r[c]]));
    // A PATCH that repeats the current values is not a change: no update, no audit row.
    if (Object.keys(changedFields(pick(before), { ...pick(before), ...set }).after).length === 0) return;
    const after = await trx.updateTable('enterprises').set({ ...set, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    const diff = changedFields(pick(before), pick(after));
    await writeAudit(trx, ctx, { action: 'enterprise.update', entityType: 'enterprise', entityId: id, ...diff });
  });
  return getEnterprise(db, ctx, id);
}

async function lockEnterprise(trx: Transaction<DB>, id: string) {
  const row = await trx.selectFrom('enterprises').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound('enterprise');
  return row;
}

const touch = (trx: Transaction<DB>, id: string) => trx.updateTable('enterprises').set({ updated_at: new Date() }).where('id', '=', id).execute();

export async function putFinancials(db: Database, ctx: Ctx, id: string, year: number, input: FinancialsInput) {
  assertWritable(ctx.principal, id);
  const fen = (v: number | null | undefined) => (v === undefined || v === null ? null : yuanToFen(v));
  const values = {
    revenue: fen(input.revenue),
    main_business_revenue: fen(input.mainBusinessRevenue),
    high_tech_product_revenue: fen(input.highTechProductRevenue),
    rd_expense: fen(input.rdExpense),
    total_cost: fen(input.totalCost),
    net_profit: fen(input.netProfit),
    total_assets: fen(input.totalAssets),
    total_liabilities: fen(input.totalLiabilities),
    employees: input.employees ?? null,
    rd_staff: input.rdStaff ?? null,
  };
  if (values.rd_staff !== null && values.employees !== null && values.rd_staff > values.employees) {
    throw badRequest([{ path: 'body.rdStaff', message: 'cannot exceed employees' }]);
  }
  await db.transaction().execute(async (trx) => {
    await lockEnterprise(trx, id);
    const before = await trx.selectFrom('enterprise_financials').selectAll().where('enterprise_id', '=', id).where('year', '=', year).executeTakeFirst();
    await trx
      .insertInto('enterprise_financials')
      .values({ enterprise_id: id, year, ...values })
      .onConflict((oc) => oc.columns(['enterprise_id', 'year']).doUpdateSet(values))
      .execute();
    await touch(trx, id);
    await writeAudit(trx, ctx, { action: 'enterprise.financials.put', entityType: 'enterprise', entityId: id, before: before ?? null, after: { year, ...values } });
  });
  return getEnterprise(db, ctx, id);
}

type ChildTable = 'enterprise_certifications' | 'enterprise_ip_assets' | 'enterprise_rounds';
const CHILD_ACTION: Record<ChildTable, string> = {
  enterprise_certifications: 'certification',
  enterprise_ip_assets: 'ip_asset',
  enterprise_rounds: 'round',
};

/** Adds a certification, IP asset or financing round; the row and its audit entry commit together. */
export async function addChild(db: Database, ctx: Ctx, id: string, table: ChildTable, values: Record<string, unknown>) {
  assertWritable(ctx.principal, id);
  await db.transaction().execute(async (trx) => {
    await lockEnterprise(trx, id);
    if (table === 'enterprise_ip_assets') {
      const dup = await trx.selectFrom('enterprise_ip_assets').select('id').where('enterprise_id', '=', id).where('kind', '=', values.kind as string).where('number', '=', values.number as string).executeTakeFirst();
      if (dup) throw conflict(`IP asset ${String(values.kind)} ${String(values.number)} is already registered for this enterprise`);
    }
    const row = await trx.insertInto(table).values({ ...values, enterprise_id: id } as never).returning('id').executeTakeFirstOrThrow();
    await touch(trx, id);
    await writeAudit(trx, ctx, { action: `enterprise.${CHILD_ACTION[table]}.add`, entityType: 'enterprise', entityId: id, after: { id: row.id, ...values } });
  });
  return getEnterprise(db, ctx, id);
}

export async function removeChild(db: Database, ctx: Ctx, id: string, table: ChildTable, childId: string) {
  assertWritable(ctx.principal, id);
  await db.transaction().execute(async (trx) => {
    await lockEnterprise(trx, id);
    const before = await trx.deleteFrom(table).where('id', '=', childId).where('enterprise_id', '=', id).returningAll().executeTakeFirst();
    if (!before) throw notFound(CHILD_ACTION[table].replace('_', ' '));
    await touch(trx, id);
    await writeAudit(trx, ctx, { action: `enterprise.${CHILD_ACTION[table]}.remove`, entityType: 'enterprise', entityId: id, before });
  });
}

export async function enterpriseExists(db: Database, id: string): Promise<boolean> {
  return Boolean(await findEnterpriseRow(db, id));
}
