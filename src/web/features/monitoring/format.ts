// Dashboard number formats: money in 万元 (two decimals, as the office's reports), ratios as percentages.
export { formatCount, formatWan, toWan } from '../../components/format';

/** 0.031234 → "3.12%"; null (nothing to divide by) → "—". */
export function formatPct(ratio: number | null | undefined, digits = 2): string {
  return ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(digits)}%`;
}

/** Growth as a signed percentage: 0.12 → "+12.00%". */
export function formatGrowth(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined) return '—';
  return `${ratio > 0 ? '+' : ''}${(ratio * 100).toFixed(2)}%`;
}

/** The last day of the month before `date` (YYYY-MM-DD): the month end a snapshot may be taken for. */
export function previousMonthEnd(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const end = new Date(Date.UTC(y, m - 1, 0));
  return end.toISOString().slice(0, 10);
}

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export function todayShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
