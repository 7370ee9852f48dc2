import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Handle = Kysely<DB> | Transaction<DB>;

export async function parameterStateToken(db: Handle): Promise<{ token: string; approvedCount: number }> {
  const row = await db.selectFrom('policy_parameter_state').select(['token', 'approved_count']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { token: row.token, approvedCount: row.approved_count };
}

/** Approved values in the order they were approved: later approvals of the same key and date win. */
export async function approvedParameterValues(db: Handle) {
  return db
    .selectFrom('policy_parameter_changes')
    .select(['key', 'value', 'effective_from', 'reference'])
    .where('status', '=', 'approved')
    .orderBy('approved_seq')
    .execute();
}

export async function listParameterChanges(db: Handle, filter: { status?: string | undefined; key?: string | undefined }) {
  let q = db
    .selectFrom('policy_parameter_changes as c')
    .innerJoin('users as m', 'm.id', 'c.proposed_by')
    .leftJoin('users as d', 'd.id', 'c.decided_by')
    .select([
      'c.id', 'c.key', 'c.value', 'c.effective_from', 'c.reference', 'c.reason', 'c.status', 'c.proposed_at', 'c.decided_at', 'c.decision_reason',
      'c.proposed_by', 'm.username as proposed_by_name', 'c.decided_by', 'd.username as decided_by_name',
    ]);
  if (filter.status) q = q.where('c.status', '=', filter.status as never);
  if (filter.key) q = q.where('c.key', '=', filter.key);
  return q.orderBy('c.proposed_at', 'desc').orderBy('c.id').limit(500).execute();
}

export async function lockParameterChange(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('policy_parameter_changes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Records an approval and moves the shared token, so every app server recompiles its ruleset. */
export async function markApproved(trx: Transaction<DB>, id: string, userId: string, reason: string | null) {
  const state = await trx.selectFrom('policy_parameter_state').select(['approved_count']).where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
  const seq = state.approved_count + 1;
  await trx
    .updateTable('policy_parameter_changes')
    .set({ status: 'approved', decided_by: userId, decided_at: new Date(), decision_reason: reason, approved_seq: seq })
    .where('id', '=', id)
    .execute();
  await trx.updateTable('policy_parameter_state').set({ approved_count: seq, token: crypto.randomUUID() }).where('id', '=', 1).execute();
}
