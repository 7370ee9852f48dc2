import { badRequest } from '../../platform/errors';
import { actor, type App, type Deps } from '../../platform/http';
import type { Access } from '../../platform/principal';
import { idParams, importQuery, interestBody, investmentBody, investmentsQuery, linkageBody, linkageQuery, needBody, needsQuery, updateNeedBody } from './equity.schemas';
import { listInvestments, recordInvestment, setLoanLinkage } from './investments.service';
import { linkageReport, linkageXlsx } from './linkage-report';
import { createNeed, getNeed, listNeeds, setInterest, updateNeed } from './needs.service';
import { importRounds } from './rounds.import';

const tags = ['equity'];
// Enterprises, funds and the office take part; the service decides each one's scope (banks and other institutions: 403).
const EQUITY: Access = { roles: ['admin', 'officer', 'auditor', 'reviewer', 'enterprise_user', 'institution_user'] };
const REPORT: Access = { roles: ['admin', 'officer', 'auditor', 'reviewer'] };

export async function equityRoutes(app: App, { db }: Deps) {
  app.get('/equity/needs', { config: { access: EQUITY }, schema: { tags, summary: 'Equity needs in the caller\'s scope (a fund: those shown to it and open)', querystring: needsQuery } },
    async (r) => listNeeds(db, actor(r), r.query));
  app.post('/equity/needs', { config: { access: EQUITY }, schema: { tags, summary: 'Post an equity need (round, amount, use of funds) with who may see it', body: needBody } },
    async (r, reply) => reply.code(201).send(await createNeed(db, actor(r), r.body)));
  app.get('/equity/needs/:id', { config: { access: EQUITY }, schema: { tags, summary: 'An equity need with the interest shown (a fund sees its own)', params: idParams } },
    async (r) => getNeed(db, actor(r), r.params.id));
  app.patch('/equity/needs/:id', { config: { access: EQUITY }, schema: { tags, summary: 'Change a need: amount, use, visibility, funds, status', params: idParams, body: updateNeedBody } },
    async (r) => updateNeed(db, actor(r), r.params.id, r.body));
  app.post('/equity/needs/:id/interest', { config: { access: EQUITY }, schema: { tags, summary: 'A fund expresses interest', params: idParams, body: interestBody } },
    async (r) => setInterest(db, actor(r), r.params.id, true, r.body?.note));
  app.delete('/equity/needs/:id/interest', { config: { access: EQUITY }, schema: { tags, summary: 'A fund withdraws its interest', params: idParams } },
    async (r) => setInterest(db, actor(r), r.params.id, false, undefined));
  app.get('/equity/investments', { config: { access: EQUITY }, schema: { tags, summary: 'Investments in the caller\'s scope; guidance=any lists guidance-fund participation', querystring: investmentsQuery } },
    async (r) => listInvestments(db, actor(r), r.query));
  app.post('/equity/investments', { config: { access: EQUITY }, schema: { tags, summary: 'Record an investment; it becomes the enterprise\'s financing round', body: investmentBody } },
    async (r, reply) => reply.code(201).send(await recordInvestment(db, actor(r), r.body)));
  app.post('/equity/rounds/import', {
    config: { access: { roles: ['admin', 'officer'] } },
    schema: { tags, summary: 'Import financing rounds (uscc,round,date,amount,investors) from CSV or XLSX, multipart field "file"', querystring: importQuery, consumes: ['multipart/form-data'] },
  }, async (request) => {
    if (!request.isMultipart()) throw badRequest([{ path: 'body.file', message: 'send the file as multipart/form-data in the field "file"' }]);
    const part = await request.file();
    if (!part || part.fieldname !== 'file') throw badRequest([{ path: 'body.file', message: 'a file in the field "file" is required' }]);
    return importRounds(db, actor(request), { filename: part.filename, buffer: await part.toBuffer() }, { dryRun: request.query.dryRun ?? false, skipInvalid: request.query.skipInvalid ?? false });
  });
  app.put('/loans/:id/linkage', {
    config: { access: { roles: ['admin', 'officer', 'institution_user'] } },
    schema: { tags, summary: '投贷联动: set or clear a loan\'s linkage mode and the investment it goes with (a bank: its own loans)', params: idParams, body: linkageBody },
  }, async (r) => setLoanLinkage(db, actor(r), r.params.id, r.body));
  app.get('/reports/linkage', { config: { access: REPORT }, schema: { tags, summary: '投贷联动 report: linked loans by mode and 表3 rounds before credit (format=xlsx for the workbook)', querystring: linkageQuery } },
    async (r, reply) => {
      const report = await linkageReport(db, r.query.year);
      if (r.query.format !== 'xlsx') return report;
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="linkage-${report.year}.xlsx"`).send(await linkageXlsx(report));
    });
}
