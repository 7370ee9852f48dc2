import { sql } from 'kysely';
import type { GrantedEntry, Ruleset } from '../../../policy';
import type { Database } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { conflict, notFound } from '../../platform/errors';
import { fenToYuan } from '../../platform/money';
import type { ActorContext } from '../../platform/principal';
import { currentRuleset } from '../policy/policy.ruleset';
import { GRANTED_STATUSES } from './claim-transitions';
import { checkClaimInput, getClaim, type Ctx } from './claims.service';
import { ensureBeneficiary, nextClaimNumber, recordTransition } from './claims.repository';
import { grantedEntries } from './engine-request';
import { beginEntitlementScan, beneficiaryText, deleteEntitlements, entitlementDigest, entitlementKeySql, EntitlementWrites, newIdPrefix, writeEntitlements } from './entitlements.repository';
import { candidateKey, factSources, periodOfYear, type Candidate } from './fact-sources';
import { evaluateInSteps, type EvaluatedClaim } from './scan-evaluate';

/** Every granted/paid claim of every beneficiary, as the engine's `granted`, keyed by USCC. */
export async function grantedByBeneficiary(db: Database, except?: ReadonlySet<string>): Promise<Map<string, GrantedEntry[]>> {
  const rows = await db
    .selectFrom('subsidy_claims')
    .select(['id', 'beneficiary_uscc', 'measure', 'event_date', 'amount', 'matter'])
    .where('status', 'in', [...GRANTED_STATUSES])
    .orderBy('event_date')
    .orderBy('id')
    .execute();
  const map = new Map<string, GrantedEntry[]>();
  for (const r of rows) {
    if (except?.has(r.id)) continue;
    const list = map.get(r.beneficiary_uscc) ?? [];
    list.push(...grantedEntries([r]));
    map.set(r.beneficiary_uscc, list);
  }
  return map;
}

export async function collectCandidates(db: Database, year: number): Promise<{ candidates: Candidate[]; bySource: Array<{ id: string; measures: readonly string[]; candidates: number }> }> {
  const period = periodOfYear(year);
  // One set-based query per source; on PostgreSQL they run side by side (PGlite queues them).
  const sources = factSources();
  const found = await Promise.all(sources.map((s) => s.collect(db, period)));
  const candidates: Candidate[] = [];
  for (const list of found) for (const c of list) candidates.push(c); // no spread: a source may return hundreds of thousands
  return { candidates, bySource: sources.map((s, i) => ({ id: s.id, measures: s.measures, candidates: found[i]!.length })) };
}

export function toEvaluable(candidates: Candidate[]) {
  return candidates.map((c, i) => ({
    ref: `e${i}`, measure: c.measure, eventDate: c.eventDate, matter: c.matter, facts: c.facts,
    beneficiary: { uscc: c.beneficiary.uscc, kind: c.beneficiary.kind, registeredInYangpu: c.beneficiary.registeredInYangpu, registeredInShanghai: c.beneficiary.registeredInShanghai },
  }));
}

/** Candidate i's claim id in its beneficiary's request (ids order same-day claims and break non-duplication ties). */
const candidateRef = (i: number) => `e${i}`;

/** Rows per write: enough to keep the per-statement cost small. */
const STORE_CHUNK = 20_000;
/**
 * Claims per evaluation step: small, so that what a step allocates (requests, results) dies young. With steps of
 * 20,000 claims it outlived the young generation and was copied and promoted: the first scan's heap grew to
 * 1.25 GB and garbage collection took more of its time than anything else.
 */
const EVALUATE_STEP = 2_000;

/**
 * 免申即享 scan for a year: collect from every registered fact source, evaluate per beneficiary against what
 * each already has (the engine's summary path: status, amount, basis), and store the entitlements for officers
 * to confirm. Rescanning updates entitlements in place (key = source|measure|uscc|matter|eventDate), writes
 * only those whose result, facts, ruleset version or beneficiary changed (`scannedAt` of a row = the scan that
 * last changed it), and drops unconfirmed ones no longer found: scanning twice never duplicates. Every status is
 * stored, ineligible and excluded too, so an officer can see why an enterprise the data names gets nothing. A
 * beneficiary is stored once per year, as its first candidate names it — the one the engine evaluated with.
 *
 * At district scale (500,000 candidates) the work per candidate is kept to its key and its digest (one md5),
 * and nothing is kept per candidate once its step is stored: the year's stored keys are taken out of their map
 * as candidates are found (what remains is what the scan no longer finds), candidates are released as their
 * step is done, and the summary is counted as the steps go.
 */
export async function runScan(db: Database, ctx: ActorContext, year: number) {
  const ruleset = await currentRuleset(db);
  const [{ candidates, bySource }, granted] = await Promise.all([collectCandidates(db, year), grantedByBeneficiary(db)]);
  const scannedAt = new Date();
  const tally = new ScanTally(ruleset);
  const scan = { year, rulesetVersion: ruleset.version, scannedAt, idPrefix: newIdPrefix(scannedAt) };
  let summary!: ReturnType<ScanTally['summary']>;
  await db.transaction().execute(async (trx) => {
    const stored = await beginEntitlementScan(trx, year);
    let writes = new EntitlementWrites();
    let fresh = 0; // new entitlements handed to the database so far: the next id's counter starts after them
    // Store each batch while the next is evaluated: the database works on one while this process evaluates
    // the next (on PGlite, which runs in this thread, they simply alternate).
    let pending: Promise<number> | undefined;
    const flush = async () => {
      const literals = writes.literals();
      const idBase = fresh;
      fresh += writes.freshCount;
      writes = new EntitlementWrites();
      if (pending) await pending;
      pending = writeEntitlements(trx, scan, idBase, literals);
      await new Promise((resolve) => setImmediate(resolve)); // let the query reach the socket before evaluating on
    };
    const seen: string[] = [];
    for (const step of evaluateInSteps(ruleset, candidates, candidateRef, granted, undefined, EVALUATE_STEP)) {
      const { positions, results, groupStarts } = step;
      for (let g = 0; g + 1 < groupStarts.length; g++) {
        // One beneficiary: the engine evaluated its candidates with the first one's beneficiary, and so it is stored.
        const b = candidates[positions[groupStarts[g]!]!]!.beneficiary;
        const who = beneficiaryText(b);
        // A key names its beneficiary, so a key found twice is found twice within one beneficiary's candidates:
        // it is stored once, as first found.
        seen.length = 0;
        let written = false;
        for (let k = groupStarts[g]!; k < groupStarts[g + 1]!; k++) {
          const i = positions[k]!;
          const c = candidates[i]!;
          const key = candidateKey(c);
          if (seen.includes(key)) continue;
          seen.push(key);
          const r = results[k]!;
          tally.add(i, c, r);
          const at = stored.byKey.get(key);
          if (at !== undefined) stored.byKey.delete(key);
          const factsJson = JSON.stringify(c.facts);
          const digest = entitlementDigest(r.status, r.fen, r.basis, factsJson, c.note, ruleset.version, who);
          if (at !== undefined && stored.digests[at] === digest) continue; // unchanged since it was stored
          // One literal, no spread: spreading a row per candidate cost ~3 s of 500,000.
          const row = { digest, factsJson, note: c.note, status: r.status, fen: r.fen, basis: r.basis, source: c.source, measure: c.measure, uscc: b.uscc, eventDate: c.eventDate, matter: c.matter ?? null };
          if (at === undefined) writes.add(row);
          else writes.change(stored.ids[at]!, row);
          written = true;
        }
        if (written) writes.beneficiary(b);
        tally.beneficiaries++;
      }
      for (const i of positions) (candidates as Array<Candidate | undefined>)[i] = undefined; // done with: let it go
      if (writes.size >= STORE_CHUNK) await flush();
    }
    if (writes.size) await flush();
    if (pending) await pending;
    // What this scan no longer finds (and nobody confirmed) goes; what it found again keeps its id.
    const gone: string[] = [];
    for (const at of stored.byKey.values()) if (!stored.confirmed[at]) gone.push(stored.ids[at]!);
    if (gone.length) await deleteEntitlements(trx, year, gone);
    summary = tally.summary(year, scannedAt, bySource);
    const { byMeasure: _detail, ...auditSummary } = summary;
    await writeAudit(trx, ctx, { action: 'subsidy.scan', entityType: 'subsidy_scan', entityId: String(year), after: auditSummary });
  });
  return summary;
}

/** A scan's counts, added up candidate by candidate (each stored candidate once). */
class ScanTally {
  beneficiaries = 0;
  private stored = 0;
  private totalFen = 0;
  /** status → [count, the first candidate index with it]: byStatus lists statuses in the order candidates first had them. */
  private statuses = new Map<string, [number, number]>();
  private measures = new Map<string, { measure: string; title: string; candidates: number; granted: number; amountFen: number }>();

  constructor(private readonly ruleset: Ruleset) {}

  add(i: number, c: Candidate, r: EvaluatedClaim): void {
    this.stored++;
    const s = this.statuses.get(r.status);
    if (s) {
      s[0]++;
      if (i < s[1]) s[1] = i;
    } else this.statuses.set(r.status, [1, i]);
    let m = this.measures.get(c.measure);
    if (!m) this.measures.set(c.measure, (m = { measure: c.measure, title: this.ruleset.measures.get(c.measure)?.source.title ?? c.measure, candidates: 0, granted: 0, amountFen: 0 }));
    m.candidates += 1;
    if (r.status === 'granted') {
      m.granted += 1;
      m.amountFen += r.fen;
      this.totalFen += r.fen;
    }
  }

  summary(year: number, scannedAt: Date, bySource: Array<{ id: string; measures: readonly string[]; candidates: number }>) {
    const byStatus: Record<string, number> = {};
    for (const [status, [n]] of [...this.statuses].sort((a, b) => a[1][1] - b[1][1])) byStatus[status] = n;
    return {
      year, rulesetVersion: this.ruleset.version, scannedAt: scannedAt.toISOString(), candidates: this.stored, beneficiaries: this.beneficiaries, byStatus,
      byMeasure: [...this.measures.values()].sort((a, b) => a.measure.localeCompare(b.measure)).map(({ amountFen, ...e }) => ({ ...e, amount: fenToYuan(amountFen) })),
      total: fenToYuan(this.totalFen),
      sources: bySource,
    };
  }
}

export async function listEntitlements(db: Database, q: { year: number; measure?: string | undefined; status?: string | undefined; confirmed?: 'true' | 'false' | undefined; page: number; pageSize: number }) {
  let base = db.selectFrom('subsidy_entitlements as e').where('e.year', '=', q.year);
  if (q.measure) base = base.where('e.measure', '=', q.measure);
  if (q.status) base = base.where('e.status', '=', q.status);
  if (q.confirmed === 'true') base = base.where('e.claim_id', 'is not', null);
  if (q.confirmed === 'false') base = base.where('e.claim_id', 'is', null);
  const n = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  // The page first, then its beneficiaries: the join is for 20 rows, not for every row of the year.
  const key = entitlementKeySql('e');
  const rows = await db
    .with('page', () => base.selectAll('e').select(key.as('key')).orderBy('e.amount', 'desc').orderBy(key).limit(q.pageSize).offset((q.page - 1) * q.pageSize))
    .selectFrom('page as p')
    .innerJoin('subsidy_scan_beneficiaries as b', (j) => j.onRef('b.year', '=', 'p.year').onRef('b.uscc', '=', 'p.beneficiary_uscc'))
    .selectAll('p')
    .select(['b.name', 'b.kind', 'b.enterprise_id', 'b.organization_id'])
    .orderBy('p.amount', 'desc')
    .orderBy('p.key')
    .execute();
  const ruleset = await currentRuleset(db);
  return {
    items: rows.map((r) => ({
      id: r.id, key: r.key, year: r.year, source: r.source, measure: r.measure, title: ruleset.measures.get(r.measure)?.source.title ?? r.measure,
      beneficiary: { uscc: r.beneficiary_uscc, name: r.name, kind: r.kind, enterpriseId: r.enterprise_id, organizationId: r.organization_id },
      eventDate: r.event_date, matter: r.matter, facts: r.facts, note: r.basis_note, status: r.status, amount: fenToYuan(r.amount), basis: r.basis,
      rulesetVersion: r.ruleset_version, scannedAt: new Date(r.scanned_at).toISOString(), claimId: r.claim_id,
    })),
    total: Number(n.n), page: q.page, pageSize: q.pageSize,
  };
}

/** One entitlement with its beneficiary and key (null: none with that id). */
function entitlementById(db: Database, id: string) {
  return db
    .selectFrom('subsidy_entitlements as e')
    .innerJoin('subsidy_scan_beneficiaries as b', (j) => j.onRef('b.year', '=', 'e.year').onRef('b.uscc', '=', 'e.beneficiary_uscc'))
    .selectAll('e')
    .select([entitlementKeySql('e').as('key'), 'b.name', 'b.kind', 'b.registered_in_yangpu', 'b.registered_in_shanghai', 'b.enterprise_id', 'b.organization_id'])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

/**
 * An officer confirms an entitlement into a claim (origin proactive, straight to under_review). Idempotent:
 * confirming again returns the claim made the first time.
 */
export async function confirmEntitlement(db: Database, ctx: Ctx, id: string, input: { eventDate?: string | undefined; facts?: Record<string, number | string | boolean> | undefined; reason?: string | undefined } = {}) {
  const e = await entitlementById(db, id);
  if (!e) throw notFound('entitlement');
  if (e.claim_id) return getClaim(db, ctx, e.claim_id);
  if (e.status !== 'granted' && e.status !== 'needs-parameters') throw conflict(`this entitlement is ${e.status}; only granted or needs-parameters entitlements become claims`);
  const ruleset = await currentRuleset(db);
  const claim = {
    id: 'claim', measure: e.measure, event_date: input.eventDate ?? e.event_date, matter: e.matter, facts: { ...e.facts, ...(input.facts ?? {}) },
    beneficiary_uscc: e.beneficiary_uscc, beneficiary_kind: e.kind, registered_in_yangpu: e.registered_in_yangpu, registered_in_shanghai: e.registered_in_shanghai,
  };
  checkClaimInput(ruleset, claim);
  const claimId = await db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom('subsidy_entitlements').select(['claim_id']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (locked.claim_id) return locked.claim_id;
    await ensureBeneficiary(trx, e.beneficiary_uscc);
    const row = await trx
      .insertInto('subsidy_claims')
      .values({
        number: await nextClaimNumber(trx, Number(claim.event_date.slice(0, 4))), measure: e.measure, origin: 'proactive', status: 'under_review',
        beneficiary_uscc: e.beneficiary_uscc, beneficiary_name: e.name, beneficiary_kind: e.kind,
        registered_in_yangpu: e.registered_in_yangpu, registered_in_shanghai: e.registered_in_shanghai, enterprise_id: e.enterprise_id, organization_id: e.organization_id,
        event_date: claim.event_date, matter: e.matter, facts: JSON.stringify(claim.facts), entitlement_key: e.key, created_by: ctx.principal.userId, submitted_at: new Date(),
      })
      .returning(['id', 'number'])
      .executeTakeFirstOrThrow();
    await trx.updateTable('subsidy_entitlements').set({ claim_id: row.id }).where('id', '=', id).execute();
    await recordTransition(trx, { claimId: row.id, action: 'confirm_entitlement', from: null, to: 'under_review', actorUserId: ctx.principal.userId, actorName: ctx.principal.username, reason: input.reason ?? e.basis_note });
    await writeAudit(trx, ctx, { action: 'subsidy.entitlement.confirm', entityType: 'subsidy_claim', entityId: row.id, after: { number: row.number, entitlement: e.key, ...claim, id: row.id } });
    return row.id;
  });
  return getClaim(db, ctx, claimId);
}

export async function scanYears(db: Database) {
  // A rescan leaves unchanged rows as they are, so the year's last scan is its audit row (scanned_at only says
  // when a row last changed).
  const r = await sql<{ year: number; n: number; last: Date; scanned: string | null }>`
    select e.year, count(*)::int as n, max(e.scanned_at) as last,
      (select a.diff->'after'->>'scannedAt' from audit_log a where a.entity_type = 'subsidy_scan' and a.entity_id = e.year::text order by a.seq desc limit 1) as scanned
    from subsidy_entitlements e group by e.year order by e.year`.execute(db);
  return r.rows.map((x) => ({ year: x.year, entitlements: x.n, scannedAt: new Date(x.scanned ?? x.last).toISOString() }));
}
