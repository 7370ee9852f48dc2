import { badRequest } from '../../platform/errors';
import { actor, type App, type Deps } from '../../platform/http';
import type { Access } from '../../platform/principal';
import { runClassification } from './classify.service';
import { addFloorsTable } from './floors.service';
import { importLoans } from './loans.import';
import {
  classifyBody, createLoanBody, floorsBody, interestQuery, listLoansQuery, loanImportQuery, loanParams, repaymentBody, reportBody, standingQuery,
} from './loans.schemas';
import { getLoan, interestPaidFor, listFloors, listLoansFor, standingFor } from './loans.service';
import { postLoan } from './post-loan.service';
import { recordRepayment, recordReport } from './repayments.service';

const tags = ['loans'];
// Everyone with a part in a loan reads it within scope (service: bank → its loans, guarantor/insurer → the loans
// it backs, enterprise → its own, office staff and auditors → all).
const READ: Access = { roles: ['admin', 'officer', 'auditor', 'institution_user', 'enterprise_user'], scope: 'loans:read' };
// Banks post their loans, repayments and reports (API tokens); office staff may post on a bank's behalf.
const WRITE: Access = { roles: ['admin', 'officer', 'institution_user'], scope: 'loans:write' };
const OFFICE: Access = { roles: ['admin', 'officer'], scope: 'loans:write' };

export async function loanRoutes(app: App, { db }: Deps) {
  app.get('/loans', {
    config: { access: READ },
    schema: { tags, summary: 'Loans in the caller\'s scope with their latest classification; filters bank, product, class, collateral mode, enterprise', querystring: listLoansQuery },
  }, async (request) => listLoansFor(db, actor(request), request.query));

  app.post('/loans', {
    config: { access: WRITE },
    schema: { tags, summary: 'A bank posts a disbursed loan (idempotent by loan number: 201 new, 200 the same loan again, 409 a different one); the schedule is generated', body: createLoanBody },
  }, async (request, reply) => {
    const r = await postLoan(db, actor(request), request.body);
    return reply.code(r.created ? 201 : 200).send(r.loan);
  });

  app.get('/loans/standing', {
    config: { access: READ },
    schema: { tags, summary: 'Standing of the caller\'s loans on any date (outstanding, days past due, computed/reported/final class) with totals per class', querystring: standingQuery },
  }, async (request) => standingFor(db, actor(request), request.query));

  app.get('/loans/interest-paid', {
    config: { access: READ },
    schema: { tags, summary: 'Interest paid per loan in a year from recorded repayments (YP2025-8.2 reads it for IP-pledge loans)', querystring: interestQuery },
  }, async (request) => interestPaidFor(db, actor(request), request.query));

  app.post('/loans/import', {
    config: { access: OFFICE },
    schema: { tags, summary: 'Import a bank report of loans as of a date (CSV or XLSX, multipart field "file"); all-or-nothing unless skipInvalid', querystring: loanImportQuery, consumes: ['multipart/form-data'] },
  }, async (request) => {
    if (!request.isMultipart()) throw badRequest([{ path: 'body.file', message: 'send the file as multipart/form-data in the field "file"' }]);
    const part = await request.file();
    if (!part || part.fieldname !== 'file') throw badRequest([{ path: 'body.file', message: 'a file in the field "file" is required' }]);
    const buffer = await part.toBuffer();
    const { asOf, dryRun, skipInvalid } = request.query;
    return importLoans(db, actor(request), { filename: part.filename, buffer }, { asOf, dryRun, skipInvalid });
  });

  app.post('/loans/classify', {
    config: { access: OFFICE },
    schema: { tags, summary: 'Run the daily classification now for every loan as of a date (default today)', body: classifyBody },
  }, async (request) => runClassification(db, actor(request), { asOf: request.body?.asOf }));

  app.get('/loans/classification-floors', {
    config: { access: READ },
    schema: { tags, summary: 'The dated tables of days-past-due floors classification reads (default: the 2023 rules)' },
  }, async () => listFloors(db));

  app.post('/loans/classification-floors', {
    config: { access: OFFICE },
    schema: { tags, summary: 'Add a floors table effective from a date (audited; tables are never edited)', body: floorsBody },
  }, async (request, reply) => reply.code(201).send(await addFloorsTable(db, actor(request), request.body)));

  app.get('/loans/:id', {
    config: { access: READ },
    schema: { tags, summary: 'A loan with its schedule (paid per instalment), repayments, repaid per year, bank reports and class history', params: loanParams },
  }, async (request) => getLoan(db, actor(request), request.params.id));

  app.post('/loans/:id/repayments', {
    config: { access: WRITE },
    schema: { tags, summary: 'Record a repayment (idempotent by repaymentId: 201 new, 200 the same again, 409 a different one)', params: loanParams, body: repaymentBody },
  }, async (request, reply) => {
    const r = await recordRepayment(db, actor(request), request.params.id, request.body);
    return reply.code(r.created ? 201 : 200).send(r.repayment);
  });

  app.post('/loans/:id/reports', {
    config: { access: WRITE },
    schema: { tags, summary: 'Record the bank\'s report on a loan as of a date (outstanding, days past due, its class); the same date again replaces it', params: loanParams, body: reportBody },
  }, async (request, reply) => reply.code(201).send(await recordReport(db, actor(request), request.params.id, request.body)));
}
