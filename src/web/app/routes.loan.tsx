import { lazy, type ComponentType } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequireCapability } from './guards';
import type { Capability } from './roles';

// 贷款台账 pages (issue #5), each a lazily loaded chunk.
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const LoanListPage = page(() => import('../features/loan/LoanListPage'), 'LoanListPage');
const LoanPage = page(() => import('../features/loan/LoanPage'), 'LoanPage');
const LoanImportPage = page(() => import('../features/loan/LoanImportPage'), 'LoanImportPage');
const FloorsPage = page(() => import('../features/loan/FloorsPage'), 'FloorsPage');

const guarded = (path: string, capability: Capability, Page: ComponentType): RouteObject => ({
  path,
  element: (
    <RequireCapability capability={capability}>
      <Page />
    </RequireCapability>
  ),
});

export const loanRoutes: RouteObject[] = [
  guarded('loans', 'loan.list', LoanListPage),
  guarded('loans/import', 'loan.import', LoanImportPage),
  guarded('loans/floors', 'loan.floors', FloorsPage),
  guarded('loans/:id', 'loan.list', LoanPage),
];
