import type { Database } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { todayInShanghai } from '../../platform/dates';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { yuanToFen } from '../../platform/money';
import type { ActorContext, Principal } from '../../platform/principal';
import {
  applicationAssignments, applicationDocuments, applicationHistory, applicationLoan, applicationReviews, applicationWarnings, findInScope, insertEvents,
  listApplications, lockApplication, nextApplicationNo, productByCode, type ApplicationFilters, type ApplicationScope, type Handle, type ListOrder,
} from './applications.repository';
import type { CreateApplicationInput, ListApplicationsQuery, UpdateApplicationInput } from './applications.schemas';
import { applicationDetail, applicationSummary } from './view';

export type Ctx = ActorContext & { principal: Principal };

const NOTHING = '00000000-0000-0000-0000-000000000000';

/** Scoping, decided once (STYLE.md, convention 7): anything outside it is a 404. */
export function applicationScope(p: Principal): ApplicationScope {
  if (p.role === 'admin' || p.role === 'officer' || p.role === 'auditor') return 'all';
  if (p.role === 'enterprise_user') return { enterpriseId: p.enterpriseId ?? NOTHING };
  if (p.role === 'institution_user') return { bankOrgId: p.organizationId };
  if (p.role === 'reviewer') return { reviewerUserId: p.userId };
  return { enterpriseId: NOTHING };
}

export async function scopedApplication(db: Handle, p: Principal, id: string) {
  const row = await findInScope(db, applicationScope(p), id);
  if (!row) throw notFound('application');
  return row;
}

async function productFor(db: Handle, code: string | null | undefined, path: string) {
  if (!code) return null;
  const p = await productByCode(db, code);
  if (!p) throw badRequest([{ path, message: `no product with code '${code}'` }]);
  if (p.status !== 'active') throw badRequest([{ path, message: `product ${code} is ${p.status} and takes no applications` }]);
  return p;
}

/** An enterprise user applies for its own enterprise (融资申请); a draft unless submit is true. */
export async function createApplication(db: Database, ctx: Ctx, input: CreateApplicationInput) {
  const p = ctx.principal;
  if (!p.enterpriseId) throw forbidden('this user is not linked to an enterprise');
  const product = await productFor(db, input.productCode, 'body.productCode');
  const today = todayInShanghai();
  const id = await db.transaction().execute(async (trx) => {
    const status = input.submit ? 'submitted' : 'draft';
    const row = await trx
      .insertInto('applications')
      .values({
        application_no: await nextApplicationNo(trx, today.slice(0, 4)), enterprise_id: p.enterpriseId!, product_id: product?.id ?? null,
        product_version: product?.current_version ?? null, requested_amount: yuanToFen(input.requestedAmount), requested_term_months: input.requestedTermMonths ?? null,
        purpose: input.purpose ?? null, status, submitted_on: input.submit ? today : null, created_by: p.userId,
      })
      .returning(['id', 'application_no'])
      .executeTakeFirstOrThrow();
    await insertEvents(trx, [
      { applicationId: row.id, actorUserId: p.userId, action: 'create', from: null, to: 'draft' },
      ...(input.submit ? [{ applicationId: row.id, actorUserId: p.userId, action: 'submit', from: 'draft', to: 'submitted' }] : []),
    ]);
    await writeAudit(trx, ctx, {
      action: 'application.create', entityType: 'application', entityId: row.id,
      after: { applicationNo: row.application_no, status, productCode: product?.code ?? null, requestedAmount: input.requestedAmount, requestedTermMonths: input.requestedTermMonths ?? null, purpose: input.purpose ?? null },
    });
    return row.id;
  });
  return getApplication(db, ctx, id);
}

/** The enterprise edits its draft; once submitted, the application is what the office screens. */
export async function updateApplication(db: Database, ctx: Ctx, id: string, input: UpdateApplicationInput) {
  await scopedApplication(db, ctx.principal, id);
  const product = input.productCode === undefined ? undefined : await productFor(db, input.productCode, 'body.productCode');
  await db.transaction().execute(async (trx) => {
    const row = (await lockApplication(trx, id))!;
    if (row.status !== 'draft') throw conflict(`only a draft can be edited; this application is ${row.status}`);
    const set: Record<string, unknown> = {};
    if (product !== undefined) Object.assign(set, { product_id: product?.id ?? null, product_version: product?.current_version ?? null });
    if (input.requestedAmount !== undefined) set.requested_amount = yuanToFen(input.requestedAmount);
    if (input.requestedTermMonths !== undefined) set.requested_term_months = input.requestedTermMonths;
    if (input.purpose !== undefined) set.purpose = input.purpose;
    if (Object.keys(set).length === 0) return;
    const before = Object.fromEntries(Object.keys(set).map((k) => [k, (row as Record<string, unknown>)[k]]));
    await trx.updateTable('applications').set({ ...set, updated_at: new Date() } as never).where('id', '=', id).execute();
    await writeAudit(trx, ctx, { action: 'application.update', entityType: 'application', entityId: id, before, after: set });
  });
  return getApplication(db, ctx, id);
}

export async function getApplication(db: Database, ctx: Ctx, id: string) {
  const row = await scopedApplication(db, ctx.principal, id);
  const [history, assignments, reviews, documents, warnings, loan] = await Promise.all([
    applicationHistory(db, id), applicationAssignments(db, id), applicationReviews(db, id), applicationDocuments(db, id), applicationWarnings(db, id), applicationLoan(db, id),
  ]);
  return applicationDetail(row, { history, assignments, reviews, documents, warnings, loan: loan ?? null, viewer: ctx.principal });
}

/** A list row: the summary and the highest warning line crossed and unresolved (null: not overdue). */
function listRow(r: Awaited<ReturnType<typeof listApplications>>['rows'][number]) {
  return { ...applicationSummary(r), overdueLine: r.overdue_line === null ? null : Number(r.overdue_line) };
}

export async function listApplicationsFor(db: Database, ctx: Ctx, query: ListApplicationsQuery) {
  const { page, pageSize, status, product, bank, order, ...rest } = query;
  const filters: ApplicationFilters = { ...rest, statuses: status, productCode: product, bankCode: bank };
  const { rows, total } = await listApplications(db, applicationScope(ctx.principal), filters, order ?? 'recent', { limit: pageSize, offset: (page - 1) * pageSize });
  return { items: rows.map(listRow), total, page, pageSize };
}

/** A bank's inbox: what is recommended to it and waiting for its decision, oldest recommendation first. */
export async function inboxFor(db: Database, ctx: Ctx, query: { page: number; pageSize: number; status?: string[] | undefined; overdue?: boolean | undefined; q?: string | undefined }) {
  const scope: ApplicationScope = { bankOrgId: ctx.principal.organizationId };
  const order: ListOrder = 'inbox';
  const filters: ApplicationFilters = { statuses: (query.status as ApplicationFilters['statuses']) ?? ['recommended', 'accepted'], overdue: query.overdue, q: query.q };
  const { rows, total } = await listApplications(db, scope, filters, order, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { items: rows.map(listRow), total, page: query.page, pageSize: query.pageSize };
}
