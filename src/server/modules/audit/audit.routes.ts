import { z } from 'zod';
import { verifyAuditChain } from '../../platform/audit';
import { pageQuery, type App, type Deps } from '../../platform/http';
import { listAudit } from './audit.repository';

const date = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
const auditRow = z.object({
  id: z.string(),
  seq: z.number(),
  at: z.string(),
  actor: z.object({ userId: z.string().nullable(), username: z.string().nullable(), tokenId: z.string().nullable() }).nullable(),
  organizationId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  diff: z.object({ before: z.unknown(), after: z.unknown() }),
  requestId: z.string().nullable(),
});

export async function auditRoutes(app: App, { db }: Deps) {
  app.get(
    '/audit',
    {
      config: { access: { roles: ['admin', 'auditor'], scope: 'audit:read' } },
      schema: {
        tags: ['audit'],
        summary: 'Browse the audit log (newest first)',
        querystring: z.strictObject({
          actor: z.string().max(100).optional(),
          action: z.string().max(100).optional(),
          entityType: z.string().max(100).optional(),
          entityId: z.string().max(100).optional(),
          from: date.optional(),
          to: date.optional(),
          ...pageQuery,
        }),
        response: { 200: z.object({ items: z.array(auditRow), total: z.number(), page: z.number(), pageSize: z.number() }) },
      },
    },
    async (request) => listAudit(db, request.query),
  );
  app.get(
    '/audit/verify',
    {
      config: { access: { roles: ['admin', 'auditor'], scope: 'audit:read' } },
      schema: {
        tags: ['audit'],
        summary: 'Verify the hash chain; reports the first broken link',
        response: { 200: z.object({ ok: z.boolean(), checked: z.number(), firstBroken: z.object({ seq: z.number(), reason: z.string() }).nullable() }) },
      },
    },
    async () => verifyAuditChain(db),
  );
}
