import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppConfig } from './config';
import type { Database } from './db/connect';
import { resolvePrincipal } from './platform/authenticate';
import { forbidden, unauthorized } from './platform/errors';
import { errorHandler } from './platform/error-handler';
import type { App } from './platform/http';
import type { JobQueue } from './platform/jobs';
import type { Access } from './platform/principal';
import { safeEqual } from './platform/secrets';
import { registerModules } from './modules';

export interface ApiRoute {
  method: string;
  url: string;
  route: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api/v1 route with its declared access (the access test checks it covers them all). */
    apiRoutes: ApiRoute[];
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

/** Builds the HTTP app without listening: main.ts listens, tests use app.inject. */
export async function buildApp(deps: { db: Database; config: AppConfig; logger?: boolean | object; jobs?: JobQueue }): Promise<App> {
  const { db, config } = deps;
  const app = Fastify({
    logger: deps.logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => randomUUID(),
    trustProxy: true,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider() as unknown as App;

  // Cookies are parsed in an onRequest hook: register before ours, which reads the session cookie.
  await app.register(cookie);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // Every API route must say who may call it; a route without `config.access` fails start-up.
  const apiRoutes: ApiRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    if (!route.config?.access) throw new Error(`route ${String(route.method)} ${route.url} does not declare config.access`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') apiRoutes.push({ method, url: route.url, route: route.url, access: route.config.access });
    }
  });
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access) return;
    request.principal = await resolvePrincipal(db, request);
    if ('public' in access) return;
    const p = request.principal;
    if (!p) throw unauthorized();
    if (p.via === 'token' && (!access.scope || !p.scopes?.includes(access.scope))) {
      throw forbidden(access.scope ? `this API token lacks the scope '${access.scope}'` : 'this route is not open to API tokens');
    }
    if (!access.roles.includes(p.role)) throw forbidden();
    if (p.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !p.csrfToken || !safeEqual(sent, p.csrfToken)) {
        throw forbidden(`missing or wrong ${CSRF_HEADER} header (cookie-authenticated changes need the CSRF token from /auth/me)`);
      }
    }
  });

  await app.register(multipart, { limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'KCJR 科创金融服务平台 API', version: '1' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'kcjr_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: { public: true } } }, async () => app.swagger());

  await app.register(async (api) => registerModules(api as unknown as App, { db, config, jobs: deps.jobs }), { prefix: '/api/v1' });

  const indexHtml = path.join(config.webDir, 'index.html');
  if (fs.existsSync(indexHtml)) {
    await app.register(fastifyStatic, { root: path.resolve(config.webDir), wildcard: false, index: false });
  }
  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.code(404).send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` });
    }
    if (request.method === 'GET' && fs.existsSync(indexHtml)) {
      // Client-side routes (/enterprises/…) all load the single-page app.
      return reply.type('text/html').send(fs.createReadStream(indexHtml));
    }
    return reply.code(404).type('text/plain').send('The web app is not built: run `npm run build:web` (npm start does this).');
  });
  return app;
}
