// 投贷联动 report (seed 003 三(二)(三)): linked loans by mode — enterprises, loans, balance at the year's end — and
// 表3, the distribution of linked enterprises by the last round they completed before their first linked loan.
import { sql } from 'kysely';
import type { Database } from '../../db/connect';
import { fenToYuan } from '../../platform/money';
import { writeXlsx } from '../../platform/tabular';
import type { Handle } from '../listing/pool.repository';
import { LINKAGE_MODE_ZH, LINKAGE_MODES, ROUND_ZH, TABLE3_ROUNDS, type LinkageMode, type Table3Round } from './linkage-rules';

const ROUND_ARRAY = sql.raw(`array[${TABLE3_ROUNDS.map((r) => `'${r}'`).join(',')}]`);

/**
 * A linked loan's outstanding balance on a date, by the loan ledger's rule (loan/standing.repository.ts,
 * classification.ts standingOn): with repayments recorded, principal less principal repaid by then; else the latest
 * bank report on or before the date; else the principal. The ledger's set-based standing reads every started loan;
 * the report needs only the linked few out of a million, so it applies the same rule per linked loan
 * (test/listing/equity.db.test.ts checks the two agree).
 */
const balanceOn = (asOf: string) => sql`
  case when exists (select 1 from loan_repayments p where p.loan_id = l.id and p.paid_on <= ${asOf}::date)
    then greatest(l.principal - (select sum(p.principal) from loan_repayments p where p.loan_id = l.id and p.paid_on <= ${asOf}::date), 0)
    else coalesce((select r.outstanding from loan_reports r where r.loan_id = l.id and r.as_of <= ${asOf}::date order by r.as_of desc limit 1), l.principal)
  end`;

/** Linked loans in stock at `asOf`: started on or before it, with a balance above zero. */
export async function linkageRows(db: Handle, asOf: string) {
  const modes = await sql<{ mode: LinkageMode; enterprises: number; loans: number; balance: string }>`
    with stock as (
      select l.enterprise_id, l.linkage_mode,
        ${balanceOn(asOf)} as balance
      from loans l
      where l.linkage_mode is not null and l.start_date <= ${asOf}::date
    )
    select linkage_mode as mode, count(distinct enterprise_id)::int as enterprises, count(*)::int as loans, sum(balance)::text as balance
    from stock where balance > 0 group by linkage_mode`.execute(db);
  const rounds = await sql<{ round: string; enterprises: number }>`
    with stock as (
      select l.enterprise_id, l.start_date
      from loans l
      where l.linkage_mode is not null and l.start_date <= ${asOf}::date
        and ${balanceOn(asOf)} > 0
    ), firsts as (
      select s.enterprise_id, (select min(l.start_date) from loans l where l.enterprise_id = s.enterprise_id and l.linkage_mode is not null) as first_on
      from (select distinct enterprise_id from stock) s
    )
    select coalesce((
        select r.round from enterprise_rounds r
        where r.enterprise_id = f.enterprise_id and r.date < f.first_on and r.round = any(${ROUND_ARRAY})
        order by r.date desc, array_position(${ROUND_ARRAY}, r.round) desc limit 1), 'none') as round,
      count(*)::int as enterprises
    from firsts f group by 1`.execute(db);
  return { modes: modes.rows, rounds: rounds.rows };
}

export async function linkageReport(db: Database, year: number) {
  const asOf = `${year}-12-31`;
  const { modes, rounds } = await linkageRows(db, asOf);
  return {
    year,
    modes: LINKAGE_MODES.map((mode) => {
      const m = modes.find((x) => x.mode === mode);
      return { mode, enterprises: m?.enterprises ?? 0, loans: m?.loans ?? 0, balance: fenToYuan(Number(m?.balance ?? 0)) };
    }),
    roundsBeforeCredit: (['none', ...TABLE3_ROUNDS] as const).map((round) => ({ round, enterprises: rounds.find((r) => r.round === round)?.enterprises ?? 0 })),
  };
}

export type LinkageReport = Awaited<ReturnType<typeof linkageReport>>;

/** The report as a workbook: the modes (with a total row) and 表3 (with 总计), amounts in yuan. */
export function linkageXlsx(r: LinkageReport): Promise<Buffer> {
  const sum = (k: 'enterprises' | 'loans') => r.modes.reduce((s, m) => s + m[k], 0);
  const balanceFen = r.modes.reduce((s, m) => s + Math.round(m.balance * 100), 0);
  return writeXlsx([
    {
      name: `${r.year}年投贷联动方式`,
      columns: [{ header: '联动方式', key: 'mode', width: 26 }, { header: '企业家数', key: 'enterprises', width: 12 }, { header: '贷款笔数', key: 'loans', width: 12 }, { header: '贷款余额(元)', key: 'balance', width: 18 }],
      rows: [
        ...r.modes.map((m) => ({ mode: LINKAGE_MODE_ZH[m.mode], enterprises: m.enterprises, loans: m.loans, balance: m.balance })),
        // Enterprises with loans in two modes appear in both rows; the total counts them per mode, like the seed's table.
        { mode: '合计', enterprises: sum('enterprises'), loans: sum('loans'), balance: balanceFen / 100 },
      ],
    },
    {
      name: '授信前完成融资轮次分布',
      columns: [{ header: '授信前完成融资轮次', key: 'round', width: 22 }, { header: '企业家数', key: 'enterprises', width: 12 }],
      rows: [
        ...r.roundsBeforeCredit.map((x) => ({ round: ROUND_ZH[x.round as Table3Round | 'none'], enterprises: x.enterprises })),
        { round: '总计', enterprises: r.roundsBeforeCredit.reduce((s, x) => s + x.enterprises, 0) },
      ],
    },
  ]);
}
