import { z } from 'zod';
import { badRequest } from '../../platform/errors';
import { actor, type App, type Deps } from '../../platform/http';
import type { Access } from '../../platform/principal';
import { budgetsOf, getSettings, setBudget, updateSettings } from './budgets.service';
import {
  adjustClaim, approveDetermination, approvePayment, determineClaim, payClaim, publishClaim, recordObjection, rejectClaim, resolveObjection, startReview, submitClaim, withdrawClaim,
} from './claim-actions.service';
import { createClaim, downloadFile, getClaim, listClaimsFor, updateClaim, uploadFile } from './claims.service';
import { factSources } from './fact-sources';
import { listNotices } from './notices.service';
import { confirmEntitlement, listEntitlements, runScan, scanYears } from './scan.service';
import { simulate } from './simulation.service';
import {
  adjustBody, budgetBody, budgetParams, budgetsQuery, claimParams, confirmBody, createClaimBody, determineBody, entitlementsQuery, fileParams, listClaimsQuery,
  objectionBody, objectionParams, payBody, reasonBody, resolveObjectionBody, scanBody, settingsBody, simulationBody, updateClaimBody,
} from './subsidy.schemas';

const tags = ['subsidy'];
// Claimants (enterprise and institution users) and office staff; auditors read; reviewers have no part in 政策兑现.
const READ: Access = { roles: ['admin', 'officer', 'auditor', 'enterprise_user', 'institution_user'], scope: 'subsidy:read' };
const CLAIMANTS: Access = { roles: ['enterprise_user', 'institution_user'], scope: 'subsidy:write' };
const CLAIMANT_OR_STAFF: Access = { roles: ['admin', 'officer', 'enterprise_user', 'institution_user'], scope: 'subsidy:write' };
const STAFF: Access = { roles: ['admin', 'officer'] };
const STAFF_READ: Access = { roles: ['admin', 'officer', 'auditor'], scope: 'subsidy:read' };
const ADMIN: Access = { roles: ['admin'] };
const ALL_READ: Access = { roles: ['admin', 'officer', 'auditor', 'reviewer', 'enterprise_user', 'institution_user'], scope: 'subsidy:read' };

export async function subsidyRoutes(app: App, { db }: Deps) {
  app.get('/subsidy/claims', {
    config: { access: READ },
    schema: { tags, summary: 'Subsidy claims in the caller\'s scope, filtered and paged', querystring: listClaimsQuery },
  }, async (request) => listClaimsFor(db, actor(request), request.query));

  app.post('/subsidy/claims', {
    config: { access: CLAIMANTS },
    schema: { tags, summary: 'Apply for a subsidy (申请): facts per the measure; draft unless submit is true', body: createClaimBody },
  }, async (request, reply) => reply.code(201).send(await createClaim(db, actor(request), request.body)));

  app.get('/subsidy/claims/:id', {
    config: { access: READ },
    schema: { tags, summary: 'A claim with its determination and explanation, files, objections, history and next actions', params: claimParams },
  }, async (request) => getClaim(db, actor(request), request.params.id));

  app.patch('/subsidy/claims/:id', {
    config: { access: CLAIMANTS },
    schema: { tags, summary: 'Edit a draft claim', params: claimParams, body: updateClaimBody },
  }, async (request) => updateClaim(db, actor(request), request.params.id, request.body));

  app.post('/subsidy/claims/:id/files', {
    config: { access: CLAIMANT_OR_STAFF },
    schema: { tags, summary: 'Attach an evidence file (multipart field "file"; stored in the database)', params: claimParams, consumes: ['multipart/form-data'] },
  }, async (request, reply) => {
    if (!request.isMultipart()) throw badRequest([{ path: 'body.file', message: 'send the file as multipart/form-data in the field "file"' }]);
    const part = await request.file();
    if (!part || part.fieldname !== 'file') throw badRequest([{ path: 'body.file', message: 'a file in the field "file" is required' }]);
    const buffer = await part.toBuffer();
    if (buffer.length === 0) throw badRequest([{ path: 'body.file', message: 'the file is empty' }]);
    const filename = (part.filename || 'evidence').slice(0, 200);
    return reply.code(201).send(await uploadFile(db, actor(request), request.params.id, { filename, contentType: part.mimetype || 'application/octet-stream', buffer }));
  });

  app.get('/subsidy/claims/:id/files/:fileId', {
    config: { access: READ },
    schema: { tags, summary: 'Download an evidence file', params: fileParams },
  }, async (request, reply) => {
    const f = await downloadFile(db, actor(request), request.params.id, request.params.fileId);
    return reply
      .type(f.contentType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
      .header('x-content-type-options', 'nosniff')
      .send(f.content);
  });

  const action = (path: string, summary: string, access: Access, body: z.ZodType | undefined, run: (request: any) => Promise<unknown>) =>
    app.post(`/subsidy/claims/:id/${path}`, { config: { access }, schema: { tags, summary, params: claimParams, ...(body ? { body } : {}) } }, run);

  action('submit', 'Submit a draft (draft → submitted)', CLAIMANT_OR_STAFF, undefined, (r) => submitClaim(db, actor(r), r.params.id));
  action('withdraw', 'Withdraw before payment (→ withdrawn), with a reason', CLAIMANT_OR_STAFF, reasonBody, (r) => withdrawClaim(db, actor(r), r.params.id, r.body.reason));
  action('review', 'Start the review (submitted → under_review)', STAFF, undefined, (r) => startReview(db, actor(r), r.params.id));
  action('determine', 'Determine (认定) the amount from the engine (under_review → determined); amount below the engine\'s only with a reason', STAFF, determineBody, (r) => determineClaim(db, actor(r), r.params.id, r.body ?? {}));
  action('reject', 'Reject (under_review → rejected), with a reason', STAFF, reasonBody, (r) => rejectClaim(db, actor(r), r.params.id, r.body.reason));
  action('adjust', 'Lower a determined amount, with a reason', STAFF, adjustBody, (r) => adjustClaim(db, actor(r), r.params.id, r.body));
  action('approve-determination', 'Second officer approves an amount above the threshold', STAFF, undefined, (r) => approveDetermination(db, actor(r), r.params.id));
  action('publish', 'Start the public notice (公示; determined → in_public_notice)', STAFF, undefined, (r) => publishClaim(db, actor(r), r.params.id));
  action('objections', 'Record an objection raised during the public notice', STAFF, objectionBody, (r) => recordObjection(db, actor(r), r.params.id, r.body));
  action('approve-payment', 'Approve for payment after the notice (in_public_notice → approved_for_payment)', STAFF, undefined, (r) => approvePayment(db, actor(r), r.params.id));
  action('pay', 'Record the payment (拨付; at most once, Idempotency-Key header required)', STAFF, payBody, (r) =>
    payClaim(db, actor(r), r.params.id, { paymentReference: r.body.paymentReference, idempotencyKey: r.headers['idempotency-key'] as string | undefined }));

  app.post('/subsidy/claims/:id/objections/:objectionId/resolve', {
    config: { access: STAFF },
    schema: { tags, summary: 'Resolve an objection; upheld sends the claim back to review', params: objectionParams, body: resolveObjectionBody },
  }, async (request) => resolveObjection(db, actor(request), request.params.id, request.params.objectionId, request.body));

  app.get('/subsidy/notices', {
    config: { access: ALL_READ },
    schema: { tags, summary: 'The public notice list (公示): claims in public notice, with amounts, notice windows and objection counts' },
  }, async () => listNotices(db));

  app.get('/subsidy/budgets', {
    config: { access: STAFF_READ },
    schema: { tags, summary: 'Budgets per measure for a year: allocated, committed, paid, remaining', querystring: budgetsQuery },
  }, async (request) => budgetsOf(db, request.query.year));

  app.put('/subsidy/budgets/:measure/:year', {
    config: { access: STAFF },
    schema: { tags, summary: 'Set the allocated budget of a measure for a year (yuan)', params: budgetParams, body: budgetBody },
  }, async (request) => setBudget(db, actor(request), request.params.measure, request.params.year, request.body));

  app.get('/subsidy/settings', {
    config: { access: STAFF_READ },
    schema: { tags, summary: 'Second-approval threshold, public notice working days and holidays' },
  }, async () => getSettings(db));

  app.put('/subsidy/settings', {
    config: { access: ADMIN },
    schema: { tags, summary: 'Change the subsidy settings', body: settingsBody },
  }, async (request) => updateSettings(db, actor(request), request.body));

  app.get('/subsidy/fact-sources', {
    config: { access: STAFF_READ },
    schema: { tags, summary: 'Registered 免申即享 fact sources and the measures they feed; years scanned so far' },
  }, async () => ({ sources: factSources().map((s) => ({ id: s.id, measures: s.measures, description: s.description })), scans: await scanYears(db) }));

  app.post('/subsidy/scans', {
    config: { access: STAFF },
    schema: { tags, summary: 'Scan a year for proactive entitlements (免申即享); idempotent', body: scanBody },
  }, async (request) => runScan(db, actor(request), request.body.year));

  app.get('/subsidy/entitlements', {
    config: { access: STAFF_READ },
    schema: { tags, summary: 'Entitlements found by the scan of a year', querystring: entitlementsQuery },
  }, async (request) => listEntitlements(db, request.query));

  app.post('/subsidy/entitlements/:id/confirm', {
    config: { access: STAFF },
    schema: { tags, summary: 'Confirm an entitlement into a claim (origin proactive, under_review); idempotent', params: claimParams, body: confirmBody },
  }, async (request) => confirmEntitlement(db, actor(request), request.params.id, request.body ?? {}));

  app.post('/subsidy/simulations', {
    config: { access: { roles: ['admin', 'officer', 'auditor'] } },
    schema: { tags, summary: 'Simulate a parameter overlay over claims or a scan (政策模拟); nothing is stored', body: simulationBody },
  }, async (request) => simulate(db, request.body));
}
