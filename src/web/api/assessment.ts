// Issue #5: the cooperating-bank assessment (合作银行考核), the events register (活动) and product statistics (表4).
import { apiUrl, http, request } from './client';
import type { Page } from './types';

export interface ScoredValue {
  value: number;
  score: number;
}

export interface BankAssessmentRow {
  bank: string;
  bankName: string;
  indicators: {
    creditTotal: ScoredValue;
    applicants: ScoredValue;
    fulfilment: { rate: number | null; approved: number; recommended: number; coefficient: number; score: number };
    growth: { value: number | null; approved: number; prevApproved: number; firstYear: boolean; score: number };
    activities: ScoredValue;
    microLoan: { value: number; loans: number; score: number };
  };
  total: number;
}

export interface BankAssessment {
  year: number;
  product?: string;
  banks: BankAssessmentRow[];
}

export interface EventItem {
  id: string;
  heldOn: string;
  title: string;
  bank: { code: string; name: string } | null;
  stationCode: string | null;
  attendees: number;
  demo: boolean;
  createdBy: { id: string; username: string; displayName: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface EventInput {
  heldOn: string;
  title: string;
  bankCode?: string | null;
  stationCode?: string | null;
  attendees: number;
}

export interface EventQuery {
  page?: number;
  pageSize?: number;
  year?: number;
  bank?: string;
  station?: string;
  q?: string;
}

export interface EventImportReport {
  ok: boolean;
  imported: number;
  errors: Array<{ line: number; column: string; message: string }>;
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
}

export interface ProductFigures {
  amount: number;
  enterprises: number;
  prevAmount: number;
  prevEnterprises: number;
  yoy: number | null;
  cumulativeAmount: number;
  cumulativeEnterprises: number;
}

export interface ProductStatistics {
  year: number;
  rows: Array<ProductFigures & { product: string | null; productName: string | null }>;
  total: ProductFigures;
}

const enc = encodeURIComponent;

export const assessmentApi = {
  banks: (query: { year: number; product?: string }, signal?: AbortSignal) => http.get<BankAssessment>('/assessments/banks', query, signal),
};

export const eventApi = {
  list: (query: EventQuery, signal?: AbortSignal) => http.get<Page<EventItem>>('/events', { ...query }, signal),
  create: (input: EventInput) => http.post<EventItem>('/events', input),
  update: (id: string, input: Partial<EventInput>) => http.patch<EventItem>(`/events/${enc(id)}`, input),
  remove: (id: string) => http.delete(`/events/${enc(id)}`),
  import: (file: File, options: { dryRun: boolean; skipInvalid: boolean }) => {
    const form = new FormData();
    form.append('file', file);
    return request<EventImportReport>('POST', '/events/import', { form, query: { dryRun: options.dryRun, skipInvalid: options.skipInvalid } });
  },
};

export const productStatisticsApi = {
  get: (query: { year: number }, signal?: AbortSignal) => http.get<ProductStatistics>('/reports/products', query, signal),
  /** A plain URL: the browser downloads the file with the session cookie. */
  fileUrl: (query: { year: number; format: 'csv' | 'xlsx' }) => apiUrl('/reports/products', query),
};
