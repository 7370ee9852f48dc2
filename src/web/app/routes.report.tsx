import type { RouteObject } from 'react-router-dom';
import { RequireCapability } from './guards';
import { page } from './lazy-routes';

// 报告归档 (issue #8), its own lazily loaded chunk.
const ReportPacksPage = page(() => import('../features/report/ReportPacksPage'), 'ReportPacksPage');

export const reportRoutes: RouteObject[] = [
  {
    path: 'reports/packs',
    element: (
      <RequireCapability capability="report.packs">
        <ReportPacksPage />
      </RequireCapability>
    ),
  },
];
