import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { fenToYuan } from '../../platform/money';
import { ratio4 } from '../assessment/scoring';
import { yearBefore } from '../monitoring/indicator-math';
import { money, reportFile, type FileFormat, type ReportSheet } from './report-file';

/**
 * 科技信贷产品统计表 (seed 003 表4: 2017 市科委“3+X”情况统计表): per product, the loan amount and the number of
 * distinct enterprises in the year and in the year before, the year-on-year change of the amount, and the cumulative
 * amount and enterprises since the first loan (历年累计, up to the end of the year); a total row (合计（含其他）)
 * counting each enterprise once however many products it borrowed under.
 *
 * A loan counts with its principal in the year of its start_date (the loans table of the ledger, whatever its
 * source: disbursement on the platform, a bank's API, an import). Loans without a product form the row with
 * product null (其他). A product appears once it has a loan starting on or before the year's end.
 *
 * `through` (a date in the year) cuts the year short for a monthly report pack: the year to that date, the year
 * before to the same day a year earlier (so the change is like for like) and the cumulative figures up to it.
 */
interface Figures {
  amount: number;
  enterprises: number;
  prevAmount: number;
  prevEnterprises: number;
  cumulativeAmount: number;
  cumulativeEnterprises: number;
}
interface FenRow extends Figures {
  code: string | null;
  name: string | null;
}

async function figures(db: Kysely<DB>, year: number, perProduct: boolean, through: string): Promise<FenRow[]> {
  const end = (n: number) => (n === year ? through : yearBefore(through));
  const y = (n: number) => sql`l.start_date >= ${`${n}-01-01`}::date and l.start_date <= ${end(n)}::date`;
  const r = await sql<{ code: string | null; name: string | null; a: string; e: number; pa: string; pe: number; ca: string; ce: number }>`
    select ${perProduct ? sql`p.code, p.name` : sql`null::text as code, null::text as name`},
      coalesce(sum(l.principal) filter (where ${y(year)}), 0)::bigint as a,
      (count(distinct l.enterprise_id) filter (where ${y(year)}))::int as e,
      coalesce(sum(l.principal) filter (where ${y(year - 1)}), 0)::bigint as pa,
      (count(distinct l.enterprise_id) filter (where ${y(year - 1)}))::int as pe,
      coalesce(sum(l.principal), 0)::bigint as ca,
      count(distinct l.enterprise_id)::int as ce
    from loans l left join products p on p.id = l.product_id
    where l.start_date <= ${through}::date
    ${perProduct ? sql`group by p.code, p.name` : sql``}`.execute(db);
  return r.rows.map((x) => ({
    code: x.code, name: x.name, amount: Number(x.a), enterprises: x.e, prevAmount: Number(x.pa), prevEnterprises: x.pe, cumulativeAmount: Number(x.ca), cumulativeEnterprises: x.ce,
  }));
}

const yoy = (f: Figures) => (f.prevAmount === 0 ? null : ratio4(f.amount - f.prevAmount, f.prevAmount));
const json = (f: Figures) => ({
  amount: fenToYuan(f.amount), enterprises: f.enterprises, prevAmount: fenToYuan(f.prevAmount), prevEnterprises: f.prevEnterprises,
  yoy: yoy(f), cumulativeAmount: fenToYuan(f.cumulativeAmount), cumulativeEnterprises: f.cumulativeEnterprises,
});

export async function productStatistics(db: Kysely<DB>, q: { year: number; through?: string | undefined }) {
  const through = q.through ?? `${q.year}-12-31`;
  if (through.slice(0, 4) !== String(q.year)) throw new Error(`through ${through} is not in ${q.year}`);
  const rows = (await figures(db, q.year, true, through)).sort(
    (a, b) => Number(a.code === null) - Number(b.code === null) || b.amount - a.amount || b.cumulativeAmount - a.cumulativeAmount || (a.code ?? '').localeCompare(b.code ?? ''),
  );
  const [total] = await figures(db, q.year, false, through);
  const zero: FenRow = { code: null, name: null, amount: 0, enterprises: 0, prevAmount: 0, prevEnterprises: 0, cumulativeAmount: 0, cumulativeEnterprises: 0 };
  return { year: q.year, fenRows: rows, fenTotal: total ?? zero };
}
type Statistics = Awaited<ReturnType<typeof productStatistics>>;

/**
 * The issue's JSON: {year, rows:[{product: code, …}], total}; amounts in yuan, yoy a ratio (0.34 = +34%) or null when
 * the previous year's amount is 0. Each row carries the product's name beside its code (productName), as the
 * funnel's rows carry bankName.
 */
export function productStatisticsJson(s: Statistics) {
  return {
    year: s.year,
    rows: s.fenRows.map((r) => ({ product: r.code, productName: r.name, ...json(r) })),
    total: json(s.fenTotal),
  };
}

const percent = (f: Figures) => {
  const r = yoy(f);
  return r === null ? null : `${(Math.round(r * 10000) / 100).toFixed(2)}%`;
};

/** CSV or XLSX in 表4's layout (amounts in yuan, not the table's 万元). */
export async function productStatisticsFile(s: Statistics, format: FileFormat): Promise<Buffer> {
  const line = (code: string | null, label: string, f: Figures): ReportSheet['rows'][number] =>
    [code, label, money(f.amount), f.enterprises, money(f.prevAmount), f.prevEnterprises, percent(f), money(f.cumulativeAmount), f.cumulativeEnterprises];
  const rows = s.fenRows.map((r) => line(r.code, r.name ?? '其他', r));
  rows.push(line(null, '合计（含其他）', s.fenTotal));
  const y = s.year;
  return reportFile({
    name: `${y}年科技信贷产品统计表`,
    headers: ['产品代码', '科技信贷产品', `${y}年度信贷额(元)`, `${y}年度贷款家数`, `${y - 1}年度信贷额(元)`, `${y - 1}年度贷款家数`, '同比增减(%)', '历年累计信贷额(元)', '历年累计贷款家数'],
    rows,
  }, format);
}
