// Who sees which loans, decided once (STYLE.md convention 7): office staff and auditors all; a bank its own
// loans; a guarantor or insurer the loans it backs; an enterprise its own. Out of scope is a 404.
import { sql, type RawBuilder } from 'kysely';
import { forbidden } from '../../platform/errors';
import type { Principal } from '../../platform/principal';
import type { StandingFilter } from './standing.repository';

export type LoanScope =
  | { kind: 'all' }
  | { kind: 'bank'; orgId: string }
  | { kind: 'guarantor'; orgId: string }
  | { kind: 'insurer'; orgId: string }
  | { kind: 'enterprise'; enterpriseId: string }
  | { kind: 'none' };

export function loanScope(p: Principal): LoanScope {
  if (p.role === 'admin' || p.role === 'officer' || p.role === 'auditor') return { kind: 'all' };
  if (p.role === 'enterprise_user' && p.enterpriseId) return { kind: 'enterprise', enterpriseId: p.enterpriseId };
  if (p.role === 'institution_user') {
    if (p.organizationKind === 'bank') return { kind: 'bank', orgId: p.organizationId };
    if (p.organizationKind === 'guarantor') return { kind: 'guarantor', orgId: p.organizationId };
    if (p.organizationKind === 'insurer') return { kind: 'insurer', orgId: p.organizationId };
  }
  return { kind: 'none' };
}

/** The scope as a condition on `loans as l`, for `.where(...)`. */
export function inScope(scope: LoanScope): RawBuilder<boolean> {
  switch (scope.kind) {
    case 'all': return sql<boolean>`true`;
    case 'bank': return sql<boolean>`l.bank_org_id = ${scope.orgId}`;
    case 'guarantor': return sql<boolean>`l.guarantor_org_id = ${scope.orgId}`;
    case 'insurer': return sql<boolean>`l.insurer_org_id = ${scope.orgId}`;
    case 'enterprise': return sql<boolean>`l.enterprise_id = ${scope.enterpriseId}`;
    case 'none': return sql<boolean>`false`;
  }
}

/** The scope as a filter of the set-based standing read; null when the scope sees nothing. */
export function standingFilterOf(scope: LoanScope): StandingFilter | null {
  switch (scope.kind) {
    case 'all': return {};
    case 'bank': return { bankOrgId: scope.orgId };
    case 'guarantor': return { guarantorOrgId: scope.orgId };
    case 'insurer': return { insurerOrgId: scope.orgId };
    case 'enterprise': return { enterpriseId: scope.enterpriseId };
    case 'none': return null;
  }
}

/** Writes on a loan (repayments, reports): its own bank, or office staff. Auditors and others only read. */
export function assertMayWrite(p: Principal, loan: { bank_org_id: string }): void {
  if (p.role === 'admin' || p.role === 'officer') return;
  if (p.role === 'institution_user' && p.organizationKind === 'bank' && p.organizationId === loan.bank_org_id) return;
  throw forbidden('only the loan\'s bank or office staff record repayments and reports');
}
