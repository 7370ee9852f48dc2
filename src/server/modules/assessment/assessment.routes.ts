import type { FastifyRequest } from 'fastify';
import { badRequest } from '../../platform/errors';
import { actor, type App, type Deps } from '../../platform/http';
import type { Access } from '../../platform/principal';
import { assessBanks } from './assessment.service';
import { importEvents } from './events.import';
import { assessmentQuery, createEventBody, eventParams, importEventsQuery, listEventsQuery, updateEventBody } from './events.schemas';
import { createEvent, deleteEvent, getEvent, listEvents, updateEvent } from './events.service';

const tags = ['assessment'];
// Office staff read everything; a bank reads its own events and its own assessment row (the service scopes).
const EVENTS_READ: Access = { roles: ['admin', 'officer', 'auditor', 'institution_user'], scope: 'events:read' };
const EVENTS_WRITE: Access = { roles: ['admin', 'officer'], scope: 'events:write' };
const ASSESSMENT_READ: Access = { roles: ['admin', 'officer', 'auditor', 'institution_user'], scope: 'reports:read' };

async function uploaded(request: FastifyRequest) {
  if (!request.isMultipart()) throw badRequest([{ path: 'body.file', message: 'send the file as multipart/form-data in the field "file"' }]);
  const part = await request.file();
  if (!part || part.fieldname !== 'file') throw badRequest([{ path: 'body.file', message: 'a file in the field "file" is required' }]);
  return { filename: part.filename, buffer: await part.toBuffer() };
}

/** The events register (活动) and the cooperating-bank assessment (合作银行考核, seed 003 appendix 六). */
export async function assessmentRoutes(app: App, { db }: Deps) {
  app.get('/assessments/banks', {
    config: { access: ASSESSMENT_READ },
    schema: { tags, summary: '科技信贷合作银行考核: per bank, each indicator\'s raw value and score and the total (110 at most); a bank sees its own row', querystring: assessmentQuery },
  }, async (request) => assessBanks(db, actor(request), request.query));

  app.get('/events', {
    config: { access: EVENTS_READ },
    schema: { tags, summary: 'The events register (活动), newest first, filtered by year, dates, bank, station or title; a bank sees the events it co-hosted', querystring: listEventsQuery },
  }, async (request) => listEvents(db, actor(request), request.query));

  app.post('/events/import', {
    config: { access: EVENTS_WRITE },
    schema: { tags, summary: 'Import events (date,title,bank_code,station,attendees) from CSV or XLSX (multipart field "file"), upsert by (date,title,bank_code,station)', querystring: importEventsQuery, consumes: ['multipart/form-data'] },
  }, async (request) => importEvents(db, actor(request), await uploaded(request), request.query));

  app.get('/events/:id', {
    config: { access: EVENTS_READ },
    schema: { tags, summary: 'One event', params: eventParams },
  }, async (request) => getEvent(db, actor(request), request.params.id));

  app.post('/events', {
    config: { access: EVENTS_WRITE },
    schema: { tags, summary: 'Record an event a bank co-hosted with the platform or a service station', body: createEventBody },
  }, async (request, reply) => reply.code(201).send(await createEvent(db, actor(request), request.body)));

  app.patch('/events/:id', {
    config: { access: EVENTS_WRITE },
    schema: { tags, summary: 'Change an event', params: eventParams, body: updateEventBody },
  }, async (request) => updateEvent(db, actor(request), request.params.id, request.body));

  app.delete('/events/:id', {
    config: { access: EVENTS_WRITE },
    schema: { tags, summary: 'Remove an event recorded in error (the audit log keeps it)', params: eventParams },
  }, async (request, reply) => {
    await deleteEvent(db, actor(request), request.params.id);
    return reply.code(204).send();
  });
}
