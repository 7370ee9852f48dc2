import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { ConsentCluster, ConsentStatus } from './consent-rules';

type Handle = Kysely<DB> | Transaction<DB>;

/** Organisation kinds that can receive a consent: the institutions, never the office or an enterprise. */
export const INSTITUTION_KINDS = ['bank', 'guarantor', 'insurer', 'fund'] as const;

export async function findInstitution(db: Handle, ref: { id?: string | undefined; code?: string | undefined }) {
  let q = db.selectFrom('organizations').select(['id', 'code', 'name', 'kind']).where('kind', 'in', [...INSTITUTION_KINDS]);
  q = ref.id !== undefined ? q.where('id', '=', ref.id) : q.where('code', '=', ref.code ?? '');
  return q.executeTakeFirst();
}

/**
 * An application is "addressed to" an institution when it is recommended to it now or was before (an assignment,
 * kept across 更换银行), or when it applies for a product the institution offers or distributes as a partner.
 */
export async function applicationAddressedTo(db: Handle, applicationId: string, enterpriseId: string, institutionId: string): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`
    select exists (
      select 1 from applications a
      where a.id = ${applicationId} and a.enterprise_id = ${enterpriseId} and (
        a.bank_org_id = ${institutionId}
        or exists (select 1 from application_assignments s where s.application_id = a.id and s.bank_org_id = ${institutionId})
        or exists (select 1 from products p where p.id in (a.product_id, a.recommended_product_id)
                   and (p.owner_org_id = ${institutionId}
                        or exists (select 1 from product_partners pp where pp.product_id = p.id and pp.org_id = ${institutionId})))
      )) as ok`.execute(db);
  return Boolean(r.rows[0]?.ok);
}

const statusSql = (today: string) =>
  sql<ConsentStatus>`case when c.revoked_at is not null then 'revoked' when c.expires_on < ${today}::date then 'expired' else 'active' end`;

export interface ConsentFilters {
  enterpriseId?: string | undefined;
  institutionId?: string | undefined;
  status?: ConsentStatus | undefined;
  id?: string | undefined;
}

function consentQuery(db: Handle, filters: ConsentFilters, today: string) {
  let q = db
    .selectFrom('consents as c')
    .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
    .innerJoin('organizations as o', 'o.id', 'c.institution_org_id')
    .leftJoin('applications as a', 'a.id', 'c.application_id')
    .leftJoin('users as gu', 'gu.id', 'c.granted_by')
    .leftJoin('users as ru', 'ru.id', 'c.revoked_by');
  if (filters.id) q = q.where('c.id', '=', filters.id);
  if (filters.enterpriseId) q = q.where('c.enterprise_id', '=', filters.enterpriseId);
  if (filters.institutionId) q = q.where('c.institution_org_id', '=', filters.institutionId);
  if (filters.status) q = q.where(statusSql(today), '=', filters.status);
  return q;
}

export async function listConsents(db: Handle, filters: ConsentFilters, today: string, page: { limit: number; offset: number }) {
  const base = consentQuery(db, filters, today);
  const rows = await base
    .select([
      'c.id', 'c.clusters', 'c.purpose', 'c.application_id', 'a.application_no', 'c.lookback_months', 'c.expires_on', 'c.granted_at', 'c.revoked_at',
      'e.id as enterprise_id', 'e.uscc', 'e.name as enterprise_name', 'o.id as org_id', 'o.code as org_code', 'o.name as org_name',
      'gu.username as granted_by', 'ru.username as revoked_by',
    ])
    .select(statusSql(today).as('status'))
    .orderBy('c.granted_at', 'desc')
    .orderBy('c.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}
export type ConsentListRow = Awaited<ReturnType<typeof listConsents>>['rows'][number];

export async function lockConsent(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('consents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/**
 * The consent that lets this institution read this cluster today, if any: not revoked, expires_on ≥ today. When
 * several cover the cluster the longest lookback wins. FOR SHARE makes a concurrent revoke wait until this read and
 * its log row commit, so a read is never logged after the revocation that should have stopped it.
 */
export async function activeConsentFor(trx: Transaction<DB>, enterpriseId: string, institutionId: string, cluster: ConsentCluster, today: string) {
  return trx
    .selectFrom('consents')
    .select(['id', 'lookback_months', 'expires_on'])
    .where('enterprise_id', '=', enterpriseId)
    .where('institution_org_id', '=', institutionId)
    .where('revoked_at', 'is', null)
    .where('expires_on', '>=', today)
    .where(sql<boolean>`clusters @> ${JSON.stringify([cluster])}::jsonb`)
    .orderBy('lookback_months', 'desc')
    .orderBy('expires_on', 'desc')
    .orderBy('id')
    .limit(1)
    .forShare()
    .executeTakeFirst();
}

export async function activeConsentsOf(db: Handle, enterpriseId: string, institutionId: string, today: string) {
  return db
    .selectFrom('consents')
    .select(['id', 'clusters', 'lookback_months', 'expires_on', 'purpose'])
    .where('enterprise_id', '=', enterpriseId)
    .where('institution_org_id', '=', institutionId)
    .where('revoked_at', 'is', null)
    .where('expires_on', '>=', today)
    .orderBy('lookback_months', 'desc')
    .orderBy('expires_on', 'desc')
    .orderBy('id')
    .execute();
}

export interface ReadLogFilters {
  enterpriseId?: string | undefined;
  cluster?: string | undefined;
}

export async function listReads(db: Handle, filters: ReadLogFilters, page: { limit: number; offset: number }) {
  let base = db
    .selectFrom('consent_reads as r')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .innerJoin('organizations as o', 'o.id', 'r.institution_org_id')
    .leftJoin('users as u', 'u.id', 'r.user_id')
    .leftJoin('api_tokens as t', 't.id', 'r.token_id');
  if (filters.enterpriseId) base = base.where('r.enterprise_id', '=', filters.enterpriseId);
  if (filters.cluster) base = base.where('r.cluster', '=', filters.cluster);
  const rows = await base
    .select([
      'r.id', 'r.at', 'r.cluster', 'r.consent_id', 'r.request_id', 'e.id as enterprise_id', 'e.name as enterprise_name',
      'o.id as org_id', 'o.code as org_code', 'o.name as org_name', 'u.id as user_id', 'u.username', 'u.display_name', 't.id as token_id', 't.name as token_name',
    ])
    .orderBy('r.at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}
