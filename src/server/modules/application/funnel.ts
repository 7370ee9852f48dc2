import { sql } from 'kysely';
import type { Database } from '../../db/connect';
import { badRequest } from '../../platform/errors';
import { fenToYuan } from '../../platform/money';
import { money, reportFile, type FileFormat, type ReportSheet } from '../report/report-file';
import { productByCode } from './applications.repository';
import { BANK_APPROVED } from './transitions';

/**
 * 审核进度统计表 (seed 003, appendix 四: 2017年各区科技履约贷审核进度统计表): per district — or per bank — the
 * applications submitted in a year, how many the platform recommended (count, amount), deferred, and how many a
 * bank approved (count, amount), with a total row.
 *
 * - applications: submitted_on in the year (drafts, never submitted, are not applications yet).
 * - recommended: ever recommended to a bank (an application_assignments row), including those later reassigned;
 *   counted once per application, with the amount of its latest recommendation.
 * - deferred: status deferred (暂缓 is final in the transition table).
 * - approved: a bank granted credit (status approved or disbursed), with the approved amount.
 * - per bank: each application is counted under the bank it was last recommended to (the one that approved
 *   it, if any); never-recommended applications form the row with bank null. Totals equal the district view's.
 *   Each row is `{bank: code, bankName, …}`: the code stays the key the issue specifies, the name is beside it.
 */
export interface FunnelRow {
  applications: number;
  recommendedCount: number;
  recommendedAmount: number;
  deferredCount: number;
  approvedCount: number;
  approvedAmount: number;
}

/** `through` (a date in the year) counts applications submitted up to that date only (a monthly report pack). */
export async function funnelReport(db: Database, q: { year: number; product?: string | undefined; by: 'district' | 'bank'; through?: string | undefined }) {
  let productId: string | null = null;
  if (q.product) {
    const p = await productByCode(db, q.product);
    if (!p) throw badRequest([{ path: 'query.product', message: `no product with code '${q.product}'` }]);
    productId = p.id;
  }
  const key = q.by === 'district' ? sql<string | null>`e.district` : sql<string | null>`b.code`;
  // Per bank the name rides along (max: one name per code), so a page or the CLI need not look codes up.
  const name = q.by === 'bank' ? sql<string | null>`max(b.name)` : sql<null>`null`;
  const approved = sql.join(BANK_APPROVED.map((s) => sql.lit(s)));
  const r = await sql<{ key: string | null; name: string | null; applications: number; rc: number; ra: number; dc: number; ac: number; aa: number }>`
    select ${key} as key, ${name} as name,
      count(*)::int as applications,
      count(s.seq)::int as rc,
      coalesce(sum(s.amount), 0)::bigint as ra,
      (count(*) filter (where a.status = 'deferred'))::int as dc,
      (count(*) filter (where a.status in (${approved})))::int as ac,
      coalesce(sum(a.approved_amount) filter (where a.status in (${approved})), 0)::bigint as aa
    from applications a
    join enterprises e on e.id = a.enterprise_id
    left join lateral (
      select x.seq, x.amount, x.bank_org_id from application_assignments x where x.application_id = a.id order by x.seq desc limit 1
    ) s on true
    left join organizations b on b.id = s.bank_org_id
    where a.submitted_on >= ${`${q.year}-01-01`}::date and a.submitted_on <= ${q.through ?? `${q.year}-12-31`}::date
      ${productId ? sql`and a.product_id = ${productId}` : sql``}
    group by 1
    order by 3 desc, 1 asc nulls last`.execute(db);
  const rows = r.rows.map((x) => ({
    [q.by]: x.key,
    ...(q.by === 'bank' ? { bankName: x.name } : {}),
    applications: x.applications, recommendedCount: x.rc, recommendedAmount: fenToYuan(Number(x.ra)), deferredCount: x.dc,
    approvedCount: x.ac, approvedAmount: fenToYuan(Number(x.aa)),
  })) as Array<{ [k: string]: string | null | number }>;
  const fen = r.rows.reduce((t, x) => ({ ra: t.ra + Number(x.ra), aa: t.aa + Number(x.aa) }), { ra: 0, aa: 0 });
  const total: FunnelRow = {
    applications: r.rows.reduce((s, x) => s + x.applications, 0),
    recommendedCount: r.rows.reduce((s, x) => s + x.rc, 0),
    recommendedAmount: fenToYuan(fen.ra),
    deferredCount: r.rows.reduce((s, x) => s + x.dc, 0),
    approvedCount: r.rows.reduce((s, x) => s + x.ac, 0),
    approvedAmount: fenToYuan(fen.aa),
  };
  return { year: q.year, ...(q.product ? { product: q.product } : {}), ...(q.by === 'bank' ? { by: 'bank' as const } : {}), rows, total, fenTotals: fen, fenRows: r.rows };
}

type Report = Awaited<ReturnType<typeof funnelReport>>;

/** The JSON contract of issue #4: {year, rows:[{district|bank, …}], total}. */
export function funnelJson(r: Report) {
  return { year: r.year, ...(r.product ? { product: r.product } : {}), rows: r.rows, total: r.total };
}

const HEADERS = ['企业申请(笔)', '推荐通过(笔)', '推荐金额(元)', '暂缓(笔)', '银行授信(笔)', '授信金额(元)'];

/** CSV or XLSX in the layout of appendix 四 (amounts in yuan, the platform's unit, not the report's 万元). */
export async function funnelFile(r: Report, by: 'district' | 'bank', format: FileFormat): Promise<Buffer> {
  const label = (k: string | null) => k ?? (by === 'bank' ? '(未推荐)' : '');
  const rows: ReportSheet['rows'] = r.fenRows.map((x) => [label(x.key), x.applications, x.rc, money(Number(x.ra)), x.dc, x.ac, money(Number(x.aa))]);
  const t = r.total;
  rows.push(['总计', t.applications, t.recommendedCount, money(r.fenTotals.ra), t.deferredCount, t.approvedCount, money(r.fenTotals.aa)]);
  return reportFile({ name: `${r.year}年审核进度统计表`, headers: [by === 'district' ? '区县' : '银行', ...HEADERS], rows }, format);
}
