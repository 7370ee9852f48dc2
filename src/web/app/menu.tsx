import {
  AuditOutlined,
  BankOutlined,
  CloudUploadOutlined,
  HomeOutlined,
  KeyOutlined,
  PlusCircleOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { User } from '../api/types';
import type { MessageKey } from './i18n';
import { assessmentMenuEntries } from './menu.assessment';
import { financingMenuEntries } from './menu.financing';
import { riskPoolMenuEntries } from './menu.riskPool';
import { listingMenuEntries } from './menu.listing';
import { loanMenuEntries } from './menu.loan';
import { monitoringMenuEntries } from './menu.monitoring';
import { reportMenuEntries } from './menu.report';
import { subsidyMenuEntries } from './menu.subsidy';
import { evaluationMenuEntries } from './menu.evaluation';
import { can } from './roles';

export interface MenuEntry {
  key: string;
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** A count shown beside the label (the alert inbox's unread alerts). */
  badge?: 'alerts';
}

/** The side menu for a signed-in user; docs/web.md has the same table in prose. */
export function menuFor(user: User): MenuEntry[] {
  const entries: MenuEntry[] = [{ key: 'home', path: '/', label: 'nav.home', icon: <HomeOutlined /> }];
  entries.push(...monitoringMenuEntries(user));
  entries.push(...reportMenuEntries(user));
  if (user.role === 'enterprise_user' && user.enterpriseId) {
    entries.push({
      key: 'my-enterprise',
      path: `/enterprises/${user.enterpriseId}`,
      label: 'nav.myEnterprise',
      icon: <ShopOutlined />,
    });
  }
  if (can(user, 'enterprise.browse'))
    entries.push({ key: 'enterprises', path: '/enterprises', label: 'nav.enterprises', icon: <BankOutlined /> });
  if (can(user, 'enterprise.create'))
    entries.push({
      key: 'enterprise-new',
      path: '/enterprises/new',
      label: 'nav.createEnterprise',
      icon: <PlusCircleOutlined />,
    });
  if (can(user, 'enterprise.import'))
    entries.push({
      key: 'enterprise-import',
      path: '/enterprises/import',
      label: 'nav.import',
      icon: <CloudUploadOutlined />,
    });
  if (can(user, 'audit.read'))
    entries.push({ key: 'audit', path: '/audit', label: 'nav.audit', icon: <AuditOutlined /> });
  entries.push(...subsidyMenuEntries(user));
  entries.push(...financingMenuEntries(user));
  entries.push(...riskPoolMenuEntries(user));
  entries.push(...listingMenuEntries(user));
  entries.push(...assessmentMenuEntries(user));
  entries.push(...evaluationMenuEntries(user));
  entries.push(...loanMenuEntries(user));
  if (can(user, 'tokens.manage'))
    entries.push({ key: 'tokens', path: '/tokens', label: 'nav.tokens', icon: <KeyOutlined /> });
  if (can(user, 'users.manage'))
    entries.push({ key: 'users', path: '/admin/users', label: 'nav.users', icon: <TeamOutlined /> });
  return entries;
}

/** The entry whose path is the longest prefix of the current location. */
export function selectedMenuKey(entries: MenuEntry[], pathname: string): string | undefined {
  let best: MenuEntry | undefined;
  for (const entry of entries) {
    const matches =
      entry.path === '/' ? pathname === '/' : pathname === entry.path || pathname.startsWith(`${entry.path}/`);
    if (matches && (!best || entry.path.length > best.path.length)) best = entry;
  }
  return best?.key;
}
