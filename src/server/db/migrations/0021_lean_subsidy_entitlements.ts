import { sql, type Kysely } from 'kysely';

// 免申即享 storage at district scale (issue #3: a scan of 100,000 enterprises × 5 claims under 10 s). Each stored
// row paid for a random uuid index, a unique index on the long text key and two foreign-key checks, and every
// rescan probed the table once per candidate. Now:
//  - an entitlement's id is derived from its key (entitlement_uuid(key): md5 of the key with the version-3 and
//    RFC variant bits set, a name-based uuid; the same in SQL and in Node), so the primary
//    key alone keeps keys unique and a scan knows each candidate's id without asking the database;
//  - `digest` (md5 of status, amount, basis, facts, note, ruleset version) lets a scan read the year's (id, digest)
//    pairs once and write only what changed;
//  - enterprise_id / organization_id keep no foreign key: they are copied from the registry in the scan's own
//    transaction, and neither enterprises nor organisations are ever deleted.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table subsidy_entitlements drop constraint subsidy_entitlements_enterprise_id_fkey`.execute(db);
  await sql`alter table subsidy_entitlements drop constraint subsidy_entitlements_organization_id_fkey`.execute(db);
  await sql`alter table subsidy_entitlements drop constraint subsidy_entitlements_key_key`.execute(db);
  await sql`alter table subsidy_entitlements alter column id drop default`.execute(db);
  await sql`
    create function entitlement_uuid(k text) returns uuid language sql immutable strict as $$
      select (substr(h, 1, 12) || '3' || substr(h, 14, 3) || to_hex((('x' || substr(h, 17, 1))::bit(4)::int & 3) | 8) || substr(h, 18))::uuid
      from (select md5(k) as h) m
    $$`.execute(db);
  await sql`update subsidy_entitlements set id = entitlement_uuid(key)`.execute(db);
  // Null for rows stored before: the next scan rewrites them once.
  await sql`alter table subsidy_entitlements add column digest text`.execute(db);
}
