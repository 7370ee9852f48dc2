import type { Check } from '../../api/evaluation';

/** A check's figure in its unit: yuan with separators, shares as percentages. */
export function figure(value: number | null, unit: Check['unit'], language: string): string {
  if (value === null) return '—';
  if (unit === 'share') return `${(value * 100).toLocaleString(language, { maximumFractionDigits: 2 })}%`;
  if (unit === 'yuan') return `${value.toLocaleString(language, { maximumFractionDigits: 2 })} 元`;
  if (unit === 'bool') return '—';
  return value.toLocaleString(language, { maximumFractionDigits: 2 });
}
