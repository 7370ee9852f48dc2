export const ROLES = ['admin', 'officer', 'reviewer', 'institution_user', 'enterprise_user', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANIZATION_KINDS = ['office', 'bank', 'guarantor', 'insurer', 'fund', 'enterprise'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Scopes an API token may carry; a token can call a route only if the route names one of its scopes. */
export const TOKEN_SCOPES = ['enterprises:read', 'enterprises:write', 'audit:read', 'policy:evaluate', 'subsidy:read', 'subsidy:write', 'consented:read', 'applications:read', 'applications:write', 'products:read', 'products:write', 'events:read', 'events:write', 'reports:read', 'loans:read', 'loans:write', 'monitoring:read', 'risk-pool:read', 'risk-pool:write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Who is calling: a signed-in user, or an organisation's API token acting with its creator's role. */
export interface Principal {
  via: 'session' | 'token';
  userId: string;
  username: string;
  role: Role;
  organizationId: string;
  organizationKind: OrganizationKind;
  /** Set for enterprise users: the one enterprise they may see. */
  enterpriseId: string | null;
  sessionId?: string;
  csrfToken?: string;
  tokenId?: string;
  scopes?: string[];
}

/** What every /api/v1 route must declare (enforced when routes are registered). */
export type Access = { public: true } | { roles: readonly Role[]; scope?: TokenScope };

export const STAFF_READERS: readonly Role[] = ['admin', 'officer', 'reviewer', 'auditor'];
export const ALL_SIGNED_IN: readonly Role[] = ROLES;

/** Request context every service receives: the database handle and who acts, for scoping and audit. */
export interface ActorContext {
  principal: Principal | null;
  requestId: string | null;
  /** Who acts when no user does: 'cli:<os user>', 'system:seed', a job name. Recorded in the audit log. */
  systemActor?: string;
}
