import { FundOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { User } from '../api/types';
import type { MenuEntry } from './menu';
import { can } from './roles';

// 风险补偿资金池 entries (issue #5): the pools, then the claims on them.
export function riskPoolMenuEntries(user: User): MenuEntry[] {
  if (!can(user, 'riskPool.view')) return [];
  return [
    { key: 'risk-pools', path: '/risk-pools', label: 'nav.riskPools', icon: <FundOutlined /> },
    { key: 'risk-pool-claims', path: '/risk-pool-claims', label: 'nav.riskClaims', icon: <SafetyCertificateOutlined /> },
  ];
}
