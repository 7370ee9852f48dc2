import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { canonicalJson } from './canonical-json';
import type { ActorContext } from './principal';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

interface HashedFields {
  seq: number;
  at: Date;
  actorUserId: string | null;
  actorUsername: string | null;
  actorTokenId: string | null;
  organizationId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  diff: { before: unknown; after: unknown };
  requestId: string | null;
}

export function auditRowHash(prevHash: string, fields: HashedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}

/**
 * Appends audit rows in the caller's transaction. The chain tip (audit_head) is locked FOR UPDATE, so
 * writers on any number of app servers append one after another and seq stays gapless; the lock is held
 * until the caller's transaction commits, which keeps the rows and the change they record atomic.
 */
export async function writeAudit(trx: Transaction<DB>, ctx: ActorContext, entry: AuditEntry): Promise<number> {
  return writeAuditBatch(trx, ctx, [entry]);
}

/** Many entries under one lock of the chain tip (bulk imports); returns the last seq written. */
export async function writeAuditBatch(trx: Transaction<DB>, ctx: ActorContext, entries: AuditEntry[]): Promise<number> {
  const head = await trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
  const p = ctx.principal;
  let { seq, hash } = head;
  const at = new Date();
  const rows = entries.map((entry) => {
    const fields: HashedFields = {
      seq: seq + 1,
      at,
      actorUserId: p?.userId ?? null,
      actorUsername: p?.username ?? ctx.systemActor ?? null,
      actorTokenId: p?.tokenId ?? null,
      organizationId: p?.organizationId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      diff: JSON.parse(canonicalJson({ before: entry.before ?? null, after: entry.after ?? null })),
      requestId: ctx.requestId,
    };
    const prevHash = hash;
    seq = fields.seq;
    hash = auditRowHash(prevHash, fields);
    return {
      seq: fields.seq,
      at: fields.at,
      actor_user_id: fields.actorUserId,
      actor_username: fields.actorUsername,
      actor_token_id: fields.actorTokenId,
      organization_id: fields.organizationId,
      action: fields.action,
      entity_type: fields.entityType,
      entity_id: fields.entityId,
      diff: JSON.stringify(fields.diff),
      request_id: fields.requestId,
      prev_hash: prevHash,
      hash,
    };
  });
  for (let i = 0; i < rows.length; i += 500) {
    await trx.insertInto('audit_log').values(rows.slice(i, i + 500)).execute();
  }
  await trx.updateTable('audit_head').set({ seq, hash }).where('id', '=', 1).execute();
  return seq;
}

/** Keeps only the fields that changed, so an update's audit row shows what moved, not the whole record. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (canonicalJson(before[key]) !== canonicalJson(after[key])) {
      (b as Record<string, unknown>)[key] = before[key];
      (a as Record<string, unknown>)[key] = after[key];
    }
  }
  return { before: b, after: a };
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBroken: null | { seq: number; reason: string };
}

/** Walks the whole chain in seq order and reports the first row that was altered, removed or reordered. */
export async function verifyAuditChain(db: Kysely<DB>, pageSize = 5000): Promise<ChainVerification> {
  const GENESIS = '0'.repeat(64);
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(pageSize).execute();
    for (const row of rows) {
      const broken = (reason: string): ChainVerification => ({ ok: false, checked, firstBroken: { seq: expectedSeq, reason } });
      if (row.seq !== expectedSeq) return broken(`row ${expectedSeq} is missing (next row present is ${row.seq})`);
      if (row.prev_hash !== prevHash) return broken(`row ${row.seq} does not link to the previous row's hash`);
      const diff = typeof row.diff === 'string' ? JSON.parse(row.diff) : row.diff;
      const recomputed = auditRowHash(prevHash, {
        seq: row.seq,
        at: row.at,
        actorUserId: row.actor_user_id,
        actorUsername: row.actor_username,
        actorTokenId: row.actor_token_id,
        organizationId: row.organization_id,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        diff,
        requestId: row.request_id,
      });
      if (recomputed !== row.hash) return broken(`row ${row.seq} was altered: its content no longer matches its hash`);
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < pageSize) break;
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!head || head.seq !== checked || head.hash !== prevHash) {
    return { ok: false, checked, firstBroken: { seq: checked + 1, reason: `rows after ${checked} were removed (the chain head records ${head?.seq ?? 'nothing'})` } };
  }
  return { ok: true, checked, firstBroken: null };
}

/** Used by tests and the CLI to check the append-only trigger is in place. */
export async function auditTriggerPresent(db: Kysely<DB>): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*)::int as n from pg_trigger where tgname = 'audit_log_no_update_delete'`.execute(db);
  return (r.rows[0]?.n ?? 0) > 0;
}
