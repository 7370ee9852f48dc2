import type { RouteObject } from 'react-router-dom';
import { guarded, page } from './lazy-routes';

// 上市培育、股权融资与投贷联动、科技金融服务站 pages (issue #7), each a lazily loaded chunk.
const PoolPage = page(() => import('../features/listing/PoolPage'), 'PoolPage');
const PoolEntryPage = page(() => import('../features/listing/PoolEntryPage'), 'PoolEntryPage');
const DashboardPage = page(() => import('../features/listing/DashboardPage'), 'DashboardPage');
const GreenChannelPage = page(() => import('../features/listing/GreenChannelPage'), 'GreenChannelPage');
const EquityPage = page(() => import('../features/equity/EquityPage'), 'EquityPage');
const LinkagePage = page(() => import('../features/equity/LinkagePage'), 'LinkagePage');
const StationsPage = page(() => import('../features/station/StationsPage'), 'StationsPage');
const AssessmentPage = page(() => import('../features/station/AssessmentPage'), 'AssessmentPage');

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
