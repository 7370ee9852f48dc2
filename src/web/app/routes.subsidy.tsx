import type { RouteObject } from 'react-router-dom';
import { guarded, page } from './lazy-routes';

// 政策 and 政策兑现 pages (issue #3), each its own lazily loaded chunk like the rest of the router.
const MeasuresPage = page(() => import('../features/policy/MeasuresPage'), 'MeasuresPage');
const ParametersPage = page(() => import('../features/policy/ParametersPage'), 'ParametersPage');
const CalculatorPage = page(() => import('../features/policy/CalculatorPage'), 'CalculatorPage');
const ClaimListPage = page(() => import('../features/subsidy/ClaimListPage'), 'ClaimListPage');
const NewClaimPage = page(() => import('../features/subsidy/NewClaimPage'), 'NewClaimPage');
const ClaimPage = page(() => import('../features/subsidy/ClaimPage'), 'ClaimPage');
const NoticesPage = page(() => import('../features/subsidy/NoticesPage'), 'NoticesPage');
const BudgetsPage = page(() => import('../features/subsidy/BudgetsPage'), 'BudgetsPage');
const EntitlementsPage = page(() => import('../features/subsidy/EntitlementsPage'), 'EntitlementsPage');
const SimulationPage = page(() => import('../features/subsidy/SimulationPage'), 'SimulationPage');

export const subsidyRoutes: RouteObject[] = [
  guarded('policy/measures', 'policy.catalog', MeasuresPage),
  guarded('policy/parameters', 'policy.parameters', ParametersPage),
  guarded('policy/calculator', 'policy.calculate', CalculatorPage),
  guarded('subsidy/claims', 'subsidy.claims', ClaimListPage),
  guarded('subsidy/claims/new', 'subsidy.claims', NewClaimPage),
  guarded('subsidy/claims/:id', 'subsidy.claims', ClaimPage),
  guarded('subsidy/notices', 'subsidy.notices', NoticesPage),
  guarded('subsidy/budgets', 'subsidy.budgets', BudgetsPage),
  guarded('subsidy/entitlements', 'subsidy.entitlements', EntitlementsPage),
  guarded('subsidy/simulation', 'subsidy.simulate', SimulationPage),
];
