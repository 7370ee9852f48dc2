import { badRequest } from '../../platform/errors';
import { actor, uuidParam, type App, type Deps } from '../../platform/http';
import type { Role } from '../../platform/principal';
import {
  consentedParams, consentedView, consentList, consentView, feedImportQuery, feedImportReport, grantConsentBody, listConsentsQuery, overviewParams,
  overviewView, readLogList, readLogQuery, revokeBody,
} from './consent.schemas';
import { getConsent, grantConsent, listConsentsFor, readLog, revokeConsent } from './consent.service';
import { consentedOverview, readConsentedCluster } from './consented-read.service';
import { importSocialInsurance, importTaxFilings } from './data-feeds.import';

const tags = ['consents'];
// Office staff see every consent and the read log but change nothing (a consent is the enterprise's to give or take).
const LIST: readonly Role[] = ['admin', 'officer', 'auditor', 'institution_user', 'enterprise_user'];
const INSTITUTION_READ = { roles: ['institution_user'], scope: 'consented:read' } as const;
const ENTERPRISE_ONLY = { roles: ['enterprise_user'] } as const;
const FEED_IMPORT = { roles: ['admin', 'officer'], scope: 'enterprises:write' } as const;

export async function consentRoutes(app: App, { db }: Deps) {
  app.get('/consents', {
    config: { access: { roles: LIST, scope: 'consented:read' } },
    schema: { tags, summary: 'Consents in your scope (enterprise: its own; institution: granted to it, active by default; staff: all)', querystring: listConsentsQuery, response: { 200: consentList } },
  }, async (request) => listConsentsFor(db, actor(request), request.query));

  app.post('/consents', {
    config: { access: ENTERPRISE_ONLY },
    schema: { tags, summary: 'Grant an institution access to named data clusters (授权)', body: grantConsentBody, response: { 201: consentView } },
  }, async (request, reply) => reply.code(201).send(await grantConsent(db, actor(request), request.body)));

  app.get('/consents/reads', {
    config: { access: { roles: ['admin', 'officer', 'auditor', 'enterprise_user'] } },
    schema: { tags, summary: 'Who read which consented data and when', querystring: readLogQuery, response: { 200: readLogList } },
  }, async (request) => readLog(db, actor(request), request.query));

  app.get('/consents/:id', {
    config: { access: { roles: LIST, scope: 'consented:read' } },
    schema: { tags, summary: 'One consent', params: uuidParam('id'), response: { 200: consentView } },
  }, async (request) => getConsent(db, actor(request), request.params.id as string));

  app.post('/consents/:id/revoke', {
    config: { access: ENTERPRISE_ONLY },
    schema: { tags, summary: 'Revoke a consent (a second revoke is 409)', params: uuidParam('id'), body: revokeBody, response: { 200: consentView } },
  }, async (request) => revokeConsent(db, actor(request), request.params.id as string, request.body?.reason));

  app.get('/consented/:enterpriseId', {
    config: { access: INSTITUTION_READ },
    schema: { tags, summary: 'Which data clusters your institution may read for this enterprise today', params: overviewParams, response: { 200: overviewView } },
  }, async (request) => consentedOverview(db, actor(request), request.params.enterpriseId));

  app.get('/consented/:enterpriseId/:cluster', {
    config: { access: INSTITUTION_READ },
    schema: { tags, summary: 'Read one consented data cluster (checked and logged on every request; 404 without an active consent)', params: consentedParams, response: { 200: consentedView } },
  }, async (request) => readConsentedCluster(db, actor(request), request.params.enterpriseId, request.params.cluster));

  for (const [path, run, what] of [
    ['tax-filings', importTaxFilings, 'tax filings from the tax bureau feed (银税互动)'],
    ['social-insurance', importSocialInsurance, 'social insurance headcounts from the social insurance feed'],
  ] as const) {
    app.post(`/data-feeds/${path}/import`, {
      config: { access: FEED_IMPORT },
      schema: { tags, summary: `Import ${what} from CSV or XLSX (multipart field "file"); all-or-nothing`, querystring: feedImportQuery, consumes: ['multipart/form-data'], response: { 200: feedImportReport } },
    }, async (request) => {
      if (!request.isMultipart()) throw badRequest([{ path: 'body.file', message: 'send the file as multipart/form-data in the field "file"' }]);
      const part = await request.file();
      if (!part || part.fieldname !== 'file') throw badRequest([{ path: 'body.file', message: 'a file in the field "file" is required' }]);
      return run(db, actor(request), { filename: part.filename, buffer: await part.toBuffer() }, { dryRun: request.query.dryRun });
    });
  }
}
