import { z } from 'zod';
import { actor, uuidParam, type App, type Deps } from '../../platform/http';
import { ALL_SIGNED_IN } from '../../platform/principal';
import {
  decideParameterBody, evaluateBody, measuresQuery, parameterChange, parameterChangesQuery, proposeParameterBody, rejectParameterBody,
} from './policy.schemas';
import { decideParameter, describeMeasures, evaluateRequest, parameterChanges, proposeParameter } from './policy.service';

const tags = ['policy'];
const EVALUATE = { roles: ALL_SIGNED_IN, scope: 'policy:evaluate' } as const;
const STAFF_READ = { roles: ['admin', 'officer', 'auditor'] } as const;
const OFFICERS = { roles: ['admin', 'officer'] } as const;

export async function policyRoutes(app: App, { db }: Deps) {
  app.post('/policy/evaluate', {
    config: { access: EVALUATE },
    schema: { tags, summary: 'Evaluate claims against the current ruleset (policy-catalog.md evaluation contract)', body: evaluateBody },
  }, async (request) => evaluateRequest(db, request.body));

  app.get('/policy/measures', {
    config: { access: EVALUATE },
    schema: { tags, summary: 'Documents, measures, groups and parameters with the values in force (officer-approved included)', querystring: measuresQuery },
  }, async (request) => describeMeasures(db, request.query.asOf, ['admin', 'officer', 'auditor'].includes(actor(request).principal.role)));

  app.get('/policy/parameter-changes', {
    config: { access: STAFF_READ },
    schema: { tags, summary: 'Proposed, approved and rejected 细则 parameter values', querystring: parameterChangesQuery, response: { 200: z.object({ items: z.array(parameterChange) }) } },
  }, async (request) => ({ items: await parameterChanges(db, request.query) }));

  app.post('/policy/parameter-changes', {
    config: { access: OFFICERS },
    schema: { tags, summary: 'Propose a 细则 parameter value (maker)', body: proposeParameterBody, response: { 201: parameterChange } },
  }, async (request, reply) => reply.code(201).send(await proposeParameter(db, actor(request), request.body)));

  app.post('/policy/parameter-changes/:id/approve', {
    config: { access: OFFICERS },
    schema: { tags, summary: 'Approve a proposed value (checker: another officer)', params: uuidParam('id'), body: decideParameterBody.nullish(), response: { 200: parameterChange } },
  }, async (request) => decideParameter(db, actor(request), request.params.id as string, 'approve', request.body?.reason ?? null));

  app.post('/policy/parameter-changes/:id/reject', {
    config: { access: OFFICERS },
    schema: { tags, summary: 'Reject a proposed value (checker: another officer)', params: uuidParam('id'), body: rejectParameterBody, response: { 200: parameterChange } },
  }, async (request) => decideParameter(db, actor(request), request.params.id as string, 'reject', request.body.reason));
}
