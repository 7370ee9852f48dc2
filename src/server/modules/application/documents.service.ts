import type { Database } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { conflict, forbidden, notFound } from '../../platform/errors';
import { lockApplication } from './applications.repository';
import { scopedApplication, type Ctx } from './applications.service';

/** One document at most this large; the upload limit of the whole server is a separate, larger cap. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const MAX_DOCUMENTS = 30;
// The enterprise completes its file until a bank has it; office staff may add minutes and notes at any open step.
const ENTERPRISE_UPLOAD = new Set(['draft', 'submitted', 'screening', 'review', 'deferred']);
const STAFF_UPLOAD = new Set(['draft', 'submitted', 'screening', 'review', 'deferred', 'recommended', 'accepted', 'declined', 'reassigned']);

export async function addDocument(db: Database, ctx: Ctx, id: string, file: { filename: string; contentType: string; buffer: Buffer }) {
  const role = ctx.principal.role;
  if (role !== 'enterprise_user' && role !== 'officer' && role !== 'admin') throw forbidden('documents are attached by the enterprise or the office');
  await scopedApplication(db, ctx.principal, id);
  const docId = await db.transaction().execute(async (trx) => {
    const row = (await lockApplication(trx, id))!;
    const allowed = role === 'enterprise_user' ? ENTERPRISE_UPLOAD : STAFF_UPLOAD;
    if (!allowed.has(row.status)) throw conflict(`documents cannot be added to an application that is ${row.status}`);
    const count = await trx.selectFrom('application_documents').select((eb) => eb.fn.countAll<number>().as('n')).where('application_id', '=', id).executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_DOCUMENTS) throw conflict(`an application holds at most ${MAX_DOCUMENTS} documents`);
    const d = await trx
      .insertInto('application_documents')
      .values({ application_id: id, filename: file.filename, content_type: file.contentType, size: file.buffer.length, content: file.buffer, uploaded_by: ctx.principal.userId })
      .returning(['id', 'uploaded_at'])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'application.document.add', entityType: 'application', entityId: id, after: { documentId: d.id, filename: file.filename, size: file.buffer.length } });
    return d;
  });
  return { id: docId.id, filename: file.filename, contentType: file.contentType, size: file.buffer.length, uploadedAt: new Date(docId.uploaded_at).toISOString() };
}

/** Downloads are scoped like the application and logged: who read which document, when. */
export async function downloadDocument(db: Database, ctx: Ctx, id: string, documentId: string) {
  await scopedApplication(db, ctx.principal, id);
  const d = await db.selectFrom('application_documents').select(['filename', 'content_type', 'content', 'size']).where('id', '=', documentId).where('application_id', '=', id).executeTakeFirst();
  if (!d) throw notFound('document');
  await db.transaction().execute((trx) =>
    writeAudit(trx, ctx, { action: 'application.document.download', entityType: 'application', entityId: id, after: { documentId, filename: d.filename, size: d.size } }),
  );
  return { filename: d.filename, contentType: d.content_type, content: Buffer.from(d.content) };
}
