import { z } from 'zod';
import { badRequest } from '../../platform/errors';
import { actor, uuidParam, type App, type Deps } from '../../platform/http';
import { yuanToFen } from '../../platform/money';
import { ALL_SIGNED_IN } from '../../platform/principal';
import { exportEnterprises } from './enterprise.export';
import { importEnterprises } from './enterprise.import';
import {
  certificationBody, createEnterpriseBody, enterpriseDetail, enterpriseSummary, exportQuery, financialsBody,
  importQuery, importReport, ipAssetBody, roundBody, searchQuery, updateEnterpriseBody,
} from './enterprise.schemas';
import { addChild, createEnterprise, enterpriseReadScope, getEnterprise, putFinancials, removeChild, search, updateEnterprise } from './enterprise.service';

const READ = { roles: ALL_SIGNED_IN, scope: 'enterprises:read' } as const;
const EDIT = { roles: ['admin', 'officer', 'enterprise_user'], scope: 'enterprises:write' } as const;
const STAFF_WRITE = { roles: ['admin', 'officer'], scope: 'enterprises:write' } as const;
const tags = ['enterprises'];
const idParams = uuidParam('id');
const childParams = (name: string) => z.strictObject({ id: z.uuid(), [name]: z.uuid({ message: `${name} must be a UUID` }) });

export async function enterpriseRoutes(app: App, { db }: Deps) {
  app.get('/enterprises', {
    config: { access: READ },
    schema: { tags, summary: 'Search the enterprise registry (科创企业名录库)', querystring: searchQuery, response: { 200: z.object({ items: z.array(enterpriseSummary), total: z.number(), page: z.number(), pageSize: z.number() }) } },
  }, async (request) => search(db, actor(request), request.query));

  app.get('/enterprises/export', {
    config: { access: { roles: ['admin', 'officer', 'auditor'], scope: 'enterprises:read' } },
    schema: { tags, summary: 'Export the filtered registry as CSV or XLSX (the import columns)', querystring: exportQuery },
  }, async (request, reply) => {
    const { format, ...filters } = request.query;
    const body = await exportEnterprises(db, { ...filters, onlyId: enterpriseReadScope(actor(request).principal).onlyId }, format);
    const type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    return reply.type(type).header('content-disposition', `attachment; filename="enterprises.${format}"`).send(body);
  });

  app.post('/enterprises/import', {
    config: { access: STAFF_WRITE },
    schema: { tags, summary: 'Import enterprises from a CSV or XLSX file (multipart field "file")', querystring: importQuery, consumes: ['multipart/form-data'], response: { 200: importReport } },
  }, async (request) => {
    if (!request.isMultipart()) throw badRequest([{ path: 'body.file', message: 'send the file as multipart/form-data in the field "file"' }]);
    const part = await request.file();
    if (!part || part.fieldname !== 'file') throw badRequest([{ path: 'body.file', message: 'a file in the field "file" is required' }]);
    const buffer = await part.toBuffer();
    return importEnterprises(db, actor(request), { filename: part.filename, buffer }, request.query);
  });

  app.post('/enterprises', {
    config: { access: STAFF_WRITE },
    schema: { tags, summary: 'Register an enterprise', body: createEnterpriseBody, response: { 201: enterpriseDetail } },
  }, async (request, reply) => reply.code(201).send(await createEnterprise(db, actor(request), request.body)));

  app.get('/enterprises/:id', {
    config: { access: READ },
    schema: { tags, summary: 'An enterprise profile with certifications, financials, IP and rounds', params: idParams, response: { 200: enterpriseDetail } },
  }, async (request) => getEnterprise(db, actor(request), request.params.id as string));

  app.patch('/enterprises/:id', {
    config: { access: EDIT },
    schema: { tags, summary: 'Edit an enterprise profile', params: idParams, body: updateEnterpriseBody, response: { 200: enterpriseDetail } },
  }, async (request) => updateEnterprise(db, actor(request), request.params.id as string, request.body));

  app.put('/enterprises/:id/financials/:year', {
    config: { access: EDIT },
    schema: { tags, summary: "Set a year's financials (yuan)", params: z.strictObject({ id: z.uuid(), year: z.coerce.number().int().min(1900).max(2200) }), body: financialsBody, response: { 200: enterpriseDetail } },
  }, async (request) => putFinancials(db, actor(request), request.params.id, request.params.year, request.body));

  app.post('/enterprises/:id/certifications', {
    config: { access: EDIT },
    schema: { tags, summary: 'Add a certification', params: idParams, body: certificationBody, response: { 201: enterpriseDetail } },
  }, async (request, reply) => {
    const b = request.body;
    if (b.expiresOn && b.expiresOn < b.issuedOn) throw badRequest([{ path: 'body.expiresOn', message: 'must not be before issuedOn' }]);
    const values = { type: b.type, certificate_no: b.certificateNo ?? null, issued_on: b.issuedOn, expires_on: b.expiresOn ?? null };
    return reply.code(201).send(await addChild(db, actor(request), request.params.id as string, 'enterprise_certifications', values));
  });
  app.delete('/enterprises/:id/certifications/:certId', {
    config: { access: EDIT },
    schema: { tags, summary: 'Remove a certification', params: childParams('certId') },
  }, async (request, reply) => {
    await removeChild(db, actor(request), request.params.id as string, 'enterprise_certifications', request.params.certId as string);
    return reply.code(204).send();
  });

  app.post('/enterprises/:id/ip-assets', {
    config: { access: EDIT },
    schema: { tags, summary: 'Register an IP asset', params: idParams, body: ipAssetBody, response: { 201: enterpriseDetail } },
  }, async (request, reply) => {
    const b = request.body;
    const values = { kind: b.kind, number: b.number, title: b.title ?? null, applied_on: b.appliedOn ?? null, granted_on: b.grantedOn ?? null, status: b.status, pledged: b.pledged };
    return reply.code(201).send(await addChild(db, actor(request), request.params.id as string, 'enterprise_ip_assets', values));
  });
  app.delete('/enterprises/:id/ip-assets/:ipId', {
    config: { access: EDIT },
    schema: { tags, summary: 'Remove an IP asset', params: childParams('ipId') },
  }, async (request, reply) => {
    await removeChild(db, actor(request), request.params.id as string, 'enterprise_ip_assets', request.params.ipId as string);
    return reply.code(204).send();
  });

  app.post('/enterprises/:id/rounds', {
    config: { access: EDIT },
    schema: { tags, summary: 'Record a financing round', params: idParams, body: roundBody, response: { 201: enterpriseDetail } },
  }, async (request, reply) => {
    const b = request.body;
    const values = { round: b.round, date: b.date, amount: yuanToFen(b.amount)!, investors: b.investors ?? null, post_money: b.postMoney == null ? null : yuanToFen(b.postMoney)! };
    return reply.code(201).send(await addChild(db, actor(request), request.params.id as string, 'enterprise_rounds', values));
  });
  app.delete('/enterprises/:id/rounds/:roundId', {
    config: { access: EDIT },
    schema: { tags, summary: 'Remove a financing round', params: childParams('roundId') },
  }, async (request, reply) => {
    await removeChild(db, actor(request), request.params.id as string, 'enterprise_rounds', request.params.roundId as string);
    return reply.code(204).send();
  });
}
