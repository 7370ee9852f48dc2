import { actor, type App, type Deps } from '../../platform/http';
import type { Access } from '../../platform/principal';
import { approveClaim, recordRecovery, rejectClaim, reviewClaim, withdrawClaim } from './claim-actions.service';
import { fileClaim, getClaim, listClaims } from './claims.service';
import { enrolLoan, listEnrolments } from './enrolments.service';
import { contribute, createPool, getPool, listLedger, listPools, updatePool } from './pools.service';
import {
  approveBody, claimParams, claimsQuery, contributionBody, createPoolBody, enrolBody, enrolmentsQuery, fileClaimBody, ledgerQuery, poolParams, reasonBody, recoveryBody, reviewBody, updatePoolBody,
} from './risk-pool.schemas';

const tags = ['risk-pool'];
// Office staff run the pool; auditors read everything; banks (institution users) see the pools and their own
// enrolments and claims. Reviewers and enterprises have no part in it (docs/risk-pool.md).
// API tokens: a bank's system reads (risk-pool:read) and files — enrols loans, files and withdraws claims, reports
// recoveries (risk-pool:write); running the pool (terms, contributions, review and approval) stays with signed-in staff.
const READ: Access = { roles: ['admin', 'officer', 'auditor', 'institution_user'], scope: 'risk-pool:read' };
const STAFF: Access = { roles: ['admin', 'officer'] };
const STAFF_READ: Access = { roles: ['admin', 'officer', 'auditor'], scope: 'risk-pool:read' };
const BANK: Access = { roles: ['institution_user'], scope: 'risk-pool:write' };
const BANK_OR_STAFF: Access = { roles: ['admin', 'officer', 'institution_user'], scope: 'risk-pool:write' };

export async function riskPoolRoutes(app: App, { db }: Deps) {
  app.get('/risk-pools', { config: { access: READ }, schema: { tags, summary: 'Risk compensation pools (风险补偿资金池) with their terms and balances' } }, async () => listPools(db));

  app.post('/risk-pools', {
    config: { access: STAFF },
    schema: { tags, summary: 'Create a pool: sponsor, mode (loss sharing or 前补偿), share, coverage, caps, tolerance', body: createPoolBody },
  }, async (request, reply) => reply.code(201).send(await createPool(db, actor(request), request.body)));

  app.get('/risk-pools/:id', {
    config: { access: READ },
    schema: { tags, summary: 'A pool with balance over time, claims by status and loss rate against tolerance (a bank sees its own part)', params: poolParams },
  }, async (request) => getPool(db, actor(request), request.params.id));

  app.patch('/risk-pools/:id', {
    config: { access: STAFF },
    schema: { tags, summary: 'Change a pool\'s caps, tolerance, name or status (with a reason)', params: poolParams, body: updatePoolBody },
  }, async (request) => updatePool(db, actor(request), request.params.id, request.body));

  app.post('/risk-pools/:id/contributions', {
    config: { access: STAFF },
    schema: { tags, summary: 'Record a capital contribution (注资); claims waiting for capital are paid first in, first out. Optional Idempotency-Key header', params: poolParams, body: contributionBody },
  }, async (request, reply) => {
    const r = await contribute(db, actor(request), request.params.id, request.body, request.headers['idempotency-key'] as string | undefined);
    return reply.code(r.replayed ? 200 : 201).send(r);
  });

  app.get('/risk-pools/:id/ledger', {
    config: { access: STAFF_READ },
    schema: { tags, summary: 'The pool\'s ledger: contributions, payouts and recoveries with the balance after each', params: poolParams, querystring: ledgerQuery },
  }, async (request) => listLedger(db, request.params.id, request.query));

  app.post('/risk-pools/:id/enrolments', {
    config: { access: BANK_OR_STAFF },
    schema: { tags, summary: 'Enrol a loan (入池): it must fit the pool\'s coverage (400 naming each mismatch) and be performing (409)', params: poolParams, body: enrolBody },
  }, async (request, reply) => reply.code(201).send(await enrolLoan(db, actor(request), request.params.id, request.body)));

  app.get('/risk-pool-enrolments', {
    config: { access: READ },
    schema: { tags, summary: 'Enrolled loans with their current standing (a bank sees its own)', querystring: enrolmentsQuery },
  }, async (request) => listEnrolments(db, actor(request), request.query));

  app.get('/risk-pool-claims', {
    config: { access: READ },
    schema: { tags, summary: 'Compensation claims (代偿申请), filtered and paged (a bank sees its own)', querystring: claimsQuery },
  }, async (request) => listClaims(db, actor(request), request.query));

  app.post('/risk-pool-claims', {
    config: { access: BANK },
    schema: { tags, summary: 'File a claim on an enrolled, non-performing loan: loss = principal at default − recoveries so far', body: fileClaimBody },
  }, async (request, reply) => reply.code(201).send(await fileClaim(db, actor(request), request.body)));

  app.get('/risk-pool-claims/:id', {
    config: { access: READ },
    schema: { tags, summary: 'A claim with its amounts, queue position, payouts, recoveries, history and the caller\'s actions', params: claimParams },
  }, async (request) => getClaim(db, actor(request), request.params.id));

  app.post('/risk-pool-claims/:id/review', {
    config: { access: STAFF },
    schema: { tags, summary: 'Review (filed → reviewed): accept the filed loss or a lower one with a note', params: claimParams, body: reviewBody },
  }, async (request) => reviewClaim(db, actor(request), request.params.id, request.body));

  app.post('/risk-pool-claims/:id/approve', {
    config: { access: STAFF },
    schema: { tags, summary: 'Approve (reviewed → awaiting_funds → paid when the balance allows); never by the reviewer. Optional Idempotency-Key header', params: claimParams, body: approveBody },
  }, async (request) => approveClaim(db, actor(request), request.params.id, request.body ?? {}, request.headers['idempotency-key'] as string | undefined));

  app.post('/risk-pool-claims/:id/reject', {
    config: { access: STAFF },
    schema: { tags, summary: 'Reject (filed or reviewed → rejected), with a reason', params: claimParams, body: reasonBody },
  }, async (request) => rejectClaim(db, actor(request), request.params.id, request.body.reason));

  app.post('/risk-pool-claims/:id/withdraw', {
    config: { access: BANK },
    schema: { tags, summary: 'Withdraw before approval (→ withdrawn), with a reason', params: claimParams, body: reasonBody },
  }, async (request) => withdrawClaim(db, actor(request), request.params.id, request.body.reason));

  app.post('/risk-pool-claims/:id/recoveries', {
    config: { access: BANK_OR_STAFF },
    schema: { tags, summary: 'Report a recovery on an approved claim; the pool\'s part flows back in the claim\'s ratio (idempotent by reference)', params: claimParams, body: recoveryBody },
  }, async (request, reply) => {
    const r = await recordRecovery(db, actor(request), request.params.id, request.body);
    return reply.code(r.replayed ? 200 : 201).send(r);
  });
}
