import { lazy, type ComponentType } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequireCapability } from './guards';

// 报告归档 (issue #8), its own lazily loaded chunk.
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

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
