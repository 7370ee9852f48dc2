// Storage of 免申即享 entitlements in bulk (issue #3: 500,000 per scan). A chunk of rows goes to the database as
// one array literal per column, unnested server-side (17 parameters, not 17 per row; the server parses arrays
// faster than json_to_recordset, and the literals are built here without pg's per-element escaping), and only what changed is
// written: a row whose result, facts and note are the same as stored is not touched, so a rescan of unchanged
// data writes (almost) nothing and every entitlement keeps its id. What a scan no longer finds and nobody
// confirmed is deleted, by anti-join against the keys this scan saw (a temp table dropped at commit).
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';

/** One entitlement as stored; amount in fen. Short field names keep the JSON small. */
export interface EntitlementRow {
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
  note: string | null;
  st: string;
  a: number;
  b: string | null;
}

export async function beginEntitlementScan(trx: Transaction<DB>): Promise<void> {
  // Indexed so the final anti-join probes it whatever the planner thinks of a table it has no statistics for
  // (without the index a fresh database got a nested loop over both: 4.5 s for 10,000 rows).
  await sql`create temp table scan_found (key text primary key) on commit drop`.execute(trx);
  // Chunks of 20,000 rows cost enough for the planner to JIT-compile every statement; that only adds time here.
  await sql`set local jit = off`.execute(trx);
}

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
    k: textArray(col((r) => r.k)), src: textArray(col((r) => r.src)), m: textArray(col((r) => r.m)), u: textArray(col((r) => r.u)), n: textArray(col((r) => r.n)),
    bk: textArray(col((r) => r.bk)), ry: bool((r) => r.ry), rs: bool((r) => r.rs), eid: textArray(col((r) => r.eid)), oid: textArray(col((r) => r.oid)),
    d: textArray(col((r) => r.d)), mt: textArray(col((r) => r.mt)), f: textArray(col((r) => JSON.stringify(r.f))), note: textArray(col((r) => r.note)),
    st: textArray(col((r) => r.st)), a: `{${col((r) => r.a).join(',')}}`, b: textArray(col((r) => r.b)),
  };
}

export type EntitlementColumns = ReturnType<typeof entitlementColumns>;

/**
 * Inserts new entitlements and updates those whose status, amount, basis, facts, note or ruleset version
 * changed (scanned_at = this scan); records every key seen. Returns how many rows were written.
 */
export async function upsertEntitlements(trx: Transaction<DB>, year: number, rulesetVersion: string, scannedAt: Date, c: EntitlementColumns): Promise<number> {
  const r = await sql`
    with r as (
      select * from unnest(${c.k}::text[], ${c.src}::text[], ${c.m}::text[], ${c.u}::text[], ${c.n}::text[], ${c.bk}::text[], ${c.ry}::boolean[], ${c.rs}::boolean[],
        ${c.eid}::uuid[], ${c.oid}::uuid[], ${c.d}::date[], ${c.mt}::text[], ${c.f}::jsonb[], ${c.note}::text[], ${c.st}::text[], ${c.a}::bigint[], ${c.b}::text[])
        as r(k, src, m, u, n, bk, ry, rs, eid, oid, d, mt, f, note, st, a, b)
    ), seen as (
      insert into scan_found (key) select k from r
    )
    insert into subsidy_entitlements as t (key, year, source, measure, beneficiary_uscc, beneficiary_name, beneficiary_kind, registered_in_yangpu,
      registered_in_shanghai, enterprise_id, organization_id, event_date, matter, facts, basis_note, status, amount, basis, ruleset_version, scanned_at)
    select r.k, ${year}::int, r.src, r.m, r.u, r.n, r.bk, r.ry, r.rs, r.eid, r.oid, r.d, r.mt, r.f, r.note, r.st, r.a, r.b, ${rulesetVersion}::text, ${scannedAt}::timestamptz
    -- lateral + limit: one index probe per row; a plain join is planned as a hash join over the whole table
    from r left join lateral (select x.id, x.status, x.amount, x.basis, x.facts, x.basis_note, x.ruleset_version from subsidy_entitlements x where x.key = r.k limit 1) e on true
    where e.id is null or (e.status, e.amount, e.basis, e.facts, e.basis_note, e.ruleset_version) is distinct from (r.st, r.a, r.b, r.f, r.note, ${rulesetVersion}::text)
    on conflict (key) do update set status = excluded.status, amount = excluded.amount, basis = excluded.basis, facts = excluded.facts,
      basis_note = excluded.basis_note, ruleset_version = excluded.ruleset_version, scanned_at = excluded.scanned_at`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

/** Drops the year's unconfirmed entitlements this scan did not find; returns how many. */
export async function deleteEntitlementsNotFound(trx: Transaction<DB>, year: number): Promise<number> {
  await sql`analyze scan_found`.execute(trx);
  const r = await sql`
    delete from subsidy_entitlements e
    where e.year = ${year} and e.claim_id is null and not exists (select 1 from scan_found f where f.key = e.key)`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}
