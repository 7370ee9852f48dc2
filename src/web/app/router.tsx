import { Suspense } from 'react';
import { Spin } from 'antd';
import { createBrowserRouter } from 'react-router-dom';
import { NotFound } from '../components/NotFound';
import { AppLayout } from './AppLayout';
import { RequireAuth, RequireCapability } from './guards';
import { assessmentRoutes } from './routes.assessment';
import { financingRoutes } from './routes.financing';
import { riskPoolRoutes } from './routes.riskPool';
import { listingRoutes } from './routes.listing';
import { loanRoutes } from './routes.loan';
import { monitoringRoutes } from './routes.monitoring';
import { reportRoutes } from './routes.report';
import { subsidyRoutes } from './routes.subsidy';
import { evaluationRoutes } from './routes.evaluation';
import { page } from './lazy-routes';

// Route-level code splitting: each page is its own chunk; ECharts only loads with the financials tab.
const LoginPage = page(() => import('../features/auth/LoginPage'), 'LoginPage');
const HomePage = page(() => import('../features/home/HomePage'), 'HomePage');
const EnterpriseListPage = page(() => import('../features/enterprise/EnterpriseListPage'), 'EnterpriseListPage');
const EnterpriseDetailPage = page(
  () => import('../features/enterprise/EnterpriseDetailPage'),
  'EnterpriseDetailPage',
);
const CreateEnterprisePage = page(
  () => import('../features/enterprise/CreateEnterprisePage'),
  'CreateEnterprisePage',
);
const ImportPage = page(() => import('../features/enterprise/ImportPage'), 'ImportPage');
const AuditPage = page(() => import('../features/audit/AuditPage'), 'AuditPage');
const TokensPage = page(() => import('../features/tokens/TokensPage'), 'TokensPage');
const UsersPage = page(() => import('../features/users/UsersPage'), 'UsersPage');

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<Spin fullscreen />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomePage /> },
      {
        path: 'enterprises',
        element: (
          <RequireCapability capability="enterprise.browse">
            <EnterpriseListPage />
          </RequireCapability>
        ),
      },
      {
        path: 'enterprises/new',
        element: (
          <RequireCapability capability="enterprise.create">
            <CreateEnterprisePage />
          </RequireCapability>
        ),
      },
      {
        path: 'enterprises/import',
        element: (
          <RequireCapability capability="enterprise.import">
            <ImportPage />
          </RequireCapability>
        ),
      },
      { path: 'enterprises/:id', element: <EnterpriseDetailPage /> },
      {
        path: 'audit',
        element: (
          <RequireCapability capability="audit.read">
            <AuditPage />
          </RequireCapability>
        ),
      },
      {
        path: 'tokens',
        element: (
          <RequireCapability capability="tokens.manage">
            <TokensPage />
          </RequireCapability>
        ),
      },
      {
        path: 'admin/users',
        element: (
          <RequireCapability capability="users.manage">
            <UsersPage />
          </RequireCapability>
        ),
      },
      ...subsidyRoutes,
      ...financingRoutes,
      ...riskPoolRoutes,
      ...listingRoutes,
      ...assessmentRoutes,
      ...evaluationRoutes,
      ...loanRoutes,
      ...monitoringRoutes,
      ...reportRoutes,
      { path: '*', element: <NotFound /> },
    ],
  },
]);
