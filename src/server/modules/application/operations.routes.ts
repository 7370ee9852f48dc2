import { actor, type App, type Deps } from '../../platform/http';
import type { Access } from '../../platform/principal';
import { funnelQuery, meetingBody, slaSettingsBody, throughputQuery, warningsQuery } from './applications.schemas';
import { sendReportFile } from '../report/report-file';
import { funnelFile, funnelJson, funnelReport } from './funnel';
import { createMeeting, reviewThroughput } from './reviews.service';
import { listWarnings, setSlaLines, slaLines } from './sla.service';

const tags = ['applications'];
const STAFF_READ: Access = { roles: ['admin', 'officer', 'auditor'], scope: 'applications:read' };
const OFFICE: Access = { roles: ['admin', 'officer'], scope: 'applications:write' };

/** The office's side of applications: warning dashboard, SLA lines, review meetings and their throughput, the funnel. */
export async function applicationOperationsRoutes(app: App, { db }: Deps) {
  app.get('/applications/sla-warnings', {
    config: { access: { roles: ['admin', 'officer', 'auditor', 'institution_user'], scope: 'applications:read' } },
    schema: { tags, summary: 'SLA warning lines crossed (30/60/90 days after recommendation without a bank decision): officers see every bank, a bank its own', querystring: warningsQuery },
  }, async (request) => listWarnings(db, actor(request), request.query));

  // Banks read the lines their own decisions are measured against; only an admin changes them.
  app.get('/applications/sla-settings', {
    config: { access: { roles: ['admin', 'officer', 'auditor', 'institution_user'], scope: 'applications:read' } },
    schema: { tags, summary: 'The configured SLA warning lines in days (default [30, 60, 90]); institutions read them too' },
  }, async () => ({ lines: await slaLines(db) }));

  app.put('/applications/sla-settings', {
    config: { access: { roles: ['admin'] } },
    schema: { tags, summary: 'Set the SLA warning lines in days', body: slaSettingsBody },
  }, async (request) => setSlaLines(db, actor(request), request.body.lines));

  app.post('/review-meetings', {
    config: { access: OFFICE },
    schema: { tags, summary: 'Record a review meeting (评审会); its decisions are recommend/defer/reject actions naming it', body: meetingBody },
  }, async (request, reply) => reply.code(201).send(await createMeeting(db, actor(request), request.body)));

  app.get('/review-meetings', {
    config: { access: { roles: ['admin', 'officer', 'auditor', 'reviewer'], scope: 'applications:read' } },
    schema: { tags, summary: 'Review meetings with their throughput (reviewed, recommended, deferred, rejected, scores), per meeting or per month/quarter/year', querystring: throughputQuery },
  }, async (request) => reviewThroughput(db, request.query));

  app.get('/reports/funnel', {
    config: { access: STAFF_READ },
    schema: { tags: ['reports'], summary: '审核进度统计表: per district or bank — applications, recommended, deferred, bank-approved, with a total row', querystring: funnelQuery },
  }, async (request, reply) => {
    const { format, by, ...q } = request.query;
    const report = await funnelReport(db, { ...q, by });
    if (format === 'json') return funnelJson(report);
    return sendReportFile(reply, format, `funnel-${q.year}-${by}.${format}`, await funnelFile(report, by, format));
  });
}
