import type { Role } from '../api/types';

// 贷款台账 (issue #5) capabilities after the server's route table (docs/loans.md). The server decides for real.
export type LoanCapability = 'loan.list' | 'loan.import' | 'loan.floors' | 'loan.manage';

export const loanCapabilities: Record<Role, readonly LoanCapability[]> = {
  admin: ['loan.list', 'loan.import', 'loan.floors', 'loan.manage'],
  officer: ['loan.list', 'loan.import', 'loan.floors', 'loan.manage'],
  auditor: ['loan.list', 'loan.floors'],
  reviewer: [],
  institution_user: ['loan.list', 'loan.floors'],
  enterprise_user: ['loan.list'],
};
