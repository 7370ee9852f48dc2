import { sql, type Kysely } from 'kysely';

// 免申即享 storage, third step (issue #3: a scan of 100,000 enterprises × 5 claims under 10 s). A first scan
// writing 500,000 rows still took 16.5 s on a quiet machine. Measured per 500,000 rows (backend CPU): the heap
// insert alone 0.8 s, the primary key on md5-derived (random) ids +1.6 s, the (year, measure, status) btree +0.7 s;
// parsing the ~220 MB of array literals the rows travelled in ~2 s more, and building them in Node, with the
// garbage they leave, most of the scan's own time. So each row now carries less and costs less to index:
//  - the beneficiary (name, kind, registration flags, registry ids) is stored once per year in
//    subsidy_scan_beneficiaries instead of on each of its entitlements — as the engine already evaluates a
//    beneficiary's candidates with one beneficiary (the first candidate's);
//  - `key` (source|measure|uscc|matter|eventDate) is no longer stored: it is those five columns;
//  - ids are time-ordered (the scan's time, then a counter), so each new row goes to the right edge of the
//    primary key instead of a random leaf; they are no longer derived from the key (a scan reads its year's
//    keys and ids once and looks candidates up by key), and stored ids keep their values;
//  - the year index is a BRIN index (a scan appends its year's rows together);
//  - facts are `json`: kept as the text the scan wrote and only ever read whole.
// Only the scan writes entitlements, under its per-year advisory lock, so a key is stored once per year without a
// unique index. The digest now also covers the beneficiary: the first rescan after this rewrites each row once
// (ids unchanged).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table subsidy_scan_beneficiaries (
      year int not null,
      uscc char(18) not null,
      name text not null,
      kind text not null,
      registered_in_yangpu boolean not null,
      registered_in_shanghai boolean not null,
      enterprise_id uuid,
      organization_id uuid,
      primary key (year, uscc)
    )`.execute(db);
  await sql`
    insert into subsidy_scan_beneficiaries (year, uscc, name, kind, registered_in_yangpu, registered_in_shanghai, enterprise_id, organization_id)
    select distinct on (year, beneficiary_uscc) year, beneficiary_uscc, beneficiary_name, beneficiary_kind, registered_in_yangpu, registered_in_shanghai, enterprise_id, organization_id
    from subsidy_entitlements order by year, beneficiary_uscc, key`.execute(db);
  await sql`drop index subsidy_entitlements_year`.execute(db);
  await sql`
    alter table subsidy_entitlements
      drop column key, drop column beneficiary_name, drop column beneficiary_kind, drop column registered_in_yangpu,
      drop column registered_in_shanghai, drop column enterprise_id, drop column organization_id,
      alter column facts type json using facts::text::json`.execute(db);
  await sql`create index subsidy_entitlements_year on subsidy_entitlements using brin (year)`.execute(db);
  await sql`drop function entitlement_uuid(text)`.execute(db);
}
