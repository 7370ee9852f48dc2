// Claim pages show exact yuan (2 decimals, thousands separators); tables and charts use 万元 (components/format).
export function formatYuanExact(yuan: number | null | undefined, locale: string): string {
  if (yuan === null || yuan === undefined) return '—';
  return yuan.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** Today in Asia/Shanghai as YYYY-MM-DD: the calendar the policies count in. */
export function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function currentYear(): number {
  return Number(todayInShanghai().slice(0, 4));
}
