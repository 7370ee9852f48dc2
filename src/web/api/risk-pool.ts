// Endpoint functions and reply shapes of the risk compensation pool routes (docs/risk-pool.md). Money in yuan.
import { http, request } from './client';

export type PoolMode = 'loss_sharing' | 'upfront';
export type RiskClaimStatus = 'filed' | 'reviewed' | 'awaiting_funds' | 'paid' | 'rejected' | 'withdrawn';
export const RISK_CLAIM_STATUSES: RiskClaimStatus[] = ['filed', 'reviewed', 'awaiting_funds', 'paid', 'rejected', 'withdrawn'];
export type RiskClaimAction = 'review' | 'approve' | 'reject' | 'withdraw' | 'record_recovery';
export type CollateralMode = 'credit' | 'ip_pledge' | 'guarantee' | 'performance_insurance' | 'other';
export type LoanClass = 'normal' | 'special_mention' | 'substandard' | 'doubtful' | 'loss';

export interface PoolSummary {
  id: string;
  code: string;
  name: string;
  sponsor: { id: string; name: string | null };
  mode: PoolMode;
  share: number;
  collateralModes: CollateralMode[];
  perLoanCap: number | null;
  perBankYearCap: number | null;
  nplTolerance: number;
  balance: number;
  contributed: number;
  paidOut: number;
  recovered: number;
  status: 'active' | 'closed';
  basis: string;
  demo: boolean;
}

export interface PoolDetail extends PoolSummary {
  products: { id: string; code: string; name: string }[];
  scope: 'all' | 'own';
  figures: {
    enrolledLoans: number;
    enrolledPrincipal: number;
    outstanding: number;
    nplOutstanding: number;
    nplLoans: number;
    nplRatio: number | null;
    acceptedLoss: number;
    recoveredAfterApproval: number;
    netLoss: number;
    lossRate: number | null;
    overTolerance: boolean;
    owedToBanks: number;
  };
  claimsByStatus: { status: RiskClaimStatus; count: number; loss: number; payable: number; paid: number }[];
  balanceSeries: { date: string; inflow: number; outflow: number; balance: number }[];
}

export interface Standing {
  asOf: string;
  dpd: number;
  outstanding: number;
  finalClass: LoanClass;
  nonPerforming: boolean;
}

export interface Enrolment {
  id: string;
  pool: { id: string; code: string; name: string };
  loan: { id: string; loanNo: string; collateralMode: CollateralMode };
  enterpriseName: string;
  bank: { code: string; name: string };
  enrolledOn: string;
  principal: number;
  standing: Standing | null;
  openClaimId: string | null;
}

export interface LedgerEntry {
  seq: number;
  kind: 'contribution' | 'payout' | 'recovery';
  amount: number;
  balanceAfter: number;
  entryDate: string;
  claim: { id: string; claimNo: string } | null;
  reference: string | null;
  recordedBy: string | null;
  recordedAt: string;
}

export interface RiskClaimSummary {
  id: string;
  claimNo: string;
  status: RiskClaimStatus;
  pool: { id: string; code: string; name: string };
  loanNo: string;
  enterpriseName: string;
  bank: { code: string; name: string };
  defaultedOn: string;
  loss: number;
  payable: number | null;
  paid: number;
  filedAt: string;
}

interface UserRef {
  id: string;
  username: string;
  displayName: string;
}

export interface RiskClaimDetail {
  id: string;
  claimNo: string;
  status: RiskClaimStatus;
  pool: { id: string; code: string; name: string; mode: PoolMode; share: number };
  loan: { id: string; loanNo: string; principal: number; collateralMode: CollateralMode; startDate: string; enterpriseName: string; standing: Standing | null };
  bank: { id: string; code: string; name: string };
  defaultedOn: string;
  principalAtDefault: number;
  recoveriesBefore: number;
  loss: number;
  assessedLoss: number | null;
  share: number | null;
  payable: number | null;
  capNote: string | null;
  paid: number;
  recoveredShare: number;
  owed: number | null;
  queuePosition: number | null;
  filedBy: UserRef | null;
  reviewedBy: UserRef | null;
  reviewNote: string | null;
  approvedBy: UserRef | null;
  approvedOn: string | null;
  closingReason: string | null;
  createdAt: string;
  history: { action: string; from: string | null; to: string; actor: string; note: string | null; at: string }[];
  recoveries: { reference: string; recoveredOn: string; amount: number; poolPart: number }[];
  ledger: { seq: number; kind: string; amount: number; entryDate: string }[];
  actions: RiskClaimAction[];
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CreatePoolInput {
  code: string;
  name: string;
  sponsorOrgId: string;
  mode: PoolMode;
  share: number;
  collateralModes: CollateralMode[];
  productIds: string[];
  perLoanCap: number | null;
  perBankYearCap: number | null;
  nplTolerance: number;
  basis: string;
}

const enc = encodeURIComponent;
const claimPath = (id: string, action?: string) => `/risk-pool-claims/${enc(id)}${action ? `/${action}` : ''}`;

export const riskPoolApi = {
  pools: (signal?: AbortSignal) => http.get<{ items: PoolSummary[] }>('/risk-pools', undefined, signal),
  pool: (id: string, signal?: AbortSignal) => http.get<PoolDetail>(`/risk-pools/${enc(id)}`, undefined, signal),
  create: (input: CreatePoolInput) => http.post<PoolDetail>('/risk-pools', input),
  update: (id: string, patch: Record<string, unknown>) => http.patch<PoolDetail>(`/risk-pools/${enc(id)}`, patch),
  contribute: (id: string, input: { amount: number; contributedOn: string; reference: string }, idempotencyKey: string) =>
    request<{ replayed: boolean; paidClaims: { claimId: string; amount: number; settled: boolean }[]; pool: PoolDetail }>('POST', `/risk-pools/${enc(id)}/contributions`, {
      body: input,
      headers: { 'idempotency-key': idempotencyKey },
    }),
  ledger: (id: string, query: { page?: number; pageSize?: number; kind?: string }, signal?: AbortSignal) =>
    http.get<Paged<LedgerEntry>>(`/risk-pools/${enc(id)}/ledger`, query, signal),
  enrol: (id: string, input: { loanId: string; enrolledOn: string }) => http.post<Enrolment>(`/risk-pools/${enc(id)}/enrolments`, input),
  enrolments: (query: { poolId?: string; page?: number; pageSize?: number }, signal?: AbortSignal) => http.get<Paged<Enrolment>>('/risk-pool-enrolments', query, signal),
  claims: (query: { poolId?: string; status?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    http.get<Paged<RiskClaimSummary>>('/risk-pool-claims', query, signal),
  claim: (id: string, signal?: AbortSignal) => http.get<RiskClaimDetail>(claimPath(id), undefined, signal),
  file: (input: { loanId: string; defaultedOn: string; principalAtDefault: number; recoveriesSoFar: number }) => http.post<RiskClaimDetail>('/risk-pool-claims', input),
  review: (id: string, input: { assessedLoss?: number; note?: string }) => http.post<RiskClaimDetail>(claimPath(id, 'review'), input),
  approve: (id: string, idempotencyKey: string, note?: string) =>
    request<RiskClaimDetail>('POST', claimPath(id, 'approve'), { body: note ? { note } : {}, headers: { 'idempotency-key': idempotencyKey } }),
  reject: (id: string, reason: string) => http.post<RiskClaimDetail>(claimPath(id, 'reject'), { reason }),
  withdraw: (id: string, reason: string) => http.post<RiskClaimDetail>(claimPath(id, 'withdraw'), { reason }),
  recover: (id: string, input: { amount: number; recoveredOn: string; reference: string }) =>
    http.post<{ replayed: boolean; claim: RiskClaimDetail }>(claimPath(id, 'recoveries'), input),
};
