import { sql, type Kysely } from 'kysely';

// The officers' queue shows its exact size on every page (issue #4: p99 under 100 ms with 20 concurrent
// clients over 200,000 applications). Counting the waiting rows per request was most of the queue's database
// time, so the count per status is kept by the database itself: statement-level triggers with transition
// tables add what a statement inserted, moved or removed — exact and transactional (a rolled-back transition
// never counted), one upsert per statement however many rows an import writes. Counter rows are updated in
// status order so two transactions moving applications between the same statuses cannot deadlock. (No check
// on n: PostgreSQL checks the proposed row of an upsert before finding the conflict, and a move proposes −1.)
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table application_status_counts (status text primary key, n bigint not null)`.execute(db);
  await sql`insert into application_status_counts (status, n) select status, count(*) from applications group by status`.execute(db);
  await sql`
    create function application_status_counts_apply() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into application_status_counts as c (status, n)
          select status, count(*) from new_rows group by status order by status
          on conflict (status) do update set n = c.n + excluded.n;
      elsif tg_op = 'DELETE' then
        update application_status_counts c set n = c.n - d.k
          from (select status, count(*) as k from old_rows group by status order by status) d where c.status = d.status;
      else
        insert into application_status_counts as c (status, n)
          select status, sum(k) from (
            select status, 1 as k from new_rows union all select status, -1 from old_rows
          ) moved group by status having sum(k) <> 0 order by status
          on conflict (status) do update set n = c.n + excluded.n;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger application_status_counts_insert after insert on applications
    referencing new table as new_rows for each statement execute function application_status_counts_apply()`.execute(db);
  await sql`
    create trigger application_status_counts_update after update on applications
    referencing old table as old_rows new table as new_rows for each statement execute function application_status_counts_apply()`.execute(db);
  await sql`
    create trigger application_status_counts_delete after delete on applications
    referencing old table as old_rows for each statement execute function application_status_counts_apply()`.execute(db);
}
