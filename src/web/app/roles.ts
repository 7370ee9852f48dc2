import type { Role, User } from '../api/types';
import { assessmentCapabilities, type AssessmentCapability } from './roles.assessment';
import { financingCapabilities, type FinancingCapability } from './roles.financing';
import { riskPoolCapabilities, type RiskPoolCapability } from './roles.riskPool';
import { listingCapabilities, type ListingCapability } from './roles.listing';
import { loanCapabilities, type LoanCapability } from './roles.loan';
import { monitoringCapabilities, type MonitoringCapability } from './roles.monitoring';
import { reportCapabilities, type ReportCapability } from './roles.report';

// What each role may reach in the UI. The server decides for real (scoping is a 404 there);
// this only keeps menus and buttons honest.
export type Capability =
  | 'enterprise.browse'
  | 'enterprise.create'
  | 'enterprise.import'
  | 'enterprise.editAny'
  | 'audit.read'
  | 'users.manage'
  | 'tokens.manage'
  | PolicyCapability
  | FinancingCapability
  | RiskPoolCapability
  | ListingCapability
  | AssessmentCapability
  | LoanCapability
  | MonitoringCapability
  | ReportCapability;

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
  return (
    !!user &&
    (capabilities[user.role].includes(capability) ||
      policyCapabilities[user.role].includes(capability) ||
      (financingCapabilities[user.role] as readonly Capability[]).includes(capability) ||
      (riskPoolCapabilities[user.role] as readonly Capability[]).includes(capability) ||
      (listingCapabilities[user.role] as readonly Capability[]).includes(capability) ||
      (assessmentCapabilities[user.role] as readonly Capability[]).includes(capability) ||
      (loanCapabilities[user.role] as readonly Capability[]).includes(capability) ||
      (monitoringCapabilities[user.role] as readonly Capability[]).includes(capability) ||
      (reportCapabilities[user.role] as readonly Capability[]).includes(capability))
  );
}

// 政策 and 政策兑现 (issue #3), after the server's role table in docs/subsidy.md.
type PolicyCapability =
  | 'policy.catalog'
  | 'policy.parameters'
  | 'policy.calculate'
  | 'subsidy.claims'
  | 'subsidy.notices'
  | 'subsidy.budgets'
  | 'subsidy.entitlements'
  | 'subsidy.simulate'
  /** Office staff review, determine, publish and pay claims, and change parameters and budgets. */
  | 'subsidy.staff';

const POLICY_READ: readonly Capability[] = [
  'policy.catalog', 'policy.parameters', 'policy.calculate', 'subsidy.claims', 'subsidy.notices', 'subsidy.budgets',
  'subsidy.entitlements', 'subsidy.simulate',
];
const CLAIMANT: readonly Capability[] = ['policy.catalog', 'subsidy.claims', 'subsidy.notices'];

const policyCapabilities: Record<Role, readonly Capability[]> = {
  admin: [...POLICY_READ, 'subsidy.staff'],
  officer: [...POLICY_READ, 'subsidy.staff'],
  auditor: POLICY_READ,
  reviewer: ['policy.catalog', 'subsidy.notices'],
  institution_user: CLAIMANT,
  enterprise_user: CLAIMANT,
};

/** Officers and admins edit any enterprise; an enterprise user edits only its own. */
export function canEditEnterprise(user: User | null, enterpriseId: string): boolean {
  if (!user) return false;
  if (can(user, 'enterprise.editAny')) return true;
  return user.role === 'enterprise_user' && user.enterpriseId === enterpriseId;
}
