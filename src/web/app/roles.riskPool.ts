import type { Role } from '../api/types';

// 风险补偿资金池 (issue #5) capabilities, after the role table in docs/risk-pool.md. The server decides for real.
export type RiskPoolCapability =
  | 'riskPool.view'
  /** Create pools, record capital, review and approve claims. */
  | 'riskPool.manage'
  /** File and withdraw claims on the bank's own loans. */
  | 'riskPool.file'
  /** Enrol loans (a bank its own, staff any). */
  | 'riskPool.enrol'
  | 'riskPool.ledger';

export const riskPoolCapabilities: Record<Role, readonly RiskPoolCapability[]> = {
  admin: ['riskPool.view', 'riskPool.manage', 'riskPool.enrol', 'riskPool.ledger'],
  officer: ['riskPool.view', 'riskPool.manage', 'riskPool.enrol', 'riskPool.ledger'],
  auditor: ['riskPool.view', 'riskPool.ledger'],
  institution_user: ['riskPool.view', 'riskPool.file', 'riskPool.enrol'],
  reviewer: [],
  enterprise_user: [],
};
