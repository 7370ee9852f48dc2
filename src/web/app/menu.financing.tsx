import {
  AlertOutlined,
  AimOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  FileProtectOutlined,
  FundOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { User } from '../api/types';
import type { MessageKey } from './i18n';
import type { MenuEntry } from './menu';
import { can, type Capability } from './roles';

// 融资 entries (issue #4), in the order the work flows: the catalog and its filing, what an enterprise can
// apply for, the applications (each role sees its own queue under its own name), meetings, warnings, the report,
// consents, and the officers' imports.
const APPLICATIONS_LABEL: Record<User['role'], MessageKey> = {
  enterprise_user: 'nav.finMyApplications',
  institution_user: 'nav.finInbox',
  reviewer: 'nav.finToReview',
  officer: 'nav.finApplications',
  admin: 'nav.finApplications',
  auditor: 'nav.finApplications',
};

export function financingMenuEntries(user: User): MenuEntry[] {
  const entries: Array<MenuEntry & { capability: Capability }> = [
    { key: 'fin-products', path: '/products', label: 'nav.finProducts', icon: <FundOutlined />, capability: 'financing.products' },
    { key: 'fin-filings', path: '/filings', label: 'nav.finFilings', icon: <FileProtectOutlined />, capability: 'financing.filings' },
    { key: 'fin-matches', path: '/matches', label: 'nav.finMatches', icon: <AimOutlined />, capability: 'financing.matches' },
    { key: 'fin-applications', path: '/applications', label: APPLICATIONS_LABEL[user.role], icon: <SolutionOutlined />, capability: 'financing.applications' },
    { key: 'fin-meetings', path: '/review-meetings', label: 'nav.finMeetings', icon: <TeamOutlined />, capability: 'financing.meetings' },
    { key: 'fin-warnings', path: '/sla-warnings', label: 'nav.finWarnings', icon: <AlertOutlined />, capability: 'financing.warnings' },
    { key: 'fin-funnel', path: '/reports/funnel', label: 'nav.finFunnel', icon: <BarChartOutlined />, capability: 'financing.funnel' },
    { key: 'fin-consents', path: '/consents', label: 'nav.finConsents', icon: <SafetyCertificateOutlined />, capability: 'financing.consents' },
    { key: 'fin-imports', path: '/financing/imports', label: 'nav.finImports', icon: <CloudUploadOutlined />, capability: 'financing.imports' },
  ];
  return entries.filter((e) => can(user, e.capability)).map(({ capability: _c, ...entry }) => entry);
}

