import { z } from 'zod';
import { badRequest } from '../../platform/errors';
import { actor, uuidParam, type App, type Deps } from '../../platform/http';
import { ALL_SIGNED_IN, STAFF_READERS } from '../../platform/principal';
import { InputError, parseTechSmeInput, techSmeOutput } from '../../../evaluation/tech-sme-input';
import {
  decideBody, evaluationsView, factsBody, factsView, modelChange, modelsView, proposeModelBody, runBody, runSummary, runView, techSmeBody, yearParam,
} from './evaluation.schemas';
import { defaultEvaluationYear, getEnterpriseEvaluations, listRuns, refreshEnterprise, runEvaluations } from './evaluation.service';
import { getFacts, putFacts } from './facts.service';
import { decideModel, listModels, proposeModel } from './models.service';

const tags = ['evaluation'];
// Evaluations read financials: office staff and the enterprise itself (scoped in the service); institutions need consent.
const READ = { roles: ['admin', 'officer', 'reviewer', 'auditor', 'enterprise_user'], scope: 'enterprises:read' } as const;
const EDIT = { roles: ['admin', 'officer', 'enterprise_user'], scope: 'enterprises:write' } as const;
const OFFICERS = { roles: ['admin', 'officer'], scope: 'enterprises:write' } as const;
const yearParams = z.strictObject({ id: z.uuid({ message: 'id must be a UUID' }), year: yearParam });

export async function evaluationRoutes(app: App, { db }: Deps) {
  app.get('/enterprises/:id/evaluations', {
    config: { access: READ },
    schema: { tags, summary: "An enterprise's stored evaluations for a year (default: its latest), with percentiles", params: uuidParam('id'), querystring: z.strictObject({ year: yearParam.optional() }), response: { 200: evaluationsView } },
  }, async (request) => getEnterpriseEvaluations(db, actor(request), request.params.id as string, request.query.year));

  app.post('/enterprises/:id/evaluations/run', {
    config: { access: EDIT },
    schema: { tags, summary: "Re-evaluate an enterprise's year now", params: uuidParam('id'), body: runBody, response: { 200: evaluationsView } },
  }, async (request) => refreshEnterprise(db, actor(request), request.params.id as string, request.body.year ?? (await defaultEvaluationYear(db))));

  app.get('/enterprises/:id/evaluation-facts/:year', {
    config: { access: READ },
    schema: { tags, summary: 'Facts recorded for the evaluations (tech staff, domestic R&D, cash flow, conditions, estimates)', params: yearParams, response: { 200: factsView } },
  }, async (request) => getFacts(db, actor(request), request.params.id, request.params.year));

  app.put('/enterprises/:id/evaluation-facts/:year', {
    config: { access: EDIT },
    schema: { tags, summary: "Record a year's evaluation facts (yuan); re-evaluates the year", params: yearParams, body: factsBody, response: { 200: factsView } },
  }, async (request) => putFacts(db, actor(request), request.params.id, request.params.year, request.body));

  app.post('/evaluation/tech-sme', {
    config: { access: { roles: ALL_SIGNED_IN, scope: 'enterprises:read' } },
    schema: { tags, summary: '科技型中小企业 evaluation of given figures (the `kcjr evaluate tech-sme` contract)', body: techSmeBody },
  }, async (request) => {
    try {
      const body = request.body;
      return Array.isArray(body) ? body.map((item, i) => techSmeOutput(parseTechSmeInput(item, `[${i}]`))) : techSmeOutput(parseTechSmeInput(body));
    } catch (e) {
      if (e instanceof InputError) throw badRequest([{ path: `body.${e.field}`.replace('body.[', 'body['), message: e.message.slice(e.field.length + 2) }]);
      throw e;
    }
  });

  app.get('/evaluation/models', {
    config: { access: { roles: STAFF_READERS, scope: 'enterprises:read' } },
    schema: { tags, summary: 'Evaluation models in force (platform defaults or officer-approved), and proposed changes', response: { 200: modelsView } },
  }, async () => listModels(db));

  app.post('/evaluation/models', {
    config: { access: OFFICERS },
    schema: { tags, summary: 'Propose a model version (maker)', body: proposeModelBody, response: { 201: modelChange } },
  }, async (request, reply) => reply.code(201).send(await proposeModel(db, actor(request), request.body)));

  app.post('/evaluation/models/:id/approve', {
    config: { access: OFFICERS },
    schema: { tags, summary: 'Approve a proposed model (checker: another officer)', params: uuidParam('id'), body: decideBody, response: { 200: modelChange } },
  }, async (request) => decideModel(db, actor(request), request.params.id as string, 'approved', request.body.reason));

  app.post('/evaluation/models/:id/reject', {
    config: { access: OFFICERS },
    schema: { tags, summary: 'Reject a proposed model (checker: another officer)', params: uuidParam('id'), body: decideBody, response: { 200: modelChange } },
  }, async (request) => decideModel(db, actor(request), request.params.id as string, 'rejected', request.body.reason));

  app.get('/evaluation/runs', {
    config: { access: { roles: STAFF_READERS, scope: 'enterprises:read' } },
    schema: { tags, summary: 'Recent evaluation runs over the registry', response: { 200: z.array(runView) } },
  }, async () => listRuns(db));

  app.post('/evaluation/runs', {
    config: { access: OFFICERS },
    schema: { tags, summary: 'Evaluate the whole registry for a year now (what changed since the last run)', body: runBody, response: { 200: runSummary } },
  }, async (request) => runEvaluations(db, actor(request), { year: request.body.year ?? (await defaultEvaluationYear(db)), trigger: 'api' }));
}
