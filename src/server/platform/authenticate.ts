import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/connect';
import type { Principal } from './principal';
import { sha256Hex } from './secrets';

export const SESSION_COOKIE = 'kcjr_session';

/**
 * Resolves the caller from a Bearer API token or the session cookie. Both are looked up in the database
 * on every request, so revocation and expiry take effect at once on every app server.
 */
export async function resolvePrincipal(db: Database, request: FastifyRequest): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return fromToken(db, header.slice('Bearer '.length).trim());
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie) return fromSession(db, cookie);
  return null;
}

const principalColumns = [
  'users.id as user_id',
  'users.username',
  'users.role',
  'users.organization_id',
  'organizations.kind as organization_kind',
  'organizations.enterprise_id',
] as const;

interface IdentityRow {
  user_id: string;
  username: string;
  role: Principal['role'];
  organization_id: string;
  organization_kind: Principal['organizationKind'];
  enterprise_id: string | null;
}

const identity = (row: IdentityRow) => ({
  userId: row.user_id,
  username: row.username,
  role: row.role,
  organizationId: row.organization_id,
  organizationKind: row.organization_kind,
  enterpriseId: row.enterprise_id,
});

async function fromSession(db: Database, secret: string): Promise<Principal | null> {
  const now = new Date();
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .select([...principalColumns, 'sessions.id as session_id', 'sessions.csrf_token', 'sessions.last_seen_at'])
    .where('sessions.id', '=', sha256Hex(secret))
    .where('sessions.expires_at', '>', now)
    .where('users.disabled', '=', false)
    .executeTakeFirst();
  if (!row) return null;
  // Record activity at most once a minute: no write on every request.
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', row.session_id).execute();
  }
  return { ...identity(row), via: 'session', sessionId: row.session_id, csrfToken: row.csrf_token };
}

async function fromToken(db: Database, secret: string): Promise<Principal | null> {
  const now = new Date();
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.created_by')
    .innerJoin('organizations', 'organizations.id', 'api_tokens.organization_id')
    .select([...principalColumns, 'api_tokens.id as token_id', 'api_tokens.scopes', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', sha256Hex(secret))
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .where('users.disabled', '=', false)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
  }
  const scopes = typeof row.scopes === 'string' ? JSON.parse(row.scopes) : row.scopes;
  return { ...identity(row), via: 'token', tokenId: row.token_id, scopes };
}
