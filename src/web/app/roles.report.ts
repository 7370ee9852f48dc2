import type { Role } from '../api/types';

// 报告归档 (issue #8 report packs) capabilities, after the route table in docs/monitoring.md. The server decides
// for real; this keeps the menu and the generate form honest.
export type ReportCapability =
  /** The archive: list, status, downloads. */
  | 'report.packs'
  /** Request a pack. */
  | 'report.packsRequest';

export const reportCapabilities: Record<Role, readonly ReportCapability[]> = {
  admin: ['report.packs', 'report.packsRequest'],
  officer: ['report.packs', 'report.packsRequest'],
  auditor: ['report.packs'],
  reviewer: [],
  institution_user: [],
  enterprise_user: [],
};
