import { sql, type Kysely } from 'kysely';

// The maintained standing (issue #8: indicators of a million loans in seconds, loan drill-downs by index). Every
// write path reclassifies the loans it touches as of today and the daily job classifies all, so loan_status is the
// whole standing on the day of the last full run — as long as nothing changed since that the rows do not show.
// Which is recorded here, exactly and across processes, instead of being assumed:
//  - loan_standing_state (one row): classified_on, the date of the full run after which every started loan's
//    loan_status row was as of that date, and the floors table that run used; null once a classification for a
//    later date moves some rows past it (classify.service.ts).
//  - loan_standing_pending: loans whose facts (the loan, its schedule, repayments or bank reports) changed while
//    a date was recorded and that have not been reclassified as of that date since. Statement-level triggers
//    with transition tables add them, whoever writes (an API path, an import, a script); classifying them as of
//    the recorded date removes them. The triggers take the classification lock shared, so a full run (which
//    takes it exclusively) sees either the whole of a writer's transaction or none of it and the writer then
//    finds the new date.
// Readers (standing-source.ts) use loan_status for a date D only when classified_on = D, the floors table in force
// for D is the one recorded, and nothing is pending — one row and one probe — in the same snapshot as their read.
//
// loan_status.bank_org_id (a loan's bank never changes) with the two orderings the drill-downs page by: a bank's
// loans and the non-performing loans, largest outstanding first.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table loan_status add column bank_org_id uuid`.execute(db);
  await sql`update loan_status s set bank_org_id = l.bank_org_id from loans l where l.id = s.loan_id`.execute(db);
  await sql`alter table loan_status alter column bank_org_id set not null`.execute(db);
  await sql`create index loan_status_bank_outstanding on loan_status (bank_org_id, outstanding desc)`.execute(db);
  await sql`create index loan_status_npl_outstanding on loan_status (outstanding desc) where final_class in ('substandard', 'doubtful', 'loss')`.execute(db);

  await sql`
    create table loan_standing_state (
      id boolean primary key default true check (id),
      classified_on date,
      floors_id uuid references classification_floors(id),
      updated_at timestamptz not null default now(),
      check ((classified_on is null) = (floors_id is null))
    )`.execute(db);
  await sql`insert into loan_standing_state (id) values (true)`.execute(db);
  await sql`create table loan_standing_pending (loan_id uuid primary key)`.execute(db);

  await sql`
    create function loan_standing_touched() returns trigger language plpgsql as $$
    begin
      perform pg_advisory_xact_lock_shared(hashtext('kcjr.loan.classify'));
      if not exists (select 1 from loan_standing_state where classified_on is not null) then
        return null;
      end if;
      if tg_table_name = 'loans' then
        -- Of a loan's own columns the standing reads its principal and start date; a change of its product,
        -- collateral or linkage mode is read from loans directly by every report and is not pending.
        if tg_op = 'INSERT' then
          insert into loan_standing_pending (loan_id) select id from new_rows order by 1 on conflict do nothing;
        elsif tg_op = 'DELETE' then
          insert into loan_standing_pending (loan_id) select id from old_rows order by 1 on conflict do nothing;
        else
          insert into loan_standing_pending (loan_id)
            select n.id from new_rows n join old_rows o on o.id = n.id
            where (n.principal, n.start_date) is distinct from (o.principal, o.start_date) order by 1 on conflict do nothing;
        end if;
      else
        if tg_op <> 'DELETE' then
          insert into loan_standing_pending (loan_id) select distinct loan_id from new_rows order by 1 on conflict do nothing;
        end if;
        if tg_op <> 'INSERT' then
          insert into loan_standing_pending (loan_id) select distinct loan_id from old_rows order by 1 on conflict do nothing;
        end if;
      end if;
      return null;
    end $$`.execute(db);
  for (const table of ['loans', 'loan_schedule', 'loan_repayments', 'loan_reports']) {
    await sql.raw(`
      create trigger ${table}_standing_insert after insert on ${table}
      referencing new table as new_rows for each statement execute function loan_standing_touched()`).execute(db);
    await sql.raw(`
      create trigger ${table}_standing_update after update on ${table}
      referencing old table as old_rows new table as new_rows for each statement execute function loan_standing_touched()`).execute(db);
    await sql.raw(`
      create trigger ${table}_standing_delete after delete on ${table}
      referencing old table as old_rows for each statement execute function loan_standing_touched()`).execute(db);
  }
}
