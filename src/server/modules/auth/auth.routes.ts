import { z } from 'zod';
import { SESSION_COOKIE } from '../../platform/authenticate';
import { ALL_SIGNED_IN } from '../../platform/principal';
import { actor, type App, type Deps } from '../../platform/http';
import { getUserView } from '../accounts/accounts.repository';
import { userView } from '../accounts/accounts.schemas';
import { signIn, signOut } from './auth.service';

const session = z.object({ user: userView, csrfToken: z.string() });

export async function authRoutes(app: App, { db, config }: Deps) {
  app.post(
    '/auth/login',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password; sets the session cookie',
        body: z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
        response: { 200: session },
      },
    },
    async (request, reply) => {
      const result = await signIn(db, config, request.body.username, request.body.password, request.id);
      reply.setCookie(SESSION_COOKIE, result.secret, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies || request.protocol === 'https',
        expires: result.expiresAt,
      });
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/auth/logout',
    { config: { access: { roles: ALL_SIGNED_IN } }, schema: { tags: ['auth'], summary: 'Sign out (ends this session)' } },
    async (request, reply) => {
      const ctx = actor(request);
      await signOut(db, ctx.principal, request.id);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/auth/me',
    { config: { access: { roles: ALL_SIGNED_IN } }, schema: { tags: ['auth'], summary: 'The signed-in user and the CSRF token', response: { 200: session } } },
    async (request) => {
      const p = actor(request).principal;
      return { user: await getUserView(db, p.userId), csrfToken: p.csrfToken ?? '' };
    },
  );
}
