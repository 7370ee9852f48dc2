// 投贷联动 report (seed 003 三(二)(三)): linked loans by mode — enterprises, loans, balance at the year's end — and
// 表3, the distribution of linked enterprises by the last round they completed before their first linked loan.
import { sql } from 'kysely';
import type { Database } from '../../db/connect';
import { fenToYuan } from '../../platform/money';
import { storedResult, type StoredKind } from '../../platform/stored-result';
import { writeXlsx } from '../../platform/tabular';
import type { Handle } from '../listing/pool.repository';
import { setBased, standingCtes } from '../loan/standing.repository';
import { LINKAGE_MODE_ZH, LINKAGE_MODES, ROUND_ZH, TABLE3_ROUNDS, type LinkageMode, type Table3Round } from './linkage-rules';

const ROUND_ARRAY = sql.raw(`array[${TABLE3_ROUNDS.map((r) => `'${r}'`).join(',')}]`);

/**
 * Linked loans in stock at `asOf` (started on or before it, balance above zero) by mode, and 表3's rows. Balances
 * are the loan ledger's standing on the date (loan/standing.repository.ts: with repayments recorded, principal less
 * principal repaid by then; else the latest bank report on or before the date; else the principal), computed once,
 * set-based, for the linked loans only. An enterprise's first linked loan is its earliest linked loan of any date;
 * its round is the last of the ten stages dated strictly before that loan.
 */
export async function linkageRows(db: Handle, asOf: string) {
  const r = await setBased(db, (trx) => sql<{ kind: 'mode' | 'round'; key: string; enterprises: number; loans: number; balance: string | null }>`
    with ${standingCtes(asOf, { linkedOnly: true }, ['enterprise_id', 'linkage_mode'])},
    stock as materialized (
      select s.enterprise_id, s.linkage_mode, s.outstanding
      from standing s
      where s.outstanding > 0
    ),
    firsts as (
      select l.enterprise_id, min(l.start_date) as first_on
      from loans l
      where l.linkage_mode is not null and l.enterprise_id in (select enterprise_id from stock)
      group by l.enterprise_id
    ),
    last_round as (
      select distinct on (f.enterprise_id) f.enterprise_id, r.round
      from firsts f join enterprise_rounds r on r.enterprise_id = f.enterprise_id and r.date < f.first_on and r.round = any(${ROUND_ARRAY})
      order by f.enterprise_id, r.date desc, array_position(${ROUND_ARRAY}, r.round) desc
    )
    select 'mode' as kind, linkage_mode as key, count(distinct enterprise_id)::int as enterprises, count(*)::int as loans, sum(outstanding)::text as balance
    from stock group by linkage_mode
    union all
    select 'round', coalesce(lr.round, 'none'), count(*)::int, 0, null
    from firsts f left join last_round lr on lr.enterprise_id = f.enterprise_id
    group by 2`.execute(trx));
  return {
    modes: r.rows.filter((x) => x.kind === 'mode').map((x) => ({ mode: x.key as LinkageMode, enterprises: x.enterprises, loans: x.loans, balance: x.balance ?? '0' })),
    rounds: r.rows.filter((x) => x.kind === 'round').map((x) => ({ round: x.key, enterprises: x.enterprises })),
  };
}

/** The report as of the year's end, or as of `asOf` in the year (a monthly report pack), computed now. */
export async function computeLinkageReport(db: Handle, year: number, asOf = `${year}-12-31`) {
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

export type LinkageReport = Awaited<ReturnType<typeof computeLinkageReport>>;

/**
 * Stored per (year, as-of date): computing it reads the standing of every linked loan (≈ 30,000 of 1,000,000
 * loans: 190 ms alone, seconds with 20 clients), so requests read the stored report until a write to any table
 * it reads commits (platform/stored-result.ts).
 */
export const LINKAGE_REPORT: StoredKind<{ year: number; asOf: string }, LinkageReport> = {
  kind: 'linkage_report',
  // linkageRows: the loans and the standing's inputs (standingCtes reads all five loan tables), and the rounds.
  sources: ['loans', 'loan_repayments', 'loan_reports', 'loan_schedule', 'classification_floors', 'enterprise_rounds'],
  key: ({ year, asOf }) => `${year}:${asOf}`,
  compute: (trx, { year, asOf }) => computeLinkageReport(trx, year, asOf),
};

/** The report as of the year's end (or `asOf`), read from the stored one; `computedAt` says when it was computed. */
export async function linkageReport(db: Database, year: number, asOf = `${year}-12-31`): Promise<LinkageReport & { computedAt: string }> {
  const s = await storedResult(db, LINKAGE_REPORT, { year, asOf });
  return { ...s.result, computedAt: s.computedAt };
}

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
