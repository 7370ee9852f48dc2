import type { Role } from '../api/types';

// 融资 (issue #4) capabilities, after the role tables in docs/financing-*.md and docs/consent.md.
// The server decides for real; this keeps the menu and the buttons honest.
export type FinancingCapability =
  | 'financing.products'
  /** Create products: an institution its own, an officer a platform programme. */
  | 'financing.productsManage'
  | 'financing.filings'
  | 'financing.matches'
  | 'financing.applications'
  | 'financing.meetings'
  | 'financing.warnings'
  | 'financing.funnel'
  | 'financing.consents'
  | 'financing.imports';

const STAFF: readonly FinancingCapability[] = [
  'financing.products', 'financing.productsManage', 'financing.filings', 'financing.applications', 'financing.meetings',
  'financing.warnings', 'financing.funnel', 'financing.consents', 'financing.imports',
];

export const financingCapabilities: Record<Role, readonly FinancingCapability[]> = {
  admin: STAFF,
  officer: STAFF,
  auditor: ['financing.products', 'financing.applications', 'financing.meetings', 'financing.warnings', 'financing.funnel', 'financing.consents'],
  reviewer: ['financing.products', 'financing.applications', 'financing.meetings'],
  institution_user: ['financing.products', 'financing.productsManage', 'financing.filings', 'financing.applications', 'financing.warnings', 'financing.consents'],
  enterprise_user: ['financing.products', 'financing.matches', 'financing.applications', 'financing.consents'],
};
