import { ApiError, apiUrl, http, request, setCsrfToken } from './client';
import type {
  ApiToken,
  AuditEntry,
  AuditQuery,
  AuditVerification,
  CertificationRecord,
  EnterpriseDetail,
  EnterpriseInput,
  EnterprisePatch,
  EnterpriseQuery,
  EnterpriseSummary,
  FinancialYear,
  FinancingRound,
  ImportResult,
  IpAsset,
  ManagedUser,
  Meta,
  Organization,
  Page,
  Session,
  UserInput,
} from './types';

const enc = encodeURIComponent;

export const metaApi = {
  get: () => http.get<Meta>('/meta'),
};

export const authApi = {
  async me(): Promise<Session | null> {
    try {
      const session = await request<Session>('GET', '/auth/me', { allowUnauthorized: true });
      setCsrfToken(session.csrfToken);
      return session;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  async login(username: string, password: string): Promise<Session> {
    const session = await request<Session>('POST', '/auth/login', {
      body: { username, password },
      allowUnauthorized: true,
    });
    setCsrfToken(session.csrfToken);
    return session;
  },
  async logout(): Promise<void> {
    try {
      await request<void>('POST', '/auth/logout', { allowUnauthorized: true });
    } finally {
      setCsrfToken(null);
    }
  },
};

type CertificationInput = Omit<CertificationRecord, 'id'>;
type IpAssetInput = Omit<IpAsset, 'id'>;
type RoundInput = Omit<FinancingRound, 'id'>;
type FinancialInput = Omit<FinancialYear, 'year'>;

export const enterpriseApi = {
  list: (query: EnterpriseQuery, signal?: AbortSignal) =>
    http.get<Page<EnterpriseSummary>>('/enterprises', { ...query }, signal),
  get: (id: string, signal?: AbortSignal) => http.get<EnterpriseDetail>(`/enterprises/${enc(id)}`, undefined, signal),
  create: (input: EnterpriseInput) => http.post<EnterpriseDetail>('/enterprises', input),
  update: (id: string, patch: EnterprisePatch) => http.patch<EnterpriseDetail>(`/enterprises/${enc(id)}`, patch),
  putFinancials: (id: string, year: number, input: Partial<FinancialInput>) =>
    http.put<EnterpriseDetail>(`/enterprises/${enc(id)}/financials/${year}`, input),
  addCertification: (id: string, input: CertificationInput) =>
    http.post<unknown>(`/enterprises/${enc(id)}/certifications`, input),
  deleteCertification: (id: string, certId: string) =>
    http.delete(`/enterprises/${enc(id)}/certifications/${enc(certId)}`),
  addIpAsset: (id: string, input: IpAssetInput) => http.post<unknown>(`/enterprises/${enc(id)}/ip-assets`, input),
  deleteIpAsset: (id: string, ipId: string) => http.delete(`/enterprises/${enc(id)}/ip-assets/${enc(ipId)}`),
  addRound: (id: string, input: RoundInput) => http.post<unknown>(`/enterprises/${enc(id)}/rounds`, input),
  deleteRound: (id: string, roundId: string) => http.delete(`/enterprises/${enc(id)}/rounds/${enc(roundId)}`),
  import: (file: File, options: { dryRun: boolean; skipInvalid: boolean }) => {
    const form = new FormData();
    form.append('file', file);
    return request<ImportResult>('POST', '/enterprises/import', {
      form,
      query: { dryRun: options.dryRun, skipInvalid: options.skipInvalid },
    });
  },
  /** A plain URL: the browser downloads the file with the session cookie. */
  exportUrl: (format: 'csv' | 'xlsx', query: EnterpriseQuery) => {
    const { page: _page, pageSize: _pageSize, ...filters } = query;
    return apiUrl('/enterprises/export', { format, ...filters });
  },
};

export const auditApi = {
  list: (query: AuditQuery, signal?: AbortSignal) => http.get<Page<AuditEntry>>('/audit', { ...query }, signal),
  verify: () => http.get<AuditVerification>('/audit/verify'),
};

export const tokenApi = {
  list: () => http.get<{ items: ApiToken[] }>('/tokens'),
  scopes: () => http.get<{ scopes: string[] }>('/tokens/scopes'),
  create: (input: { name: string; scopes: string[]; expiresAt?: string }) =>
    http.post<{ token: ApiToken; secret: string }>('/tokens', input),
  revoke: (id: string) => http.delete(`/tokens/${enc(id)}`),
};

export const userApi = {
  list: () => http.get<{ items: ManagedUser[] }>('/users'),
  create: (input: UserInput) => http.post<ManagedUser>('/users', input),
};

export const organizationApi = {
  list: () => http.get<{ items: Organization[] }>('/organizations'),
};
