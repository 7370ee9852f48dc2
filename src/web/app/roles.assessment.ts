import type { Role } from '../api/types';

// 合作银行考核, 活动 and 产品统计 (issue #5) capabilities, after the role table in docs/bank-assessment.md.
// The server decides for real (a bank reads its own assessment row and events); this keeps menus and buttons honest.
export type AssessmentCapability =
  | 'assessment.banks'
  | 'assessment.events'
  /** Record, change, delete and import events. */
  | 'assessment.eventsManage'
  | 'report.products';

const READ: readonly AssessmentCapability[] = ['assessment.banks', 'assessment.events', 'report.products'];

export const assessmentCapabilities: Record<Role, readonly AssessmentCapability[]> = {
  admin: [...READ, 'assessment.eventsManage'],
  officer: [...READ, 'assessment.eventsManage'],
  auditor: READ,
  reviewer: [],
  institution_user: ['assessment.banks', 'assessment.events'],
  enterprise_user: [],
};
