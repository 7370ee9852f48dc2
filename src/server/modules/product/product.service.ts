import type { Transaction } from 'kysely';
import type { Database } from '../../db/connect';
import type { DB } from '../../db/schema';
import { changedFields, writeAudit } from '../../platform/audit';
import { canonicalJson } from '../../platform/canonical-json';
import { badRequest, conflict, forbidden, notFound, type Issue } from '../../platform/errors';
import { yuanToFen } from '../../platform/money';
import type { ActorContext, Principal } from '../../platform/principal';
import { compareDecimal } from '../../platform/tabular/cells';
import { checkProductStatus } from './product-transitions';
import {
  isUniqueViolation, listVersions, lockProduct, orgsByCode, rateText, selectInstitutions, selectProducts, selectVersion, versionView, type ProductRow, type ProductScope,
} from './product.repository';
import { PARTNER_KINDS as PARTNER_KIND_LIST, VERSION_FIELDS, type CreateProductInput, type CriteriaInput, type ListProductsQuery, type UpdateProductInput } from './product.schemas';

export type Ctx = ActorContext & { principal: Principal };

const STAFF_ROLES = new Set(['admin', 'officer', 'reviewer', 'auditor']);
const PARTNER_KINDS: ReadonlySet<string> = new Set(PARTNER_KIND_LIST);

/** Scoping, decided once: staff see every product; institutions the catalog and their own; enterprises the catalog. */
export function productReadScope(p: Principal): ProductScope {
  if (STAFF_ROLES.has(p.role)) return { activeOnly: false, orgId: null };
  if (p.role === 'institution_user') return { activeOnly: true, orgId: p.organizationId };
  return { activeOnly: true, orgId: null };
}

/**
 * An institution manages its own products only (someone else's is a 404, as if absent); officers and admins manage
 * the platform programmes, and an institution's own product is not theirs to edit (403).
 */
export function assertManages(p: Principal, product: { owner_org_id: string; is_programme: boolean }) {
  if (p.role === 'institution_user') {
    if (product.owner_org_id !== p.organizationId || product.is_programme) throw notFound('product');
    return;
  }
  if (p.role === 'admin' || p.role === 'officer') {
    if (!product.is_programme) throw forbidden("an institution's product is managed by the institution; officers manage platform programmes");
    return;
  }
  throw forbidden();
}

/**
 * Banks, guarantors, insurers and funds (code, name, kind) for every signed-in role: an enterprise needs them to
 * grant consent to an institution it has no product or application with yet. Names and codes are public; the
 * office and enterprises are not listed.
 */
export async function listInstitutions(db: Database, query: { kind?: (typeof PARTNER_KIND_LIST)[number] | undefined }) {
  return { items: await selectInstitutions(db, query.kind ? [query.kind] : PARTNER_KIND_LIST) };
}

export async function listProducts(db: Database, ctx: Ctx, query: ListProductsQuery) {
  const { page, pageSize, ...filters } = query;
  const r = await selectProducts(db, productReadScope(ctx.principal), filters, { limit: pageSize, offset: (page - 1) * pageSize });
  return { items: r.items, total: r.total, page, pageSize };
}

export async function getProduct(db: Database | Transaction<DB>, ctx: Ctx, id: string) {
  const r = await selectProducts(db, productReadScope(ctx.principal), { ids: [id] });
  const product = r.items[0];
  if (!product) throw notFound('product');
  const versions = await listVersions(db, id);
  return { ...product, versions: versions.map((v) => ({ version: v.version, createdAt: new Date(v.created_at).toISOString() })) };
}

/** One version as it was: an application made under version 2 keeps reading version 2. */
export async function getProductVersion(db: Database, ctx: Ctx, id: string, version: number) {
  await getProduct(db, ctx, id);
  const row = await selectVersion(db, id, version);
  if (!row) throw notFound('product version');
  return versionView(row as unknown as Record<string, unknown>);
}

type VersionValues = Pick<DB['product_versions'], 'amount_min' | 'amount_max' | 'term_min_months' | 'term_max_months' | 'collateral_mode' | 'description'> & {
  rate_min: string | null; rate_max: string | null; criteria: string;
};

function criteriaToStored(c: CriteriaInput | undefined): Record<string, unknown> {
  if (!c) return {};
  const { minRevenue, ...rest } = c;
  return { ...rest, ...(minRevenue !== undefined ? { minRevenue: yuanToFen(minRevenue)! } : {}) };
}

/** The stored version columns: the current version's, overridden by what the input sets. */
function mergeVersion(base: VersionValues | null, input: Pick<UpdateProductInput, (typeof VERSION_FIELDS)[number]>): VersionValues {
  const fen = (v: number | null | undefined, keep: number | null) => (v === undefined ? keep : v === null ? null : yuanToFen(v));
  const pick = <T>(v: T | undefined, keep: T) => (v === undefined ? keep : v);
  return {
    amount_min: fen(input.amountMin, base?.amount_min ?? null),
    amount_max: fen(input.amountMax, base?.amount_max ?? null),
    term_min_months: pick(input.termMinMonths, base?.term_min_months ?? null),
    term_max_months: pick(input.termMaxMonths, base?.term_max_months ?? null),
    rate_min: pick(input.rateMin, base?.rate_min ?? null),
    rate_max: pick(input.rateMax, base?.rate_max ?? null),
    collateral_mode: pick(input.collateralMode, base?.collateral_mode ?? null),
    description: pick(input.description, base?.description ?? null),
    criteria: input.criteria === undefined ? (base?.criteria ?? '{}') : canonicalJson(criteriaToStored(input.criteria)),
  };
}

function checkRanges(v: VersionValues) {
  const issues: Issue[] = [];
  if (v.amount_min !== null && v.amount_max !== null && v.amount_min > v.amount_max) issues.push({ path: 'body.amountMax', message: 'must not be below amountMin' });
  if (v.term_min_months !== null && v.term_max_months !== null && v.term_min_months > v.term_max_months) issues.push({ path: 'body.termMaxMonths', message: 'must not be below termMinMonths' });
  if (v.rate_min !== null && v.rate_max !== null && compareDecimal(v.rate_min, v.rate_max) > 0) issues.push({ path: 'body.rateMax', message: 'must not be below rateMin' });
  if (issues.length) throw badRequest(issues);
}

async function resolvePartners(trx: Transaction<DB>, codes: string[]): Promise<string[]> {
  const unique = [...new Set(codes)];
  const found = await orgsByCode(trx, unique);
  const issues: Issue[] = [];
  codes.forEach((code, i) => {
    const org = found.get(code);
    if (!org) issues.push({ path: `body.partnerCodes.${i}`, message: `no institution with code '${code}'` });
    else if (!PARTNER_KINDS.has(org.kind)) issues.push({ path: `body.partnerCodes.${i}`, message: `'${code}' is a ${org.kind}, not a bank, guarantor, insurer or fund` });
  });
  if (issues.length) throw badRequest(issues);
  return unique.map((c) => found.get(c)!.id);
}

export async function createProduct(db: Database, ctx: Ctx, input: CreateProductInput) {
  const p = ctx.principal;
  const isProgramme = p.role === 'admin' || p.role === 'officer';
  if (!isProgramme && !PARTNER_KINDS.has(p.organizationKind)) throw forbidden('only institutions publish products');
  if (!isProgramme && input.partnerCodes?.length) throw badRequest([{ path: 'body.partnerCodes', message: "only platform programmes are offered through partners; an institution's product is its own" }]);
  const version = mergeVersion(null, input);
  checkRanges(version);
  const id = await db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('products').select('id').where('code', '=', input.code).executeTakeFirst();
    if (taken) throw conflict(`a product with code ${input.code} already exists`);
    const partners = isProgramme ? await resolvePartners(trx, input.partnerCodes ?? []) : [];
    const row = await trx.insertInto('products')
      .values({ code: input.code, name: input.name, type: input.type, owner_org_id: p.organizationId, is_programme: isProgramme, status: input.status, current_version: 1 })
      .returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('product_versions').values({ product_id: row.id, version: 1, ...version, created_by: p.userId }).execute();
    if (partners.length) await trx.insertInto('product_partners').values(partners.map((org_id) => ({ product_id: row.id, org_id }))).execute();
    await writeAudit(trx, ctx, { action: 'product.create', entityType: 'product', entityId: row.id, after: { ...input, isProgramme, version: 1 } });
    return row.id;
  }).catch((err: unknown) => {
    if (isUniqueViolation(err)) throw conflict(`a product with code ${input.code} already exists`);
    throw err;
  });
  return getProduct(db, ctx, id);
}

/**
 * Name, status and partners change the product; any term or criterion changes it by a new version (the old one stays,
 * so applications made under it keep their terms). An edit that changes nothing writes nothing.
 */
export async function updateProduct(db: Database, ctx: Ctx, id: string, input: UpdateProductInput) {
  await db.transaction().execute(async (trx) => {
    const before = await visibleLocked(trx, ctx, id);
    assertManages(ctx.principal, before);
    const set: Partial<Record<'name' | 'status', string>> = {};
    if (input.name !== undefined && input.name !== before.name) set.name = input.name;
    if (input.status !== undefined && input.status !== before.status) {
      const check = checkProductStatus(before.status, input.status);
      if (!check.ok) throw conflict(check.message);
      set.status = input.status;
    }
    const audit: { before: Record<string, unknown>; after: Record<string, unknown> } = { before: {}, after: {} };
    if (input.partnerCodes !== undefined) {
      if (!before.is_programme) throw badRequest([{ path: 'body.partnerCodes', message: "only platform programmes are offered through partners" }]);
      const wanted = await resolvePartners(trx, input.partnerCodes);
      const current = (await trx.selectFrom('product_partners').select('org_id').where('product_id', '=', id).execute()).map((r) => r.org_id);
      if (canonicalJson([...current].sort()) !== canonicalJson([...wanted].sort())) {
        await trx.deleteFrom('product_partners').where('product_id', '=', id).execute();
        if (wanted.length) await trx.insertInto('product_partners').values(wanted.map((org_id) => ({ product_id: id, org_id }))).execute();
        Object.assign(audit.before, { partnerOrgIds: current.sort() });
        Object.assign(audit.after, { partnerOrgIds: [...wanted].sort() });
      }
    }
    let newVersion: number | null = null;
    if (VERSION_FIELDS.some((f) => input[f] !== undefined)) {
      const cur = (await selectVersion(trx, id, before.current_version))!;
      const base: VersionValues = {
        amount_min: cur.amount_min, amount_max: cur.amount_max, term_min_months: cur.term_min_months, term_max_months: cur.term_max_months,
        rate_min: rateText(cur.rate_min), rate_max: rateText(cur.rate_max), collateral_mode: cur.collateral_mode, description: cur.description, criteria: canonicalJson(cur.criteria),
      };
      const merged = mergeVersion(base, input);
      checkRanges(merged);
      const diff = changedFields(base as unknown as Record<string, unknown>, merged as unknown as Record<string, unknown>);
      if (Object.keys(diff.after).length) {
        newVersion = before.current_version + 1;
        await trx.insertInto('product_versions').values({ product_id: id, version: newVersion, ...merged, created_by: ctx.principal.userId }).execute();
        Object.assign(audit.before, diff.before, { version: before.current_version });
        Object.assign(audit.after, diff.after, { version: newVersion });
      }
    }
    if (Object.keys(set).length === 0 && newVersion === null && Object.keys(audit.after).length === 0) return;
    for (const [k, v] of Object.entries(set)) {
      audit.before[k] = before[k as keyof ProductRow];
      audit.after[k] = v;
    }
    await trx.updateTable('products')
      .set({ ...(set as object), ...(newVersion !== null ? { current_version: newVersion } : {}), updated_at: new Date() })
      .where('id', '=', id).execute();
    await writeAudit(trx, ctx, { action: 'product.update', entityType: 'product', entityId: id, ...audit });
  });
  return getProduct(db, ctx, id);
}

/** The product locked for a change, or 404 when the caller may not see it. */
export async function visibleLocked(trx: Transaction<DB>, ctx: Ctx, id: string): Promise<ProductRow> {
  const visible = await selectProducts(trx, productReadScope(ctx.principal), { ids: [id] });
  if (visible.items.length === 0) throw notFound('product');
  const row = await lockProduct(trx, id);
  if (!row) throw notFound('product');
  return row;
}
