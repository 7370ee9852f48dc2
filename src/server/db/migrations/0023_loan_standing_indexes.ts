import { sql, type Kysely } from 'kysely';

// Loan standings at scale (issues #5, #7, #8: classification of 1,000,000 loans, the linkage report, the
// indicators). A loan's standing as of a date reads its latest report, its repayments up to the date and, when
// repayments are recorded, the first instalment they do not cover. These make each of those one index read:
//  - loan_schedule.due_cum: the running total due (principal + interest) through each instalment, so "the first
//    instalment what was paid does not cover" is the first row with due_cum > paid — an index probe instead of a
//    window over the whole schedule. Written with the schedule (create-loan.ts scheduleRows); never changes, as
//    schedules are only ever replaced whole.
//  - covering indexes for the latest report on or before a date and for repayments up to a date, read in loan
//    order without visiting the tables.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table loan_schedule add column due_cum bigint`.execute(db);
  await sql`
    update loan_schedule s set due_cum = x.cum
    from (select loan_id, seq, sum(principal + interest) over (partition by loan_id order by seq) as cum from loan_schedule) x
    where x.loan_id = s.loan_id and x.seq = s.seq`.execute(db);
  await sql`alter table loan_schedule alter column due_cum set not null`.execute(db);
  await sql`alter table loan_schedule add constraint loan_schedule_due_cum_check check (due_cum >= principal + interest)`.execute(db);
  await sql`create index loan_schedule_due_cum on loan_schedule (loan_id, due_cum, seq) include (due_on)`.execute(db);
  await sql`create index loan_reports_latest on loan_reports (loan_id, as_of desc) include (outstanding, dpd, reported_class)`.execute(db);
  await sql`create index loan_repayments_paid on loan_repayments (loan_id, paid_on) include (principal, interest)`.execute(db);
}
