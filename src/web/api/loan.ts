// The loan ledger's endpoints and shapes (issue #5; docs/loans.md). Money in yuan at this edge.
import type { CollateralModeCode, LinkageModeCode, LoanClassCode, RepaymentMethodCode } from '../../shared/loan';
import { http, request, type QueryValue } from './client';
import type { Page } from './types';

export type { CollateralModeCode, LoanClassCode, RepaymentMethodCode };

export interface LoanStatus {
  asOf: string;
  dpd: number;
  outstanding: number;
  computedClass: LoanClassCode;
  reportedClass: LoanClassCode | null;
  finalClass: LoanClassCode;
}

export interface LoanSummary {
  id: string;
  loanNo: string;
  bank: { id: string; code: string; name: string };
  enterprise: { id: string; name: string; uscc: string };
  product: { code: string; name: string } | null;
  applicationId: string | null;
  collateralMode: CollateralModeCode;
  guarantor: { code: string; name: string } | null;
  insurer: { code: string; name: string } | null;
  guaranteeFeeRate: string | null;
  principal: number;
  annualRate: string;
  termMonths: number;
  startDate: string;
  maturityDate: string;
  repaymentMethod: RepaymentMethodCode;
  firstTimeBorrower: boolean;
  linkageMode: LinkageModeCode | null;
  source: 'application' | 'api' | 'import';
  status: LoanStatus | null;
}

export interface LoanDetail extends LoanSummary {
  repaymentsTracked: boolean;
  schedule: Array<{ seq: number; dueOn: string; principal: number; interest: number; paid: number; state: 'paid' | 'partly_paid' | 'overdue' | 'due' | null }>;
  repayments: Array<{ id: string; repaymentId: string; paidOn: string; principal: number; interest: number; recordedBy: string | null; recordedAt: string }>;
  repaidByYear: Array<{ year: number; principal: number; interest: number }>;
  reports: Array<{ asOf: string; outstanding: number; dpd: number; reportedClass: LoanClassCode | null; source: string; updatedAt: string }>;
  classHistory: Array<{ effectiveOn: string; dpd: number; outstanding: number; computedClass: LoanClassCode; reportedClass: LoanClassCode | null; finalClass: LoanClassCode }>;
}

export interface LoanQuery {
  page?: number;
  pageSize?: number;
  bank?: string;
  product?: string;
  class?: LoanClassCode;
  collateralMode?: CollateralModeCode;
  enterpriseId?: string;
  q?: string;
}

export interface FloorsTable {
  id: string;
  effectiveFrom: string;
  floors: Array<{ minDpd: number; class: LoanClassCode }>;
  source: string;
  createdBy: string | null;
  createdAt: string;
}

export interface LoanImportReport {
  ok: boolean;
  imported: number;
  errors: Array<{ line: number; column: string; message: string }>;
  asOf: string;
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  reports: number;
  enterprisesCreated: number;
}

export interface ClassifyResult {
  asOf: string;
  loans: number;
  statusWritten: number;
  classChanges: number;
}

const enc = encodeURIComponent;

export const loanApi = {
  list: (query: LoanQuery, signal?: AbortSignal) => http.get<Page<LoanSummary>>('/loans', { ...query } as Record<string, QueryValue>, signal),
  get: (id: string, signal?: AbortSignal) => http.get<LoanDetail>(`/loans/${enc(id)}`, undefined, signal),
  floors: (signal?: AbortSignal) => http.get<{ items: FloorsTable[] }>('/loans/classification-floors', undefined, signal),
  addFloors: (input: { effectiveFrom: string; source: string; floors: Array<{ minDpd: number; class: LoanClassCode }> }) => http.post<FloorsTable>('/loans/classification-floors', input),
  classify: (asOf: string) => http.post<ClassifyResult>('/loans/classify', { asOf }),
  import: (file: File, options: { asOf: string; dryRun: boolean; skipInvalid: boolean }) => {
    const form = new FormData();
    form.append('file', file);
    return request<LoanImportReport>('POST', '/loans/import', { form, query: { asOf: options.asOf, dryRun: options.dryRun, skipInvalid: options.skipInvalid } });
  },
};
