import type { RouteObject } from 'react-router-dom';
import { guarded, page } from './lazy-routes';

// 融资 pages (issue #4), each its own lazily loaded chunk like the rest of the router.
const ProductListPage = page(() => import('../features/product/ProductListPage'), 'ProductListPage');
const ProductPage = page(() => import('../features/product/ProductPage'), 'ProductPage');
const FilingQueuePage = page(() => import('../features/product/FilingQueuePage'), 'FilingQueuePage');
const MatchesPage = page(() => import('../features/product/MatchesPage'), 'MatchesPage');
const ApplicationListPage = page(() => import('../features/application/ApplicationListPage'), 'ApplicationListPage');
const NewApplicationPage = page(() => import('../features/application/NewApplicationPage'), 'NewApplicationPage');
const ApplicationPage = page(() => import('../features/application/ApplicationPage'), 'ApplicationPage');
const MeetingsPage = page(() => import('../features/application/MeetingsPage'), 'MeetingsPage');
const WarningsPage = page(() => import('../features/application/WarningsPage'), 'WarningsPage');
const FunnelReportPage = page(() => import('../features/application/FunnelReportPage'), 'FunnelReportPage');
const FinancingImportsPage = page(() => import('../features/application/FinancingImportsPage'), 'FinancingImportsPage');
const ConsentsPage = page(() => import('../features/consent/ConsentsPage'), 'ConsentsPage');

export const financingRoutes: RouteObject[] = [
  guarded('products', 'financing.products', ProductListPage),
  guarded('products/:id', 'financing.products', ProductPage),
  guarded('filings', 'financing.filings', FilingQueuePage),
  guarded('matches', 'financing.matches', MatchesPage),
  guarded('applications', 'financing.applications', ApplicationListPage),
  guarded('applications/new', 'financing.applications', NewApplicationPage),
  guarded('applications/:id', 'financing.applications', ApplicationPage),
  guarded('review-meetings', 'financing.meetings', MeetingsPage),
  guarded('sla-warnings', 'financing.warnings', WarningsPage),
  guarded('reports/funnel', 'financing.funnel', FunnelReportPage),
  guarded('consents', 'financing.consents', ConsentsPage),
  guarded('financing/imports', 'financing.imports', FinancingImportsPage),
];
