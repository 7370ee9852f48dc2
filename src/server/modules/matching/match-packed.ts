// The matcher's bulk path (issue #4 benchmark: 100,000 enterprises × 500 products in under 5 s). The same rules as
// compileCriteria in match-rules.ts, over facts packed into typed arrays and criteria packed into bit masks, so
// deciding a pair is a handful of integer comparisons with no allocation and no call. Pure: no I/O.
// Tested against explainMatch, case by case, in test/product/match-rules.test.ts.
import { prepareFacts, STAGES, YANGPU, type Criteria, type EnterpriseFacts } from './match-rules';

/** Certification types the packed criteria refer to; at most 31, one bit each. */
export function certVocabulary(criteria: readonly Criteria[]): string[] | null {
  const types = [...new Set(criteria.flatMap((c) => c.certifications ?? []))].sort();
  return types.length <= 31 ? types : null;
}

export interface PackedFacts {
  n: number;
  yangpu: Uint8Array;
  /** Index into `sectors`, -1 for a sector no product names. */
  sector: Int16Array;
  /** Whole years since founding, -1 unknown. */
  years: Int16Array;
  /** Index into STAGES, -1 unknown. */
  stage: Int8Array;
  /** Latest revenue in fen, -1 unknown. */
  revenue: Float64Array;
  certs: Uint32Array;
  npl: Int32Array;
}

export function packFacts(facts: readonly EnterpriseFacts[], today: string, vocabulary: readonly string[], sectors: readonly string[]): PackedFacts {
  const n = facts.length;
  const packed: PackedFacts = {
    n, yangpu: new Uint8Array(n), sector: new Int16Array(n), years: new Int16Array(n), stage: new Int8Array(n), revenue: new Float64Array(n),
    certs: new Uint32Array(n), npl: new Int32Array(n),
  };
  const certBit = new Map(vocabulary.map((t, i) => [t, 1 << i]));
  const sectorIndex = new Map(sectors.map((s, i) => [s, i]));
  for (let i = 0; i < n; i++) {
    const f = facts[i]!;
    const p = prepareFacts(f, today);
    packed.yangpu[i] = f.district === YANGPU ? 1 : 0;
    packed.sector[i] = sectorIndex.get(f.sector) ?? -1;
    packed.years[i] = p.years ?? -1;
    packed.stage[i] = p.stage === null ? -1 : STAGES.indexOf(p.stage);
    packed.revenue[i] = f.latestRevenue?.amount ?? -1;
    let mask = 0;
    for (const t of f.certifications) mask |= certBit.get(t) ?? 0;
    packed.certs[i] = mask >>> 0;
    packed.npl[i] = f.nplCount ?? 0;
  }
  return packed;
}

export interface PackedCriteria {
  yangpu: boolean;
  /** Bits of allowed sector indexes; 0 = no sector criterion. */
  sectorMask: number;
  minYears: number;
  minRevenue: number;
  stageMask: number;
  certMask: number;
  certAny: boolean;
  maxNpl: number;
}

export function packCriteria(c: Criteria, vocabulary: readonly string[], sectors: readonly string[]): PackedCriteria {
  let sectorMask = 0;
  // A sector list naming none of the known sectors matches nobody: bit 31 is never set on an enterprise.
  if (c.sectors?.length) for (const s of c.sectors) sectorMask |= sectors.includes(s) ? 1 << sectors.indexOf(s) : 1 << 30;
  let stageMask = 0;
  for (const s of c.stages ?? []) stageMask |= 1 << STAGES.indexOf(s);
  let certMask = 0;
  for (const t of c.certifications ?? []) certMask |= 1 << vocabulary.indexOf(t);
  return {
    yangpu: c.yangpuRegistered === true, sectorMask: sectorMask >>> 0, minYears: c.minYearsSinceFounding ?? -1, minRevenue: c.minRevenue ?? -1,
    stageMask, certMask: certMask >>> 0, certAny: c.certificationsMatch === 'any', maxNpl: c.maxNplCount ?? -1,
  };
}

/** Calls onMatch(i) for every enterprise index that qualifies; returns how many did. */
export function forEachMatch(f: PackedFacts, c: PackedCriteria, onMatch?: (i: number) => void): number {
  const { yangpu, sectorMask, minYears, minRevenue, stageMask, certMask, certAny, maxNpl } = c;
  let count = 0;
  for (let i = 0; i < f.n; i++) {
    if (yangpu && f.yangpu[i] === 0) continue;
    if (sectorMask !== 0) {
      const s = f.sector[i]!;
      if (s < 0 || (sectorMask & (1 << s)) === 0) continue;
    }
    if (minYears >= 0 && f.years[i]! < minYears) continue;
    if (minRevenue >= 0 && f.revenue[i]! < minRevenue) continue;
    if (stageMask !== 0) {
      const st = f.stage[i]!;
      if (st < 0 || (stageMask & (1 << st)) === 0) continue;
    }
    if (certMask !== 0) {
      const held = f.certs[i]! & certMask;
      if (certAny ? held === 0 : held >>> 0 !== certMask) continue;
    }
    if (maxNpl >= 0 && f.npl[i]! > maxNpl) continue;
    count++;
    if (onMatch) onMatch(i);
  }
  return count;
}
