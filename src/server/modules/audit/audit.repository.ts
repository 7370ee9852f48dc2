import { sql } from 'kysely';
import type { Database } from '../../db/connect';

export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listAudit(db: Database, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.actor) q = q.where('actor_username', '=', f.actor);
  if (f.action) q = q.where('action', f.action.endsWith('*') ? 'like' : '=', f.action.replace(/\*$/, '%'));
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  // Dates are Shanghai calendar days.
  if (f.from) q = q.where('at', '>=', sql<Date>`(${f.from}::date)::timestamp at time zone 'Asia/Shanghai'`);
  if (f.to) q = q.where('at', '<', sql<Date>`((${f.to}::date + 1))::timestamp at time zone 'Asia/Shanghai'`);
  const [{ total }] = [await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()];
  const rows = await q
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      id: String(r.seq),
      seq: r.seq,
      at: r.at.toISOString(),
      actor: r.actor_user_id || r.actor_username ? { userId: r.actor_user_id, username: r.actor_username, tokenId: r.actor_token_id } : null,
      organizationId: r.organization_id,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      diff: (typeof r.diff === 'string' ? JSON.parse(r.diff) : r.diff) as { before: unknown; after: unknown },
      requestId: r.request_id,
    })),
    total: Number(total),
    page: f.page,
    pageSize: f.pageSize,
  };
}
