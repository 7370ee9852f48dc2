// Display helpers. Money arrives in yuan; tables and charts show 万元 (10k yuan), as the office's reports do.

export function toWan(yuan: number | null | undefined): number | null {
  return yuan === null || yuan === undefined ? null : Math.round(yuan / 100) / 100;
}

export function formatWan(yuan: number | null | undefined, locale: string): string {
  const wan = toWan(yuan);
  return wan === null ? '—' : wan.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function formatCount(value: number | null | undefined, locale: string): string {
  return value === null || value === undefined ? '—' : value.toLocaleString(locale);
}

export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale, { timeZone: 'Asia/Shanghai', hour12: false });
}

export function orDash(value: string | null | undefined): string {
  return value ? value : '—';
}
