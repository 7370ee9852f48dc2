import { z } from 'zod';
import type { App, Deps } from '../../platform/http';
import { isDemo } from './meta.repository';

export async function metaRoutes(app: App, { db }: Deps) {
  app.get(
    '/meta',
    {
      config: { access: { public: true } },
      schema: { tags: ['meta'], summary: 'Platform name, version and whether demo data is loaded', response: { 200: z.object({ name: z.string(), version: z.string(), demo: z.boolean() }) } },
    },
    async () => ({ name: 'KCJR', version: process.env.npm_package_version ?? '0.1.0', demo: await isDemo(db) }),
  );
  app.get(
    '/health',
    { config: { access: { public: true } }, schema: { tags: ['meta'], summary: 'Liveness and database reachability', response: { 200: z.object({ ok: z.boolean() }) } } },
    async () => {
      await db.selectFrom('meta').select('key').limit(1).execute();
      return { ok: true };
    },
  );
}
