import type { Transaction } from 'kysely';
import type { Database } from '../../db/connect';
import type { DB } from '../../db/schema';
import { runEvaluations } from './evaluation.service';

// Demo data for the evaluations (clearly demo: only demo enterprises): each demo enterprise's evaluation facts
// for its financial years, derived deterministically from its demo financials, and post-money valuations for
// its demo rounds; then one evaluation run over the latest demo year.
export async function seedDemoEvaluationFacts(trx: Transaction<DB>): Promise<void> {
  const fin = await trx
    .selectFrom('enterprise_financials as f')
    .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
    .select(['f.enterprise_id', 'f.year', 'f.employees', 'f.rd_staff', 'f.rd_expense', 'f.revenue', 'f.net_profit', 'e.uscc', 'e.listing_status'])
    .where('e.demo', '=', true)
    .execute();
  const rows = fin.map((f) => {
    const n = Number(f.uscc.slice(8, 16).replace(/\D/g, '') || '0');
    const tech = f.employees === null || f.rd_staff === null ? null : Math.min(f.employees, Math.round(f.rd_staff * 1.3));
    return {
      enterprise_id: f.enterprise_id, year: f.year,
      tech_staff: tech,
      rd_expense_domestic: f.rd_expense === null ? null : Math.round((f.rd_expense * (85 + (n % 15))) / 100),
      operating_cash_flow: f.revenue === null ? null : Math.round(((f.net_profit ?? 0) + f.revenue * 0.05)),
      resident_enterprise: true, prohibited_industry: false, serious_violation: n % 29 === 0,
      provincial_rd_institution: n % 7 === 0, national_award_top3: false, led_standard: n % 11 === 0,
      neeq_listed_on: f.listing_status === 'neeq_base' ? '2022-06-30' : null,
    };
  });
  if (rows.length) await trx.insertInto('enterprise_evaluation_facts').values(rows).execute();
  // Demo rounds get a post-money valuation of 6× their amount (listing readiness reads the latest).
  await trx
    .updateTable('enterprise_rounds')
    .set((eb) => ({ post_money: eb('amount', '*', 6) }))
    .where('enterprise_id', 'in', (eb) => eb.selectFrom('enterprises').select('id').where('demo', '=', true))
    .execute();
}

/** After the seed commits: evaluate the demo registry so the pages and filters have results. */
export async function evaluateDemo(db: Database): Promise<void> {
  const row = await db.selectFrom('enterprise_financials').select((eb) => eb.fn.max('year').as('y')).executeTakeFirst();
  if (!row?.y) return;
  await runEvaluations(db, { principal: null, requestId: null, systemActor: 'system:demo-seed' }, { year: Number(row.y), trigger: 'cli' });
}
