import { sql, type Kysely } from 'kysely';

// The consent read log (issue #4: "every read is logged and the enterprise sees who read what and when") is
// append-only like the audit log: the database refuses to change or remove a logged read.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function consent_reads_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'consent_reads is append-only';
    end $$`.execute(db);
  await sql`
    create trigger consent_reads_no_update_delete before update or delete on consent_reads
    for each row execute function consent_reads_append_only()`.execute(db);
}
