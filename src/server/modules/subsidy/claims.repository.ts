import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, SubsidyClaimStatus } from '../../db/schema';
import { GRANTED_STATUSES, COMMITTED_STATUSES } from './claim-transitions';

type Handle = Kysely<DB> | Transaction<DB>;
export type ClaimRow = Awaited<ReturnType<typeof findClaim>> & {};

/** Where a caller's claims are: an enterprise's own, an institution's own, or all (office staff). */
export type ClaimScope = { enterpriseId: string } | { organizationId: string } | 'all';

export async function findClaim(db: Handle, id: string) {
  return db.selectFrom('subsidy_claims').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockClaim(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('subsidy_claims').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function ensureBeneficiary(trx: Transaction<DB>, uscc: string) {
  await trx.insertInto('subsidy_beneficiaries').values({ uscc }).onConflict((oc) => oc.column('uscc').doNothing()).execute();
}

/**
 * Serialises every cap-relevant decision about one beneficiary: the row lock is held until commit, so a
 * second officer's determination waits and then sees the first one's amount among the granted.
 */
export async function lockBeneficiary(trx: Transaction<DB>, uscc: string) {
  await ensureBeneficiary(trx, uscc);
  await trx.selectFrom('subsidy_beneficiaries').select('uscc').where('uscc', '=', uscc).forUpdate().executeTakeFirstOrThrow();
}

export async function nextClaimNumber(trx: Transaction<DB>, year: number): Promise<string> {
  const r = await sql<{ n: number }>`select nextval('subsidy_claim_number_seq')::int as n`.execute(trx);
  return `ZC${year}-${String(r.rows[0]!.n).padStart(6, '0')}`;
}

/** What a beneficiary already has (determined … paid), as the engine's `granted`; amounts in fen. */
export async function grantedOf(db: Handle, usccs: string[], exceptClaimId?: string) {
  if (usccs.length === 0) return [];
  let q = db
    .selectFrom('subsidy_claims')
    .select(['id', 'beneficiary_uscc', 'measure', 'event_date', 'amount', 'matter'])
    .where('beneficiary_uscc', 'in', usccs)
    .where('status', 'in', [...GRANTED_STATUSES]);
  if (exceptClaimId) q = q.where('id', '<>', exceptClaimId);
  return q.orderBy('event_date').orderBy('id').execute();
}

export function applyScope<Q extends { where: (...a: any[]) => Q }>(q: Q, scope: ClaimScope, alias = 'subsidy_claims'): Q {
  if (scope === 'all') return q;
  if ('enterpriseId' in scope) return q.where(`${alias}.enterprise_id` as never, '=', scope.enterpriseId);
  return q.where(`${alias}.organization_id` as never, '=', scope.organizationId);
}

export interface ClaimFilters {
  status?: SubsidyClaimStatus | undefined;
  statuses?: readonly SubsidyClaimStatus[] | undefined;
  measure?: string | undefined;
  year?: number | undefined;
  origin?: 'application' | 'proactive' | undefined;
  enterpriseId?: string | undefined;
  q?: string | undefined;
}

function filtered(db: Handle, scope: ClaimScope, f: ClaimFilters) {
  let q = applyScope(db.selectFrom('subsidy_claims'), scope);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.statuses?.length) q = q.where('status', 'in', [...f.statuses]);
  if (f.measure) q = q.where('measure', '=', f.measure);
  if (f.year) q = q.where('event_date', '>=', `${f.year}-01-01`).where('event_date', '<=', `${f.year}-12-31`);
  if (f.origin) q = q.where('origin', '=', f.origin);
  if (f.enterpriseId) q = q.where('enterprise_id', '=', f.enterpriseId);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('beneficiary_name', 'ilike', like), eb('beneficiary_uscc', 'like', `${f.q!.toUpperCase().replace(/[\\%_]/g, '')}%`), eb('number', '=', f.q!)]));
  }
  return q;
}

export async function listClaims(db: Handle, scope: ClaimScope, f: ClaimFilters, page: { limit: number; offset: number }) {
  const base = filtered(db, scope, f);
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute();
  return { rows, total: Number(count.n) };
}

/** Every claim matching the filter (simulation); no paging. */
export async function allClaims(db: Handle, f: ClaimFilters) {
  return filtered(db, 'all', f).selectAll().orderBy('beneficiary_uscc').orderBy('event_date').orderBy('id').execute();
}

export async function claimHistory(db: Handle, id: string) {
  return db.selectFrom('subsidy_claim_transitions').selectAll().where('claim_id', '=', id).orderBy('id').execute();
}

export async function claimFiles(db: Handle, id: string) {
  return db.selectFrom('subsidy_claim_files').select(['id', 'filename', 'content_type', 'size', 'sha256', 'uploaded_at', 'uploaded_by']).where('claim_id', '=', id).orderBy('uploaded_at').orderBy('id').execute();
}

export async function claimObjections(db: Handle, id: string) {
  return db.selectFrom('subsidy_objections').selectAll().where('claim_id', '=', id).orderBy('recorded_at').orderBy('id').execute();
}

export async function countOpenObjections(db: Handle, claimId: string): Promise<number> {
  const r = await db.selectFrom('subsidy_objections').select((eb) => eb.fn.countAll<number>().as('n')).where('claim_id', '=', claimId).where('resolved_by', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The officers named on a claim (determined, second-approved, paid), in one query. */
export async function usersByIds(db: Handle, ids: Array<string | null>) {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return [];
  return db.selectFrom('users').select(['id', 'username', 'display_name']).where('id', 'in', wanted).execute();
}

/** Claims in public notice with their objection counts, in one query (公示 list). */
export async function noticeRows(db: Handle) {
  return db
    .selectFrom('subsidy_claims as c')
    .leftJoin('subsidy_objections as o', 'o.claim_id', 'c.id')
    .select((eb) => [
      'c.id', 'c.number', 'c.measure', 'c.beneficiary_name', 'c.beneficiary_uscc', 'c.amount', 'c.notice_start', 'c.notice_end', 'c.event_date',
      eb.fn.count<number>('o.id').as('objections'),
      eb.fn.count<number>('o.id').filterWhere('o.resolved_by', 'is', null).as('unresolved'),
    ])
    .where('c.status', '=', 'in_public_notice')
    .groupBy('c.id')
    .orderBy('c.notice_end')
    .orderBy('c.number')
    .execute();
}

export async function recordTransition(
  trx: Transaction<DB>,
  row: { claimId: string; action: string; from: string | null; to: string; actorUserId: string | null; actorName: string; reason: string | null },
) {
  await trx
    .insertInto('subsidy_claim_transitions')
    .values({ claim_id: row.claimId, action: row.action, from_status: row.from, to_status: row.to, actor_user_id: row.actorUserId, actor_name: row.actorName, reason: row.reason })
    .execute();
}

/** Committed (determined … approved for payment) and paid amounts of a measure in a year, in fen. */
export async function budgetUse(db: Handle, measure: string | null, year: number, exceptClaimId?: string) {
  let q = db
    .selectFrom('subsidy_claims')
    .select((eb) => [
      'measure',
      eb.fn.coalesce(eb.fn.sum<number>(eb.case().when('status', 'in', [...COMMITTED_STATUSES]).then(eb.ref('amount')).else(0).end()), sql<number>`0`).as('committed'),
      eb.fn.coalesce(eb.fn.sum<number>(eb.case().when('status', '=', 'paid').then(eb.ref('amount')).else(0).end()), sql<number>`0`).as('paid'),
    ])
    .where('event_date', '>=', `${year}-01-01`)
    .where('event_date', '<=', `${year}-12-31`)
    .where('status', 'in', [...GRANTED_STATUSES])
    .groupBy('measure');
  if (measure) q = q.where('measure', '=', measure);
  if (exceptClaimId) q = q.where('id', '<>', exceptClaimId);
  const rows = await q.execute();
  return rows.map((r) => ({ measure: r.measure, committed: Number(r.committed), paid: Number(r.paid) }));
}

export async function settingsRow(db: Handle) {
  return db.selectFrom('subsidy_settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
}
