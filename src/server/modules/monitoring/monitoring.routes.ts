import { actor, type App, type Deps } from '../../platform/http';
import { todayInShanghai } from '../../platform/dates';
import type { Access } from '../../platform/principal';
import { runAlertRules } from './alert-run.service';
import { drilldownApplications } from './application-drilldown.service';
import { alertCounts, changeAlert, getAlert, listAlerts, listRules, markRead, setThreshold } from './alerts.service';
import { bankDashboard, drilldownLoans, enterpriseDashboard, officePanel } from './dashboards.service';
import { indicatorTables } from './indicator-tables';
import { liveIndicators } from './indicators.service';
import {
  acknowledgeBody, alertListQuery, applicationDrilldownQuery, bankDashboardQuery, drilldownQuery, enterpriseDashboardQuery, officePanelParams, alertParams, indicatorsQuery, resolveBody, ruleParams, runAlertsBody, snapshotParams, snapshotQuery, snapshotsQuery,
  takeSnapshotBody, thresholdBody,
} from './monitoring.schemas';
import { getSnapshot, listSnapshots, storeMonthEnd } from './snapshots.service';
import { tablesToXlsx } from './tables-xlsx';

const tags = ['monitoring'];
// GET routes also answer API tokens with monitoring:read (a bank's system polling its alerts and portfolio, the
// office's own systems reading indicators); changes (read marks, acknowledge, resolve, runs) stay session-only.
const STAFF_READ: Access = { roles: ['admin', 'officer', 'auditor'], scope: 'monitoring:read' };
const OFFICE: Access = { roles: ['admin', 'officer'] };
const INBOX: Access = { roles: ['admin', 'officer', 'auditor', 'institution_user'] };
const INBOX_READ: Access = { ...INBOX, scope: 'monitoring:read' };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Indicators, month-end snapshots and restatements, early-warning rules and the alerts inbox (issue #8). */
export async function monitoringRoutes(app: App, { db }: Deps) {
  app.get('/monitoring/indicators', {
    config: { access: STAFF_READ },
    schema: { tags, summary: 'The monitoring indicators as of a date, computed from the ledger and workflows (json or xlsx)', querystring: indicatorsQuery },
  }, async (request, reply) => {
    const ind = await liveIndicators(db, request.query.asOf);
    if (request.query.format === 'json') return ind;
    return reply.type(XLSX).header('content-disposition', `attachment; filename="indicators-${ind.asOf}.xlsx"`).send(await tablesToXlsx(indicatorTables(ind)));
  });

  app.get('/monitoring/snapshots', {
    config: { access: STAFF_READ },
    schema: { tags, summary: 'Stored month-end snapshots with their versions: 1 as reported, later ones restatements with their changes', querystring: snapshotsQuery },
  }, async (request) => listSnapshots(db, request.query));

  app.get('/monitoring/snapshots/:asOf', {
    config: { access: STAFF_READ },
    schema: { tags, summary: 'One month-end snapshot: the reported version (default), the latest restatement or a version number', params: snapshotParams, querystring: snapshotQuery },
  }, async (request) => getSnapshot(db, request.params.asOf, request.query.version));

  app.post('/monitoring/snapshots', {
    config: { access: OFFICE },
    schema: { tags, summary: 'Take (or re-check) a month-end snapshot now; a differing recomputation is stored as a restatement', body: takeSnapshotBody },
  }, async (request) => storeMonthEnd(db, actor(request), request.body.asOf));

  app.get('/monitoring/alerts', {
    config: { access: INBOX_READ },
    schema: { tags, summary: 'The alerts inbox: office staff see every alert, an institution the ones it owns', querystring: alertListQuery },
  }, async (request) => listAlerts(db, actor(request), request.query));

  app.get('/monitoring/alerts/counts', {
    config: { access: INBOX_READ },
    schema: { tags, summary: 'Unread (by the caller) and unresolved alerts in the caller\'s inbox' },
  }, async (request) => alertCounts(db, actor(request)));

  app.get('/monitoring/alerts/:id', {
    config: { access: INBOX_READ },
    schema: { tags, summary: 'One alert with its history', params: alertParams },
  }, async (request) => getAlert(db, actor(request), request.params.id));

  app.post('/monitoring/alerts/:id/read', {
    config: { access: INBOX },
    schema: { tags, summary: 'Mark an alert read for the caller', params: alertParams },
  }, async (request) => markRead(db, actor(request), request.params.id));

  app.post('/monitoring/alerts/:id/acknowledge', {
    config: { access: INBOX },
    schema: { tags, summary: 'Acknowledge an open alert (its owner or office staff)', params: alertParams, body: acknowledgeBody },
  }, async (request) => changeAlert(db, actor(request), request.params.id, 'acknowledge', request.body?.note));

  app.post('/monitoring/alerts/:id/resolve', {
    config: { access: INBOX },
    schema: { tags, summary: 'Resolve an alert with a note saying what was done', params: alertParams, body: resolveBody },
  }, async (request) => changeAlert(db, actor(request), request.params.id, 'resolve', request.body.note));

  app.post('/monitoring/alerts/run', {
    config: { access: OFFICE },
    schema: { tags, summary: 'Run every early-warning rule now (idempotent: an open alert is never duplicated)', body: runAlertsBody },
  }, async (request) => runAlertRules(db, actor(request), { asOf: request.body?.asOf }));

  app.get('/monitoring/alert-rules', {
    config: { access: INBOX_READ },
    schema: { tags, summary: 'Early-warning rules with the threshold in force today and their dated history' },
  }, async () => listRules(db, todayInShanghai()));

  app.post('/monitoring/alert-rules/:rule/thresholds', {
    config: { access: { roles: ['admin'] } },
    schema: { tags, summary: 'Set a rule\'s threshold from a date on (dated; earlier dates keep theirs)', params: ruleParams, body: thresholdBody },
  }, async (request) => setThreshold(db, actor(request), request.params.rule, request.body));

  app.get('/monitoring/dashboard/office/:panel', {
    config: { access: STAFF_READ },
    schema: { tags, summary: 'One panel of the office overview: summary (latest stored indicators with breakdowns), trend, funnel, sla, alerts, subsidies', params: officePanelParams },
  }, async (request) => officePanel(db, actor(request), request.params.panel));

  app.get('/monitoring/dashboard/bank', {
    config: { access: INBOX_READ },
    schema: { tags, summary: 'A bank\'s dashboard: its portfolio and trend, SLA warnings, alerts and assessment (a bank its own; staff name ?bank=CODE)', querystring: bankDashboardQuery },
  }, async (request) => bankDashboard(db, actor(request), request.query));

  app.get('/monitoring/dashboard/enterprise', {
    config: { access: { roles: ['admin', 'officer', 'auditor', 'enterprise_user'], scope: 'monitoring:read' } },
    schema: { tags, summary: 'An enterprise\'s dashboard: applications, consents, claims, evaluations and products it could apply for next', querystring: enterpriseDashboardQuery },
  }, async (request) => enterpriseDashboard(db, actor(request), request.query));

  app.get('/monitoring/drilldown/loans', {
    config: { access: INBOX_READ },
    schema: { tags, summary: 'The loans behind a number: outstanding on asOf in a slice, with their standing on that date (banks: their own)', querystring: drilldownQuery },
  }, async (request) => drilldownLoans(db, actor(request), request.query));

  app.get('/monitoring/drilldown/applications', {
    config: { access: STAFF_READ },
    schema: { tags, summary: 'The applications behind a funnel number: submitted in the year at a stage (applications, recommended, deferred, approved), by district or last-recommended bank', querystring: applicationDrilldownQuery },
  }, async (request) => drilldownApplications(db, request.query));
}
