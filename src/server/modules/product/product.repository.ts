import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { fenToYuanOrNull } from '../../platform/money';
import { parseDecimal } from '../../platform/tabular';
import type { Criteria } from '../matching/match-rules';

type Handle = Kysely<DB> | Transaction<DB>;

export interface OrgRef {
  id: string;
  code: string;
  name: string;
  kind: string;
}

export async function orgsByCode(h: Handle, codes: string[]): Promise<Map<string, OrgRef>> {
  if (codes.length === 0) return new Map();
  const rows = await h.selectFrom('organizations').select(['id', 'code', 'name', 'kind']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r]));
}

/** Organisations of these kinds, by code: the institutions an enterprise can name (never the office or enterprises). */
export function selectInstitutions(h: Handle, kinds: readonly string[]) {
  return h.selectFrom('organizations').select(['code', 'name', 'kind']).where('kind', 'in', [...kinds] as never).orderBy('code').execute();
}

export const lockProduct = (trx: Transaction<DB>, id: string) =>
  trx.selectFrom('products').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export type ProductRow = NonNullable<Awaited<ReturnType<typeof lockProduct>>>;

/** Who may see a product: staff see all; institutions the catalog plus their own and partnered products. */
export interface ProductScope {
  activeOnly: boolean;
  /** Non-active products of this organisation (owner or partner) stay visible to it. */
  orgId: string | null;
}

export function productsQuery(h: Handle, scope: ProductScope) {
  let q = h
    .selectFrom('products as p')
    .innerJoin('organizations as o', 'o.id', 'p.owner_org_id')
    .innerJoin('product_versions as v', (j) => j.onRef('v.product_id', '=', 'p.id').onRef('v.version', '=', 'p.current_version'));
  if (scope.activeOnly) {
    const orgId = scope.orgId;
    q = q.where((eb) =>
      orgId === null
        ? eb('p.status', '=', 'active')
        : eb.or([
            eb('p.status', '=', 'active'),
            eb('p.owner_org_id', '=', orgId),
            eb.exists(eb.selectFrom('product_partners as pp').select('pp.org_id').whereRef('pp.product_id', '=', 'p.id').where('pp.org_id', '=', orgId)),
          ]),
    );
  }
  return q;
}

const PRODUCT_COLUMNS = [
  'p.id', 'p.code', 'p.name', 'p.type', 'p.status', 'p.is_programme', 'p.policy_product', 'p.filing_status', 'p.current_version', 'p.demo',
  'p.created_at', 'p.updated_at', 'o.id as owner_id', 'o.code as owner_code', 'o.name as owner_name', 'o.kind as owner_kind',
  'v.version', 'v.amount_min', 'v.amount_max', 'v.term_min_months', 'v.term_max_months', 'v.rate_min', 'v.rate_max', 'v.collateral_mode',
  'v.description', 'v.criteria', 'v.created_at as version_created_at',
] as const;

export async function selectProducts(h: Handle, scope: ProductScope, filters: {
  ids?: string[]; q?: string | undefined; type?: string | undefined; status?: string | undefined; ownerCode?: string | undefined;
  isProgramme?: boolean | undefined; policyProduct?: boolean | undefined;
}, page?: { limit: number; offset: number }) {
  let q = productsQuery(h, scope);
  if (filters.ids) q = q.where('p.id', 'in', filters.ids.length ? filters.ids : ['00000000-0000-0000-0000-000000000000']);
  if (filters.q) q = q.where((eb) => eb.or([eb('p.name', 'ilike', `%${escapeLike(filters.q!)}%`), eb('p.code', 'ilike', `%${escapeLike(filters.q!)}%`)]));
  if (filters.type) q = q.where('p.type', '=', filters.type as never);
  if (filters.status) q = q.where('p.status', '=', filters.status as never);
  if (filters.ownerCode) q = q.where('o.code', '=', filters.ownerCode);
  if (filters.isProgramme !== undefined) q = q.where('p.is_programme', '=', filters.isProgramme);
  if (filters.policyProduct !== undefined) q = q.where('p.policy_product', '=', filters.policyProduct);
  const total = page ? Number((await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst())?.n ?? 0) : 0;
  let rows = q.select(PRODUCT_COLUMNS).orderBy('p.policy_product', 'desc').orderBy('p.code');
  if (page) rows = rows.limit(page.limit).offset(page.offset);
  const found = await rows.execute();
  const partners = await partnersOf(h, found.map((r) => r.id));
  return { items: found.map((r) => productView(r, partners.get(r.id) ?? [])), total };
}

export async function partnersOf(h: Handle, productIds: string[]): Promise<Map<string, OrgRef[]>> {
  const out = new Map<string, OrgRef[]>();
  if (productIds.length === 0) return out;
  const rows = await h
    .selectFrom('product_partners as pp')
    .innerJoin('organizations as o', 'o.id', 'pp.org_id')
    .select(['pp.product_id', 'o.id', 'o.code', 'o.name', 'o.kind'])
    .where('pp.product_id', 'in', productIds)
    .orderBy('o.code')
    .execute();
  for (const r of rows) {
    const list = out.get(r.product_id) ?? [];
    list.push({ id: r.id, code: r.code, name: r.name, kind: r.kind });
    out.set(r.product_id, list);
  }
  return out;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** numeric(9,6) comes back as '0.043500'; the API shows the canonical decimal '0.0435'. */
export const rateText = (v: unknown): string | null => (v === null || v === undefined ? null : (parseDecimal(String(v)) as { value: string }).value);

export function criteriaView(raw: unknown): Record<string, unknown> {
  const c = (typeof raw === 'string' ? JSON.parse(raw) : (raw ?? {})) as Criteria;
  return { ...c, ...(c.minRevenue !== undefined ? { minRevenue: c.minRevenue / 100 } : {}) };
}

export function versionView(v: Record<string, unknown>) {
  return {
    version: v.version as number,
    amountMin: fenToYuanOrNull(v.amount_min === null ? null : Number(v.amount_min)),
    amountMax: fenToYuanOrNull(v.amount_max === null ? null : Number(v.amount_max)),
    termMinMonths: (v.term_min_months as number | null) ?? null,
    termMaxMonths: (v.term_max_months as number | null) ?? null,
    rateMin: rateText(v.rate_min),
    rateMax: rateText(v.rate_max),
    collateralMode: (v.collateral_mode as string | null) ?? null,
    description: (v.description as string | null) ?? null,
    criteria: criteriaView(v.criteria),
    createdAt: new Date((v.version_created_at ?? v.created_at) as string).toISOString(),
  };
}

function productView(r: Record<string, unknown>, partners: OrgRef[]) {
  return {
    id: r.id as string,
    code: r.code as string,
    name: r.name as string,
    type: r.type as string,
    status: r.status as string,
    isProgramme: r.is_programme as boolean,
    policyProduct: r.policy_product as boolean,
    filingStatus: r.filing_status as string,
    demo: r.demo as boolean,
    owner: { id: r.owner_id as string, code: r.owner_code as string, name: r.owner_name as string, kind: r.owner_kind as string },
    partners,
    currentVersion: r.current_version as number,
    terms: versionView(r),
    createdAt: new Date(r.created_at as string).toISOString(),
    updatedAt: new Date(r.updated_at as string).toISOString(),
  };
}
export type ProductView = ReturnType<typeof productView>;

export const selectVersion = (h: Handle, productId: string, version: number) =>
  h.selectFrom('product_versions').selectAll().where('product_id', '=', productId).where('version', '=', version).executeTakeFirst();

export const listVersions = (h: Handle, productId: string) =>
  h.selectFrom('product_versions').select(['version', 'created_at', 'created_by']).where('product_id', '=', productId).orderBy('version').execute();

export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

/** The status of a product's latest filing that was not withdrawn, for products.filing_status. */
export async function latestLiveFilingStatus(trx: Transaction<DB>, productId: string) {
  const r = await trx.selectFrom('product_filings').select('status').where('product_id', '=', productId).where('status', '<>', 'withdrawn')
    .orderBy('submitted_at', 'desc').orderBy(sql`id`, 'desc').limit(1).executeTakeFirst();
  return r?.status ?? null;
}

/** A user as a filing names them: who reviewed (maker) or decided (checker). */
export interface UserRef {
  id: string;
  username: string;
  displayName: string;
}

export interface FilingFilters {
  id?: string | undefined;
  productId?: string | undefined;
  statuses?: readonly string[] | undefined;
  /** Institutions: the filings of the products they own. */
  ownerOrgId?: string | undefined;
}

function filingsQuery(h: Handle, f: FilingFilters) {
  let q = h
    .selectFrom('product_filings as f')
    .innerJoin('products as p', 'p.id', 'f.product_id')
    .innerJoin('organizations as o', 'o.id', 'p.owner_org_id');
  if (f.id) q = q.where('f.id', '=', f.id);
  if (f.productId) q = q.where('f.product_id', '=', f.productId);
  if (f.statuses?.length) q = q.where('f.status', 'in', [...f.statuses] as never);
  if (f.ownerOrgId) q = q.where('p.owner_org_id', '=', f.ownerOrgId);
  return q;
}

/**
 * Filings with their product and owner, and the reviewer and decider named. The queue order: oldest submission
 * first (first come, first reviewed); one product's history: newest first.
 */
export async function selectFilings(h: Handle, f: FilingFilters, order: 'queue' | 'history', page?: { limit: number; offset: number }) {
  const total = page ? Number((await filingsQuery(h, f).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst())?.n ?? 0) : 0;
  const dir = order === 'queue' ? 'asc' : 'desc';
  let q = filingsQuery(h, f)
    .innerJoin('users as s', 's.id', 'f.submitted_by')
    .leftJoin('users as r', 'r.id', 'f.reviewed_by')
    .leftJoin('users as d', 'd.id', 'f.decided_by')
    .select([
      'f.id', 'f.product_id', 'f.product_version', 'f.status', 'f.submitted_by', 'f.submitted_at', 'f.reviewed_at', 'f.review_note',
      'f.propose_policy_product', 'f.decided_at', 'f.decision_note', 'p.code as product_code', 'p.name as product_name', 'o.code as owner_code', 'o.name as owner_name',
      's.username as submitter_username', 's.display_name as submitter_name', 'r.id as reviewer_id', 'r.username as reviewer_username', 'r.display_name as reviewer_name', 'd.id as decider_id', 'd.username as decider_username', 'd.display_name as decider_name',
    ])
    .orderBy('f.submitted_at', dir).orderBy('f.id', dir);
  if (page) q = q.limit(page.limit).offset(page.offset);
  const rows = await q.execute();
  return { rows: rows.map(filingRowView), total };
}

function filingRowView(r: Record<string, unknown>) {
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  const user = (id: unknown, username: unknown, name: unknown): UserRef | null =>
    id ? { id: id as string, username: username as string, displayName: name as string } : null;
  return {
    id: r.id as string,
    productId: r.product_id as string,
    product: { id: r.product_id as string, code: r.product_code as string, name: r.product_name as string, owner: { code: r.owner_code as string, name: r.owner_name as string } },
    version: r.product_version as number,
    status: r.status as string,
    submittedBy: user(r.submitted_by, r.submitter_username, r.submitter_name)!,
    submittedAt: iso(r.submitted_at)!,
    reviewedBy: user(r.reviewer_id, r.reviewer_username, r.reviewer_name),
    reviewedAt: iso(r.reviewed_at),
    reviewNote: (r.review_note as string | null) ?? null,
    proposePolicyProduct: r.propose_policy_product as boolean,
    decidedBy: user(r.decider_id, r.decider_username, r.decider_name),
    decidedAt: iso(r.decided_at),
    decisionNote: (r.decision_note as string | null) ?? null,
  };
}
export type FilingView = ReturnType<typeof filingRowView>;
