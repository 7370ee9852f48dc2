import type { Database } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { todayInShanghai } from '../../platform/dates';
import { badRequest, conflict, notFound } from '../../platform/errors';
import type { ActorContext, Principal } from '../../platform/principal';
import { canTransition, consentStatus, expiryProblem } from './consent-rules';
import { applicationAddressedTo, findInstitution, listConsents, listReads, lockConsent, type ConsentFilters, type ConsentListRow } from './consent.repository';
import type { GrantConsentInput, ListConsentsQuery, ReadLogQuery } from './consent.schemas';

type Ctx = ActorContext & { principal: Principal };

const NOTHING = '00000000-0000-0000-0000-000000000000';
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const asArray = (v: unknown): string[] => (typeof v === 'string' ? JSON.parse(v) : (v as string[]));

/**
 * Scoping, decided once: an enterprise user sees its own enterprise's consents, an institution user those granted
 * to its institution (active only unless it asks), office staff all of them (read-only). Anything else is 404.
 */
function scopeOf(p: Principal, query: Pick<ListConsentsQuery, 'enterpriseId' | 'institutionId' | 'status'>): ConsentFilters | null {
  const status = query.status === 'all' ? undefined : query.status;
  if (p.role === 'enterprise_user') {
    const own = p.enterpriseId ?? NOTHING;
    if (query.enterpriseId && query.enterpriseId !== own) return null;
    return { enterpriseId: own, institutionId: query.institutionId, status };
  }
  if (p.role === 'institution_user') {
    if (query.institutionId && query.institutionId !== p.organizationId) return null;
    return { enterpriseId: query.enterpriseId, institutionId: p.organizationId, status: query.status === undefined ? 'active' : status };
  }
  return { enterpriseId: query.enterpriseId, institutionId: query.institutionId, status };
}

export function consentView(r: ConsentListRow) {
  return {
    id: r.id,
    enterprise: { id: r.enterprise_id, uscc: r.uscc, name: r.enterprise_name },
    institution: { id: r.org_id, code: r.org_code, name: r.org_name },
    clusters: asArray(r.clusters),
    purpose: r.purpose,
    application: r.application_id && r.application_no ? { id: r.application_id, applicationNo: r.application_no } : null,
    lookbackMonths: r.lookback_months,
    expiresOn: r.expires_on,
    status: r.status,
    grantedAt: iso(r.granted_at)!,
    grantedBy: r.granted_by,
    revokedAt: iso(r.revoked_at),
    revokedBy: r.revoked_by,
  };
}

export async function listConsentsFor(db: Database, ctx: Ctx, query: ListConsentsQuery) {
  const filters = scopeOf(ctx.principal, query);
  if (!filters) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  const { rows, total } = await listConsents(db, filters, todayInShanghai(), { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { items: rows.map(consentView), total, page: query.page, pageSize: query.pageSize };
}

export async function getConsent(db: Database, ctx: Ctx, id: string) {
  const filters = scopeOf(ctx.principal, { status: 'all' });
  if (!filters) throw notFound('consent');
  const { rows } = await listConsents(db, { ...filters, id }, todayInShanghai(), { limit: 1, offset: 0 });
  if (!rows[0]) throw notFound('consent');
  return consentView(rows[0]);
}

export async function grantConsent(db: Database, ctx: Ctx, input: GrantConsentInput) {
  const p = ctx.principal;
  const enterpriseId = p.enterpriseId;
  if (p.role !== 'enterprise_user' || !enterpriseId) throw notFound('enterprise');
  const today = todayInShanghai();
  const problem = expiryProblem(input.expiresOn, today);
  if (problem) throw badRequest([{ path: 'body.expiresOn', message: problem }]);
  const id = await db.transaction().execute(async (trx) => {
    const institution = await findInstitution(trx, { id: input.institutionId, code: input.institutionCode });
    if (!institution) {
      const path = input.institutionId !== undefined ? 'body.institutionId' : 'body.institutionCode';
      throw badRequest([{ path, message: 'no bank, guarantor, insurer or fund with this id or code' }]);
    }
    // The same message whether the application is missing, another enterprise's or addressed elsewhere: an
    // enterprise user must not learn which application ids exist.
    if (input.applicationId && !(await applicationAddressedTo(trx, input.applicationId, enterpriseId, institution.id))) {
      throw badRequest([{ path: 'body.applicationId', message: `is not an application of your enterprise addressed to ${institution.name}` }]);
    }
    const values = {
      enterprise_id: enterpriseId,
      institution_org_id: institution.id,
      clusters: JSON.stringify(input.clusters),
      purpose: input.purpose,
      application_id: input.applicationId ?? null,
      lookback_months: input.lookbackMonths,
      expires_on: input.expiresOn,
      granted_by: p.userId,
    };
    const row = await trx.insertInto('consents').values(values).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, {
      action: 'consent.grant', entityType: 'consent', entityId: row.id,
      after: { enterpriseId, institutionId: institution.id, institutionCode: institution.code, clusters: input.clusters, purpose: input.purpose, applicationId: input.applicationId ?? null, lookbackMonths: input.lookbackMonths, expiresOn: input.expiresOn },
    });
    return row.id;
  });
  return getConsent(db, ctx, id);
}

/** The enterprise withdraws its permission; from the next request on, every read under it is a 404. */
export async function revokeConsent(db: Database, ctx: Ctx, id: string, reason: string | undefined) {
  const p = ctx.principal;
  await db.transaction().execute(async (trx) => {
    const c = await lockConsent(trx, id);
    if (!c || p.role !== 'enterprise_user' || c.enterprise_id !== p.enterpriseId) throw notFound('consent');
    const today = todayInShanghai();
    const status = consentStatus({ revokedAt: c.revoked_at, expiresOn: c.expires_on }, today);
    if (!canTransition('revoke', status)) throw conflict(`this consent is already ${status}`);
    const revokedAt = new Date();
    await trx.updateTable('consents').set({ revoked_at: revokedAt, revoked_by: p.userId }).where('id', '=', id).execute();
    await writeAudit(trx, ctx, {
      action: 'consent.revoke', entityType: 'consent', entityId: id,
      before: { status }, after: { status: 'revoked', revokedAt: revokedAt.toISOString(), reason: reason ?? null },
    });
  });
  return getConsent(db, ctx, id);
}

/** Who read what and when: an enterprise user its own log; office staff any enterprise's (or all). */
export async function readLog(db: Database, ctx: Ctx, query: ReadLogQuery) {
  const p = ctx.principal;
  let enterpriseId = query.enterpriseId;
  if (p.role === 'enterprise_user') {
    const own = p.enterpriseId ?? NOTHING;
    if (enterpriseId && enterpriseId !== own) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    enterpriseId = own;
  }
  const { rows, total } = await listReads(db, { enterpriseId, cluster: query.cluster }, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  const items = rows.map((r) => ({
    id: Number(r.id),
    at: iso(r.at)!,
    cluster: r.cluster,
    consentId: r.consent_id,
    enterprise: { id: r.enterprise_id, name: r.enterprise_name },
    institution: { id: r.org_id, code: r.org_code, name: r.org_name },
    user: r.user_id ? { id: r.user_id, username: r.username!, displayName: r.display_name! } : null,
    token: r.token_id ? { id: r.token_id, name: r.token_name! } : null,
    requestId: r.request_id,
  }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}
