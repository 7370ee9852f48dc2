import { createHash } from 'node:crypto';
import { evaluate, PolicyInputError, type Ruleset } from '../../../policy';
import type { Database } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { badRequest, conflict, forbidden, notFound, type Issue } from '../../platform/errors';
import type { ActorContext, Principal } from '../../platform/principal';
import { isValidUscc } from '../../../shared/uscc';
import { todayInShanghai } from '../../platform/dates';
import { currentRuleset } from '../policy/policy.ruleset';
import { claimActor, claimDetail, claimSummary } from './claim-view';
import {
  claimFiles, claimHistory, claimObjections, ensureBeneficiary, findClaim, listClaims, lockClaim, nextClaimNumber, recordTransition, usersByIds, type ClaimRow, type ClaimScope,
} from './claims.repository';
import { engineRequest } from './engine-request';
import type { CreateClaimInput, ListClaimsQuery, UpdateClaimInput } from './subsidy.schemas';

export type Ctx = ActorContext & { principal: Principal };

const NOTHING = '00000000-0000-0000-0000-000000000000';

/** Scoping, decided once: enterprise and institution users see their own claims; office staff see all. */
export function claimScope(p: Principal): ClaimScope {
  if (p.role === 'enterprise_user') return { enterpriseId: p.enterpriseId ?? NOTHING };
  if (p.role === 'institution_user') return { organizationId: p.organizationId };
  if (p.role === 'admin' || p.role === 'officer' || p.role === 'auditor') return 'all';
  return { organizationId: NOTHING };
}

export function inScope(scope: ClaimScope, row: { enterprise_id: string | null; organization_id: string | null }): boolean {
  if (scope === 'all') return true;
  if ('enterpriseId' in scope) return row.enterprise_id === scope.enterpriseId;
  return row.organization_id === scope.organizationId;
}

export async function scopedClaim(db: Database, p: Principal, id: string): Promise<ClaimRow> {
  const row = await findClaim(db, id);
  if (!row || !inScope(claimScope(p), row)) throw notFound('claim');
  return row;
}

export const actorName = (ctx: ActorContext) => ctx.principal?.username ?? ctx.systemActor ?? 'system';

/** Facts and dates are checked by the engine itself, with paths mapped onto the request body. */
export function checkClaimInput(ruleset: Ruleset, claim: Parameters<typeof engineRequest>[0][0]): void {
  const m = ruleset.measures.get(claim.measure);
  if (!m) throw badRequest([{ path: 'body.measure', message: `unknown measure ${JSON.stringify(claim.measure)} (see GET /policy/measures)` }]);
  if (m.source.kind === 'non-monetary') throw badRequest([{ path: 'body.measure', message: `${m.id} is a service (non-monetary) measure and is never paid` }]);
  try {
    evaluate(ruleset, engineRequest([claim], []));
  } catch (e) {
    if (!(e instanceof PolicyInputError)) throw e;
    const mapped: Issue[] = e.issues.map((i) => ({ path: `body.${i.path.replace(/^claims\[0\]\./, '')}`, message: i.message }));
    throw badRequest(mapped);
  }
}

async function beneficiaryOf(db: Database, p: Principal, input: CreateClaimInput) {
  const b = input.beneficiary ?? {};
  if (p.role === 'enterprise_user') {
    if (!p.enterpriseId) throw forbidden('this user is not linked to an enterprise');
    const e = await db.selectFrom('enterprises').select(['id', 'uscc', 'name', 'district']).where('id', '=', p.enterpriseId).executeTakeFirstOrThrow();
    const issues: Issue[] = [];
    if (b.uscc !== undefined || b.name !== undefined || b.registeredInYangpu !== undefined || b.registeredInShanghai !== undefined) {
      issues.push({ path: 'body.beneficiary', message: 'an enterprise claims for itself: only beneficiary.kind (enterprise or incubator) may be given' });
    }
    const kind = b.kind ?? 'enterprise';
    if (kind !== 'enterprise' && kind !== 'incubator') issues.push({ path: 'body.beneficiary.kind', message: 'an enterprise user claims as enterprise or incubator' });
    if (issues.length) throw badRequest(issues);
    // The registry holds the registered district; every district it accepts is in Shanghai.
    return { uscc: e.uscc, name: e.name, kind, yangpu: e.district === '杨浦区', shanghai: true, enterpriseId: e.id, organizationId: p.organizationId };
  }
  const org = await db.selectFrom('organizations').select(['id', 'name', 'kind']).where('id', '=', p.organizationId).executeTakeFirstOrThrow();
  const issues: Issue[] = [];
  const uscc = (b.uscc ?? '').toUpperCase();
  if (!isValidUscc(uscc)) issues.push({ path: 'body.beneficiary.uscc', message: "the institution's 18-character 统一社会信用代码 with a valid check character is required" });
  const kind = b.kind ?? org.kind;
  if (kind !== org.kind && kind !== 'institution') issues.push({ path: 'body.beneficiary.kind', message: `a ${org.kind} organisation claims as ${org.kind} or institution` });
  if (b.registeredInYangpu === undefined) issues.push({ path: 'body.beneficiary.registeredInYangpu', message: 'required for institutions (true or false)' });
  if (b.registeredInShanghai === undefined) issues.push({ path: 'body.beneficiary.registeredInShanghai', message: 'required for institutions (true or false)' });
  if (issues.length) throw badRequest(issues);
  return { uscc, name: b.name ?? org.name, kind, yangpu: b.registeredInYangpu!, shanghai: b.registeredInShanghai!, enterpriseId: null, organizationId: org.id };
}

export async function createClaim(db: Database, ctx: Ctx, input: CreateClaimInput) {
  const p = ctx.principal;
  const b = await beneficiaryOf(db, p, input);
  const ruleset = await currentRuleset(db);
  const draft = {
    id: 'claim', measure: input.measure, event_date: input.eventDate, matter: input.matter ?? null, facts: input.facts,
    beneficiary_uscc: b.uscc, beneficiary_kind: b.kind, registered_in_yangpu: b.yangpu, registered_in_shanghai: b.shanghai,
  };
  checkClaimInput(ruleset, draft);
  const id = await db.transaction().execute(async (trx) => {
    await ensureBeneficiary(trx, b.uscc);
    const status = input.submit ? 'submitted' : 'draft';
    const row = await trx
      .insertInto('subsidy_claims')
      .values({
        number: await nextClaimNumber(trx, Number(input.eventDate.slice(0, 4))), measure: input.measure, origin: 'application', status,
        beneficiary_uscc: b.uscc, beneficiary_name: b.name, beneficiary_kind: b.kind, registered_in_yangpu: b.yangpu, registered_in_shanghai: b.shanghai,
        enterprise_id: b.enterpriseId, organization_id: b.organizationId, event_date: input.eventDate, matter: input.matter ?? null,
        facts: JSON.stringify(input.facts), created_by: p.userId, submitted_at: input.submit ? new Date() : null,
      })
      .returning(['id', 'number'])
      .executeTakeFirstOrThrow();
    await recordTransition(trx, { claimId: row.id, action: 'create', from: null, to: 'draft', actorUserId: p.userId, actorName: p.username, reason: null });
    if (input.submit) await recordTransition(trx, { claimId: row.id, action: 'submit', from: 'draft', to: 'submitted', actorUserId: p.userId, actorName: p.username, reason: null });
    await writeAudit(trx, ctx, { action: 'subsidy.claim.create', entityType: 'subsidy_claim', entityId: row.id, after: { number: row.number, status, ...draft, id: row.id } });
    return row.id;
  });
  return getClaim(db, ctx, id);
}

/** The claimant edits facts while the claim is a draft; once submitted, facts are what the office reviews. */
export async function updateClaim(db: Database, ctx: Ctx, id: string, input: UpdateClaimInput) {
  await scopedClaim(db, ctx.principal, id);
  const ruleset = await currentRuleset(db);
  await db.transaction().execute(async (trx) => {
    const row = (await lockClaim(trx, id))!;
    if (row.status !== 'draft') throw conflict(`only a draft can be edited; this claim is ${row.status}`);
    if (claimActor(ctx.principal) !== 'claimant') throw forbidden('the claimant edits a draft');
    const next = {
      ...row,
      event_date: input.eventDate ?? row.event_date,
      matter: input.matter === undefined ? row.matter : input.matter,
      facts: input.facts ?? row.facts,
    };
    checkClaimInput(ruleset, next);
    await trx.updateTable('subsidy_claims').set({ event_date: next.event_date, matter: next.matter, facts: JSON.stringify(next.facts), updated_at: new Date() }).where('id', '=', id).execute();
    await writeAudit(trx, ctx, {
      action: 'subsidy.claim.update', entityType: 'subsidy_claim', entityId: id,
      before: { eventDate: row.event_date, matter: row.matter, facts: row.facts }, after: { eventDate: next.event_date, matter: next.matter, facts: next.facts },
    });
  });
  return getClaim(db, ctx, id);
}

export async function listClaimsFor(db: Database, ctx: Ctx, query: ListClaimsQuery) {
  const { page, pageSize, ...filters } = query;
  const scope = claimScope(ctx.principal);
  // Claimants already see only their own; the enterprise filter is for office staff looking across them.
  if (filters.enterpriseId && scope !== 'all') throw forbidden('only office staff filter claims by enterpriseId');
  const { rows, total } = await listClaims(db, scope, filters, { limit: pageSize, offset: (page - 1) * pageSize });
  return { items: rows.map(claimSummary), total, page, pageSize };
}

export async function getClaim(db: Database, ctx: Ctx, id: string) {
  const row = await scopedClaim(db, ctx.principal, id);
  const [files, objections, history, users] = await Promise.all([
    claimFiles(db, id), claimObjections(db, id), claimHistory(db, id), usersByIds(db, [row.determined_by, row.second_approved_by, row.paid_by]),
  ]);
  return claimDetail(row, { files, objections, history, users, viewer: ctx.principal, today: todayInShanghai() });
}

const MAX_FILES = 30;
const CLAIMANT_UPLOAD = new Set(['draft', 'submitted', 'under_review']);
const STAFF_UPLOAD = new Set(['draft', 'submitted', 'under_review', 'determined', 'in_public_notice', 'approved_for_payment']);

export async function uploadFile(db: Database, ctx: Ctx, id: string, file: { filename: string; contentType: string; buffer: Buffer }) {
  await scopedClaim(db, ctx.principal, id);
  const fileId = await db.transaction().execute(async (trx) => {
    const row = (await lockClaim(trx, id))!;
    const allowed = claimActor(ctx.principal) === 'staff' ? STAFF_UPLOAD : CLAIMANT_UPLOAD;
    if (!allowed.has(row.status)) throw conflict(`evidence cannot be added to a claim that is ${row.status}`);
    const count = await trx.selectFrom('subsidy_claim_files').select((eb) => eb.fn.countAll<number>().as('n')).where('claim_id', '=', id).executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_FILES) throw conflict(`a claim holds at most ${MAX_FILES} evidence files`);
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const f = await trx
      .insertInto('subsidy_claim_files')
      .values({ claim_id: id, filename: file.filename, content_type: file.contentType, size: file.buffer.length, sha256, content: file.buffer, uploaded_by: ctx.principal.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'subsidy.claim.file.add', entityType: 'subsidy_claim', entityId: id, after: { fileId: f.id, filename: file.filename, size: file.buffer.length, sha256 } });
    return f.id;
  });
  const detail = await getClaim(db, ctx, id);
  return detail.files.find((f) => f.id === fileId)!;
}

export async function downloadFile(db: Database, ctx: Ctx, id: string, fileId: string) {
  await scopedClaim(db, ctx.principal, id);
  const f = await db.selectFrom('subsidy_claim_files').select(['filename', 'content_type', 'content']).where('id', '=', fileId).where('claim_id', '=', id).executeTakeFirst();
  if (!f) throw notFound('file');
  return { filename: f.filename, contentType: f.content_type, content: Buffer.from(f.content) };
}
