// Pure consent rules (授权, 银税互动): statuses, the revocation transition, the expiry bound and the lookback
// window. No I/O; dates are Asia/Shanghai calendar strings 'YYYY-MM-DD' compared as text, never Date arithmetic.

/**
 * The data clusters an enterprise can open to one institution. Tax filings and social insurance headcount are the
 * public data 沪科提复〔2025〕42号 §4 names (税务、社保 数据 behind 银税互动 / 信易贷); the others are what the platform
 * itself holds about the enterprise.
 */
export const CONSENT_CLUSTERS = ['tax_filings', 'financial_statements', 'ip_assets', 'social_insurance', 'loan_history'] as const;
export type ConsentCluster = (typeof CONSENT_CLUSTERS)[number];

export const CONSENT_STATUSES = ['active', 'expired', 'revoked'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

export const MAX_LOOKBACK_MONTHS = 120;

/**
 * A consent may run at most one year. Like the open-banking consents the issue takes as its anchor (re-confirmed
 * at least yearly) and the yearly 银税互动 authorisation, a standing permission must not outlive the purpose it was
 * given for: a financing application is decided within months (seed 003: 30/60/90-day warning lines), and a
 * renewal makes the enterprise look again at who still reads its tax and payroll data.
 */
export const MAX_CONSENT_MONTHS = 12;

/** Status is computed, never stored: revoked wins, then an expiry date before today. Active through expires_on. */
export function consentStatus(c: { revokedAt: Date | string | null; expiresOn: string }, today: string): ConsentStatus {
  if (c.revokedAt !== null) return 'revoked';
  return c.expiresOn < today ? 'expired' : 'active';
}

/** The one transition a consent has: the enterprise may revoke it at any time, once (a second revoke is a 409). */
export const CONSENT_TRANSITIONS: Record<'revoke', { from: readonly ConsentStatus[]; to: ConsentStatus }> = {
  revoke: { from: ['active', 'expired'], to: 'revoked' },
};

export function canTransition(action: keyof typeof CONSENT_TRANSITIONS, status: ConsentStatus): boolean {
  return CONSENT_TRANSITIONS[action].from.includes(status);
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export const daysInMonth = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Calendar month arithmetic on 'YYYY-MM-DD'; the day is clamped to the target month (2024-02-29 + 12 → 2025-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return `${pad(ny, 4)}-${pad(nm)}-${pad(Math.min(d, daysInMonth(ny, nm)))}`;
}

/** The last expiry date a consent granted today may carry. */
export const maxExpiry = (today: string): string => addMonths(today, MAX_CONSENT_MONTHS);

/** Why an expiry date is refused, or null when it is acceptable: after today and at most a year away. */
export function expiryProblem(expiresOn: string, today: string): string | null {
  if (expiresOn <= today) return `must be after today (${today})`;
  const max = maxExpiry(today);
  if (expiresOn > max) return `must be at most one year away (on or before ${max})`;
  return null;
}

/** First day of the lookback window: records whose period ends on or after it are shown. */
export const lookbackStart = (today: string, months: number): string => addMonths(today, -months);

/** A tax period 'YYYY', 'YYYY-Qn' or 'YYYY-MM' as its first and last calendar day; null when malformed. */
export function periodBounds(period: string): { start: string; end: string } | null {
  let m = /^(\d{4})$/.exec(period);
  if (m) return { start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) {
    const y = Number(m[1]);
    const last = Number(m[2]) * 3;
    return { start: `${m[1]}-${pad(last - 2)}-01`, end: `${m[1]}-${pad(last)}-${pad(daysInMonth(y, last))}` };
  }
  m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return null;
    return { start: `${m[1]}-${m[2]}-01`, end: `${m[1]}-${m[2]}-${pad(daysInMonth(y, mo))}` };
  }
  return null;
}

/**
 * Whether a period overlaps the window [start, today]: a filing for a quarter that straddles the window start is
 * shown, since the consented lookback covers part of it. A malformed period is never shown.
 */
export function periodInWindow(period: string, start: string): boolean {
  const b = periodBounds(period);
  return b !== null && b.end >= start;
}

/** Only months are valid for social insurance headcounts. */
export const isMonth = (text: string): boolean => /^\d{4}-\d{2}$/.test(text) && periodBounds(text) !== null;
