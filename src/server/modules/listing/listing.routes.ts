import { z } from 'zod';
import { actor, type App, type Deps } from '../../platform/http';
import type { Access } from '../../platform/principal';
import {
  acknowledgeAlert, actOnGreenChannelRequest, createGreenChannelRequest, getCalendar, getGreenChannelRequest, greenChannelSettings, listAlerts,
  listGreenChannelRequests, setCalendar, updateGreenChannelSettings,
} from './green-channel.service';
import {
  calendarBody, calendarQuery, dashboardQuery, enterpriseParams, followUpDoneBody, greenChannelActionBody, greenChannelBody, greenChannelQuery, idParams,
  milestoneBody, milestonesQuery, nominateBody, poolQuery, readinessBody, serviceBody, servicesQuery, settingsBody, tierBody, updateEntryBody,
} from './listing.schemas';
import { listMilestones, recordMilestone } from './milestones.service';
import { listOfficers } from './pool.repository';
import { changeTier, getPoolEntry, listPoolEntries, nominate, poolDashboard, updatePoolEntry } from './pool.service';
import { nominateFromReadiness } from './readiness';
import { addService, completeFollowUp, listServices } from './services.service';
import { CRITERIA, TIER_TRANSITIONS } from './tiers';

const tags = ['listing'];
/** The pool is the office's working list: office staff read it, officers and admins change it. */
export const LISTING_READ: Access = { roles: ['admin', 'officer', 'auditor', 'reviewer'] };
export const LISTING_WRITE: Access = { roles: ['admin', 'officer'] };

export async function listingRoutes(app: App, { db }: Deps) {
  app.get('/listing/pool', { config: { access: LISTING_READ }, schema: { tags, summary: '上市企业培育库: pool enterprises filtered by tier, board, sector, officer', querystring: poolQuery } },
    async (r) => listPoolEntries(db, r.query));
  app.post('/listing/pool', { config: { access: LISTING_WRITE }, schema: { tags, summary: '入库 by an officer\'s nomination (enters at the reserve tier)', body: nominateBody } },
    async (r, reply) => reply.code(201).send(await nominate(db, actor(r), r.body)));
  app.post('/listing/pool/from-readiness', { config: { access: LISTING_WRITE }, schema: { tags, summary: '入库 from a listing-readiness evaluation (issue #6)', body: readinessBody } },
    async (r, reply) => reply.code(201).send(await nominateFromReadiness(db, actor(r), r.body)));
  app.get('/listing/pool/:enterpriseId', { config: { access: LISTING_READ }, schema: { tags, summary: 'A pool enterprise with its tier history and next tiers', params: enterpriseParams } },
    async (r) => getPoolEntry(db, r.params.enterpriseId));
  app.patch('/listing/pool/:enterpriseId', { config: { access: LISTING_WRITE }, schema: { tags, summary: 'Change the target board or the account officer (专管员)', params: enterpriseParams, body: updateEntryBody } },
    async (r) => updatePoolEntry(db, actor(r), r.params.enterpriseId, r.body));
  app.post('/listing/pool/:enterpriseId/tier', { config: { access: LISTING_WRITE }, schema: { tags, summary: 'Tier change along the transition table with the criteria that justify it', params: enterpriseParams, body: tierBody } },
    async (r) => changeTier(db, actor(r), r.params.enterpriseId, r.body));
  app.get('/listing/tier-transitions', { config: { access: LISTING_READ }, schema: { tags, summary: 'The tier transition table and the criteria' } },
    async () => ({ transitions: TIER_TRANSITIONS, criteria: Object.entries(CRITERIA).map(([code, label]) => ({ code, label })) }));
  app.get('/listing/officers', { config: { access: LISTING_READ }, schema: { tags, summary: 'Officers who can be account officers' } },
    async () => ({ items: (await listOfficers(db)).map((u) => ({ id: u.id, username: u.username, displayName: u.display_name })) }));
  app.get('/listing/dashboard', { config: { access: LISTING_READ }, schema: { tags, summary: 'The pool by tier, board, sector, officer; officers\' workload (contacted, visited, served) in a period', querystring: dashboardQuery } },
    async (r) => poolDashboard(db, r.query));

  app.post('/listing/pool/:enterpriseId/services', { config: { access: LISTING_WRITE }, schema: { tags, summary: 'Log a contact or service (consulting, training, financing matchmaking, administrative coordination)', params: enterpriseParams, body: serviceBody } },
    async (r, reply) => reply.code(201).send(await addService(db, actor(r), r.params.enterpriseId, r.body)));
  app.get('/listing/services', { config: { access: LISTING_READ }, schema: { tags, summary: 'Service logs; followUp=pending|overdue lists open follow-ups', querystring: servicesQuery } },
    async (r) => listServices(db, r.query));
  app.post('/listing/services/:id/follow-up-done', { config: { access: LISTING_WRITE }, schema: { tags, summary: 'Mark a service log\'s follow-up done', params: idParams, body: followUpDoneBody } },
    async (r) => completeFollowUp(db, actor(r), r.params.id, r.body.doneOn));

  app.post('/listing/green-channel', { config: { access: LISTING_WRITE }, schema: { tags, summary: '绿色通道: a request for a certificate or document with a working-day deadline', body: greenChannelBody } },
    async (r, reply) => reply.code(201).send(await createGreenChannelRequest(db, actor(r), r.body)));
  app.get('/listing/green-channel', { config: { access: LISTING_READ }, schema: { tags, summary: 'Green channel requests, earliest deadline first', querystring: greenChannelQuery } },
    async (r) => listGreenChannelRequests(db, r.query));
  app.get('/listing/green-channel/alerts', { config: { access: LISTING_READ }, schema: { tags, summary: 'Unacknowledged deadline alerts (due soon, due, overdue)' } },
    async () => listAlerts(db));
  app.get('/listing/green-channel/settings', { config: { access: LISTING_READ }, schema: { tags, summary: 'The default deadline in working days' } },
    async () => greenChannelSettings(db));
  app.put('/listing/green-channel/settings', { config: { access: { roles: ['admin'] } }, schema: { tags, summary: 'Set the default deadline in working days', body: settingsBody } },
    async (r) => updateGreenChannelSettings(db, actor(r), r.body));
  app.get('/listing/green-channel/:id', { config: { access: LISTING_READ }, schema: { tags, summary: 'A request with its handling record and alerts', params: idParams } },
    async (r) => getGreenChannelRequest(db, r.params.id));
  for (const action of ['start', 'complete', 'cancel'] as const) {
    app.post(`/listing/green-channel/:id/${action}`, { config: { access: LISTING_WRITE }, schema: { tags, summary: `${action} a request (handling record)`, params: idParams, body: greenChannelActionBody } },
      async (r) => actOnGreenChannelRequest(db, actor(r), r.params.id, action, r.body ?? {}));
  }
  app.post('/listing/green-channel/:id/alerts/:kind/acknowledge', {
    config: { access: LISTING_WRITE },
    schema: { tags, summary: 'Acknowledge an alert', params: z.strictObject({ id: z.uuid({ message: 'id must be a UUID' }), kind: z.enum(['due_soon', 'due', 'overdue']) }) },
  }, async (r) => acknowledgeAlert(db, actor(r), r.params.id, r.params.kind));
  app.get('/listing/calendar', { config: { access: LISTING_READ }, schema: { tags, summary: 'A year\'s holidays and make-up workdays', querystring: calendarQuery } },
    async (r) => getCalendar(db, r.query.year));
  app.put('/listing/calendar', { config: { access: { roles: ['admin'] } }, schema: { tags, summary: 'Replace a year\'s holidays and make-up workdays', body: calendarBody } },
    async (r) => setCalendar(db, actor(r), r.body));

  app.post('/listing/milestones', { config: { access: LISTING_WRITE }, schema: { tags, summary: 'Record a milestone (NEEQ, IPO, refinancing, restructuring); the policy scan finds it', body: milestoneBody } },
    async (r, reply) => reply.code(201).send(await recordMilestone(db, actor(r), r.body)));
  app.get('/listing/milestones', { config: { access: LISTING_READ }, schema: { tags, summary: 'Milestones, newest first', querystring: milestonesQuery } },
    async (r) => listMilestones(db, r.query));
}
