import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequireCapability } from './guards';
import { page } from './lazy-routes';

// 风险补偿资金池 pages (issue #5), each its own lazily loaded chunk.
const PoolListPage = page(() => import('../features/risk-pool/PoolListPage'), 'PoolListPage');
const PoolPage = page(() => import('../features/risk-pool/PoolPage'), 'PoolPage');
const RiskClaimListPage = page(() => import('../features/risk-pool/RiskClaimListPage'), 'RiskClaimListPage');
const RiskClaimPage = page(() => import('../features/risk-pool/RiskClaimPage'), 'RiskClaimPage');

const guarded = (path: string, Page: ComponentType): RouteObject => ({
  path,
  element: (
    <RequireCapability capability="riskPool.view">
      <Page />
    </RequireCapability>
  ),
});

export const riskPoolRoutes: RouteObject[] = [
  guarded('risk-pools', PoolListPage),
  guarded('risk-pools/:id', PoolPage),
  guarded('risk-pool-claims', RiskClaimListPage),
  guarded('risk-pool-claims/:id', RiskClaimPage),
];
