import { CalendarOutlined, TableOutlined, TrophyOutlined } from '@ant-design/icons';
import type { User } from '../api/types';
import type { MenuEntry } from './menu';
import { can, type Capability } from './roles';

// 合作银行考核 entries (issue #5): the assessment, the events it counts, and 表4's product statistics.
export function assessmentMenuEntries(user: User): MenuEntry[] {
  const entries: Array<MenuEntry & { capability: Capability }> = [
    { key: 'assess-banks', path: '/assessments/banks', label: 'nav.assessBanks', icon: <TrophyOutlined />, capability: 'assessment.banks' },
    { key: 'assess-events', path: '/events', label: 'nav.assessEvents', icon: <CalendarOutlined />, capability: 'assessment.events' },
    { key: 'report-products', path: '/reports/products', label: 'nav.reportProducts', icon: <TableOutlined />, capability: 'report.products' },
  ];
  return entries.filter((e) => can(user, e.capability)).map(({ capability: _c, ...entry }) => entry);
}
