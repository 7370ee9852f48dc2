// 备案 (杨府发〔2025〕2号 第5条): an institution files a product version with the district; an officer reviews it and
// proposes approval, optionally proposing designation as a 区政策性金融产品; a different officer approves or rejects.
// Approval with the proposal sets products.policy_product, the flag measure YP2025-5 (融资成本支持) reads.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/connect';
import type { DB } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { checkFilingTransition, OPEN_FILING_STATUSES, productFilingStatus, type FilingActionName, type FilingActor } from './product-transitions';
import { latestLiveFilingStatus, selectFilings, selectVersion, type ProductRow } from './product.repository';
import type { FilingQueueQuery } from './product.schemas';
import { visibleLocked, type Ctx } from './product.service';

/** The owner files and withdraws: the institution for its product, officers for a programme. */
function isOwner(ctx: Ctx, product: ProductRow): boolean {
  const p = ctx.principal;
  if (product.is_programme) return p.role === 'admin' || p.role === 'officer';
  return p.role === 'institution_user' && p.organizationId === product.owner_org_id;
}

/** One filing as the API shows it, reviewer and decider named (the same shape as the queue's rows). */
async function filingById(trx: Transaction<DB>, id: string) {
  return (await selectFilings(trx, { id }, 'history')).rows[0]!;
}

/** Institutions see the filings of their own products; staff see all; enterprises none (the route refuses them). */
async function scopedProduct(trx: Transaction<DB>, ctx: Ctx, id: string) {
  const product = await visibleLocked(trx, ctx, id);
  if (ctx.principal.role === 'institution_user' && product.owner_org_id !== ctx.principal.organizationId) throw notFound('product');
  return product;
}

/**
 * The 备案 queue across products, oldest submission first: staff see every filing, an institution those of its
 * own products (a programme's filings are the office's).
 */
export async function listFilingQueue(db: Database, ctx: Ctx, query: FilingQueueQuery) {
  const { page, pageSize, status } = query;
  const p = ctx.principal;
  const ownerOrgId = p.role === 'institution_user' ? p.organizationId : undefined;
  const { rows, total } = await selectFilings(db, { statuses: status, ownerOrgId }, 'queue', { limit: pageSize, offset: (page - 1) * pageSize });
  return { items: rows, total, page, pageSize };
}

export async function listFilings(db: Database, ctx: Ctx, productId: string) {
  return db.transaction().execute(async (trx) => {
    await scopedProduct(trx, ctx, productId);
    return { items: (await selectFilings(trx, { productId }, 'history')).rows };
  });
}

export async function fileProduct(db: Database, ctx: Ctx, productId: string, input: { version?: number | undefined }) {
  return db.transaction().execute(async (trx) => {
    const product = await scopedProduct(trx, ctx, productId);
    if (!isOwner(ctx, product)) throw forbidden("a product is filed by the institution that offers it (officers file the platform's programmes)");
    const version = input.version ?? product.current_version;
    if (!(await selectVersion(trx, productId, version))) throw badRequest([{ path: 'body.version', message: `the product has no version ${version}` }]);
    if (product.status === 'withdrawn') throw conflict('a withdrawn product cannot be filed; publish it again first');
    const open = await trx.selectFrom('product_filings').select(['id', 'status']).where('product_id', '=', productId).where('status', 'in', OPEN_FILING_STATUSES).executeTakeFirst();
    if (open) throw conflict(`the product already has a filing awaiting a decision (${open.status}); withdraw it or wait for the decision`);
    const row = await trx.insertInto('product_filings')
      .values({ product_id: productId, product_version: version, status: 'submitted', submitted_by: ctx.principal.userId })
      .returningAll().executeTakeFirstOrThrow();
    await setProductFilingStatus(trx, product, {});
    await writeAudit(trx, ctx, { action: 'product.filing.submit', entityType: 'product_filing', entityId: row.id, after: { productId, version, status: 'submitted' } });
    return filingById(trx, row.id);
  });
}

async function setProductFilingStatus(trx: Transaction<DB>, product: ProductRow, extra: { policy_product?: boolean }) {
  const filing_status = productFilingStatus(await latestLiveFilingStatus(trx, product.id));
  if (filing_status === product.filing_status && extra.policy_product === undefined) return;
  await trx.updateTable('products').set({ filing_status, ...extra, updated_at: new Date() }).where('id', '=', product.id).execute();
}

type Decision = { note?: string | undefined; proposePolicyProduct?: boolean | undefined };

/** One action of the filing transition table on the locked product and filing, with its audit row. */
export async function actOnFiling(db: Database, ctx: Ctx, productId: string, filingId: string, action: FilingActionName, input: Decision = {}) {
  return db.transaction().execute(async (trx) => {
    const product = await scopedProduct(trx, ctx, productId);
    const filing = await trx.selectFrom('product_filings').selectAll().where('id', '=', filingId).where('product_id', '=', productId).forUpdate().executeTakeFirst();
    if (!filing) throw notFound('filing');
    const p = ctx.principal;
    const by: FilingActor = action === 'withdraw' ? (isOwner(ctx, product) ? 'owner' : 'officer') : p.role === 'admin' || p.role === 'officer' ? 'officer' : 'owner';
    const check = checkFilingTransition(filing.status, action, by, { isMaker: filing.reviewed_by === p.userId });
    if (!check.ok) throw check.reason === 'actor' ? forbidden(check.message) : conflict(check.message);
    const now = new Date();
    const set: Partial<DB['product_filings']> & Record<string, unknown> = { status: check.to };
    if (action === 'review') Object.assign(set, { reviewed_by: p.userId, reviewed_at: now, review_note: input.note ?? null, propose_policy_product: input.proposePolicyProduct ?? false });
    if (action === 'approve' || action === 'reject') Object.assign(set, { decided_by: p.userId, decided_at: now, decision_note: input.note ?? null });
    await trx.updateTable('product_filings').set(set as never).where('id', '=', filingId).execute();
    // Designation follows the maker's proposal, confirmed by the checker's approval; a rejection designates nothing.
    const designate = action === 'approve' && filing.propose_policy_product && !product.policy_product;
    await setProductFilingStatus(trx, product, designate ? { policy_product: true } : {});
    const before = { status: filing.status };
    const after = { status: check.to, ...(input.note ? { note: input.note } : {}), ...(action === 'review' ? { proposePolicyProduct: input.proposePolicyProduct ?? false } : {}) };
    await writeAudit(trx, ctx, { action: `product.filing.${action}`, entityType: 'product_filing', entityId: filingId, before, after: { ...after, productId, version: filing.product_version } });
    if (designate) {
      await writeAudit(trx, ctx, { action: 'product.designate_policy_product', entityType: 'product', entityId: productId, before: { policyProduct: false }, after: { policyProduct: true, filingId } });
    }
    return filingById(trx, filingId);
  });
}
