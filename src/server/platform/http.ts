import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppConfig } from '../config';
import type { Database } from '../db/connect';
import { unauthorized } from './errors';
import type { JobQueue } from './jobs';
import type { Access, ActorContext, Principal } from './principal';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface Deps {
  db: Database;
  config: AppConfig;
  /** Queues background jobs; absent when the app runs without a job runner (tests). */
  jobs?: JobQueue | undefined;
}

/** The acting principal of a route that requires sign-in (the access hook already rejected anonymous calls). */
export function actor(request: { principal: Principal | null; id: string }): ActorContext & { principal: Principal } {
  if (!request.principal) throw unauthorized();
  return { principal: request.principal, requestId: request.id };
}

export const uuidParam = (name: string) => z.strictObject({ [name]: z.uuid({ message: `${name} must be a UUID` }) });

export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export const errorBody = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
