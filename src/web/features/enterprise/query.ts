import type { EnterpriseQuery } from '../../api/types';

// The list's state lives in the URL so a search can be bookmarked, shared and navigated back to.
export const FILTER_KEYS = ['q', 'uscc', 'sector', 'district', 'certification', 'foundedFrom', 'foundedTo', 'evaluation', 'minScore', 'eligible', 'stage'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export const SORTABLE = ['name', 'uscc', 'foundedOn'] as const;
export const DEFAULT_PAGE_SIZE = 20;

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function queryFromParams(params: URLSearchParams): EnterpriseQuery {
  const query: EnterpriseQuery = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) query[key] = value;
  }
  const sort = params.get('sort');
  if (sort) query.sort = sort;
  query.page = positiveInt(params.get('page'), 1);
  query.pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  return query;
}

export function paramsFromQuery(query: EnterpriseQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = query[key]?.trim();
    if (value) params.set(key, value);
  }
  if (query.sort) params.set('sort', query.sort);
  if (query.page && query.page !== 1) params.set('page', String(query.page));
  if (query.pageSize && query.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(query.pageSize));
  return params;
}

/** `-name` → { field: 'name', order: 'descend' }. */
export function parseSort(sort: string | undefined): { field: string; order: 'ascend' | 'descend' } | null {
  if (!sort) return null;
  return sort.startsWith('-') ? { field: sort.slice(1), order: 'descend' } : { field: sort, order: 'ascend' };
}
