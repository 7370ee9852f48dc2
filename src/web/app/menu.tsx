import {
  AccountBookOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  RiseOutlined,
  SettingOutlined,
  TransactionOutlined,
  GiftOutlined,
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

/** The side menu's sections, in the order they are shown (docs/web.md "Roles → menu"). */
export const MENU_GROUPS = ['monitoring', 'enterprises', 'financing', 'loans', 'policy', 'listing', 'reports', 'admin'] as const;
export type MenuGroup = (typeof MENU_GROUPS)[number];

export const MENU_GROUP_ICONS: Record<MenuGroup, ReactNode> = {
  monitoring: <DashboardOutlined />,
  enterprises: <BankOutlined />,
  financing: <TransactionOutlined />,
  loans: <AccountBookOutlined />,
  policy: <GiftOutlined />,
  listing: <RiseOutlined />,
  reports: <BarChartOutlined />,
  admin: <SettingOutlined />,
};

export interface MenuEntry {
  key: string;
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** A count shown beside the label (the alert inbox's unread alerts). */
  badge?: 'alerts';
  /** The section it is listed under; home has none. */
  group?: MenuGroup;
}

/** A run of the menu: a single entry shown on its own, or a section holding two or more entries. */
export type MenuSection = { kind: 'entry'; entry: MenuEntry } | { kind: 'group'; group: MenuGroup; entries: MenuEntry[] };

function inGroup(group: MenuGroup, entries: MenuEntry[]): MenuEntry[] {
  return entries.map((entry) => ({ ...entry, group }));
}

/** The side menu for a signed-in user; docs/web.md has the same table in prose. */
export function menuFor(user: User): MenuEntry[] {
  const entries: MenuEntry[] = [{ key: 'home', path: '/', label: 'nav.home', icon: <HomeOutlined /> }];
  entries.push(...inGroup('monitoring', monitoringMenuEntries(user)));

  const registry: MenuEntry[] = [];
  if (user.role === 'enterprise_user' && user.enterpriseId) {
    registry.push({
      key: 'my-enterprise',
      path: `/enterprises/${user.enterpriseId}`,
      label: 'nav.myEnterprise',
      icon: <ShopOutlined />,
    });
  }
  if (can(user, 'enterprise.browse'))
    registry.push({ key: 'enterprises', path: '/enterprises', label: 'nav.enterprises', icon: <BankOutlined /> });
  if (can(user, 'enterprise.create'))
    registry.push({
      key: 'enterprise-new',
      path: '/enterprises/new',
      label: 'nav.createEnterprise',
      icon: <PlusCircleOutlined />,
    });
  if (can(user, 'enterprise.import'))
    registry.push({
      key: 'enterprise-import',
      path: '/enterprises/import',
      label: 'nav.import',
      icon: <CloudUploadOutlined />,
    });
  entries.push(...inGroup('enterprises', [...registry, ...evaluationMenuEntries(user)]));
  entries.push(...inGroup('financing', financingMenuEntries(user)));
  entries.push(...inGroup('loans', [...loanMenuEntries(user), ...riskPoolMenuEntries(user)]));
  entries.push(...inGroup('policy', subsidyMenuEntries(user)));
  entries.push(...inGroup('listing', listingMenuEntries(user)));
  entries.push(...inGroup('reports', [...assessmentMenuEntries(user), ...reportMenuEntries(user)]));

  const admin: MenuEntry[] = [];
  if (can(user, 'audit.read')) admin.push({ key: 'audit', path: '/audit', label: 'nav.audit', icon: <AuditOutlined /> });
  if (can(user, 'tokens.manage')) admin.push({ key: 'tokens', path: '/tokens', label: 'nav.tokens', icon: <KeyOutlined /> });
  if (can(user, 'users.manage')) admin.push({ key: 'users', path: '/admin/users', label: 'nav.users', icon: <TeamOutlined /> });
  entries.push(...inGroup('admin', admin));
  return entries;
}

/**
 * The menu as shown: entries in order, a section for each group holding two or more of the user's entries, and a
 * group's only entry shown on its own (an enterprise user's short menu stays flat).
 */
export function menuSections(entries: MenuEntry[]): MenuSection[] {
  const sizes = new Map<MenuGroup, number>();
  for (const entry of entries) if (entry.group) sizes.set(entry.group, (sizes.get(entry.group) ?? 0) + 1);
  const sections: MenuSection[] = [];
  const open = new Map<MenuGroup, MenuEntry[]>();
  for (const entry of entries) {
    if (!entry.group || sizes.get(entry.group)! < 2) {
      sections.push({ kind: 'entry', entry });
      continue;
    }
    const held = open.get(entry.group);
    if (held) held.push(entry);
    else {
      const started = [entry];
      open.set(entry.group, started);
      sections.push({ kind: 'group', group: entry.group, entries: started });
    }
  }
  return sections;
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
