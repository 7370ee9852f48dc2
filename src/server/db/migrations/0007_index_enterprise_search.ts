import { sql, type Kysely } from 'kysely';

// Registry search (bench/registry findings): a USCC-prefix index usable under any collation, and indexes
// that serve the descending sorts with their tie-break (founded_on desc nulls last, id desc; updated_at, id).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index enterprises_uscc_pattern on enterprises (uscc bpchar_pattern_ops)`.execute(db);
  await sql`create index enterprises_founded_on_desc on enterprises (founded_on desc nulls last, id desc)`.execute(db);
  await sql`create index enterprises_updated_at on enterprises (updated_at, id)`.execute(db);
}
