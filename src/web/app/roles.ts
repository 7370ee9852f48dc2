import type { Role, User } from '../api/types';

// What each role may reach in the UI. The server decides for real (scoping is a 404 there);
// this only keeps menus and buttons honest.
export type Capability =
  | 'enterprise.browse'
  | 'enterprise.create'
  | 'enterprise.import'
  | 'enterprise.editAny'
  | 'audit.read'
  | 'users.manage'
  | 'tokens.manage';

const capabilities: Record<Role, readonly Capability[]> = {
  admin: [
    'enterprise.browse',
    'enterprise.create',
    'enterprise.import',
    'enterprise.editAny',
    'audit.read',
    'users.manage',
    'tokens.manage',
  ],
  officer: ['enterprise.browse', 'enterprise.create', 'enterprise.import', 'enterprise.editAny', 'tokens.manage'],
  reviewer: ['enterprise.browse', 'tokens.manage'],
  institution_user: ['enterprise.browse', 'tokens.manage'],
  enterprise_user: ['tokens.manage'],
  auditor: ['enterprise.browse', 'audit.read', 'tokens.manage'],
};

export function can(user: User | null, capability: Capability): boolean {
  return !!user && capabilities[user.role].includes(capability);
}

/** Officers and admins edit any enterprise; an enterprise user edits only its own. */
export function canEditEnterprise(user: User | null, enterpriseId: string): boolean {
  if (!user) return false;
  if (can(user, 'enterprise.editAny')) return true;
  return user.role === 'enterprise_user' && user.enterpriseId === enterpriseId;
}
