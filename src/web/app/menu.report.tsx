import { FileZipOutlined } from '@ant-design/icons';
import type { User } from '../api/types';
import type { MenuEntry } from './menu';
import { can } from './roles';

// 报告归档 (issue #8): the monthly and annual report packs.
export function reportMenuEntries(user: User): MenuEntry[] {
  return can(user, 'report.packs') ? [{ key: 'report-packs', path: '/reports/packs', label: 'nav.reportPacks', icon: <FileZipOutlined /> }] : [];
}
