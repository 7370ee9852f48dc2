import { badRequest } from '../../platform/errors';
import { actor, type App, type Deps } from '../../platform/http';
import type { Access } from '../../platform/principal';
import {
  acceptApplication, approveApplication, declineApplication, deferApplication, reassignApplication, recommendApplication, rejectApplication,
  screenApplication, sendToReview, submitApplication, withdrawApplication,
} from './actions.service';
import {
  applicationParams, approveBody, createApplicationBody, decisionBody, declineBody, disburseBody, documentParams, importQuery, inboxQuery,
  listApplicationsQuery, optionalReasonBody, reasonBody, recommendBody, reviewBody, updateApplicationBody,
} from './applications.schemas';
import { createApplication, getApplication, inboxFor, listApplicationsFor, updateApplication } from './applications.service';
import { disburseApplication } from './disburse.service';
import { addDocument, downloadDocument, MAX_DOCUMENT_BYTES } from './documents.service';
import { importApplications } from './import';
import { scoreApplication } from './reviews.service';

const tags = ['applications'];
// Everyone with a part in 融资申请 reads, each within their scope (service: enterprise → own, bank → recommended to it,
// reviewer → in review or scored by them, office staff and auditors → all).
export const APP_READ: Access = { roles: ['admin', 'officer', 'auditor', 'reviewer', 'enterprise_user', 'institution_user'], scope: 'applications:read' };
const ENTERPRISE: Access = { roles: ['enterprise_user'], scope: 'applications:write' };
export const OFFICE: Access = { roles: ['admin', 'officer'], scope: 'applications:write' };
const BANK: Access = { roles: ['institution_user'], scope: 'applications:write' };
const REVIEWER: Access = { roles: ['reviewer'] };
const DOCUMENT_WRITE: Access = { roles: ['admin', 'officer', 'enterprise_user'], scope: 'applications:write' };

export async function applicationRoutes(app: App, { db }: Deps) {
  app.get('/applications', {
    config: { access: APP_READ },
    schema: { tags, summary: 'Applications in the caller\'s scope, filtered and paged (officers: the screening queue with order=queue&status=submitted,screening)', querystring: listApplicationsQuery },
  }, async (request) => listApplicationsFor(db, actor(request), request.query));

  app.get('/applications/inbox', {
    config: { access: { roles: ['institution_user'], scope: 'applications:read' } },
    schema: { tags, summary: 'A bank\'s inbox: applications recommended to it awaiting its decision, oldest recommendation first', querystring: inboxQuery },
  }, async (request) => inboxFor(db, actor(request), request.query));

  app.post('/applications', {
    config: { access: ENTERPRISE },
    schema: { tags, summary: 'Apply for financing (融资申请) for the caller\'s enterprise; a draft unless submit is true', body: createApplicationBody },
  }, async (request, reply) => reply.code(201).send(await createApplication(db, actor(request), request.body)));

  app.post('/applications/import', {
    config: { access: OFFICE },
    schema: { tags, summary: 'Import historical applications from CSV or XLSX (multipart field "file"); all-or-nothing, upsert by application_no', querystring: importQuery, consumes: ['multipart/form-data'] },
  }, async (request) => {
    if (!request.isMultipart()) throw badRequest([{ path: 'body.file', message: 'send the file as multipart/form-data in the field "file"' }]);
    const part = await request.file();
    if (!part || part.fieldname !== 'file') throw badRequest([{ path: 'body.file', message: 'a file in the field "file" is required' }]);
    const buffer = await part.toBuffer();
    return importApplications(db, actor(request), { filename: part.filename, buffer }, { dryRun: request.query.dryRun ?? false });
  });

  app.get('/applications/:id', {
    config: { access: APP_READ },
    schema: { tags, summary: 'An application with its history, assignments, reviews, documents, warning lines, loan and next actions', params: applicationParams },
  }, async (request) => getApplication(db, actor(request), request.params.id));

  app.patch('/applications/:id', {
    config: { access: ENTERPRISE },
    schema: { tags, summary: 'Edit a draft application', params: applicationParams, body: updateApplicationBody },
  }, async (request) => updateApplication(db, actor(request), request.params.id, request.body));

  app.post('/applications/:id/documents', {
    config: { access: DOCUMENT_WRITE },
    schema: { tags, summary: `Attach a document (multipart field "file", at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB)`, params: applicationParams, consumes: ['multipart/form-data'] },
  }, async (request, reply) => {
    if (!request.isMultipart()) throw badRequest([{ path: 'body.file', message: 'send the file as multipart/form-data in the field "file"' }]);
    const part = await request.file({ limits: { fileSize: MAX_DOCUMENT_BYTES } });
    if (!part || part.fieldname !== 'file') throw badRequest([{ path: 'body.file', message: 'a file in the field "file" is required' }]);
    const buffer = await part.toBuffer();
    if (buffer.length === 0) throw badRequest([{ path: 'body.file', message: 'the file is empty' }]);
    const filename = (part.filename || 'document').slice(0, 200);
    return reply.code(201).send(await addDocument(db, actor(request), request.params.id, { filename, contentType: part.mimetype || 'application/octet-stream', buffer }));
  });

  app.get('/applications/:id/documents/:documentId', {
    config: { access: APP_READ },
    schema: { tags, summary: 'Download a document (scoped like the application; every download is logged)', params: documentParams },
  }, async (request, reply) => {
    const d = await downloadDocument(db, actor(request), request.params.id, request.params.documentId);
    return reply
      .type(d.contentType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(d.filename)}`)
      .header('x-content-type-options', 'nosniff')
      .send(d.content);
  });

  const action = (path: string, summary: string, access: Access, body: unknown, run: (request: any) => Promise<unknown>) =>
    app.post(`/applications/:id/${path}`, { config: { access }, schema: { tags, summary, params: applicationParams, ...(body ? { body: body as never } : {}) } }, run);

  action('submit', 'Submit a draft (draft → submitted)', ENTERPRISE, undefined, (r) => submitApplication(db, actor(r), r.params.id));
  action('withdraw', 'Withdraw (draft|submitted|screening → withdrawn), reason optional', ENTERPRISE, optionalReasonBody, (r) => withdrawApplication(db, actor(r), r.params.id, r.body?.reason));
  action('screen', '初审: take up a submitted application (submitted → screening)', OFFICE, undefined, (r) => screenApplication(db, actor(r), r.params.id));
  action('send-to-review', 'Screening passed: to the review meeting (screening → review)', OFFICE, optionalReasonBody, (r) => sendToReview(db, actor(r), r.params.id, r.body?.reason));
  action('reviews', '评审: a reviewer scores an application in review (0–100), optionally at a meeting', REVIEWER, reviewBody, (r) => scoreApplication(db, actor(r), r.params.id, r.body));
  action('recommend', '推荐 to one bank and product with an amount (review → recommended needs meetingId; reassigned → recommended)', OFFICE, recommendBody, (r) => recommendApplication(db, actor(r), r.params.id, r.body));
  action('defer', '暂缓 with a reason (screening|review → deferred; from review, name the meeting)', OFFICE, decisionBody, (r) => deferApplication(db, actor(r), r.params.id, r.body));
  action('reject', 'Reject with a reason (screening|review → rejected; from review, name the meeting)', OFFICE, decisionBody, (r) => rejectApplication(db, actor(r), r.params.id, r.body));
  action('accept', '受理: the bank takes the application up (recommended → accepted)', BANK, undefined, (r) => acceptApplication(db, actor(r), r.params.id));
  action('approve', '授信: amount, rate, term, date (accepted → approved)', BANK, approveBody, (r) => approveApplication(db, actor(r), r.params.id, r.body));
  action('decline', 'The bank declines with a reason (accepted → declined)', BANK, declineBody, (r) => declineApplication(db, actor(r), r.params.id, r.body));
  action('disburse', '放款: creates the loan record (approved → disbursed)', BANK, disburseBody, (r) => disburseApplication(db, actor(r), r.params.id, r.body));
  action('reassign', '更换银行 after a decline or a crossed warning line (declined|recommended|accepted → reassigned), with a reason', OFFICE, reasonBody, (r) => reassignApplication(db, actor(r), r.params.id, r.body));
}
