import { lazy, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Forbidden } from '../components/NotFound';
import { useAuth } from './auth';

// 企业评价 pages (issue #6), a lazily loaded chunk like the rest of the router.
const ModelsPage = lazy(async () => ({ default: (await import('../features/evaluation/ModelsPage')).ModelsPage }));

export const EVALUATION_STAFF = ['admin', 'officer', 'reviewer', 'auditor'] as const;

function RequireStaff({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  return user && (EVALUATION_STAFF as readonly string[]).includes(user.role) ? <>{children}</> : <Forbidden />;
}

export const evaluationRoutes: RouteObject[] = [
  { path: 'evaluation/models', element: <RequireStaff><ModelsPage /></RequireStaff> },
];
