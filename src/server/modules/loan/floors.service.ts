// Officers add a dated table of days-past-due floors (issue #5: "floors from a dated, configurable table").
// A table applies from its effective date; earlier dates keep the table that held then. Audited; tables are
// never edited or deleted, so every past classification can be traced to the table it used (loan_status.floors_id).
import type { Database } from '../../db/connect';
import type { ClassificationFloor } from '../../db/schema-loan';
import { writeAudit } from '../../platform/audit';
import { badRequest, conflict } from '../../platform/errors';
import { checkFloors } from './classification';
import type { Ctx } from './loans.service';

export async function addFloorsTable(db: Database, ctx: Ctx, input: { effectiveFrom: string; floors: ClassificationFloor[]; source: string }) {
  const problems = checkFloors(input.floors);
  if (problems.length) throw badRequest(problems.map((p) => ({ ...p, path: `body.${p.path}` })));
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('classification_floors').select('id').where('effective_from', '=', input.effectiveFrom).executeTakeFirst();
    if (taken) throw conflict(`a floors table already takes effect on ${input.effectiveFrom}; tables are not edited, add one with another date`);
    const row = await trx.insertInto('classification_floors')
      .values({ effective_from: input.effectiveFrom, floors: JSON.stringify(input.floors), source: input.source, created_by: ctx.principal.userId })
      .returning(['id', 'effective_from', 'floors', 'source', 'created_at']).executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'loan.floors.create', entityType: 'classification_floors', entityId: row.id, after: input });
    return { id: row.id, effectiveFrom: row.effective_from, floors: row.floors, source: row.source, createdBy: ctx.principal.username, createdAt: row.created_at };
  });
}
