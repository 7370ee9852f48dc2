// The daily classification (issue #5): every loan's standing as of a date, written to loan_status, with a
// loan_class_history row where a class changed. One statement, set-based (standing.repository.ts), so a
// million loans classify in seconds, not a row-at-a-time loop (bench/loans/classify.bench.ts).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/connect';
import type { DB } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { isCalendarDate, todayInShanghai } from '../../platform/dates';
import { badRequest } from '../../platform/errors';
import type { ActorContext } from '../../platform/principal';
import { chosenLoans, isWholeLedger, standingCtes, setBased, type StandingFilter } from './standing.repository';

type Handle = Kysely<DB> | Transaction<DB>;

export const CLASSIFY_JOB = 'loan-classification';

export interface ClassifyResult {
  asOf: string;
  loans: number;
  /** loan_status rows inserted or changed. */
  statusWritten: number;
  /** loan_class_history rows written (a class changed on asOf, or the loan's first classification). */
  classChanges: number;
}

/**
 * Recompute the standing of the loans passing `filter` as of `asOf`. loan_status keeps the latest date
 * classified: an earlier date (a backfill) writes history but does not move a newer status back. History
 * compares with the loan's last history row before asOf, so rerunning a day changes nothing. Keeps the record of
 * whether loan_status is the whole standing on a date up to date (migration 0027, standing-source.ts).
 */
export async function classifyLoans(db: Handle, asOf: string, filter: StandingFilter = {}): Promise<Omit<ClassifyResult, 'asOf'>> {
  const whole = isWholeLedger(filter);
  return setBased(db, async (trx) => {
    // A run over every loan excludes writers for its duration; a writer's reclassification shares the lock
    // with other writers (the fact triggers take it too): see the migration for why.
    await (whole ? sql`select pg_advisory_xact_lock(${CLASSIFY_LOCK})` : sql`select pg_advisory_xact_lock_shared(${CLASSIFY_LOCK})`).execute(trx);
    const row = (await classifyStatement(asOf, filter).execute(trx)).rows[0]!;
    await recordStanding(trx, asOf, filter, whole ? { later: row.later, floorsId: row.floors_id } : null);
    return { loans: row.loans, statusWritten: row.status_written, classChanges: row.class_changes };
  });
}

const CLASSIFY_LOCK = sql`hashtext('kcjr.loan.classify')`;

/**
 * After a classification as of `asOf`. A run over every loan that left every loan_status row as of asOf (it writes
 * every started loan's; none was later — rows are never moved back) records asOf as the date loan_status is the standing on, with the floors table it used, and nothing is
 * pending — unless asOf is still to come (writes until then would not move the rows). Otherwise, a classification
 * for a date after the recorded one moved rows past it: the record is cleared until the next full run. A
 * classification of some loans as of the recorded date brings them up to date: they are no longer pending.
 */
async function recordStanding(trx: Transaction<DB>, asOf: string, filter: StandingFilter, whole: { later: number; floorsId: string | null } | null) {
  if (whole && whole.later === 0 && whole.floorsId && asOf <= todayInShanghai()) {
    await sql`update loan_standing_state set classified_on = ${asOf}::date, floors_id = ${whole.floorsId}::uuid, updated_at = now()`.execute(trx);
    await sql`delete from loan_standing_pending`.execute(trx);
    return;
  }
  await sql`update loan_standing_state set classified_on = null, floors_id = null, updated_at = now() where classified_on < ${asOf}::date`.execute(trx);
  if (!whole) {
    await sql`
      delete from loan_standing_pending p using loan_standing_state st
      where st.classified_on = ${asOf}::date ${chosenLoans(asOf, filter, sql`p.loan_id`)}`.execute(trx);
  }
}

/**
 * The one statement of a classification run (exported for EXPLAIN in the benchmark). Each loan's standing is
 * compared with its last history row before the date and with its loan_status row in one pass (`diff`), and only
 * what differs is written: a rerun of a day reads and writes nothing more than the comparison.
 */
export function classifyStatement(asOf: string, filter: StandingFilter = {}) {
  const d = sql`${asOf}::date`;
  return sql<{ loans: number; status_written: number; class_changes: number; later: number; floors_id: string | null }>`
    with ${standingCtes(asOf, filter, ['bank_org_id'])},
    prev as (
      select distinct on (h.loan_id) h.loan_id, h.computed_class, h.reported_class, h.final_class
      from loan_class_history h
      where h.effective_on < ${d} ${chosenLoans(asOf, filter, sql`h.loan_id`)}
      order by h.loan_id, h.effective_on desc
    ),
    diff as materialized (
      select s.*,
        (p.loan_id is null or (p.computed_class, p.reported_class, p.final_class) is distinct from (s.computed_class, s.reported_class, s.final_class)) as changed,
        (ls.loan_id is null or (ls.as_of <= ${d}
          and (ls.as_of, ls.dpd, ls.outstanding, ls.computed_class, ls.reported_class, ls.final_class, ls.floors_id)
            is distinct from (${d}, s.dpd, s.outstanding, s.computed_class, s.reported_class, s.final_class, s.floors_id))) as status_changed
      from standing s
      left join prev p on p.loan_id = s.loan_id
      left join loan_status ls on ls.loan_id = s.loan_id
    ),
    hist as (
      insert into loan_class_history (loan_id, effective_on, dpd, outstanding, computed_class, reported_class, final_class)
      select loan_id, ${d}, dpd, outstanding, computed_class, reported_class, final_class from diff where changed
      on conflict (loan_id, effective_on) do update set dpd = excluded.dpd, outstanding = excluded.outstanding,
        computed_class = excluded.computed_class, reported_class = excluded.reported_class, final_class = excluded.final_class
      where (loan_class_history.dpd, loan_class_history.outstanding, loan_class_history.computed_class, loan_class_history.reported_class, loan_class_history.final_class)
        is distinct from (excluded.dpd, excluded.outstanding, excluded.computed_class, excluded.reported_class, excluded.final_class)
      returning 1
    ),
    stale as (
      -- A rerun of the same day after a correction: a change recorded earlier that day no longer is one.
      delete from loan_class_history h using diff
      where h.loan_id = diff.loan_id and h.effective_on = ${d} and not diff.changed
      returning 1
    ),
    up as (
      insert into loan_status as ls (loan_id, as_of, dpd, outstanding, computed_class, reported_class, final_class, floors_id, bank_org_id, updated_at)
      select loan_id, ${d}, dpd, outstanding, computed_class, reported_class, final_class, floors_id, bank_org_id, now() from diff where status_changed
      on conflict (loan_id) do update set as_of = excluded.as_of, dpd = excluded.dpd, outstanding = excluded.outstanding,
        computed_class = excluded.computed_class, reported_class = excluded.reported_class, final_class = excluded.final_class,
        floors_id = excluded.floors_id, updated_at = excluded.updated_at
      where ls.as_of <= excluded.as_of
        and (ls.as_of, ls.dpd, ls.outstanding, ls.computed_class, ls.reported_class, ls.final_class, ls.floors_id)
          is distinct from (excluded.as_of, excluded.dpd, excluded.outstanding, excluded.computed_class, excluded.reported_class, excluded.final_class, excluded.floors_id)
      returning 1
    )
    select (select count(*) from diff)::int as loans, (select count(*) from up)::int as status_written,
      (select count(*) from hist)::int as class_changes,
      -- Only a run over every loan records the standing (recordStanding); loan_status has no index on as_of, so a
      -- write path's reclassification of a few loans must not scan the whole table for this.
      ${isWholeLedger(filter) ? sql`(exists (select 1 from loan_status where as_of > ${d}))::int` : sql`0`} as later,
      (select id from fl) as floors_id`;
}

/** The daily job and `kcjr loans classify`: all loans as of a date (default today in Shanghai), audited once. */
export async function runClassification(db: Database, ctx: ActorContext, input: { asOf?: unknown }): Promise<ClassifyResult> {
  const asOf = input.asOf === undefined || input.asOf === null ? todayInShanghai() : input.asOf;
  if (typeof asOf !== 'string' || !isCalendarDate(asOf)) throw badRequest([{ path: 'asOf', message: 'must be a calendar date YYYY-MM-DD' }]);
  return db.transaction().execute(async (trx) => {
    // One run at a time (classifyLoans takes the lock): two concurrent runs of the same day would both see "no
    // row yet" for a new change.
    const counts = await classifyLoans(trx, asOf);
    await writeAudit(trx, ctx, { action: 'loan.classify', entityType: 'loan_classification', entityId: asOf, after: { asOf, ...counts } });
    return { asOf, ...counts };
  });
}

/**
 * After a run that rewrote many loan_status rows (the daily run moves every row's date): vacuum and analyse the
 * table, outside the run's transaction (VACUUM cannot run in one). The drill-downs count a bank's or the
 * non-performing loans from an index alone only where the visibility map says the table's pages are all visible, and
 * the planner needs the new row counts; autovacuum would get there, but some minutes later. What the daily job and
 * `kcjr loans classify` do after classifying; the classification itself is timed without it.
 */
export async function tidyLoanStatus(db: Database, result: Pick<ClassifyResult, 'loans' | 'statusWritten'>): Promise<boolean> {
  if (result.statusWritten * 10 < result.loans) return false;
  await sql`vacuum (analyze) loan_status`.execute(db);
  return true;
}
