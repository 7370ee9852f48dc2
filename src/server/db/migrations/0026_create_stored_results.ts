import { sql, type Kysely } from 'kysely';

// Stored results (src/server/platform/stored-result.ts): a report computed once and read until its inputs change
// (issue #7's linkage report, issue #8's bank assessment), on any number of app servers and workers sharing one
// database. Whether a stored result is stale is decided by PostgreSQL's own transaction visibility:
//  - every statement that writes an input table records its transaction id once per table in
//    stored_result_changes (a statement-level trigger; inserts only, so writers never wait for each other);
//  - a result is stored with the snapshot it was computed in (pg_snapshot, taken in a repeatable-read transaction);
//  - it is fresh while every change row of its source tables is visible in that snapshot. A writer that
//    committed later, or was still running when the result was computed, makes it stale the moment it commits;
//    a writer that rolls back takes its change row with it.
const SOURCES = [
  // the 投贷联动 report: the linked loans' standing (loan/standing.repository.ts reads these) and the rounds
  'loans', 'loan_repayments', 'loan_reports', 'loan_schedule', 'classification_floors', 'enterprise_rounds',
  // the cooperating-bank assessment (assessment.repository.ts; loans above)
  'organizations', 'applications', 'application_assignments', 'products', 'events',
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table stored_results (
      kind text not null,
      key text not null,
      sources text[] not null,
      snapshot pg_snapshot not null,
      result json not null, -- json, not jsonb: kept as written, keys in the order the report has them
      computed_at timestamptz not null,
      primary key (kind, key)
    )`.execute(db);
  await sql`create table stored_result_changes (source text not null, xid xid8 not null, primary key (source, xid))`.execute(db);
  await sql`
    create function stored_result_note_change() returns trigger language plpgsql as $$
    begin
      insert into stored_result_changes (source, xid) values (tg_table_name, pg_current_xact_id()) on conflict do nothing;
      return null;
    end $$`.execute(db);
  for (const table of SOURCES) {
    await sql`
      create trigger ${sql.raw(`${table}_stored_result_change`)} after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function stored_result_note_change()`.execute(db);
  }
}
