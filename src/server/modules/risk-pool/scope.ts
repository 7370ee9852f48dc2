import type { ActorContext, Principal } from '../../platform/principal';

export type Ctx = ActorContext & { principal: Principal };

/**
 * Who sees what in the pool (decided here, once): office staff and auditors see every enrolment and claim; an
 * institution user sees the enrolments and claims of loans its own organisation granted; nobody else reaches the
 * routes (enterprises have no part in the pool's books: docs/risk-pool.md).
 */
export type PoolScope = { all: true } | { all: false; bankOrgId: string };

export function poolScope(p: Principal): PoolScope {
  if (p.role === 'admin' || p.role === 'officer' || p.role === 'auditor') return { all: true };
  return { all: false, bankOrgId: p.organizationId };
}

export const isStaff = (p: Principal): boolean => p.role === 'admin' || p.role === 'officer';

export const actorName = (ctx: Ctx): string => ctx.principal.username;
