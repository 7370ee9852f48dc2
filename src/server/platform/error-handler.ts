import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type Issue } from './errors';

interface ZodIssueLike {
  keys?: string[];
}

/** The one place errors become HTTP: user errors keep their status and name the field; nothing else leaks. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext ?? 'body';
    const issues: Issue[] = error.validation.flatMap((v) => {
      const base = [context, ...v.instancePath.split('/').filter(Boolean)].join('.');
      const keys = (v.params as ZodIssueLike | undefined)?.keys;
      if (v.keyword === 'unrecognized_keys' && keys?.length) {
        return keys.map((k) => ({ path: `${base}.${k}`, message: 'unknown field' }));
      }
      return [{ path: base, message: v.message ?? 'invalid' }];
    });
    return reply.code(400).send({ error: 'validation', message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues });
  }
  if (error instanceof AppError) {
    return reply.code(error.status).send({ error: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) });
  }
  const status = error.statusCode ?? 500;
  if (status === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE') {
    return reply.code(413).send({ error: 'payload_too_large', message: error.message });
  }
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return reply.code(400).send({ error: 'validation', message: `body: ${error.message}`, issues: [{ path: 'body', message: error.message }] });
  }
  if (status >= 400 && status < 500) {
    return reply.code(status).send({ error: error.code ?? 'bad_request', message: error.message });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.code(500).send({ error: 'internal', message: `internal error (request ${request.id})` });
}
