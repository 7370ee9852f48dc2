import type { RouteObject } from 'react-router-dom';
import { guarded, page } from './lazy-routes';

// 合作银行考核, 活动 and 产品统计 pages (issue #5), each its own lazily loaded chunk.
const BankAssessmentPage = page(() => import('../features/assessment/BankAssessmentPage'), 'BankAssessmentPage');
const EventsPage = page(() => import('../features/assessment/EventsPage'), 'EventsPage');
const ProductStatisticsPage = page(() => import('../features/report/ProductStatisticsPage'), 'ProductStatisticsPage');

export const assessmentRoutes: RouteObject[] = [
  guarded('assessments/banks', 'assessment.banks', BankAssessmentPage),
  guarded('events', 'assessment.events', EventsPage),
  guarded('reports/products', 'report.products', ProductStatisticsPage),
];
