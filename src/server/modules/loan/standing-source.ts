// Where a report reads loans' standing on a date from (issue #8). Computing it (standing.repository.ts) reads the
// schedule, repayments and bank reports of every loan: seconds per date at a million loans. But every write path
// reclassifies the loans it touches as of today and the daily job classifies all, so loan_status is the standing on
// the day of the last full run — when nothing has changed since that its rows do not show. Migration 0027 records
// exactly when that holds (loan_standing_state, loan_standing_pending; classify.service.ts keeps them); a report
// then aggregates loan_status instead. Both sources give the same `standing` rows (loan_id, dpd, outstanding,
// computed_class, reported_class, final_class, floors_id, then the loan columns asked for), so a report's SQL is the
// same either way; test/loan/standing-source.db.test.ts checks that the two give the same figures.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { filterConds, floorsInForce, setBased, standingCtes, type StandingFilter, type StandingLoanColumn } from './standing.repository';

type Handle = Kysely<DB> | Transaction<DB>;

/**
 * Whether loan_status is the whole standing on asOf: the last full classification was as of asOf and left every
 * row as of it, the floors table in force for asOf is still the one it used (a table added since with an earlier
 * effective date would change classes), and no loan's facts changed since without it being reclassified as of asOf.
 * One row and one probe; read it in the same snapshot as the rows (withStanding).
 */
export async function standingMaintainedOn(db: Handle, asOf: string): Promise<boolean> {
  const r = await sql<{ ok: boolean | null }>`
    select st.classified_on = ${asOf}::date and st.floors_id = (select f.id from (${floorsInForce(asOf)}) f)
      and not exists (select 1 from loan_standing_pending) as ok
    from loan_standing_state st`.execute(db);
  return r.rows[0]?.ok === true;
}

/**
 * The `standing` WITH-query read from loan_status (only valid when standingMaintainedOn holds for asOf). Every
 * loan_status row is then as of asOf — the full run recorded the date only with no row later, writes for a later
 * date clear it, and a loan written without a row as of it is pending — so rows are not filtered by as_of: the
 * planner's estimate of that column is a day behind after each run, and the drill-down counts stay index-only.
 */
export function maintainedStandingCtes(asOf: string, filter: StandingFilter = {}, loanColumns: readonly StandingLoanColumn[] = []): RawBuilder<unknown> {
  const carried = sql.raw(loanColumns.map((c) => `, l.${c}`).join(''));
  return sql`
    standing as (
      select s.loan_id, s.dpd, s.outstanding, s.computed_class, s.reported_class, s.final_class, s.floors_id ${carried}
      from loans l join loan_status s on s.loan_id = l.id
      where ${sql.join([sql`l.start_date <= ${asOf}::date`, ...filterConds(filter)], sql` and `)}
    )`;
}

export interface StandingSource {
  /** loan_status is read (the maintained standing); false: computed from the ledger. */
  maintained: boolean;
  /** The WITH-query defining `standing` for the date, from whichever source. */
  ctes: (filter?: StandingFilter, loanColumns?: readonly StandingLoanColumn[]) => RawBuilder<unknown>;
}

/**
 * Runs `fn` with the standing on asOf from the maintained rows when they hold for that date, else computed — in one
 * repeatable-read snapshot, so a classification committing in between cannot make the check and the rows disagree.
 * Inside a caller's transaction (whose isolation this cannot choose) it computes. `computed: true` forces computing
 * (the equality tests; a report that must not depend on the daily run).
 */
export async function withStanding<T>(db: Handle, asOf: string, fn: (trx: Transaction<DB>, source: StandingSource) => Promise<T>, opts: { computed?: boolean } = {}): Promise<T> {
  const computed: StandingSource = { maintained: false, ctes: (filter = {}, cols = []) => standingCtes(asOf, filter, cols) };
  if (db.isTransaction || opts.computed) return setBased(db, (trx) => fn(trx, computed));
  return db.transaction().setIsolationLevel('repeatable read').execute((trx) =>
    setBased(trx, async (t) => {
      const maintained = await standingMaintainedOn(t, asOf);
      return fn(t, maintained ? { maintained, ctes: (filter = {}, cols = []) => maintainedStandingCtes(asOf, filter, cols) } : computed);
    }));
}
