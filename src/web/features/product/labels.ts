import type { Criteria, Product, ProductTerms } from '../../api/financing-types';
import type { Translate } from '../../app/i18n';
import { labelOr } from '../../app/i18n';
import { formatWan } from '../../components/format';

// Display helpers for product terms: ranges in 万元, months and percentages, criteria in words.

export function rangeText(min: string | null, max: string | null): string {
  if (min === null && max === null) return '—';
  if (min === max) return min ?? '—';
  return `${min ?? '…'} – ${max ?? '…'}`;
}

export function amountRange(terms: ProductTerms, locale: string, t: Translate): string {
  if (terms.amountMin === null && terms.amountMax === null) return '—';
  const f = (v: number | null) => (v === null ? null : formatWan(v, locale));
  return `${rangeText(f(terms.amountMin), f(terms.amountMax))} ${t('fin.common.wanUnit')}`;
}

export function termRange(terms: ProductTerms, t: Translate): string {
  if (terms.termMinMonths === null && terms.termMaxMonths === null) return '—';
  const f = (v: number | null) => (v === null ? null : String(v));
  return t('fin.common.months', { n: rangeText(f(terms.termMinMonths), f(terms.termMaxMonths)) });
}

/** "0.0435" → "4.35%" without floating-point noise (the rate is an exact decimal string). */
export function percent(rate: string | null): string | null {
  if (rate === null) return null;
  const [whole = '0', frac = ''] = rate.split('.');
  const digits = `${whole}${frac.padEnd(2, '0')}`;
  const intPart = String(Number(digits.slice(0, whole.length + 2)));
  const rest = digits.slice(whole.length + 2).replace(/0+$/, '');
  return `${intPart}${rest ? `.${rest}` : ''}%`;
}

export function rateRange(terms: ProductTerms): string {
  return rangeText(percent(terms.rateMin), percent(terms.rateMax));
}

export const productTypeLabel = (t: Translate, type: string) => labelOr(t, `productType.${type}`, type);
export const collateralLabel = (t: Translate, mode: string | null) => (mode ? labelOr(t, `collateral.${mode}`, mode) : '—');

/** Each set criterion as [label, value] in words; an empty list means "no requirement". */
export function criteriaRows(criteria: Criteria, t: Translate, locale: string): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  const join = (xs: string[]) => xs.join('、');
  if (criteria.stages?.length) rows.push([t('product.criteria.stages'), join(criteria.stages.map((s) => labelOr(t, `stage.${s}`, s)))]);
  if (criteria.sectors?.length) rows.push([t('product.criteria.sectors'), join(criteria.sectors)]);
  if (criteria.certifications?.length) {
    const how = t(criteria.certificationsMatch === 'any' ? 'product.criteria.match.any' : 'product.criteria.match.all');
    rows.push([t('product.criteria.certifications'), `${join(criteria.certifications)}（${how}）`]);
  }
  if (criteria.minYearsSinceFounding !== undefined)
    rows.push([t('product.criteria.minYearsSinceFounding'), String(criteria.minYearsSinceFounding)]);
  if (criteria.minRevenue !== undefined)
    rows.push([t('product.criteria.minRevenue'), `${formatWan(criteria.minRevenue, locale)} ${t('fin.common.wanUnit')}`]);
  if (criteria.maxNplCount !== undefined) rows.push([t('product.criteria.maxNplCount'), String(criteria.maxNplCount)]);
  if (criteria.yangpuRegistered) rows.push([t('product.criteria.yangpuRegistered'), t('fin.common.yes')]);
  return rows;
}

/** The institutions that appear in a product list (owners and partners), for pickers. */
export function institutionsOf(products: Product[], kinds?: string[]): Array<{ code: string; name: string; kind: string }> {
  const seen = new Map<string, { code: string; name: string; kind: string }>();
  for (const p of products)
    for (const org of [p.owner, ...p.partners])
      if (!seen.has(org.code) && (!kinds || kinds.includes(org.kind))) seen.set(org.code, { code: org.code, name: org.name, kind: org.kind });
  return [...seen.values()].sort((a, b) => a.code.localeCompare(b.code));
}
