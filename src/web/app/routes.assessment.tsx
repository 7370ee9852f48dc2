import { lazy, type ComponentType } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequireCapability } from './guards';
import type { Capability } from './roles';

// 合作银行考核, 活动 and 产品统计 pages (issue #5), each its own lazily loaded chunk.
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const BankAssessmentPage = page(() => import('../features/assessment/BankAssessmentPage'), 'BankAssessmentPage');
const EventsPage = page(() => import('../features/assessment/EventsPage'), 'EventsPage');
const ProductStatisticsPage = page(() => import('../features/report/ProductStatisticsPage'), 'ProductStatisticsPage');

const guarded = (path: string, capability: Capability, Page: ComponentType): RouteObject => ({
  path,
  element: (
    <RequireCapability capability={capability}>
      <Page />
    </RequireCapability>
  ),
});

export const assessmentRoutes: RouteObject[] = [
  guarded('assessments/banks', 'assessment.banks', BankAssessmentPage),
  guarded('events', 'assessment.events', EventsPage),
  guarded('reports/products', 'report.products', ProductStatisticsPage),
];
