import type { AppConfig } from '../../config';
import type { Database } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { ActorContext, Principal } from '../../platform/principal';
import { dummyPasswordHash, newSecret, sha256Hex, verifyPassword } from '../../platform/secrets';
import { getUserView, type UserView } from '../accounts/accounts.repository';

export interface SignedIn {
  secret: string;
  csrfToken: string;
  expiresAt: Date;
  user: UserView;
}

const invalid = () => new AppError(401, 'invalid_credentials', 'wrong username or password');

/**
 * Password sign-in with a lock-out: after `lockoutThreshold` consecutive failures the account is locked
 * for `lockoutMinutes`. The counter lives in the users row (updated atomically), so it holds across app servers.
 */
export async function signIn(db: Database, config: AppConfig, username: string, password: string, requestId: string): Promise<SignedIn> {
  const user = await db
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .select(['users.id', 'users.username', 'users.password_hash', 'users.locked_until', 'users.disabled', 'users.organization_id', 'users.role', 'organizations.kind as organization_kind', 'organizations.enterprise_id'])
    .where((eb) => eb(eb.fn('lower', ['users.username']), '=', username.toLowerCase()))
    .executeTakeFirst();
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), password);
    throw invalid();
  }
  const now = new Date();
  if (user.locked_until && user.locked_until > now) {
    throw new AppError(423, 'locked', `account locked after repeated failed sign-ins; try again after ${user.locked_until.toISOString()}`);
  }
  // The person signing in (or failing to) is the actor of these audit rows, so filtering the log by
  // user finds their sign-ins and lock-outs too.
  const ctx: ActorContext = {
    requestId,
    principal: { via: 'session', userId: user.id, username: user.username, role: user.role, organizationId: user.organization_id, organizationKind: user.organization_kind, enterpriseId: user.enterprise_id },
  };
  if (user.disabled || !(await verifyPassword(user.password_hash, password))) {
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('users')
        .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
        .where('id', '=', user.id)
        .returning(['failed_logins'])
        .executeTakeFirstOrThrow();
      const lock = row.failed_logins >= config.lockoutThreshold;
      if (lock) {
        const until = new Date(now.getTime() + config.lockoutMinutes * 60_000);
        await trx.updateTable('users').set({ locked_until: until, failed_logins: 0 }).where('id', '=', user.id).execute();
      }
      await writeAudit(trx, ctx, {
        action: lock ? 'auth.locked' : 'auth.sign_in_failed',
        entityType: 'user',
        entityId: user.id,
        after: { username: user.username, failedAttempts: row.failed_logins },
      });
    });
    throw invalid();
  }
  const secret = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + config.sessionTtlHours * 3_600_000);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    await trx.insertInto('sessions').values({ id: sha256Hex(secret), user_id: user.id, csrf_token: csrfToken, expires_at: expiresAt, last_seen_at: now }).execute();
    await writeAudit(trx, ctx, { action: 'auth.sign_in', entityType: 'user', entityId: user.id, after: { username: user.username } });
  });
  return { secret, csrfToken, expiresAt, user: await getUserView(db, user.id) };
}

export async function signOut(db: Database, principal: Principal, requestId: string): Promise<void> {
  if (!principal.sessionId) return;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('id', '=', principal.sessionId!).execute();
    await writeAudit(trx, { principal, requestId }, { action: 'auth.sign_out', entityType: 'user', entityId: principal.userId });
  });
}
