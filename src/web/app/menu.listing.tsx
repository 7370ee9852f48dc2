import { BarChartOutlined, DashboardOutlined, EnvironmentOutlined, FundOutlined, RiseOutlined, SafetyCertificateOutlined, TrophyOutlined } from '@ant-design/icons';
import type { User } from '../api/types';
import type { MenuEntry } from './menu';
import { can, type Capability } from './roles';

// 上市培育、股权融资与投贷联动、科技金融服务站 entries (issue #7).
const ENTRIES: Array<MenuEntry & { capability: Capability }> = [
  { key: 'listing-pool', path: '/listing/pool', label: 'nav.listingPool', icon: <RiseOutlined />, capability: 'listing.pool' },
  { key: 'listing-dashboard', path: '/listing/dashboard', label: 'nav.listingDashboard', icon: <DashboardOutlined />, capability: 'listing.pool' },
  { key: 'listing-green', path: '/listing/green-channel', label: 'nav.listingGreen', icon: <SafetyCertificateOutlined />, capability: 'listing.pool' },
  { key: 'equity-needs', path: '/equity/needs', label: 'nav.equityNeeds', icon: <FundOutlined />, capability: 'equity.needs' },
  { key: 'linkage-report', path: '/reports/linkage', label: 'nav.linkageReport', icon: <BarChartOutlined />, capability: 'equity.linkage' },
  { key: 'stations', path: '/stations', label: 'nav.stations', icon: <EnvironmentOutlined />, capability: 'stations.read' },
  { key: 'station-assessment', path: '/stations/assessment', label: 'nav.stationAssessment', icon: <TrophyOutlined />, capability: 'stations.read' },
];

export function listingMenuEntries(user: User): MenuEntry[] {
  // Equity needs are for enterprises and funds among outside users; banks and other institutions have no part.
  const outsideInstitution = user.role === 'institution_user' && user.organization.kind !== 'fund';
  return ENTRIES.filter((e) => can(user, e.capability) && !(outsideInstitution && e.key === 'equity-needs')).map(({ capability: _c, ...entry }) => entry);
}
