// Which dates a report pack covers (issue #8). Pure: no I/O.
import type { Issue } from '../../platform/errors';
import { addDays, addMonths } from '../../platform/dates';
import { monthEnd } from '../monitoring/indicator-math';

export const PACK_KINDS = ['monthly', 'annual'] as const;
export type PackKind = (typeof PACK_KINDS)[number];

export interface PackPeriod {
  kind: PackKind;
  period: string;
  year: number;
  /** The month end (monthly) or 31 December (annual) the pack reports. */
  asOf: string;
  /** The period compared against: the month end before, or the end of the year before. */
  previousAsOf: string;
  /** The twelve month ends of the trend charts, oldest first: the year's (annual) or the twelve ending at asOf. */
  trend: string[];
  /** 2025年12月 / 2025年度 */
  label: string;
}

/**
 * A pack's period from its kind and 'YYYY-MM' (monthly) or 'YYYY' (annual). A period is reported once it has
 * ended: its last day must be before `today` (Asia/Shanghai), as month-end snapshots are taken after the month.
 * Returns the issue (path `period`) instead when the period is malformed or has not ended.
 */
export function packPeriod(kind: PackKind, period: string, today: string): PackPeriod | Issue {
  const pattern = kind === 'monthly' ? /^(\d{4})-(0[1-9]|1[0-2])$/ : /^(\d{4})$/;
  const m = pattern.exec(period);
  if (!m) return { path: 'period', message: kind === 'monthly' ? `a monthly pack's period is YYYY-MM, got '${period}'` : `an annual pack's period is YYYY, got '${period}'` };
  const year = Number(m[1]);
  if (year < 2000 || year > 2200) return { path: 'period', message: `the year must be from 2000 to 2200, got ${year}` };
  const asOf = kind === 'monthly' ? monthEnd(`${period}-01`) : `${year}-12-31`;
  if (asOf >= today) return { path: 'period', message: `${period} has not ended yet (its last day is ${asOf}); packs report ended periods` };
  const previousAsOf = kind === 'monthly' ? addDays(`${period}-01`, -1) : `${year - 1}-12-31`;
  const first = kind === 'monthly' ? addMonths(`${period}-01`, -11) : `${year}-01-01`;
  const trend = Array.from({ length: 12 }, (_, i) => monthEnd(addMonths(first, i)));
  const label = kind === 'monthly' ? `${year}年${Number(m[2])}月` : `${year}年度`;
  return { kind, period, year, asOf, previousAsOf, trend, label };
}

export const isIssue = (x: PackPeriod | Issue): x is Issue => 'message' in x;
