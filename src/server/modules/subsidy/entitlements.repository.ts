// Storage of 免申即享 entitlements in bulk (issue #3: 500,000 per scan). An entitlement's id is derived from its key
// (entitlement_uuid, migration 0021), so the scan knows every candidate's id itself; it reads the year's (id, digest) pairs once,
// and writes only new rows and rows whose digest (status, amount, basis, facts, note, ruleset version) changed —
// a rescan of unchanged data writes nothing and every entitlement keeps its id. A chunk goes to the database as
// one array literal per column, unnested server-side (the server parses arrays faster than json_to_recordset,
// and the literals are built here without pg's per-element escaping). What a scan no longer finds and nobody
// confirmed is deleted by id. Scans of one year queue on an advisory lock, so the pairs read stay true.
import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';

/** One entitlement as stored; amount in fen. Short field names keep the JSON small. */
export interface EntitlementRow {
  /** entitlementId(k) */
  id: string;
  /** key: source|measure|uscc|matter|eventDate */
  k: string;
  src: string;
  m: string;
  u: string;
  n: string;
  bk: string;
  ry: boolean;
  rs: boolean;
  eid: string | null;
  oid: string | null;
  d: string;
  mt: string | null;
  f: Record<string, unknown>;
  /** JSON.stringify(f), computed once for the digest and the column */
  fj: string;
  note: string | null;
  st: string;
  a: number;
  b: string | null;
  /** entitlementDigest(…) */
  dg: string;
}

/**
 * An entitlement's id: md5 of its key with the version (3, name-based md5) and RFC variant bits set, so it is a
 * valid uuid — the database's entitlement_uuid(key) (migration 0021).
 */
export function entitlementId(key: string): string {
  const md5 = createHash('md5').update(key, 'utf8').digest('hex');
  const h = `${md5.slice(0, 12)}3${md5.slice(13, 16)}${((Number.parseInt(md5[16]!, 16) & 3) | 8).toString(16)}${md5.slice(17)}`;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** What a rescan compares, hashed: equal digests mean the stored row is already what the scan found. */
export function entitlementDigest(status: string, fen: number, basis: string | null, factsJson: string, note: string | null, rulesetVersion: string): string {
  return createHash('md5').update(JSON.stringify([status, fen, basis, factsJson, note, rulesetVersion]), 'utf8').digest('hex');
}

/**
 * Starts a year's scan in its transaction: waits for any other scan of the year, and returns the year's stored
 * entitlements as id → digest (null digest: stored before digests; always rewritten) and the confirmed ids.
 */
export async function beginEntitlementScan(trx: Transaction<DB>, year: number): Promise<{ stored: Map<string, string | null>; confirmed: Set<string> }> {
  await sql`select pg_advisory_xact_lock(${SCAN_LOCK}::int, ${year}::int)`.execute(trx);
  // Chunks of 20,000 rows cost enough for the planner to JIT-compile every statement; that only adds time here.
  await sql`set local jit = off`.execute(trx);
  const rows = await trx.selectFrom('subsidy_entitlements').select(['id', 'digest', 'claim_id']).where('year', '=', year).execute();
  const stored = new Map<string, string | null>();
  const confirmed = new Set<string>();
  for (const r of rows) {
    stored.set(r.id, r.digest);
    if (r.claim_id) confirmed.add(r.id);
  }
  return { stored, confirmed };
}

/** The advisory-lock class of subsidy scans (the year is the second key). */
const SCAN_LOCK = 3_001;

/** A PostgreSQL array literal of text values (NULL for null). */
function textArray(values: ReadonlyArray<string | null>): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i) out += ',';
    if (v === null || v === undefined) out += 'NULL';
    else {
      let needs = false;
      for (let j = 0; j < v.length && !needs; j++) {
        const ch = v.charCodeAt(j);
        needs = ch === 34 || ch === 92;
      }
      out += needs ? `"${v.replace(/["\\]/g, '\\$&')}"` : `"${v}"`;
    }
  }
  return `${out}}`;
}

/** Column arrays of a chunk of rows, as array literals (the parameters of upsertEntitlements). */
export function entitlementColumns(rows: readonly EntitlementRow[]) {
  const n = rows.length;
  const col = <T>(f: (r: EntitlementRow) => T) => {
    const out = new Array<T>(n);
    for (let i = 0; i < n; i++) out[i] = f(rows[i]!);
    return out;
  };
  const bool = (f: (r: EntitlementRow) => boolean) => `{${col((r) => (f(r) ? 't' : 'f')).join(',')}}`;
  return {
    id: textArray(col((r) => r.id)), dg: textArray(col((r) => r.dg)), k: textArray(col((r) => r.k)), src: textArray(col((r) => r.src)), m: textArray(col((r) => r.m)), u: textArray(col((r) => r.u)), n: textArray(col((r) => r.n)),
    bk: textArray(col((r) => r.bk)), ry: bool((r) => r.ry), rs: bool((r) => r.rs), eid: textArray(col((r) => r.eid)), oid: textArray(col((r) => r.oid)),
    d: textArray(col((r) => r.d)), mt: textArray(col((r) => r.mt)), f: textArray(col((r) => r.fj)), note: textArray(col((r) => r.note)),
    st: textArray(col((r) => r.st)), a: `{${col((r) => r.a).join(',')}}`, b: textArray(col((r) => r.b)),
  };
}

export type EntitlementColumns = ReturnType<typeof entitlementColumns>;

/**
 * Writes new and changed entitlements (the caller has left out those whose digest is unchanged); scanned_at = this
 * scan. Returns how many rows were written.
 */
export async function upsertEntitlements(trx: Transaction<DB>, year: number, rulesetVersion: string, scannedAt: Date, c: EntitlementColumns): Promise<number> {
  const r = await sql`
    insert into subsidy_entitlements as t (id, key, year, source, measure, beneficiary_uscc, beneficiary_name, beneficiary_kind, registered_in_yangpu,
      registered_in_shanghai, enterprise_id, organization_id, event_date, matter, facts, basis_note, status, amount, basis, ruleset_version, scanned_at, digest)
    select r.id, r.k, ${year}::int, r.src, r.m, r.u, r.n, r.bk, r.ry, r.rs, r.eid, r.oid, r.d, r.mt, r.f, r.note, r.st, r.a, r.b, ${rulesetVersion}::text, ${scannedAt}::timestamptz, r.dg
    from unnest(${c.id}::uuid[], ${c.k}::text[], ${c.src}::text[], ${c.m}::text[], ${c.u}::text[], ${c.n}::text[], ${c.bk}::text[], ${c.ry}::boolean[], ${c.rs}::boolean[],
        ${c.eid}::uuid[], ${c.oid}::uuid[], ${c.d}::date[], ${c.mt}::text[], ${c.f}::jsonb[], ${c.note}::text[], ${c.st}::text[], ${c.a}::bigint[], ${c.b}::text[], ${c.dg}::text[])
      as r(id, k, src, m, u, n, bk, ry, rs, eid, oid, d, mt, f, note, st, a, b, dg)
    on conflict (id) do update set status = excluded.status, amount = excluded.amount, basis = excluded.basis, facts = excluded.facts,
      basis_note = excluded.basis_note, ruleset_version = excluded.ruleset_version, scanned_at = excluded.scanned_at, digest = excluded.digest`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

/** Drops the given unconfirmed entitlements (those of the year the scan did not find); returns how many. */
export async function deleteEntitlements(trx: Transaction<DB>, ids: readonly string[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < ids.length; i += 20_000) {
    const r = await sql`delete from subsidy_entitlements where id = any(${textArray(ids.slice(i, i + 20_000))}::uuid[]) and claim_id is null`.execute(trx);
    n += Number(r.numAffectedRows ?? 0);
  }
  return n;
}
