import { actor, type App, type Deps } from '../../platform/http';
import type { Access } from '../../platform/principal';
import { assessStations, enterItem } from './assessment.service';
import { applicationStationBody, assessmentQuery, attributeBody, entryBody, idParams, officerBody, officerParams, screeningBody, stationBody, updateOfficerBody, updateStationBody } from './station.schemas';
import { addOfficer, attributeByArea, createStation, getStation, listStations, recordScreening, setApplicationStation, updateOfficer, updateStation } from './station.service';

const tags = ['stations'];
const READ: Access = { roles: ['admin', 'officer', 'auditor', 'reviewer'] };
const WRITE: Access = { roles: ['admin', 'officer'] };

export async function stationRoutes(app: App, { db }: Deps) {
  app.get('/stations', { config: { access: READ }, schema: { tags, summary: '科技金融服务站 with officers and areas' } }, async () => listStations(db));
  app.post('/stations', { config: { access: { roles: ['admin'] } }, schema: { tags, summary: 'Set up a station with the area it serves', body: stationBody } },
    async (r, reply) => reply.code(201).send(await createStation(db, actor(r), r.body)));
  app.get('/stations/assessment', { config: { access: READ }, schema: { tags, summary: 'The year\'s station assessment (appendix 七), each item with its source', querystring: assessmentQuery } },
    async (r) => assessStations(db, r.query.year));
  app.post('/stations/attribute', { config: { access: WRITE }, schema: { tags, summary: 'Attribute unattributed applications to the station serving the enterprise\'s street or district', body: attributeBody } },
    async (r) => attributeByArea(db, actor(r), r.body.year));
  app.get('/stations/:id', { config: { access: READ }, schema: { tags, summary: 'A station', params: idParams } }, async (r) => getStation(db, r.params.id));
  app.patch('/stations/:id', { config: { access: { roles: ['admin'] } }, schema: { tags, summary: 'Change a station (name, host, parks, areas, active)', params: idParams, body: updateStationBody } },
    async (r) => updateStation(db, actor(r), r.params.id, r.body));
  app.post('/stations/:id/officers', { config: { access: { roles: ['admin'] } }, schema: { tags, summary: 'Add a 科技金融专员 to a station', params: idParams, body: officerBody } },
    async (r, reply) => reply.code(201).send(await addOfficer(db, actor(r), r.params.id, r.body)));
  app.patch('/stations/:id/officers/:officerId', { config: { access: { roles: ['admin'] } }, schema: { tags, summary: 'Change a station\'s 科技金融专员 (name, phone, account, active)', params: officerParams, body: updateOfficerBody } },
    async (r) => updateOfficer(db, actor(r), r.params.id, r.params.officerId, r.body));
  app.post('/stations/:id/screenings', { config: { access: WRITE }, schema: { tags, summary: 'Record the station\'s 推荐/初审/调查 of a loan project', params: idParams, body: screeningBody } },
    async (r, reply) => reply.code(201).send(await recordScreening(db, actor(r), r.params.id, r.body)));
  app.put('/stations/:id/assessment', { config: { access: WRITE }, schema: { tags, summary: 'Enter an officer-entered assessment item for a year', params: idParams, body: entryBody } },
    async (r) => enterItem(db, actor(r), r.params.id, r.body));
  app.put('/applications/:id/station', { config: { access: WRITE }, schema: { tags, summary: 'Attribute an application to a station (null clears it)', params: idParams, body: applicationStationBody } },
    async (r) => setApplicationStation(db, actor(r), r.params.id, r.body.stationId));
}
