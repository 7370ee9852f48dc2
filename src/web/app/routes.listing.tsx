import { lazy, type ComponentType } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequireCapability } from './guards';
import type { Capability } from './roles';

// 上市培育、股权融资与投贷联动、科技金融服务站 pages (issue #7), each a lazily loaded chunk.
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const PoolPage = page(() => import('../features/listing/PoolPage'), 'PoolPage');
const PoolEntryPage = page(() => import('../features/listing/PoolEntryPage'), 'PoolEntryPage');
const DashboardPage = page(() => import('../features/listing/DashboardPage'), 'DashboardPage');
const GreenChannelPage = page(() => import('../features/listing/GreenChannelPage'), 'GreenChannelPage');
const EquityPage = page(() => import('../features/equity/EquityPage'), 'EquityPage');
const LinkagePage = page(() => import('../features/equity/LinkagePage'), 'LinkagePage');
const StationsPage = page(() => import('../features/station/StationsPage'), 'StationsPage');
const AssessmentPage = page(() => import('../features/station/AssessmentPage'), 'AssessmentPage');

const guarded = (path: string, capability: Capability, Page: ComponentType): RouteObject => ({
  path,
  element: (
    <RequireCapability capability={capability}>
      <Page />
    </RequireCapability>
  ),
});

export const listingRoutes: RouteObject[] = [
  guarded('listing/pool', 'listing.pool', PoolPage),
  guarded('listing/pool/:enterpriseId', 'listing.pool', PoolEntryPage),
  guarded('listing/dashboard', 'listing.pool', DashboardPage),
  guarded('listing/green-channel', 'listing.pool', GreenChannelPage),
  guarded('equity/needs', 'equity.needs', EquityPage),
  guarded('reports/linkage', 'equity.linkage', LinkagePage),
  guarded('stations', 'stations.read', StationsPage),
  guarded('stations/assessment', 'stations.read', AssessmentPage),
];
