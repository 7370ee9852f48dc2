import { sql } from 'kysely';
import type { GrantedEntry } from '../../../policy';
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
import { candidateKey, factSources, periodOfYear, type Candidate } from './fact-sources';
import { evaluateGrouped } from './scan-evaluate';

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
  const candidates: Candidate[] = [];
  const bySource = [];
  for (const s of factSources()) {
    const found = await s.collect(db, period);
    for (const c of found) candidates.push(c); // no spread: a source may return hundreds of thousands
    bySource.push({ id: s.id, measures: s.measures, candidates: found.length });
  }
  return { candidates, bySource };
}

export function toEvaluable(candidates: Candidate[]) {
  return candidates.map((c, i) => ({
    ref: `e${i}`, measure: c.measure, eventDate: c.eventDate, matter: c.matter, facts: c.facts,
    beneficiary: { uscc: c.beneficiary.uscc, kind: c.beneficiary.kind, registeredInYangpu: c.beneficiary.registeredInYangpu, registeredInShanghai: c.beneficiary.registeredInShanghai },
  }));
}

/**
 * 免申即享 scan for a year: collect from every registered fact source, evaluate per beneficiary against what
 * each already has, and store the entitlements for officers to confirm. Rescanning updates entitlements in
 * place (key = source|measure|uscc|matter|eventDate) and drops unconfirmed ones no longer found: scanning
 * twice never duplicates.
 */
export async function runScan(db: Database, ctx: ActorContext, year: number) {
  const ruleset = await currentRuleset(db);
  const { candidates, bySource } = await collectCandidates(db, year);
  const granted = await grantedByBeneficiary(db);
  const { results } = evaluateGrouped(ruleset, toEvaluable(candidates), granted);
  const scannedAt = new Date();
  const seen = new Set<string>();
  const rows = candidates.map((c, i) => {
    const r = results.get(`e${i}`)!;
    return {
      key: candidateKey(c), year, source: c.source, measure: c.measure, beneficiary_uscc: c.beneficiary.uscc, beneficiary_name: c.beneficiary.name,
      beneficiary_kind: c.beneficiary.kind, registered_in_yangpu: c.beneficiary.registeredInYangpu, registered_in_shanghai: c.beneficiary.registeredInShanghai,
      enterprise_id: c.beneficiary.enterpriseId, organization_id: c.beneficiary.organizationId, event_date: c.eventDate, matter: c.matter ?? null,
      facts: JSON.stringify(c.facts), basis_note: c.note, status: r.status, amount: r.fen, basis: r.basis, ruleset_version: ruleset.version, scanned_at: scannedAt,
    };
  }).filter((r) => !seen.has(r.key) && Boolean(seen.add(r.key)));
  const summary = {
    year, rulesetVersion: ruleset.version, scannedAt: scannedAt.toISOString(), candidates: rows.length,
    beneficiaries: new Set(rows.map((r) => r.beneficiary_uscc)).size,
    byStatus: count(rows.map((r) => r.status)),
    byMeasure: byMeasure(rows, (m) => ruleset.measures.get(m)?.source.title ?? m),
    total: fenToYuan(rows.reduce((s, r) => s + (r.status === 'granted' ? r.amount : 0), 0)),
    sources: bySource,
  };
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 1000) {
      await trx
        .insertInto('subsidy_entitlements')
        .values(rows.slice(i, i + 1000))
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'), amount: eb.ref('excluded.amount'), basis: eb.ref('excluded.basis'), facts: eb.ref('excluded.facts'),
            basis_note: eb.ref('excluded.basis_note'), ruleset_version: eb.ref('excluded.ruleset_version'), scanned_at: eb.ref('excluded.scanned_at'),
          })),
        )
        .execute();
    }
    // What this scan no longer finds (and nobody confirmed) goes; what it found again keeps its id.
    await trx.deleteFrom('subsidy_entitlements').where('year', '=', year).where('claim_id', 'is', null).where('scanned_at', '<>', scannedAt).execute();
    const { byMeasure: _detail, ...auditSummary } = summary;
    await writeAudit(trx, ctx, { action: 'subsidy.scan', entityType: 'subsidy_scan', entityId: String(year), after: auditSummary });
  });
  return summary;
}

function count(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

function byMeasure(rows: Array<{ measure: string; status: string; amount: number }>, title: (m: string) => string) {
  const map = new Map<string, { measure: string; title: string; candidates: number; granted: number; amountFen: number }>();
  for (const r of rows) {
    const e = map.get(r.measure) ?? { measure: r.measure, title: title(r.measure), candidates: 0, granted: 0, amountFen: 0 };
    e.candidates += 1;
    if (r.status === 'granted') {
      e.granted += 1;
      e.amountFen += r.amount;
    }
    map.set(r.measure, e);
  }
  return [...map.values()].sort((a, b) => a.measure.localeCompare(b.measure)).map(({ amountFen, ...e }) => ({ ...e, amount: fenToYuan(amountFen) }));
}

export async function listEntitlements(db: Database, q: { year: number; measure?: string | undefined; status?: string | undefined; confirmed?: 'true' | 'false' | undefined; page: number; pageSize: number }) {
  let base = db.selectFrom('subsidy_entitlements').where('year', '=', q.year);
  if (q.measure) base = base.where('measure', '=', q.measure);
  if (q.status) base = base.where('status', '=', q.status);
  if (q.confirmed === 'true') base = base.where('claim_id', 'is not', null);
  if (q.confirmed === 'false') base = base.where('claim_id', 'is', null);
  const n = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('amount', 'desc').orderBy('key').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  const ruleset = await currentRuleset(db);
  return {
    items: rows.map((r) => ({
      id: r.id, key: r.key, year: r.year, source: r.source, measure: r.measure, title: ruleset.measures.get(r.measure)?.source.title ?? r.measure,
      beneficiary: { uscc: r.beneficiary_uscc, name: r.beneficiary_name, kind: r.beneficiary_kind, enterpriseId: r.enterprise_id, organizationId: r.organization_id },
      eventDate: r.event_date, matter: r.matter, facts: r.facts, note: r.basis_note, status: r.status, amount: fenToYuan(r.amount), basis: r.basis,
      rulesetVersion: r.ruleset_version, scannedAt: new Date(r.scanned_at).toISOString(), claimId: r.claim_id,
    })),
    total: Number(n.n), page: q.page, pageSize: q.pageSize,
  };
}

/**
 * An officer confirms an entitlement into a claim (origin proactive, straight to under_review). Idempotent:
 * confirming again returns the claim made the first time.
 */
export async function confirmEntitlement(db: Database, ctx: Ctx, id: string, input: { eventDate?: string | undefined; facts?: Record<string, number | string | boolean> | undefined; reason?: string | undefined } = {}) {
  const e = await db.selectFrom('subsidy_entitlements').selectAll().where('id', '=', id).executeTakeFirst();
  if (!e) throw notFound('entitlement');
  if (e.claim_id) return getClaim(db, ctx, e.claim_id);
  if (e.status !== 'granted' && e.status !== 'needs-parameters') throw conflict(`this entitlement is ${e.status}; only granted or needs-parameters entitlements become claims`);
  const ruleset = await currentRuleset(db);
  const claim = {
    id: 'claim', measure: e.measure, event_date: input.eventDate ?? e.event_date, matter: e.matter, facts: { ...e.facts, ...(input.facts ?? {}) },
    beneficiary_uscc: e.beneficiary_uscc, beneficiary_kind: e.beneficiary_kind, registered_in_yangpu: e.registered_in_yangpu, registered_in_shanghai: e.registered_in_shanghai,
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
        beneficiary_uscc: e.beneficiary_uscc, beneficiary_name: e.beneficiary_name, beneficiary_kind: e.beneficiary_kind,
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
  const r = await sql<{ year: number; n: number; last: Date }>`select year, count(*)::int as n, max(scanned_at) as last from subsidy_entitlements group by year order by year`.execute(db);
  return r.rows.map((x) => ({ year: x.year, entitlements: x.n, scannedAt: new Date(x.last).toISOString() }));
}
