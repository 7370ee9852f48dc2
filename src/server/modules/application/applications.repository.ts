import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { ApplicationStatus } from '../../db/schema-financing';

export type Handle = Kysely<DB> | Transaction<DB>;

/**
 * Where a caller's applications are: all (office staff, auditors), one enterprise's own, the ones currently
 * recommended to one institution (its inbox), or — for an expert reviewer — those in review and those it scored.
 */
export type ApplicationScope = 'all' | { enterpriseId: string } | { bankOrgId: string } | { reviewerUserId: string };

export interface ApplicationFilters {
  statuses?: readonly ApplicationStatus[] | undefined;
  district?: string | undefined;
  productCode?: string | undefined;
  bankCode?: string | undefined;
  submittedFrom?: string | undefined;
  submittedTo?: string | undefined;
  /** Application number, or part of the enterprise's name. */
  q?: string | undefined;
  /** Only applications with an open SLA warning line. */
  overdue?: boolean | undefined;
}

export type ListOrder = 'queue' | 'inbox' | 'recent';

function base(db: Handle) {
  return db
    .selectFrom('applications as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .leftJoin('organizations as b', 'b.id', 'a.bank_org_id')
    .leftJoin('products as p', 'p.id', 'a.product_id')
    .leftJoin('products as rp', 'rp.id', 'a.recommended_product_id');
}

const SUMMARY = [
  'a.id', 'a.application_no', 'a.status', 'a.enterprise_id', 'e.uscc as enterprise_uscc', 'e.name as enterprise_name', 'e.district',
  'p.code as product_code', 'p.name as product_name', 'a.product_version', 'a.requested_amount', 'a.requested_term_months', 'a.purpose',
  'a.bank_org_id', 'b.code as bank_code', 'b.name as bank_name', 'rp.code as recommended_product_code', 'a.recommended_product_version',
  'a.recommended_amount', 'a.recommended_on', 'a.approved_amount', 'a.approved_rate', 'a.approved_term_months', 'a.decided_on',
  'a.disbursed_on', 'a.submitted_on', 'a.deferral_reason', 'a.imported', 'a.created_at', 'a.updated_at',
] as const;

function scoped<Q extends { where: (...args: any[]) => Q }>(q: Q, scope: ApplicationScope): Q {
  if (scope === 'all') return q;
  if ('enterpriseId' in scope) return q.where('a.enterprise_id' as never, '=', scope.enterpriseId);
  if ('bankOrgId' in scope) return q.where('a.bank_org_id' as never, '=', scope.bankOrgId);
  const me = scope.reviewerUserId;
  return q.where((eb: any) =>
    eb.or([eb('a.status', '=', 'review'), eb.exists(eb.selectFrom('application_reviews as r').select('r.id').whereRef('r.application_id', '=', 'a.id').where('r.reviewer_user_id', '=', me))]),
  );
}

/**
 * The filters on `applications` alone: codes become scalar subqueries and the enterprise is joined only when a
 * filter reads it, so the count of a page is an index scan and the page itself can walk an index in order.
 */
function filtered(db: Handle, scope: ApplicationScope, f: ApplicationFilters, joinEnterprise: boolean) {
  let q = scoped(joinEnterprise ? db.selectFrom('applications as a').innerJoin('enterprises as e', 'e.id', 'a.enterprise_id') : db.selectFrom('applications as a'), scope);
  if (f.statuses?.length) q = f.statuses.length === 1 ? q.where('a.status', '=', f.statuses[0]!) : q.where('a.status', 'in', [...f.statuses]);
  if (f.district) q = q.where(sql.ref('e.district'), '=', f.district);
  if (f.productCode) q = q.where('a.product_id', '=', (eb) => eb.selectFrom('products').select('id').where('code', '=', f.productCode!));
  if (f.bankCode) q = q.where('a.bank_org_id', '=', (eb) => eb.selectFrom('organizations').select('id').where('code', '=', f.bankCode!));
  if (f.submittedFrom) q = q.where('a.submitted_on', '>=', f.submittedFrom);
  if (f.submittedTo) q = q.where('a.submitted_on', '<=', f.submittedTo);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('a.application_no', '=', f.q!), eb(sql.ref('e.name'), 'ilike', like)]));
  }
  if (f.overdue) {
    q = q.where((eb) => eb.exists(eb.selectFrom('application_sla_warnings as w').select('w.line_days').whereRef('w.application_id', '=', 'a.id').where('w.resolved_at', 'is', null)));
  }
  return q;
}

/** The whole register filtered by status alone (the officers' queue): its size is kept per status by triggers. */
function byStatusOnly(scope: ApplicationScope, f: ApplicationFilters): boolean {
  return scope === 'all' && !f.district && !f.productCode && !f.bankCode && !f.submittedFrom && !f.submittedTo && !f.q && !f.overdue;
}

function statusCount(db: Handle, statuses: readonly ApplicationStatus[] | undefined) {
  let q = db.selectFrom('application_status_counts').select(sql<number>`coalesce(sum(n), 0)::bigint`.as('n'));
  if (statuses?.length) q = q.where('status', 'in', [...statuses]);
  return q;
}

export type ApplicationRow = Awaited<ReturnType<typeof findApplication>> & {};

/**
 * One round trip: the page's ids (applications only, walking the index of the order), joined to their rows, with
 * the count as a scalar subquery (joins only where a filter reads them). A page past the end counts alone.
 */
export async function listApplications(db: Handle, scope: ApplicationScope, f: ApplicationFilters, order: ListOrder, page: { limit: number; offset: number }) {
  const needsEnterprise = Boolean(f.district || f.q);
  // Queue: oldest submission first (初审 works first-come first-served); inbox: oldest recommendation first,
  // so what is nearest a warning line is on top; otherwise newest first.
  const keys: [string, 'asc' | 'desc'][] =
    order === 'queue' ? [['submitted_on', 'asc'], ['id', 'asc']] : order === 'inbox' ? [['recommended_on', 'asc'], ['id', 'asc']] : [['created_at', 'desc'], ['id', 'asc']];
  let ids = filtered(db, scope, f, needsEnterprise).select('a.id');
  for (const [k, dir] of keys) ids = ids.orderBy(sql.ref(`a.${k}`), dir);
  const counted = byStatusOnly(scope, f)
    ? statusCount(db, f.statuses)
    : filtered(db, scope, f, needsEnterprise).select((eb) => eb.fn.countAll<number>().as('n'));
  let q = db
    .selectFrom(ids.limit(page.limit).offset(page.offset).as('pg'))
    .innerJoin('applications as a', 'a.id', 'pg.id')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .leftJoin('organizations as b', 'b.id', 'a.bank_org_id')
    .leftJoin('products as p', 'p.id', 'a.product_id')
    .leftJoin('products as rp', 'rp.id', 'a.recommended_product_id')
    .select([...SUMMARY])
    // The highest SLA line crossed and not yet resolved (warnings end when the bank decides or the application moves).
    .select((eb) => eb.selectFrom('application_sla_warnings as w').select((w) => w.fn.max('w.line_days').as('m')).whereRef('w.application_id', '=', 'a.id').where('w.resolved_at', 'is', null).as('overdue_line'))
    .select(sql<number>`(${counted})`.as('total'));
  for (const [k, dir] of keys) q = q.orderBy(sql.ref(`a.${k}`), dir);
  const rows = await q.execute();
  const total = rows.length ? Number(rows[0]!.total) : Number((await counted.executeTakeFirstOrThrow()).n);
  return { rows: rows.map(({ total: _t, ...r }) => r), total };
}

export async function findApplication(db: Handle, id: string) {
  return base(db).select([...SUMMARY]).where('a.id', '=', id).executeTakeFirst();
}

export async function findInScope(db: Handle, scope: ApplicationScope, id: string) {
  return scoped(base(db), scope).select([...SUMMARY]).where('a.id', '=', id).executeTakeFirst();
}

export async function lockApplication(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('applications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function nextApplicationNo(trx: Transaction<DB>, year: string): Promise<string> {
  const r = await sql<{ n: number }>`select nextval('application_no_seq')::int as n`.execute(trx);
  return `RZ${year}-${String(r.rows[0]!.n).padStart(6, '0')}`;
}

export interface EventInput {
  applicationId: string;
  actorUserId: string | null;
  action: string;
  from: string | null;
  to: string;
  reason?: string | null;
  data?: Record<string, unknown>;
  imported?: boolean;
  at?: Date | string;
}

export async function insertEvents(trx: Transaction<DB>, events: EventInput[]) {
  if (events.length === 0) return;
  await trx
    .insertInto('application_events')
    .values(events.map((e) => ({
      application_id: e.applicationId, actor_user_id: e.actorUserId, action: e.action, from_status: e.from, to_status: e.to,
      reason: e.reason ?? null, data: JSON.stringify(e.data ?? {}), imported: e.imported ?? false, ...(e.at ? { at: e.at } : {}),
    })))
    .execute();
}

export async function applicationHistory(db: Handle, id: string) {
  return db
    .selectFrom('application_events as ev')
    .leftJoin('users as u', 'u.id', 'ev.actor_user_id')
    .select(['ev.id', 'ev.at', 'ev.action', 'ev.from_status', 'ev.to_status', 'ev.reason', 'ev.data', 'ev.imported', 'u.username as actor'])
    .where('ev.application_id', '=', id)
    .orderBy('ev.id')
    .execute();
}

export async function applicationAssignments(db: Handle, id: string) {
  return db
    .selectFrom('application_assignments as s')
    .innerJoin('organizations as b', 'b.id', 's.bank_org_id')
    .leftJoin('products as p', 'p.id', 's.product_id')
    .select(['s.seq', 'b.code as bank_code', 'b.name as bank_name', 'p.code as product_code', 's.product_version', 's.amount', 's.recommended_on', 's.ended_on', 's.end_reason'])
    .where('s.application_id', '=', id)
    .orderBy('s.seq')
    .execute();
}

export async function currentAssignment(db: Handle, id: string) {
  return db.selectFrom('application_assignments').selectAll().where('application_id', '=', id).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

export async function applicationReviews(db: Handle, id: string) {
  return db
    .selectFrom('application_reviews as r')
    .innerJoin('users as u', 'u.id', 'r.reviewer_user_id')
    .select(['r.id', 'r.meeting_id', 'u.username as reviewer', 'r.score', 'r.opinion', 'r.decision', 'r.created_at'])
    .where('r.application_id', '=', id)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
}

export async function applicationDocuments(db: Handle, id: string) {
  return db
    .selectFrom('application_documents')
    .select(['id', 'filename', 'content_type', 'size', 'uploaded_at', 'uploaded_by'])
    .where('application_id', '=', id)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
}

export async function applicationWarnings(db: Handle, id: string) {
  return db
    .selectFrom('application_sla_warnings as w')
    .innerJoin('organizations as b', 'b.id', 'w.bank_org_id')
    .select(['w.assignment_seq', 'w.line_days', 'b.code as bank_code', 'w.recommended_on', 'w.due_on', 'w.marked_at', 'w.resolved_at'])
    .where('w.application_id', '=', id)
    .orderBy('w.assignment_seq')
    .orderBy('w.line_days')
    .execute();
}

/** Ends the warnings of an application: the bank decided, or the application moved to another bank. */
export async function resolveWarnings(trx: Transaction<DB>, applicationId: string) {
  return trx.updateTable('application_sla_warnings').set({ resolved_at: new Date() }).where('application_id', '=', applicationId).where('resolved_at', 'is', null).returning(['assignment_seq', 'line_days']).execute();
}

export async function bankByCode(db: Handle, code: string) {
  return db.selectFrom('organizations').select(['id', 'code', 'name', 'kind']).where('code', '=', code).executeTakeFirst();
}

export async function productByCode(db: Handle, code: string) {
  return db.selectFrom('products').select(['id', 'code', 'name', 'type', 'owner_org_id', 'current_version', 'status']).where('code', '=', code).executeTakeFirst();
}

export async function productById(db: Handle, id: string) {
  return db.selectFrom('products').select(['id', 'code', 'name', 'type', 'owner_org_id', 'current_version', 'status']).where('id', '=', id).executeTakeFirst();
}

/** A product is offered by its owner, and for a platform programme also through its partner banks. */
export async function bankOffersProduct(db: Handle, productId: string, bankOrgId: string): Promise<boolean> {
  const p = await db.selectFrom('products').select('owner_org_id').where('id', '=', productId).executeTakeFirst();
  if (!p) return false;
  if (p.owner_org_id === bankOrgId) return true;
  const partner = await db.selectFrom('product_partners').select('org_id').where('product_id', '=', productId).where('org_id', '=', bankOrgId).executeTakeFirst();
  return Boolean(partner);
}

export async function applicationLoan(db: Handle, id: string) {
  return db
    .selectFrom('loans')
    .select(['id', 'loan_no', 'principal', 'annual_rate', 'term_months', 'start_date', 'maturity_date', 'collateral_mode', 'repayment_method', 'first_time_borrower'])
    .where('application_id', '=', id)
    .executeTakeFirst();
}
