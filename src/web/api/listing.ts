// Endpoint functions of issue #7: the listing cultivation pool, green channel, milestones, equity needs and
// investments, loan linkage and its report, service stations and their assessment.
import { apiUrl, http, type QueryValue } from './client';
import type { Page } from './types';

const enc = encodeURIComponent;
type Query = Record<string, QueryValue>;
type UserRef = { id: string; displayName: string | null } | null;

export interface PoolItem {
  enterpriseId: string; uscc: string; name: string; sector: string; district: string; listingStatus: string; tier: string; targetBoard: string;
  entrySource: string; enteredOn: string; tierSince: string; officer: UserRef; exitReason: string | null; lastServiceOn: string | null; nextFollowUpOn: string | null;
}
export interface PoolEntry extends Omit<PoolItem, 'lastServiceOn' | 'nextFollowUpOn'> {
  entryReason: string; nextTiers: string[];
  history: { id: number; from: string | null; to: string; on: string; criteria: { code: string; label: string }[]; note: string | null; by: string | null }[];
}
export interface ServiceLog { id: string; enterpriseId: string; enterpriseName?: string; officer: UserRef; kind: string; mode: string; servedOn: string; summary: string; followUpOn: string | null; followUpDoneOn: string | null }
export interface Workload { contacted: number; visited: number; served: number; logs: number; followUpsOpen: number }
export interface Dashboard {
  from: string; to: string;
  byTier: { key: string; enterprises: number }[]; byBoard: { key: string; enterprises: number }[]; bySector: { key: string; enterprises: number }[];
  byOfficer: { key: string | null; displayName: string | null; enterprises: number }[];
  workload: { total: Workload; officers: (Workload & { officer: { id: string; displayName: string | null } })[] };
}
export interface GreenRequest {
  id: string; requestNo: string; enterpriseId: string; enterpriseName: string; department: string; document: string; requestedOn: string; workingDays: number; dueOn: string;
  status: string; completedOn: string | null; handler: UserRef; workingDaysLeft: number | null; onTime: boolean | null;
  record?: { at: string; action: string; from: string | null; to: string; note: string | null; by: string | null }[];
  alerts?: { kind: string; dueOn: string; raisedOn: string; acknowledgedAt: string | null }[];
}
export interface GreenAlert { requestId: string; requestNo: string; kind: string; dueOn: string; raisedOn: string; document: string; department: string; enterpriseName: string; handler: string | null; status: string }
export interface Milestone { id: string; enterpriseId: string; enterpriseName: string; uscc: string; kind: string; occurredOn: string; board: string | null; amount: number | null; reference: string | null; note: string | null }
export interface Transitions { transitions: { from: string; to: string; allOf: string[]; anyOf: string[]; boards?: string[]; needsNote: boolean }[]; criteria: { code: string; label: string }[] }

export const listingApi = {
  pool: (q: Query, signal?: AbortSignal) => http.get<Page<PoolItem>>('/listing/pool', q, signal),
  entry: (id: string, signal?: AbortSignal) => http.get<PoolEntry>(`/listing/pool/${enc(id)}`, undefined, signal),
  nominate: (body: unknown) => http.post<PoolEntry>('/listing/pool', body),
  update: (id: string, body: unknown) => http.patch<PoolEntry>(`/listing/pool/${enc(id)}`, body),
  tier: (id: string, body: unknown) => http.post<PoolEntry>(`/listing/pool/${enc(id)}/tier`, body),
  transitions: (signal?: AbortSignal) => http.get<Transitions>('/listing/tier-transitions', undefined, signal),
  officers: (signal?: AbortSignal) => http.get<{ items: { id: string; username: string; displayName: string }[] }>('/listing/officers', undefined, signal),
  dashboard: (q: Query, signal?: AbortSignal) => http.get<Dashboard>('/listing/dashboard', q, signal),
  addService: (id: string, body: unknown) => http.post<ServiceLog>(`/listing/pool/${enc(id)}/services`, body),
  services: (q: Query, signal?: AbortSignal) => http.get<Page<ServiceLog>>('/listing/services', q, signal),
  followUpDone: (id: string, doneOn: string) => http.post<ServiceLog>(`/listing/services/${enc(id)}/follow-up-done`, { doneOn }),
  greenRequests: (q: Query, signal?: AbortSignal) => http.get<Page<GreenRequest>>('/listing/green-channel', q, signal),
  greenRequest: (id: string, signal?: AbortSignal) => http.get<GreenRequest>(`/listing/green-channel/${enc(id)}`, undefined, signal),
  createGreen: (body: unknown) => http.post<GreenRequest>('/listing/green-channel', body),
  actGreen: (id: string, action: 'start' | 'complete' | 'cancel', body: unknown) => http.post<GreenRequest>(`/listing/green-channel/${enc(id)}/${action}`, body),
  alerts: (signal?: AbortSignal) => http.get<{ items: GreenAlert[] }>('/listing/green-channel/alerts', undefined, signal),
  acknowledge: (id: string, kind: string) => http.post<{ items: GreenAlert[] }>(`/listing/green-channel/${enc(id)}/alerts/${enc(kind)}/acknowledge`, {}),
  settings: (signal?: AbortSignal) => http.get<{ defaultWorkingDays: number }>('/listing/green-channel/settings', undefined, signal),
  putSettings: (defaultWorkingDays: number) => http.put<{ defaultWorkingDays: number }>('/listing/green-channel/settings', { defaultWorkingDays }),
  calendar: (year: number, signal?: AbortSignal) => http.get<{ year: number; days: { day: string; kind: string; note: string | null }[] }>('/listing/calendar', { year }, signal),
  putCalendar: (body: unknown) => http.put<{ year: number; days: { day: string; kind: string; note: string | null }[] }>('/listing/calendar', body),
  milestones: (q: Query, signal?: AbortSignal) => http.get<Page<Milestone>>('/listing/milestones', q, signal),
  recordMilestone: (body: unknown) => http.post<Milestone>('/listing/milestones', body),
};

export interface EquityNeed {
  id: string; enterprise: { id: string; name: string; sector: string; district: string; uscc?: string }; round: string; amount: number; useOfFunds: string; status: string;
  visibility?: string; interests?: number | { id: string; fund: { code: string; name: string }; note: string | null; status: string; at: string }[]; interested?: boolean;
  funds?: { code: string; name: string }[]; showFinancials?: boolean; financials?: { year: number; revenue: number | null; netProfit: number | null } | null;
}
export interface Investment { id: string; enterprise: { id: string; name: string }; fund: { code: string; name: string } | null; round: string; investedOn: string; amount: number; investors: string; guidanceParticipation: string | null; linkedLoans: number }
export interface LinkageReport { year: number; modes: { mode: string; enterprises: number; loans: number; balance: number }[]; roundsBeforeCredit: { round: string; enterprises: number }[]; computedAt: string }

export const equityApi = {
  needs: (q: Query, signal?: AbortSignal) => http.get<Page<EquityNeed>>('/equity/needs', q, signal),
  need: (id: string, signal?: AbortSignal) => http.get<EquityNeed>(`/equity/needs/${enc(id)}`, undefined, signal),
  createNeed: (body: unknown) => http.post<EquityNeed>('/equity/needs', body),
  updateNeed: (id: string, body: unknown) => http.patch<EquityNeed>(`/equity/needs/${enc(id)}`, body),
  interest: (id: string, note?: string) => http.post<EquityNeed>(`/equity/needs/${enc(id)}/interest`, note ? { note } : {}),
  withdraw: (id: string) => http.delete<EquityNeed>(`/equity/needs/${enc(id)}/interest`),
  investments: (q: Query, signal?: AbortSignal) => http.get<Page<Investment>>('/equity/investments', q, signal),
  invest: (body: unknown) => http.post<Investment>('/equity/investments', body),
  linkage: (year: number, signal?: AbortSignal) => http.get<LinkageReport>('/reports/linkage', { year }, signal),
  linkageXlsxUrl: (year: number) => apiUrl('/reports/linkage', { year, format: 'xlsx' }),
};

export interface Station { id: string; code: string; name: string; host: string; active: boolean; officers: number; areas: string; applicationsThisYear: number }
export interface StationDetail { id: string; code: string; name: string; host: string; parks: string[]; active: boolean; areas: { district: string; street: string | null }[]; officers: { id: string; name: string; phone: string | null; userId: string | null; active: boolean }[] }
export interface AssessmentItem { code: string; no: string; title: string; standard: string; max: number; score: number | null; source: string; count?: number; rank?: number | null; thisYear?: number; lastYear?: number; growth?: number | null; entered?: Record<string, unknown> | null }
export interface Assessment { year: number; maxTotal: number; stations: { station: { id: string; code: string; name: string }; total: number; missingEntries: string[]; items: AssessmentItem[] }[] }

export const stationApi = {
  list: (signal?: AbortSignal) => http.get<{ items: Station[] }>('/stations', undefined, signal),
  get: (id: string, signal?: AbortSignal) => http.get<StationDetail>(`/stations/${enc(id)}`, undefined, signal),
  create: (body: unknown) => http.post<StationDetail>('/stations', body),
  addOfficer: (id: string, body: unknown) => http.post<StationDetail>(`/stations/${enc(id)}/officers`, body),
  update: (id: string, body: unknown) => http.patch<StationDetail>(`/stations/${enc(id)}`, body),
  updateOfficer: (id: string, officerId: string, body: unknown) => http.patch<StationDetail>(`/stations/${enc(id)}/officers/${enc(officerId)}`, body),
  attribute: (year?: number) => http.post<{ attributed: number }>('/stations/attribute', year ? { year } : {}),
  assessment: (year: number, signal?: AbortSignal) => http.get<Assessment>('/stations/assessment', { year }, signal),
  enter: (id: string, body: unknown) => http.put<Assessment>(`/stations/${enc(id)}/assessment`, body),
};
