import { sql, type Kysely } from 'kysely';

// loan_status becomes a source of stored results (migration 0026, platform/stored-result.ts): the loan drill-downs
// (monitoring/dashboards.service.ts) keep the count of a bank's loans or of one class outstanding as a stored
// result, since counting a quarter of a million index entries per page request was most of the NPL drill-down's
// time with 20 users (docs/benchmarks.md, issue #8). Every statement that writes loan_status — the daily run, a
// write path's reclassification, an import — then makes those counts stale, as it does the other stored results.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create trigger loan_status_stored_result_change after insert or update or delete or truncate on loan_status
    for each statement execute function stored_result_note_change()`.execute(db);
}
