import { z } from 'zod';
import { ALL_SIGNED_IN, ORGANIZATION_KINDS, TOKEN_SCOPES } from '../../platform/principal';
import { actor, uuidParam, type App, type Deps } from '../../platform/http';
import { listUserViews } from './accounts.repository';
import { createOrganization, createToken, createUser, listOrganizations, listTokens, revokeToken } from './accounts.service';
import { createTokenBody, createUserBody, organizationView, tokenView, userView } from './accounts.schemas';

export async function accountRoutes(app: App, { db }: Deps) {
  app.get(
    '/users',
    { config: { access: { roles: ['admin'] } }, schema: { tags: ['accounts'], summary: 'List users', response: { 200: z.object({ items: z.array(userView) }) } } },
    async () => ({ items: await listUserViews(db) }),
  );
  app.post(
    '/users',
    { config: { access: { roles: ['admin'] } }, schema: { tags: ['accounts'], summary: 'Create a user', body: createUserBody, response: { 201: userView } } },
    async (request, reply) => reply.code(201).send(await createUser(db, actor(request), request.body)),
  );

  app.get(
    '/organizations',
    {
      config: { access: { roles: ['admin', 'officer', 'auditor'] } },
      schema: { tags: ['accounts'], summary: 'List organisations', response: { 200: z.object({ items: z.array(organizationView) }) } },
    },
    async () => ({ items: await listOrganizations(db) }),
  );
  app.post(
    '/organizations',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['accounts'],
        summary: 'Create an organisation',
        body: z.strictObject({
          code: z.string().trim().min(2).max(40).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, underscore and hyphen only'),
          name: z.string().trim().min(1).max(200),
          kind: z.enum(ORGANIZATION_KINDS),
          enterpriseId: z.uuid().optional(),
        }),
        response: { 201: organizationView },
      },
    },
    async (request, reply) => reply.code(201).send(await createOrganization(db, actor(request), request.body)),
  );

  // Tokens are managed only from a signed-in session (no scope): a token cannot mint or revoke tokens.
  app.get(
    '/tokens/scopes',
    { config: { access: { roles: ALL_SIGNED_IN } }, schema: { tags: ['tokens'], summary: 'Scopes an API token may carry', response: { 200: z.object({ scopes: z.array(z.string()) }) } } },
    async () => ({ scopes: [...TOKEN_SCOPES] }),
  );
  app.get(
    '/tokens',
    { config: { access: { roles: ALL_SIGNED_IN } }, schema: { tags: ['tokens'], summary: "Your organisation's API tokens", response: { 200: z.object({ items: z.array(tokenView) }) } } },
    async (request) => ({ items: await listTokens(db, actor(request)) }),
  );
  app.post(
    '/tokens',
    {
      config: { access: { roles: ALL_SIGNED_IN } },
      schema: { tags: ['tokens'], summary: 'Create an API token (the secret is returned once)', body: createTokenBody, response: { 201: z.object({ token: tokenView, secret: z.string() }) } },
    },
    async (request, reply) => reply.code(201).send(await createToken(db, actor(request), request.body)),
  );
  app.delete(
    '/tokens/:id',
    { config: { access: { roles: ALL_SIGNED_IN } }, schema: { tags: ['tokens'], summary: 'Revoke an API token', params: uuidParam('id') } },
    async (request, reply) => {
      await revokeToken(db, actor(request), request.params.id as string);
      return reply.code(204).send();
    },
  );
}
