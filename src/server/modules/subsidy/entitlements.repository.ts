// Storage of 免申即享 entitlements in bulk (issue #3: 500,000 per scan). A scan reads its year's stored
// (key, id, digest) once, looks each candidate up by key, and writes only new rows and rows whose digest (status,
// amount, basis, facts, note, ruleset version, beneficiary) changed — a rescan of unchanged data writes nothing and
// every entitlement keeps its id. New rows get time-ordered ids (the scan's time, then a counter: each goes to the
// right edge of the primary key). A beneficiary is stored once per year (subsidy_scan_beneficiaries), written
// with any of its entitlements. Rows travel as one array literal per column, unnested server-side (the server
// parses arrays faster than json_to_recordset, and the literals are built here without pg's per-element
// escaping). What a scan no longer finds and nobody confirmed is deleted by id. Scans of one year queue on an
// advisory lock, so what was read stays true, and the scan is the only writer of entitlements: that is what keeps
// a key stored once per year (migration 0024).
import { hash, randomBytes } from 'node:crypto';
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';

/** An entitlement's key in SQL (source|measure|uscc|matter|eventDate, as candidateKey builds it) for the table alias given. */
export function entitlementKeySql(alias: string): RawBuilder<string> {
  const c = (name: string) => sql.ref(`${alias}.${name}`);
  return sql<string>`(${c('source')} || '|' || ${c('measure')} || '|' || ${c('beneficiary_uscc')} || '|' || coalesce(${c('matter')}, '') || '|' || ${c('event_date')}::text)`;
}

/** What a beneficiary's entitlements carry of it into their digests (length-prefixed where of variable length). */
export function beneficiaryText(b: { name: string; kind: string; registeredInYangpu: boolean; registeredInShanghai: boolean; enterpriseId: string | null; organizationId: string | null }): string {
  return `${b.name.length}:${b.name}|${b.kind}|${b.registeredInYangpu ? 1 : 0}${b.registeredInShanghai ? 1 : 0}|${b.enterpriseId ?? '-'}|${b.organizationId ?? '-'}`;
}

/**
 * What a rescan compares, hashed: equal digests mean the stored row is already what the scan found. The text
 * hashed is unambiguous (the fields of variable length carry their length, the facts come last).
 */
export function entitlementDigest(status: string, fen: number, basis: string | null, factsJson: string, note: string | null, rulesetVersion: string, beneficiary: string): string {
  return hash('md5', `${status}|${fen}|${basis ?? '-'}|${rulesetVersion.length}:${rulesetVersion}|${note === null ? '-' : `${note.length}:${note}`}|${beneficiary.length}:${beneficiary}|${factsJson}`, 'hex');
}

/** A year's stored entitlements: key → position in the parallel arrays. */
export interface StoredEntitlements {
  byKey: Map<string, number>;
  ids: string[];
  /** null: stored before digests; always rewritten. */
  digests: Array<string | null>;
  confirmed: boolean[];
}

/** Starts a year's scan in its transaction: waits for any other scan of the year, and reads what is stored. */
export async function beginEntitlementScan(trx: Transaction<DB>, year: number): Promise<StoredEntitlements> {
  await sql`select pg_advisory_xact_lock(${SCAN_LOCK}::int, ${year}::int)`.execute(trx);
  // Chunks of 20,000 rows cost enough for the planner to JIT-compile every statement; that only adds time here.
  await sql`set local jit = off`.execute(trx);
  const rows = await trx
    .selectFrom('subsidy_entitlements as e')
    .select(['e.id', 'e.digest', sql<boolean>`e.claim_id is not null`.as('confirmed'), entitlementKeySql('e').as('key')])
    .where('e.year', '=', year)
    .execute();
  const stored: StoredEntitlements = { byKey: new Map(), ids: new Array(rows.length), digests: new Array(rows.length), confirmed: new Array(rows.length) };
  rows.forEach((r, i) => {
    stored.byKey.set(r.key, i);
    stored.ids[i] = r.id;
    stored.digests[i] = r.digest;
    stored.confirmed[i] = r.confirmed;
  });
  return stored;
}

/** The advisory-lock class of subsidy scans (the year is the second key). */
const SCAN_LOCK = 3_001;

/**
 * A PostgreSQL array literal of text values (NULL for null). JSON escapes `"` and `\\` as an array literal does and
 * writes null as null, so JSON.stringify (native, ~20× faster than escaping element by element here) gives the
 * literal whenever it escaped nothing else; a control character or a lone surrogate (JSON writes `\n`, `\u…`,
 * which an array literal would read as `n`, `u…`) takes the element-by-element way.
 */
export function textArray(values: ReadonlyArray<string | null>): string {
  const json = JSON.stringify(values);
  if (!OTHER_ESCAPE.test(json)) return `{${json.slice(1, -1)}}`;
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i) out += ',';
    if (v === null || v === undefined) out += 'NULL';
    else out += v.includes('"') || v.includes('\\') ? `"${v.replace(/["\\]/g, '\\$&')}"` : `"${v}"`;
  }
  return `${out}}`;
}

/** A backslash that escapes something other than `"` or `\\` (or, harmlessly, follows an escaped backslash). */
const OTHER_ESCAPE = /\\[^"\\]/;

/** An array literal of values this module made and that never need quoting (hex digests, numbers, t/f, uuids). */
const bareArray = (values: ReadonlyArray<string | number>) => `{${values.join(',')}}`;

export interface EntitlementRow {
  digest: string;
  factsJson: string;
  note: string | null;
  status: string;
  fen: number;
  basis: string | null;
}

export interface NewEntitlementRow extends EntitlementRow {
  source: string;
  measure: string;
  uscc: string;
  eventDate: string;
  matter: string | null;
}

export interface ScanBeneficiaryRow {
  uscc: string;
  name: string;
  kind: string;
  registeredInYangpu: boolean;
  registeredInShanghai: boolean;
  enterpriseId: string | null;
  organizationId: string | null;
}

/** What one write of a scan stores, column by column: new entitlements, changed ones (by id), their beneficiaries. */
export class EntitlementWrites {
  private readonly fresh = { dg: [] as string[], src: [] as string[], m: [] as string[], u: [] as string[], d: [] as string[], mt: [] as Array<string | null>, f: [] as string[], note: [] as Array<string | null>, st: [] as string[], a: [] as number[], b: [] as Array<string | null> };
  private readonly changed = { id: [] as string[], dg: [] as string[], f: [] as string[], note: [] as Array<string | null>, st: [] as string[], a: [] as number[], b: [] as Array<string | null> };
  private readonly who = { u: [] as string[], n: [] as string[], k: [] as string[], ry: [] as string[], rs: [] as string[], eid: [] as Array<string | null>, oid: [] as Array<string | null> };

  get size(): number {
    return this.fresh.dg.length + this.changed.id.length;
  }

  get freshCount(): number {
    return this.fresh.dg.length;
  }

  add(e: NewEntitlementRow): void {
    const c = this.fresh;
    c.dg.push(e.digest); c.src.push(e.source); c.m.push(e.measure); c.u.push(e.uscc); c.d.push(e.eventDate); c.mt.push(e.matter);
    c.f.push(e.factsJson); c.note.push(e.note); c.st.push(e.status); c.a.push(e.fen); c.b.push(e.basis);
  }

  change(id: string, e: EntitlementRow): void {
    const c = this.changed;
    c.id.push(id); c.dg.push(e.digest); c.f.push(e.factsJson); c.note.push(e.note); c.st.push(e.status); c.a.push(e.fen); c.b.push(e.basis);
  }

  beneficiary(b: ScanBeneficiaryRow): void {
    const c = this.who;
    c.u.push(b.uscc); c.n.push(b.name); c.k.push(b.kind); c.ry.push(b.registeredInYangpu ? 't' : 'f'); c.rs.push(b.registeredInShanghai ? 't' : 'f'); c.eid.push(b.enterpriseId); c.oid.push(b.organizationId);
  }

  /** The array literals of each statement (null: nothing of that kind). */
  literals() {
    const f = this.fresh;
    const c = this.changed;
    const w = this.who;
    return {
      beneficiaries: w.u.length ? { u: textArray(w.u), n: textArray(w.n), k: textArray(w.k), ry: bareArray(w.ry), rs: bareArray(w.rs), eid: textArray(w.eid), oid: textArray(w.oid) } : null,
      fresh: f.dg.length
        ? { dg: bareArray(f.dg), src: textArray(f.src), m: textArray(f.m), u: textArray(f.u), d: textArray(f.d), mt: textArray(f.mt), f: textArray(f.f), note: textArray(f.note), st: textArray(f.st), a: bareArray(f.a), b: textArray(f.b) }
        : null,
      changed: c.id.length ? { id: bareArray(c.id), dg: bareArray(c.dg), f: textArray(c.f), note: textArray(c.note), st: textArray(c.st), a: bareArray(c.a), b: textArray(c.b) } : null,
    };
  }
}

export type EntitlementLiterals = ReturnType<EntitlementWrites['literals']>;

/**
 * The ids of a scan's new entitlements: uuid-shaped, the scan's time in milliseconds first (as in a version-7
 * uuid), 26 random bits that tell apart scans of the same millisecond, then a 48-bit counter — each scan's ids
 * ascend, and a later scan's are greater.
 */
export function newIdPrefix(scannedAt: Date): string {
  const t = scannedAt.getTime().toString(16).padStart(12, '0');
  const r = randomBytes(4).toString('hex');
  const variant = (8 | (Number.parseInt(r[3]!, 16) & 3)).toString(16);
  return `${t.slice(0, 8)}-${t.slice(8)}-7${r.slice(0, 3)}-${variant}${r.slice(4, 7)}-`;
}

/**
 * Writes one batch of a scan: its beneficiaries (upserted), its new entitlements (ids idPrefix + counter from
 * idBase + 1) and its changed ones; scanned_at = this scan. Returns how many entitlements were written.
 */
export async function writeEntitlements(
  trx: Transaction<DB>,
  scan: { year: number; rulesetVersion: string; scannedAt: Date; idPrefix: string },
  idBase: number,
  l: EntitlementLiterals,
): Promise<number> {
  const { year, rulesetVersion, scannedAt, idPrefix } = scan;
  let n = 0;
  if (l.beneficiaries) {
    const b = l.beneficiaries;
    await sql`
      insert into subsidy_scan_beneficiaries as t (year, uscc, name, kind, registered_in_yangpu, registered_in_shanghai, enterprise_id, organization_id)
      select ${year}::int, r.u, r.n, r.k, r.ry, r.rs, r.eid, r.oid
      from unnest(${b.u}::text[], ${b.n}::text[], ${b.k}::text[], ${b.ry}::boolean[], ${b.rs}::boolean[], ${b.eid}::uuid[], ${b.oid}::uuid[]) as r(u, n, k, ry, rs, eid, oid)
      on conflict (year, uscc) do update set name = excluded.name, kind = excluded.kind, registered_in_yangpu = excluded.registered_in_yangpu,
        registered_in_shanghai = excluded.registered_in_shanghai, enterprise_id = excluded.enterprise_id, organization_id = excluded.organization_id`.execute(trx);
  }
  if (l.fresh) {
    const c = l.fresh;
    const r = await sql`
      insert into subsidy_entitlements (id, year, source, measure, beneficiary_uscc, event_date, matter, facts, basis_note, status, amount, basis, ruleset_version, scanned_at, digest)
      select (${idPrefix}::text || lpad(to_hex(${idBase}::bigint + r.i), 12, '0'))::uuid, ${year}::int, r.src, r.m, r.u, r.d, r.mt, r.f, r.note, r.st, r.a, r.b,
        ${rulesetVersion}::text, ${scannedAt}::timestamptz, r.dg
      from unnest(${c.src}::text[], ${c.m}::text[], ${c.u}::text[], ${c.d}::date[], ${c.mt}::text[], ${c.f}::json[], ${c.note}::text[], ${c.st}::text[], ${c.a}::bigint[],
          ${c.b}::text[], ${c.dg}::text[]) with ordinality as r(src, m, u, d, mt, f, note, st, a, b, dg, i)`.execute(trx);
    n += Number(r.numAffectedRows ?? 0);
  }
  if (l.changed) {
    const c = l.changed;
    const r = await sql`
      update subsidy_entitlements t set status = r.st, amount = r.a, basis = r.b, facts = r.f, basis_note = r.note, ruleset_version = ${rulesetVersion}::text,
        scanned_at = ${scannedAt}::timestamptz, digest = r.dg
      from unnest(${c.id}::uuid[], ${c.f}::json[], ${c.note}::text[], ${c.st}::text[], ${c.a}::bigint[], ${c.b}::text[], ${c.dg}::text[]) as r(id, f, note, st, a, b, dg)
      where t.id = r.id`.execute(trx);
    n += Number(r.numAffectedRows ?? 0);
  }
  return n;
}

/**
 * Drops the given unconfirmed entitlements of a year (those the scan did not find), and the year's beneficiaries
 * left with none; returns how many entitlements.
 */
export async function deleteEntitlements(trx: Transaction<DB>, year: number, ids: readonly string[]): Promise<number> {
  const usccs = new Set<string>();
  let n = 0;
  for (let i = 0; i < ids.length; i += 20_000) {
    const r = await sql<{ u: string }>`delete from subsidy_entitlements where id = any(${bareArray(ids.slice(i, i + 20_000))}::uuid[]) and claim_id is null returning beneficiary_uscc as u`.execute(trx);
    n += r.rows.length;
    for (const row of r.rows) usccs.add(row.u);
  }
  if (usccs.size) {
    await sql`
      delete from subsidy_scan_beneficiaries b where b.year = ${year}::int and b.uscc = any(${textArray([...usccs])}::bpchar[])
        and b.uscc not in (select e.beneficiary_uscc from subsidy_entitlements e where e.year = ${year}::int)`.execute(trx);
  }
  return n;
}
