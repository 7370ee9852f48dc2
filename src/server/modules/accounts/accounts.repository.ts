import type { Database } from '../../db/connect';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { notFound } from '../../platform/errors';
import type { OrganizationKind, Role } from '../../platform/principal';

type Handle = Kysely<DB> | Transaction<DB>;

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  organization: { id: string; name: string; kind: OrganizationKind };
  enterpriseId: string | null;
  disabled: boolean;
  lockedUntil: string | null;
}

function userQuery(db: Handle) {
  return db
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.disabled',
      'users.locked_until',
      'organizations.id as org_id',
      'organizations.name as org_name',
      'organizations.kind as org_kind',
      'organizations.enterprise_id',
    ]);
}

type UserRow = Awaited<ReturnType<ReturnType<typeof userQuery>['executeTakeFirstOrThrow']>>;

function toView(r: UserRow): UserView {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    organization: { id: r.org_id, name: r.org_name, kind: r.org_kind },
    enterpriseId: r.enterprise_id,
    disabled: r.disabled,
    lockedUntil: r.locked_until && r.locked_until > new Date() ? r.locked_until.toISOString() : null,
  };
}

export async function getUserView(db: Handle, id: string): Promise<UserView> {
  const row = await userQuery(db).where('users.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('user');
  return toView(row);
}

export async function listUserViews(db: Database): Promise<UserView[]> {
  const rows = await userQuery(db).orderBy('organizations.name').orderBy('users.username').execute();
  return rows.map(toView);
}

export async function findUserIdByUsername(db: Handle, username: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
  return row?.id;
}
