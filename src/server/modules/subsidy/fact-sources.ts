// 免申即享 fact sources: each module registers what its data can tell the engine. A source returns candidate
// claims (beneficiary, measure, facts, matter, eventDate) for a period; the scan evaluates them all.
import type { Kysely, Transaction } from 'kysely';
import type { BeneficiaryKind, FactValue } from '../../../policy';
import type { DB } from '../../db/schema';

export interface Period {
  year: number;
  from: string;
  to: string;
}

export interface CandidateBeneficiary {
  uscc: string;
  name: string;
  kind: BeneficiaryKind;
  registeredInYangpu: boolean;
  registeredInShanghai: boolean;
  enterpriseId: string | null;
  organizationId: string | null;
}

export interface Candidate {
  source: string;
  measure: string;
  beneficiary: CandidateBeneficiary;
  facts: Record<string, FactValue>;
  matter?: string;
  eventDate: string;
  /** Where the facts come from, shown to the officer who confirms (e.g. "registry: listing recorded 2025-06-02"). */
  note: string;
}

export interface FactSource {
  id: string;
  /** The measures it can produce candidates for (documentation and the /subsidy/fact-sources listing). */
  measures: readonly string[];
  description: string;
  collect(db: Kysely<DB> | Transaction<DB>, period: Period): Promise<Candidate[]>;
}

const sources = new Map<string, FactSource>();

export function registerFactSource(source: FactSource): void {
  if (sources.has(source.id)) throw new Error(`fact source ${source.id} is registered twice`);
  sources.set(source.id, source);
}

export function unregisterFactSource(id: string): void {
  sources.delete(id);
}

export function factSources(): FactSource[] {
  return [...sources.values()];
}

export const periodOfYear = (year: number): Period => ({ year, from: `${year}-01-01`, to: `${year}-12-31` });

export const candidateKey = (c: Pick<Candidate, 'source' | 'measure' | 'beneficiary' | 'matter' | 'eventDate'>) =>
  `${c.source}|${c.measure}|${c.beneficiary.uscc}|${c.matter ?? ''}|${c.eventDate}`;
