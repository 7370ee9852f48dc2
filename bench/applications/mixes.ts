// What the benchmark asks: each mix is a list of API paths (cycled by autocannon) and the same query for the
// bare route. Pages 1–25 so paging is part of it; the officer mixes use the screening queue's filters.
import { SHANGHAI_DISTRICTS } from '../../src/shared/enterprise';
import type { ApplicationFilters, ApplicationScope, ListOrder } from '../../src/server/modules/application/applications.repository';

export interface Mix {
  name: string;
  user: 'officer' | 'bank';
  paths: string[];
  barePaths: string[];
  bare(bankOrgId: string): { scope: ApplicationScope; filters: ApplicationFilters; order: ListOrder };
}

export interface BenchReady {
  apiPort: number;
  barePort: number;
  cookies: { officer: string; bank: string };
  setupSeconds: number;
  loadSeconds: number;
  statusCounts: Record<string, number>;
}

const pages = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

export const MIXES: Mix[] = [
  {
    name: 'screening-queue',
    user: 'officer',
    paths: pages(25).map((p) => `/api/v1/applications?status=submitted,screening&order=queue&page=${p}`),
    barePaths: pages(25).map((p) => `/bare/screening-queue?page=${p}`),
    bare: () => ({ scope: 'all', filters: { statuses: ['submitted', 'screening'] }, order: 'queue' }),
  },
  {
    name: 'queue-by-district',
    user: 'officer',
    // The district changes per request on the API side; the bare route runs one district (same plan shape).
    paths: pages(25).map((p) => `/api/v1/applications?status=screening&district=${encodeURIComponent(SHANGHAI_DISTRICTS[p % 16]!)}&order=queue&page=${1 + (p % 5)}`),
    barePaths: pages(25).map((p) => `/bare/queue-by-district?page=${1 + (p % 5)}`),
    bare: () => ({ scope: 'all', filters: { statuses: ['screening'], district: '杨浦区' }, order: 'queue' }),
  },
  {
    name: 'recommended-list',
    user: 'officer',
    paths: pages(25).map((p) => `/api/v1/applications?status=recommended&bank=BANK03&order=inbox&page=${p}`),
    barePaths: pages(25).map((p) => `/bare/recommended-list?page=${p}`),
    bare: () => ({ scope: 'all', filters: { statuses: ['recommended'], bankCode: 'BANK03' }, order: 'inbox' }),
  },
  {
    name: 'bank-inbox',
    user: 'bank',
    paths: pages(25).map((p) => `/api/v1/applications/inbox?page=${p}`),
    barePaths: pages(25).map((p) => `/bare/bank-inbox?page=${p}`),
    bare: (bankOrgId) => ({ scope: { bankOrgId }, filters: { statuses: ['recommended', 'accepted'] }, order: 'inbox' }),
  },
];
