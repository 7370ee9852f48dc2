import { sql, type Kysely } from 'kysely';

// Financing applications (issue #4): numbers for applications made on the platform (imported ones keep their
// own), and the indexes the funnel report, the bank's view of its assignments and the officers' warning
// dashboard read by. The SLA warning lines themselves are a setting in `meta` (key application.sla_lines).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create sequence application_no_seq`.execute(db);
  // Every bank an application was ever recommended to (the funnel per bank, reassignment history).
  await sql`create index application_assignments_bank on application_assignments (bank_org_id, application_id)`.execute(db);
  // Open warnings, oldest due first (officer dashboard); a resolved warning is history and leaves this index.
  await sql`create index application_sla_warnings_open on application_sla_warnings (due_on, application_id) where resolved_at is null`.execute(db);
  // The officers' queue lists a status oldest first and pages by (submitted_on, id).
  await sql`create index applications_status_queue on applications (status, submitted_on, id)`.execute(db);
  // A bank's inbox (recommended or accepted, oldest recommendation first): one ordered range per bank, so a
  // page stops after its rows instead of sorting every waiting application (EXPLAIN in bench/applications).
  await sql`create index applications_inbox on applications (bank_org_id, recommended_on, id) where status in ('recommended', 'accepted')`.execute(db);
}
