import type { ApplicationStatus } from '../../api/financing-types';
import type { Translate } from '../../app/i18n';
import { labelOr } from '../../app/i18n';

export const STATUS_COLORS: Record<ApplicationStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  screening: 'processing',
  review: 'purple',
  recommended: 'cyan',
  deferred: 'orange',
  rejected: 'red',
  accepted: 'geekblue',
  approved: 'green',
  declined: 'volcano',
  disbursed: 'success',
  reassigned: 'gold',
  withdrawn: 'default',
};

export const statusLabel = (t: Translate, status: string) => labelOr(t, `appStatus.${status}`, status);
export const actionLabel = (t: Translate, action: string) => labelOr(t, `appAction.${action}`, action);

/** Today's calendar date in Asia/Shanghai (YYYY-MM-DD), the default of decision and loan dates. */
export function todayShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Whole days from a YYYY-MM-DD date to today in Shanghai (calendar arithmetic on UTC midnights). */
export function daysSince(date: string): number {
  const [y1, m1, d1] = date.split('-').map(Number);
  const [y2, m2, d2] = todayShanghai().split('-').map(Number);
  return Math.round((Date.UTC(y2!, m2! - 1, d2!) - Date.UTC(y1!, m1! - 1, d1!)) / 86_400_000);
}
