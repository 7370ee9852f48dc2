// Endpoint functions of the issue #4 routes: products and filing, matching, applications, review meetings,
// SLA warnings, the funnel report, consents and the consented-data reads, and the officers' imports.
import { apiUrl, http, request, type QueryValue } from './client';
import type { Page } from './types';
import type {
  ApplicationDetail,
  ApplicationDocument,
  ApplicationQuery,
  ApplicationSummary,
  Consent,
  ConsentCluster,
  ConsentedData,
  ConsentedOverview,
  ConsentInput,
  ConsentRead,
  EnterpriseMatches,
  Filing,
  FinancingImportReport,
  FunnelReport,
  MeetingsReply,
  Product,
  ProductInput,
  ProductMatches,
  ProductQuery,
  ProductTerms,
  ReviewMeeting,
  SlaWarning,
} from './financing-types';

const enc = encodeURIComponent;
type Query = Record<string, QueryValue>;

export const productApi = {
  list: (query: ProductQuery, signal?: AbortSignal) => http.get<Page<Product>>('/products', { ...query }, signal),
  get: (id: string, signal?: AbortSignal) => http.get<Product>(`/products/${enc(id)}`, undefined, signal),
  version: (id: string, version: number, signal?: AbortSignal) =>
    http.get<ProductTerms>(`/products/${enc(id)}/versions/${version}`, undefined, signal),
  create: (input: ProductInput) => http.post<Product>('/products', input),
  update: (id: string, input: ProductInput) => http.patch<Product>(`/products/${enc(id)}`, input),
  matches: (id: string, query: { page: number; pageSize: number }, signal?: AbortSignal) =>
    http.get<ProductMatches>(`/products/${enc(id)}/matches`, query, signal),
  enterpriseMatches: (enterpriseId: string, qualifiedOnly: boolean, signal?: AbortSignal) =>
    http.get<EnterpriseMatches>(`/enterprises/${enc(enterpriseId)}/matches`, { qualifiedOnly }, signal),
};

export const institutionApi = {
  /** Banks, guarantors, insurers and funds, readable by every role (the office and enterprises are not listed). */
  list: (query: { kind?: 'bank' | 'guarantor' | 'insurer' | 'fund' }, signal?: AbortSignal) =>
    http.get<{ items: Array<{ code: string; name: string; kind: string }> }>('/institutions', { ...query }, signal),
};

const filingPath = (productId: string, filingId?: string, action?: string) =>
  `/products/${enc(productId)}/filings${filingId ? `/${enc(filingId)}` : ''}${action ? `/${action}` : ''}`;

export const filingApi = {
  /** The 备案 queue across products (default: awaiting a decision), oldest first. */
  queue: (query: { status?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    http.get<Page<Filing>>('/filings', { ...query }, signal),
  list: (productId: string, signal?: AbortSignal) => http.get<{ items: Filing[] }>(filingPath(productId), undefined, signal),
  file: (productId: string) => http.post<Filing>(filingPath(productId), {}),
  review: (productId: string, filingId: string, body: { note?: string; proposePolicyProduct?: boolean }) =>
    http.post<Filing>(filingPath(productId, filingId, 'review'), body),
  approve: (productId: string, filingId: string, note?: string) =>
    http.post<Filing>(filingPath(productId, filingId, 'approve'), note ? { note } : {}),
  reject: (productId: string, filingId: string, note: string) =>
    http.post<Filing>(filingPath(productId, filingId, 'reject'), { note }),
  withdraw: (productId: string, filingId: string) => http.post<Filing>(filingPath(productId, filingId, 'withdraw')),
};

/** Route path of each action in `nextActions` (the table names `send_to_review` and `score`). */
export const ACTION_PATHS: Record<string, string> = { send_to_review: 'send-to-review', score: 'reviews' };

export const applicationApi = {
  list: (query: ApplicationQuery, signal?: AbortSignal) =>
    http.get<Page<ApplicationSummary>>('/applications', { ...query }, signal),
  inbox: (query: { page?: number; pageSize?: number; status?: string; overdue?: string; q?: string }, signal?: AbortSignal) =>
    http.get<Page<ApplicationSummary>>('/applications/inbox', { ...query }, signal),
  get: (id: string, signal?: AbortSignal) => http.get<ApplicationDetail>(`/applications/${enc(id)}`, undefined, signal),
  create: (input: { productCode?: string; requestedAmount: number; requestedTermMonths?: number; purpose?: string; submit?: boolean }) =>
    http.post<ApplicationDetail>('/applications', input),
  update: (id: string, input: { productCode?: string; requestedAmount?: number; requestedTermMonths?: number; purpose?: string }) =>
    http.patch<ApplicationDetail>(`/applications/${enc(id)}`, input),
  act: (id: string, action: string, body?: Record<string, unknown>) =>
    http.post<ApplicationDetail>(`/applications/${enc(id)}/${ACTION_PATHS[action] ?? action}`, body),
  upload: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<ApplicationDocument>('POST', `/applications/${enc(id)}/documents`, { form });
  },
  documentUrl: (id: string, documentId: string) => apiUrl(`/applications/${enc(id)}/documents/${enc(documentId)}`),
  warnings: (query: { page?: number; pageSize?: number; state?: string; bank?: string; line?: number }, signal?: AbortSignal) =>
    http.get<Page<SlaWarning>>('/applications/sla-warnings', { ...query }, signal),
  slaSettings: (signal?: AbortSignal) => http.get<{ lines: number[] }>('/applications/sla-settings', undefined, signal),
};

export const meetingApi = {
  list: (query: { from?: string; to?: string; by?: string }, signal?: AbortSignal) =>
    http.get<MeetingsReply>('/review-meetings', query, signal),
  create: (input: { heldOn: string; title: string; notes?: string }) => http.post<ReviewMeeting>('/review-meetings', input),
};

export const funnelApi = {
  get: (query: { year: number; product?: string; by: 'district' | 'bank' }, signal?: AbortSignal) =>
    http.get<FunnelReport>('/reports/funnel', query, signal),
  /** A plain URL: the browser downloads the file with the session cookie. */
  fileUrl: (query: { year: number; product?: string; by: 'district' | 'bank'; format: 'csv' | 'xlsx' }) =>
    apiUrl('/reports/funnel', query),
};

export const consentApi = {
  list: (query: { status?: string; enterpriseId?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    http.get<Page<Consent>>('/consents', { ...query }, signal),
  grant: (input: ConsentInput) => http.post<Consent>('/consents', input),
  revoke: (id: string, reason?: string) => http.post<Consent>(`/consents/${enc(id)}/revoke`, reason ? { reason } : {}),
  reads: (query: { enterpriseId?: string; cluster?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    http.get<Page<ConsentRead>>('/consents/reads', { ...query }, signal),
  overview: (enterpriseId: string, signal?: AbortSignal) =>
    http.get<ConsentedOverview>(`/consented/${enc(enterpriseId)}`, undefined, signal),
  read: (enterpriseId: string, cluster: ConsentCluster, signal?: AbortSignal) =>
    http.get<ConsentedData>(`/consented/${enc(enterpriseId)}/${cluster}`, undefined, signal),
};

export const FINANCING_IMPORTS = {
  institutions: '/institutions/import',
  products: '/products/import',
  applications: '/applications/import',
  taxFilings: '/data-feeds/tax-filings/import',
  socialInsurance: '/data-feeds/social-insurance/import',
} as const;
export type FinancingImportKind = keyof typeof FINANCING_IMPORTS;

export function importFinancing(kind: FinancingImportKind, file: File, options: { dryRun: boolean; skipInvalid: boolean }) {
  const form = new FormData();
  form.append('file', file);
  // Only the catalog imports know skipInvalid; the others are all-or-nothing and reject the flag.
  const query: Query = { dryRun: options.dryRun };
  if (options.skipInvalid && (kind === 'institutions' || kind === 'products')) query.skipInvalid = true;
  return request<FinancingImportReport>('POST', FINANCING_IMPORTS[kind], { form, query });
}
