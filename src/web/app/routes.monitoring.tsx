import { lazy, type ComponentType } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequireCapability } from './guards';
import type { Capability } from './roles';

// 监测预警 pages (issue #8), each its own lazily loaded chunk (ECharts loads with the dashboards only).
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const OverviewPage = page(() => import('../features/monitoring/OverviewPage'), 'OverviewPage');
const BankDashboardPage = page(() => import('../features/monitoring/BankDashboardPage'), 'BankDashboardPage');
const EnterpriseDashboardPage = page(() => import('../features/monitoring/EnterpriseDashboardPage'), 'EnterpriseDashboardPage');
const AlertsPage = page(() => import('../features/monitoring/AlertsPage'), 'AlertsPage');

const guarded = (path: string, capability: Capability, Page: ComponentType): RouteObject => ({
  path,
  element: (
    <RequireCapability capability={capability}>
      <Page />
    </RequireCapability>
  ),
});

export const monitoringRoutes: RouteObject[] = [
  guarded('monitoring/overview', 'monitoring.overview', OverviewPage),
  guarded('monitoring/bank', 'monitoring.bankView', BankDashboardPage),
  guarded('monitoring/enterprise', 'monitoring.enterpriseView', EnterpriseDashboardPage),
  guarded('monitoring/alerts', 'monitoring.alerts', AlertsPage),
];
