import type { BankAssessmentRow } from '../../api/assessment';
import type { MessageKey } from '../../app/i18n';

/** The six indicators of 科技信贷合作银行考核指标表 (seed 003 appendix 六) in the table's order, with their maximum. */
export const INDICATORS: Array<{ key: keyof BankAssessmentRow['indicators']; label: MessageKey; max: number }> = [
  { key: 'creditTotal', label: 'assess.col.creditTotal', max: 70 },
  { key: 'applicants', label: 'assess.col.applicants', max: 5 },
  { key: 'fulfilment', label: 'assess.col.fulfilment', max: 20 },
  { key: 'growth', label: 'assess.col.growth', max: 5 },
  { key: 'activities', label: 'assess.col.activities', max: 5 },
  { key: 'microLoan', label: 'assess.col.microLoan', max: 5 },
];
