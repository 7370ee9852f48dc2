// Endpoint functions of the policy engine and 政策兑现 routes (docs/subsidy.md).
import { apiUrl, http, request } from './client';
import type { Page } from './types';
import type {
  BudgetsReply,
  ClaimDetail,
  ClaimFile,
  ClaimQuery,
  ClaimSummary,
  CreateClaimInput,
  Entitlement,
  EvaluationRequest,
  EvaluationResponse,
  FactSourcesReply,
  FactValue,
  MeasuresReply,
  NoticeItem,
  ParameterChange,
  ScanReply,
  SimulationInput,
  SimulationReply,
  SubsidySettings,
} from './subsidy-types';

const enc = encodeURIComponent;

export const policyApi = {
  measures: (asOf?: string, signal?: AbortSignal) => http.get<MeasuresReply>('/policy/measures', { asOf }, signal),
  evaluate: (body: EvaluationRequest) => http.post<EvaluationResponse>('/policy/evaluate', body),
  parameterChanges: (query: { status?: string; key?: string }, signal?: AbortSignal) =>
    http.get<{ items: ParameterChange[] }>('/policy/parameter-changes', query, signal),
  proposeParameter: (input: { key: string; value: number | string; effectiveFrom: string; reference: string; reason: string }) =>
    http.post<ParameterChange>('/policy/parameter-changes', input),
  approveParameter: (id: string, reason?: string) =>
    http.post<ParameterChange>(`/policy/parameter-changes/${enc(id)}/approve`, reason ? { reason } : {}),
  rejectParameter: (id: string, reason: string) =>
    http.post<ParameterChange>(`/policy/parameter-changes/${enc(id)}/reject`, { reason }),
};

const claimPath = (id: string, action?: string) => `/subsidy/claims/${enc(id)}${action ? `/${action}` : ''}`;

export const claimApi = {
  list: (query: ClaimQuery, signal?: AbortSignal) => http.get<Page<ClaimSummary>>('/subsidy/claims', { ...query }, signal),
  get: (id: string, signal?: AbortSignal) => http.get<ClaimDetail>(claimPath(id), undefined, signal),
  create: (input: CreateClaimInput) => http.post<ClaimDetail>('/subsidy/claims', input),
  update: (id: string, patch: { eventDate?: string; matter?: string | null; facts?: Record<string, FactValue> }) =>
    http.patch<ClaimDetail>(claimPath(id), patch),
  submit: (id: string) => http.post<ClaimDetail>(claimPath(id, 'submit')),
  withdraw: (id: string, reason: string) => http.post<ClaimDetail>(claimPath(id, 'withdraw'), { reason }),
  review: (id: string) => http.post<ClaimDetail>(claimPath(id, 'review')),
  determine: (id: string, input: { amount?: number; reason?: string }) =>
    http.post<ClaimDetail>(claimPath(id, 'determine'), input),
  reject: (id: string, reason: string) => http.post<ClaimDetail>(claimPath(id, 'reject'), { reason }),
  adjust: (id: string, input: { amount: number; reason: string }) => http.post<ClaimDetail>(claimPath(id, 'adjust'), input),
  approveDetermination: (id: string) => http.post<ClaimDetail>(claimPath(id, 'approve-determination')),
  publish: (id: string) => http.post<ClaimDetail>(claimPath(id, 'publish')),
  recordObjection: (id: string, input: { raisedBy: string; content: string }) =>
    http.post<ClaimDetail>(claimPath(id, 'objections'), input),
  resolveObjection: (id: string, objectionId: string, input: { upheld: boolean; resolution: string }) =>
    http.post<ClaimDetail>(`${claimPath(id)}/objections/${enc(objectionId)}/resolve`, input),
  approvePayment: (id: string) => http.post<ClaimDetail>(claimPath(id, 'approve-payment')),
  /** The key makes a retried click pay once: the server returns the paid claim for the same key. */
  pay: (id: string, paymentReference: string, idempotencyKey: string) =>
    request<ClaimDetail>('POST', claimPath(id, 'pay'), {
      body: { paymentReference },
      headers: { 'idempotency-key': idempotencyKey },
    }),
  upload: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<ClaimFile>('POST', claimPath(id, 'files'), { form });
  },
  /** A plain URL: the browser downloads the file with the session cookie. */
  fileUrl: (id: string, fileId: string) => apiUrl(`${claimPath(id)}/files/${enc(fileId)}`),
};

export const subsidyApi = {
  notices: (signal?: AbortSignal) => http.get<{ items: NoticeItem[] }>('/subsidy/notices', undefined, signal),
  budgets: (year: number, signal?: AbortSignal) => http.get<BudgetsReply>('/subsidy/budgets', { year }, signal),
  setBudget: (measure: string, year: number, input: { allocated: number; reason?: string }) =>
    http.put<BudgetsReply>(`/subsidy/budgets/${enc(measure)}/${year}`, input),
  settings: (signal?: AbortSignal) => http.get<SubsidySettings>('/subsidy/settings', undefined, signal),
  factSources: (signal?: AbortSignal) => http.get<FactSourcesReply>('/subsidy/fact-sources', undefined, signal),
  scan: (year: number) => http.post<ScanReply>('/subsidy/scans', { year }),
  entitlements: (
    query: { year: number; measure?: string; status?: string; confirmed?: string; page?: number; pageSize?: number },
    signal?: AbortSignal,
  ) => http.get<Page<Entitlement>>('/subsidy/entitlements', { ...query }, signal),
  confirm: (id: string, input: { eventDate?: string; facts?: Record<string, FactValue>; reason?: string }) =>
    http.post<ClaimDetail>(`/subsidy/entitlements/${enc(id)}/confirm`, input),
  simulate: (input: SimulationInput) => http.post<SimulationReply>('/subsidy/simulations', input),
};
