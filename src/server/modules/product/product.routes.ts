import type { FastifyRequest } from 'fastify';
import { badRequest } from '../../platform/errors';
import { actor, uuidParam, type App, type Deps } from '../../platform/http';
import { ALL_SIGNED_IN, type Access } from '../../platform/principal';
import { enterpriseMatches, productMatches } from '../matching/matching.service';
import { actOnFiling, fileProduct, listFilingQueue, listFilings } from './filing.service';
import { importInstitutions } from './institutions.import';
import { importProducts } from './products.import';
import {
  createProductBody, decisionBody, enterpriseMatchesQuery, fileBody, filingParams, filingQueueQuery, importQuery, institutionsQuery, listProductsQuery, productMatchesQuery, productParams,
  rejectBody, reviewBody, updateProductBody, versionParams,
} from './product.schemas';
import { createProduct, getProduct, getProductVersion, listInstitutions, listProducts, updateProduct } from './product.service';

const tags = ['products'];
const READ: Access = { roles: ALL_SIGNED_IN, scope: 'products:read' };
const PUBLISH: Access = { roles: ['admin', 'officer', 'institution_user'], scope: 'products:write' };
const STAFF_WRITE: Access = { roles: ['admin', 'officer'] };
const FILINGS_READ: Access = { roles: ['admin', 'officer', 'reviewer', 'auditor', 'institution_user'], scope: 'products:read' };
const FILING_QUEUE: Access = { roles: ['admin', 'officer', 'auditor', 'institution_user'], scope: 'products:read' };
const ENTERPRISE_MATCHES: Access = { roles: ['admin', 'officer', 'reviewer', 'auditor', 'enterprise_user'], scope: 'products:read' };
const PRODUCT_MATCHES: Access = { roles: ['admin', 'officer', 'reviewer', 'auditor', 'institution_user'], scope: 'products:read' };

async function uploaded(request: FastifyRequest) {
  if (!request.isMultipart()) throw badRequest([{ path: 'body.file', message: 'send the file as multipart/form-data in the field "file"' }]);
  const part = await request.file();
  if (!part || part.fieldname !== 'file') throw badRequest([{ path: 'body.file', message: 'a file in the field "file" is required' }]);
  return { filename: part.filename, buffer: await part.toBuffer() };
}

export async function productRoutes(app: App, { db }: Deps) {
  app.get('/institutions', {
    config: { access: READ },
    schema: { tags, summary: 'Banks, guarantors, insurers and funds (code, name, kind), by code; not the office nor enterprises', querystring: institutionsQuery },
  }, async (request) => listInstitutions(db, request.query));

  app.post('/institutions/import', {
    config: { access: STAFF_WRITE },
    schema: { tags, summary: 'Import institutions (code,name,kind) from CSV or XLSX (multipart field "file"), upsert by code', querystring: importQuery, consumes: ['multipart/form-data'] },
  }, async (request) => importInstitutions(db, actor(request), await uploaded(request), request.query));

  app.post('/products/import', {
    config: { access: STAFF_WRITE },
    schema: { tags, summary: 'Import products (code,name,type,owner_code,partner_codes) from CSV or XLSX, upsert by code', querystring: importQuery, consumes: ['multipart/form-data'] },
  }, async (request) => importProducts(db, actor(request), await uploaded(request), request.query));

  app.get('/products', {
    config: { access: READ },
    schema: { tags, summary: 'The product catalog in the caller\'s scope, filtered and paged', querystring: listProductsQuery },
  }, async (request) => listProducts(db, actor(request), request.query));

  app.post('/products', {
    config: { access: PUBLISH },
    schema: { tags, summary: 'Publish a product (institutions) or a platform programme (officers); version 1', body: createProductBody },
  }, async (request, reply) => reply.code(201).send(await createProduct(db, actor(request), request.body)));

  app.get('/products/:id', {
    config: { access: READ },
    schema: { tags, summary: 'A product with its current terms and the list of its versions', params: productParams },
  }, async (request) => getProduct(db, actor(request), request.params.id));

  app.patch('/products/:id', {
    config: { access: PUBLISH },
    schema: { tags, summary: 'Edit a product; changed terms or criteria make a new version', params: productParams, body: updateProductBody },
  }, async (request) => updateProduct(db, actor(request), request.params.id, request.body));

  app.get('/products/:id/versions/:version', {
    config: { access: READ },
    schema: { tags, summary: 'One version of a product\'s terms and criteria, as it was', params: versionParams },
  }, async (request) => getProductVersion(db, actor(request), request.params.id, request.params.version));

  app.get('/products/:id/filings', {
    config: { access: FILINGS_READ },
    schema: { tags, summary: 'The product\'s filings (备案) with the district, newest first', params: productParams },
  }, async (request) => listFilings(db, actor(request), request.params.id));

  app.get('/filings', {
    config: { access: FILING_QUEUE },
    schema: { tags, summary: '备案 queue: filings by status (default submitted,reviewed), oldest first, each with its product and owner; an institution sees its own products\' filings', querystring: filingQueueQuery },
  }, async (request) => listFilingQueue(db, actor(request), request.query));

  app.post('/products/:id/filings', {
    config: { access: PUBLISH },
    schema: { tags, summary: 'File a product version with the district (备案); the current version unless one is named', params: productParams, body: fileBody },
  }, async (request, reply) => reply.code(201).send(await fileProduct(db, actor(request), request.params.id, request.body ?? {})));

  app.post('/products/:id/filings/:filingId/review', {
    config: { access: STAFF_WRITE },
    schema: { tags, summary: 'Maker: review a filing and propose approval, optionally designation as a 区政策性金融产品', params: filingParams, body: reviewBody },
  }, async (request) => actOnFiling(db, actor(request), request.params.id, request.params.filingId, 'review', request.body ?? {}));

  app.post('/products/:id/filings/:filingId/approve', {
    config: { access: STAFF_WRITE },
    schema: { tags, summary: 'Checker (not the reviewer): approve a reviewed filing; designates the product if proposed', params: filingParams, body: decisionBody },
  }, async (request) => actOnFiling(db, actor(request), request.params.id, request.params.filingId, 'approve', request.body ?? {}));

  app.post('/products/:id/filings/:filingId/reject', {
    config: { access: STAFF_WRITE },
    schema: { tags, summary: 'Reject a filing with a reason (after review: not by the reviewer)', params: filingParams, body: rejectBody },
  }, async (request) => actOnFiling(db, actor(request), request.params.id, request.params.filingId, 'reject', request.body));

  app.post('/products/:id/filings/:filingId/withdraw', {
    config: { access: PUBLISH },
    schema: { tags, summary: 'The filer withdraws a filing awaiting a decision', params: filingParams, body: decisionBody },
  }, async (request) => actOnFiling(db, actor(request), request.params.id, request.params.filingId, 'withdraw', request.body ?? {}));

  app.get('/products/:id/matches', {
    config: { access: PRODUCT_MATCHES },
    schema: { tags, summary: '靶向对接: enterprises that qualify for the product (public registry fields only), paged', params: productParams, querystring: productMatchesQuery },
  }, async (request) => productMatches(db, actor(request), request.params.id, request.query));

  app.get('/enterprises/:id/matches', {
    config: { access: ENTERPRISE_MATCHES },
    schema: { tags, summary: 'Active products ranked for the enterprise, each with the criteria met and failed (中文/English)', params: uuidParam('id'), querystring: enterpriseMatchesQuery },
  }, async (request) => enterpriseMatches(db, actor(request), request.params.id as string, request.query));
}
