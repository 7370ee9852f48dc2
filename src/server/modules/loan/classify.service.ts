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
import { chosenLoans, standingCtes, setBased, type StandingFilter } from './standing.repository';

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
 * compares with the loan's last history row before asOf, so rerunning a day changes nothing.
 */
export async function classifyLoans(db: Handle, asOf: string, filter: StandingFilter = {}): Promise<Omit<ClassifyResult, 'asOf'>> {
  const r = await setBased(db, (trx) => classifyStatement(asOf, filter).execute(trx));
  const row = r.rows[0]!;
  return { loans: row.loans, statusWritten: row.status_written, classChanges: row.class_changes };
}

/**
 * The one statement of a classification run (exported for EXPLAIN in the benchmark). Each loan's standing is
 * compared with its last history row before the date and with its loan_status row in one pass (`diff`), and only
 * what differs is written: a rerun of a day reads and writes nothing more than the comparison.
 */
export function classifyStatement(asOf: string, filter: StandingFilter = {}) {
  const d = sql`${asOf}::date`;
  return sql<{ loans: number; status_written: number; class_changes: number }>`
    with ${standingCtes(asOf, filter)},
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
      insert into loan_status as ls (loan_id, as_of, dpd, outstanding, computed_class, reported_class, final_class, floors_id, updated_at)
      select loan_id, ${d}, dpd, outstanding, computed_class, reported_class, final_class, floors_id, now() from diff where status_changed
      on conflict (loan_id) do update set as_of = excluded.as_of, dpd = excluded.dpd, outstanding = excluded.outstanding,
        computed_class = excluded.computed_class, reported_class = excluded.reported_class, final_class = excluded.final_class,
        floors_id = excluded.floors_id, updated_at = excluded.updated_at
      where ls.as_of <= excluded.as_of
        and (ls.as_of, ls.dpd, ls.outstanding, ls.computed_class, ls.reported_class, ls.final_class, ls.floors_id)
          is distinct from (excluded.as_of, excluded.dpd, excluded.outstanding, excluded.computed_class, excluded.reported_class, excluded.final_class, excluded.floors_id)
      returning 1
    )
    select (select count(*) from diff)::int as loans, (select count(*) from up)::int as status_written,
      (select count(*) from hist)::int as class_changes`;
}

/** The daily job and `kcjr loans classify`: all loans as of a date (default today in Shanghai), audited once. */
export async function runClassification(db: Database, ctx: ActorContext, input: { asOf?: unknown }): Promise<ClassifyResult> {
  const asOf = input.asOf === undefined || input.asOf === null ? todayInShanghai() : input.asOf;
  if (typeof asOf !== 'string' || !isCalendarDate(asOf)) throw badRequest([{ path: 'asOf', message: 'must be a calendar date YYYY-MM-DD' }]);
  return db.transaction().execute(async (trx) => {
    // One run at a time: two concurrent runs of the same day would both see "no row yet" for a new change.
    await sql`select pg_advisory_xact_lock(hashtext('kcjr.loan.classify'))`.execute(trx);
    const counts = await classifyLoans(trx, asOf);
    await writeAudit(trx, ctx, { action: 'loan.classify', entityType: 'loan_classification', entityId: asOf, after: { asOf, ...counts } });
    return { asOf, ...counts };
  });
}
