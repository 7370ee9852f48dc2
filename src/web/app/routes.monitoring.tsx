import type { RouteObject } from 'react-router-dom';
import { guarded, page } from './lazy-routes';

// 监测预警 pages (issue #8), each its own lazily loaded chunk (ECharts loads with the dashboards only).
const OverviewPage = page(() => import('../features/monitoring/OverviewPage'), 'OverviewPage');
const BankDashboardPage = page(() => import('../features/monitoring/BankDashboardPage'), 'BankDashboardPage');
const EnterpriseDashboardPage = page(() => import('../features/monitoring/EnterpriseDashboardPage'), 'EnterpriseDashboardPage');
const AlertsPage = page(() => import('../features/monitoring/AlertsPage'), 'AlertsPage');

export const monitoringRoutes: RouteObject[] = [
  guarded('monitoring/overview', 'monitoring.overview', OverviewPage),
  guarded('monitoring/bank', 'monitoring.bankView', BankDashboardPage),
  guarded('monitoring/enterprise', 'monitoring.enterpriseView', EnterpriseDashboardPage),
  guarded('monitoring/alerts', 'monitoring.alerts', AlertsPage),
];
