import { AlertOutlined, DashboardOutlined } from '@ant-design/icons';
import type { User } from '../api/types';
import type { MenuEntry } from './menu';
import { can } from './roles';

// 监测预警 entries (issue #8): the role's dashboard first, then the alert inbox (with the unread badge).
export function monitoringMenuEntries(user: User): MenuEntry[] {
  const entries: MenuEntry[] = [];
  if (can(user, 'monitoring.overview'))
    entries.push({ key: 'mon-overview', path: '/monitoring/overview', label: 'nav.monOverview', icon: <DashboardOutlined /> });
  if (can(user, 'monitoring.bank'))
    entries.push({ key: 'mon-bank', path: '/monitoring/bank', label: 'nav.monBank', icon: <DashboardOutlined /> });
  if (can(user, 'monitoring.enterprise'))
    entries.push({ key: 'mon-enterprise', path: '/monitoring/enterprise', label: 'nav.monEnterprise', icon: <DashboardOutlined /> });
  if (can(user, 'monitoring.alerts'))
    entries.push({ key: 'mon-alerts', path: '/monitoring/alerts', label: 'nav.monAlerts', icon: <AlertOutlined />, badge: 'alerts' });
  return entries;
}
