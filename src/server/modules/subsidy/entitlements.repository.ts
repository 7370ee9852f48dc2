// Storage of 免申即享 entitlements in bulk (issue #3: 500,000 per scan). An entitlement's id is derived from its key
// (entitlement_uuid, migration 0021), so the scan knows every candidate's id itself; it reads the year's (id, digest) pairs once,
// and writes only new rows and rows whose digest (status, amount, basis, facts, note, ruleset version) changed —
// a rescan of unchanged data writes nothing and every entitlement keeps its id. A chunk goes to the database as
// one array literal per column, unnested server-side (the server parses arrays faster than json_to_recordset,
// and the literals are built here without pg's per-element escaping). What a scan no longer finds and nobody
// confirmed is deleted by id. Scans of one year queue on an advisory lock, so the pairs read stay true.
import { hash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';

/**
 * An entitlement's id: md5 of its key with the version (3, name-based md5) and RFC variant bits set, so it is a
 * valid uuid — the database's entitlement_uuid(key) (migration 0021).
 */
export function entitlementId(key: string): string {
  const md5 = hash('md5', key, 'hex');
  const variant = ((md5.charCodeAt(16) <= 57 ? md5.charCodeAt(16) - 48 : md5.charCodeAt(16) - 87) & 3) | 8;
  return `${md5.slice(0, 8)}-${md5.slice(8, 12)}-3${md5.slice(13, 16)}-${variant.toString(16)}${md5.slice(17, 20)}-${md5.slice(20)}`;
}

/**
 * What a rescan compares, hashed: equal digests mean the stored row is already what the scan found. The text
 * hashed is unambiguous (the fields of variable length carry their length, the facts come last).
 */
export function entitlementDigest(status: string, fen: number, basis: string | null, factsJson: string, note: string | null, rulesetVersion: string): string {
  return hash('md5', `${status}|${fen}|${basis ?? '-'}|${rulesetVersion.length}:${rulesetVersion}|${note === null ? '-' : `${note.length}:${note}`}|${factsJson}`, 'hex');
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
    else out += v.includes('"') || v.includes('\\') ? `"${v.replace(/["\\]/g, '\\$&')}"` : `"${v}"`;
  }
  return `${out}}`;
}

/** An array literal of values this module made and that never need quoting (ids, hex digests, numbers, t/f); null → NULL. */
const bareArray = (values: ReadonlyArray<string | number | null>) => `{${values.map((v) => (v === null ? 'NULL' : v)).join(',')}}`;

/** The entitlements of one write, column by column; amount in fen. */
export class EntitlementBatch {
  readonly id: string[] = [];
  readonly dg: string[] = [];
  readonly k: string[] = [];
  readonly src: string[] = [];
  readonly m: string[] = [];
  readonly u: string[] = [];
  readonly n: string[] = [];
  readonly bk: string[] = [];
  readonly ry: string[] = [];
  readonly rs: string[] = [];
  readonly eid: Array<string | null> = [];
  readonly oid: Array<string | null> = [];
  readonly d: string[] = [];
  readonly mt: Array<string | null> = [];
  /** facts as JSON text */
  readonly f: string[] = [];
  readonly note: Array<string | null> = [];
  readonly st: string[] = [];
  readonly a: number[] = [];
  readonly b: Array<string | null> = [];

  get size(): number {
    return this.id.length;
  }

  push(e: {
    id: string; digest: string; key: string; source: string; measure: string; uscc: string; name: string; kind: string; registeredInYangpu: boolean; registeredInShanghai: boolean;
    enterpriseId: string | null; organizationId: string | null; eventDate: string; matter: string | null; factsJson: string; note: string | null; status: string; fen: number; basis: string | null;
  }): void {
    this.id.push(e.id); this.dg.push(e.digest); this.k.push(e.key); this.src.push(e.source); this.m.push(e.measure); this.u.push(e.uscc); this.n.push(e.name); this.bk.push(e.kind);
    this.ry.push(e.registeredInYangpu ? 't' : 'f'); this.rs.push(e.registeredInShanghai ? 't' : 'f'); this.eid.push(e.enterpriseId); this.oid.push(e.organizationId); this.d.push(e.eventDate);
    this.mt.push(e.matter); this.f.push(e.factsJson); this.note.push(e.note); this.st.push(e.status); this.a.push(e.fen); this.b.push(e.basis);
  }

  /** The columns as array literals (the parameters of upsertEntitlements). */
  columns() {
    return {
      id: bareArray(this.id), dg: bareArray(this.dg), k: textArray(this.k), src: textArray(this.src), m: textArray(this.m), u: textArray(this.u), n: textArray(this.n), bk: textArray(this.bk),
      ry: bareArray(this.ry), rs: bareArray(this.rs), eid: textArray(this.eid), oid: textArray(this.oid), d: textArray(this.d), mt: textArray(this.mt), f: textArray(this.f),
      note: textArray(this.note), st: textArray(this.st), a: bareArray(this.a), b: textArray(this.b),
    };
  }
}

export type EntitlementColumns = ReturnType<EntitlementBatch['columns']>;

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
