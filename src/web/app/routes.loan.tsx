import type { RouteObject } from 'react-router-dom';
import { guarded, page } from './lazy-routes';

// 贷款台账 pages (issue #5), each a lazily loaded chunk.
const LoanListPage = page(() => import('../features/loan/LoanListPage'), 'LoanListPage');
const LoanPage = page(() => import('../features/loan/LoanPage'), 'LoanPage');
const LoanImportPage = page(() => import('../features/loan/LoanImportPage'), 'LoanImportPage');
const FloorsPage = page(() => import('../features/loan/FloorsPage'), 'FloorsPage');

export const loanRoutes: RouteObject[] = [
  guarded('loans', 'loan.list', LoanListPage),
  guarded('loans/import', 'loan.import', LoanImportPage),
  guarded('loans/floors', 'loan.floors', FloorsPage),
  guarded('loans/:id', 'loan.list', LoanPage),
];
