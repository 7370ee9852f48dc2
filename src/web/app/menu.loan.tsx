import { AccountBookOutlined, CloudUploadOutlined, OrderedListOutlined } from '@ant-design/icons';
import type { User } from '../api/types';
import type { MenuEntry } from './menu';
import { can, type Capability } from './roles';

// 贷款台账 entries (issue #5): the ledger, the officers' report import, the classification floors.
export function loanMenuEntries(user: User): MenuEntry[] {
  const entries: Array<MenuEntry & { capability: Capability }> = [
    { key: 'loans', path: '/loans', label: 'nav.loans', icon: <AccountBookOutlined />, capability: 'loan.list' },
    { key: 'loan-import', path: '/loans/import', label: 'nav.loanImport', icon: <CloudUploadOutlined />, capability: 'loan.import' },
    { key: 'loan-floors', path: '/loans/floors', label: 'nav.loanFloors', icon: <OrderedListOutlined />, capability: 'loan.floors' },
  ];
  return entries.filter((e) => can(user, e.capability)).map(({ capability: _c, ...entry }) => entry);
}
