// Endpoint functions and types of the enterprise evaluations (docs/evaluation.md).
import { http } from './client';

export type EvaluationKind = 'tech_sme' | 'hnte' | 'innovation_points' | 'lifecycle' | 'listing_readiness';

export interface Check {
  id: string;
  label: string;
  met: boolean | null;
  actual: number | null;
  required: number | null;
  unit: 'yuan' | 'share' | 'count' | 'years' | 'bool' | 'points';
  detail: string;
  needed: string[];
  clause?: string;
}

export interface Percentile {
  registry: { percentile: number | null; of: number };
  sector: { sector: string; percentile: number | null; of: number };
}

export interface StoredEvaluation {
  kind: EvaluationKind;
  modelVersion: string;
  current: boolean;
  score: number | null;
  eligible: boolean | null;
  result: Record<string, any>;
  evaluatedAt: string;
  percentile: Percentile | null;
}

export interface EvaluationsReply {
  enterpriseId: string;
  year: number;
  years: number[];
  results: StoredEvaluation[];
}

export interface FactsReply {
  year: number;
  facts: Record<string, number | boolean | string | null>;
  updatedAt: string | null;
}

export interface ModelChange {
  id: string;
  kind: string;
  version: string;
  definition: Record<string, unknown>;
  reason: string;
  status: 'proposed' | 'approved' | 'rejected';
  proposedBy: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
}

export interface ModelsReply {
  inForce: { kind: string; version: string; default: boolean; definition: Record<string, unknown> }[];
  defaults: { kind: string; version: string; definition: Record<string, unknown> }[];
  changes: ModelChange[];
}

export interface RunReply {
  id: string;
  year: number;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  enterprises: number;
  changed: number;
  unchanged: number;
  computeMs: number;
}

const enc = encodeURIComponent;

export const evaluationApi = {
  get: (id: string, year: number | undefined, signal?: AbortSignal) =>
    http.get<EvaluationsReply>(`/enterprises/${enc(id)}/evaluations`, year ? { year } : undefined, signal),
  refresh: (id: string, year: number) => http.post<EvaluationsReply>(`/enterprises/${enc(id)}/evaluations/run`, { year }),
  facts: (id: string, year: number, signal?: AbortSignal) => http.get<FactsReply>(`/enterprises/${enc(id)}/evaluation-facts/${year}`, undefined, signal),
  putFacts: (id: string, year: number, facts: Record<string, unknown>) => http.put<FactsReply>(`/enterprises/${enc(id)}/evaluation-facts/${year}`, facts),
  models: (signal?: AbortSignal) => http.get<ModelsReply>('/evaluation/models', undefined, signal),
  propose: (kind: string, definition: unknown, reason: string) => http.post<ModelChange>('/evaluation/models', { kind, definition, reason }),
  approve: (id: string, reason?: string) => http.post<ModelChange>(`/evaluation/models/${enc(id)}/approve`, reason ? { reason } : {}),
  reject: (id: string, reason?: string) => http.post<ModelChange>(`/evaluation/models/${enc(id)}/reject`, reason ? { reason } : {}),
  runs: (signal?: AbortSignal) => http.get<RunReply[]>('/evaluation/runs', undefined, signal),
  run: (year?: number) => http.post<RunReply>('/evaluation/runs', year ? { year } : {}),
};
