import type { Database } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import type { ActorContext, OrganizationKind, Role } from '../../platform/principal';
import { hashPassword, newSecret, sha256Hex } from '../../platform/secrets';
import { findUserIdByUsername, getUserView, type UserView } from './accounts.repository';
import type { CreateUserInput } from './accounts.schemas';

/** Which roles a user of each kind of organisation may hold: staff roles live in the office only. */
export const ROLES_BY_ORGANIZATION_KIND: Record<OrganizationKind, readonly Role[]> = {
  office: ['admin', 'officer', 'reviewer', 'auditor'],
  bank: ['institution_user'],
  guarantor: ['institution_user'],
  insurer: ['institution_user'],
  fund: ['institution_user'],
  enterprise: ['enterprise_user'],
};

export async function createUser(db: Database, ctx: ActorContext, input: CreateUserInput, opts: { demo?: boolean } = {}): Promise<UserView> {
  const org = await db.selectFrom('organizations').select(['id', 'kind']).where('id', '=', input.organizationId).executeTakeFirst();
  if (!org) throw badRequest([{ path: 'body.organizationId', message: 'no such organisation' }]);
  if (!ROLES_BY_ORGANIZATION_KIND[org.kind].includes(input.role)) {
    throw badRequest([{ path: 'body.role', message: `a ${org.kind} user may hold ${ROLES_BY_ORGANIZATION_KIND[org.kind].join(' or ')}, not ${input.role}` }]);
  }
  if (await findUserIdByUsername(db, input.username)) throw conflict(`username '${input.username}' is taken`);
  const passwordHash = await hashPassword(input.password);
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('users')
      .values({
        organization_id: org.id,
        username: input.username,
        display_name: input.displayName,
        role: input.role,
        password_hash: passwordHash,
        locked_until: null,
        demo: opts.demo ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, {
      action: 'user.create',
      entityType: 'user',
      entityId: row.id,
      after: { username: input.username, displayName: input.displayName, role: input.role, organizationId: org.id },
    });
    return row.id;
  });
  return getUserView(db, id);
}

export interface CreateOrganizationInput {
  code: string;
  name: string;
  kind: OrganizationKind;
  enterpriseId?: string | null;
}

export async function createOrganization(db: Database, ctx: ActorContext, input: CreateOrganizationInput, opts: { demo?: boolean } = {}) {
  if ((input.kind === 'enterprise') !== Boolean(input.enterpriseId)) {
    throw badRequest([{ path: 'body.enterpriseId', message: 'required for (and only for) kind enterprise' }]);
  }
  const taken = await db.selectFrom('organizations').select('id').where('code', '=', input.code).executeTakeFirst();
  if (taken) throw conflict(`organisation code '${input.code}' is taken`);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('organizations')
      .values({ code: input.code, name: input.name, kind: input.kind, enterprise_id: input.enterpriseId ?? null, demo: opts.demo ?? false })
      .returning(['id', 'code', 'name', 'kind', 'enterprise_id'])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'organization.create', entityType: 'organization', entityId: row.id, after: input });
    return { id: row.id, code: row.code, name: row.name, kind: row.kind, enterpriseId: row.enterprise_id };
  });
}

export async function listOrganizations(db: Database) {
  const rows = await db.selectFrom('organizations').select(['id', 'code', 'name', 'kind', 'enterprise_id']).orderBy('kind').orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, enterpriseId: r.enterprise_id }));
}

// ---- API tokens: created and revoked by their organisation's users; only the SHA-256 of the secret is stored.

function tokenRowToView(r: {
  id: string; name: string; scopes: unknown; created_at: Date | string; expires_at: Date | null; revoked_at: Date | null; last_used_at: Date | null; username: string;
}) {
  return {
    id: r.id,
    name: r.name,
    scopes: (typeof r.scopes === 'string' ? JSON.parse(r.scopes) : r.scopes) as string[],
    createdAt: new Date(r.created_at).toISOString(),
    expiresAt: r.expires_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    createdBy: { username: r.username },
  };
}

function tokenQuery(db: Database) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.created_by')
    .select(['api_tokens.id', 'api_tokens.name', 'api_tokens.scopes', 'api_tokens.created_at', 'api_tokens.expires_at', 'api_tokens.revoked_at', 'api_tokens.last_used_at', 'users.username']);
}

export async function listTokens(db: Database, ctx: ActorContext & { principal: { organizationId: string } }) {
  const rows = await tokenQuery(db).where('api_tokens.organization_id', '=', ctx.principal.organizationId).orderBy('api_tokens.created_at', 'desc').execute();
  return rows.map(tokenRowToView);
}

export async function createToken(
  db: Database,
  ctx: ActorContext & { principal: { organizationId: string; userId: string } },
  input: { name: string; scopes: string[]; expiresAt?: string | undefined },
) {
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= new Date()) throw badRequest([{ path: 'body.expiresAt', message: 'must be in the future' }]);
  const secret = newSecret('kcjr_');
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({
        organization_id: ctx.principal.organizationId,
        created_by: ctx.principal.userId,
        name: input.name,
        token_hash: sha256Hex(secret),
        scopes: JSON.stringify([...new Set(input.scopes)].sort()),
        expires_at: expiresAt,
        revoked_at: null,
        last_used_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'token.create', entityType: 'api_token', entityId: row.id, after: { name: input.name, scopes: input.scopes, expiresAt } });
    return row.id;
  });
  const token = await tokenQuery(db).where('api_tokens.id', '=', id).executeTakeFirstOrThrow();
  return { token: tokenRowToView(token), secret };
}

export async function revokeToken(db: Database, ctx: ActorContext & { principal: { organizationId: string } }, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('api_tokens')
      .select(['id', 'revoked_at'])
      .where('id', '=', id)
      .where('organization_id', '=', ctx.principal.organizationId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('API token');
    if (row.revoked_at) throw new AppError(409, 'conflict', 'token already revoked');
    const now = new Date();
    await trx.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).execute();
    await writeAudit(trx, ctx, { action: 'token.revoke', entityType: 'api_token', entityId: id, before: { revokedAt: null }, after: { revokedAt: now } });
  });
}
