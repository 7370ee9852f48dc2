// Loads the facts the matcher reads, in a few set-based queries (no per-enterprise round trips), so 100,000
// enterprises load in one pass. Only repositories build SQL; the rules are in match-rules.ts.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { Criteria, EnterpriseFacts } from './match-rules';

type Handle = Kysely<DB> | Transaction<DB>;

export interface EnterpriseRecord extends EnterpriseFacts {
  uscc: string;
  name: string;
}

export interface FactFilter {
  enterpriseId?: string;
  district?: string;
  sectors?: string[];
}

/**
 * Registry facts as of `today`: profile, the latest year with a revenue figure, certifications valid today, and the
 * NPL count. The loan ledger (migration 0003) has no five-category classification yet (issue #5 adds it), so nplCount
 * is null: the matcher then says no non-performing loans are recorded on the platform rather than inventing a count.
 */
export async function loadEnterpriseFacts(h: Handle, today: string, filter: FactFilter = {}): Promise<EnterpriseRecord[]> {
  let q = h.selectFrom('enterprises').select(['id', 'uscc', 'name', 'district', 'sector', 'founded_on']);
  if (filter.enterpriseId) q = q.where('id', '=', filter.enterpriseId);
  if (filter.district) q = q.where('district', '=', filter.district);
  if (filter.sectors) q = q.where('sector', 'in', filter.sectors);
  const enterprises = await q.orderBy('id').execute();
  if (enterprises.length === 0) return [];
  const one = filter.enterpriseId;
  const revenues = await h.selectFrom('enterprise_financials').select(['enterprise_id', 'year', 'revenue']).distinctOn('enterprise_id')
    .where('revenue', 'is not', null)
    .$if(one !== undefined, (qb) => qb.where('enterprise_id', '=', one!))
    .orderBy('enterprise_id').orderBy('year', 'desc')
    .execute();
  const certs = await h.selectFrom('enterprise_certifications').select(['enterprise_id', 'type']).distinct()
    .where('issued_on', '<=', today).where((eb) => eb.or([eb('expires_on', 'is', null), eb('expires_on', '>=', today)]))
    .$if(one !== undefined, (qb) => qb.where('enterprise_id', '=', one!))
    .execute();

  const revenueOf = new Map(revenues.map((r) => [r.enterprise_id, { year: r.year, amount: r.revenue! }]));
  const certsOf = new Map<string, string[]>();
  for (const c of certs) {
    const list = certsOf.get(c.enterprise_id);
    if (list) list.push(c.type);
    else certsOf.set(c.enterprise_id, [c.type]);
  }
  return enterprises.map((e) => ({
    id: e.id,
    uscc: e.uscc,
    name: e.name,
    district: e.district,
    sector: e.sector,
    foundedOn: e.founded_on as string | null,
    latestRevenue: revenueOf.get(e.id) ?? null,
    certifications: (certsOf.get(e.id) ?? []).sort(),
    nplCount: null,
  }));
}

export interface MatchableProduct {
  id: string;
  code: string;
  name: string;
  type: string;
  status: string;
  isProgramme: boolean;
  policyProduct: boolean;
  ownerOrgId: string;
  ownerName: string;
  version: number;
  criteria: Criteria;
}

/** Products with their current version's criteria (money in fen, as stored); active ones unless ids are given. */
export async function loadMatchableProducts(h: Handle, ids?: string[]): Promise<MatchableProduct[]> {
  let q = h
    .selectFrom('products as p')
    .innerJoin('organizations as o', 'o.id', 'p.owner_org_id')
    .innerJoin('product_versions as v', (j) => j.onRef('v.product_id', '=', 'p.id').onRef('v.version', '=', 'p.current_version'))
    .select(['p.id', 'p.code', 'p.name', 'p.type', 'p.status', 'p.is_programme', 'p.policy_product', 'p.owner_org_id', 'o.name as owner_name', 'v.version', 'v.criteria']);
  q = ids ? q.where('p.id', 'in', ids) : q.where('p.status', '=', 'active');
  const rows = await q.orderBy('p.code').execute();
  return rows.map((r) => ({
    id: r.id, code: r.code, name: r.name, type: r.type, status: r.status, isProgramme: r.is_programme, policyProduct: r.policy_product,
    ownerOrgId: r.owner_org_id, ownerName: r.owner_name, version: r.version,
    criteria: (typeof r.criteria === 'string' ? JSON.parse(r.criteria) : r.criteria) as Criteria,
  }));
}
