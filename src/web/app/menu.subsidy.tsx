import {
  AccountBookOutlined,
  BookOutlined,
  CalculatorOutlined,
  ExperimentOutlined,
  FileDoneOutlined,
  NotificationOutlined,
  SlidersOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import type { User } from '../api/types';
import type { MenuEntry } from './menu';
import { can, type Capability } from './roles';

// 政策 and 政策兑现 entries (issue #3), in the order an officer works: the rules, their numbers, a trial
// calculation, the claims, the notice, the money, what nobody applied for, what a change would cost.
const ENTRIES: Array<MenuEntry & { capability: Capability }> = [
  { key: 'policy-measures', path: '/policy/measures', label: 'nav.policyMeasures', icon: <BookOutlined />, capability: 'policy.catalog' },
  { key: 'policy-parameters', path: '/policy/parameters', label: 'nav.policyParameters', icon: <SlidersOutlined />, capability: 'policy.parameters' },
  { key: 'policy-calculator', path: '/policy/calculator', label: 'nav.policyCalculator', icon: <CalculatorOutlined />, capability: 'policy.calculate' },
  { key: 'subsidy-claims', path: '/subsidy/claims', label: 'nav.subsidyClaims', icon: <FileDoneOutlined />, capability: 'subsidy.claims' },
  { key: 'subsidy-notices', path: '/subsidy/notices', label: 'nav.subsidyNotices', icon: <NotificationOutlined />, capability: 'subsidy.notices' },
  { key: 'subsidy-budgets', path: '/subsidy/budgets', label: 'nav.subsidyBudgets', icon: <AccountBookOutlined />, capability: 'subsidy.budgets' },
  { key: 'subsidy-entitlements', path: '/subsidy/entitlements', label: 'nav.subsidyEntitlements', icon: <ThunderboltOutlined />, capability: 'subsidy.entitlements' },
  { key: 'subsidy-simulation', path: '/subsidy/simulation', label: 'nav.subsidySimulation', icon: <ExperimentOutlined />, capability: 'subsidy.simulate' },
];

export function subsidyMenuEntries(user: User): MenuEntry[] {
  return ENTRIES.filter((e) => can(user, e.capability)).map(({ capability: _c, ...entry }) => entry);
}
