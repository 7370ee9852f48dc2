// What a report pack contains (issue #8), gathered once and rendered twice (pack-xlsx.ts, pack-pdf.ts): the
// indicator tables from the period's month-end snapshot, the seed-003 tables from the services that compute them,
// the charts' series and the commentary.
import { sql } from 'kysely';
import type { Database } from '../../db/connect';
import { AppError } from '../../platform/errors';
import type { ActorContext } from '../../platform/principal';
import { funnelJson, funnelReport } from '../application/funnel';
import { assessBanks } from '../assessment/assessment.service';
import { linkageReport } from '../equity/linkage-report';
import { LINKAGE_MODE_ZH, ROUND_ZH, type Table3Round } from '../equity/linkage-rules';
import { indicatorTables, type Table } from '../monitoring/indicator-tables';
import type { Indicators } from '../monitoring/indicators.service';
import { getSnapshot, storeMonthEnd } from '../monitoring/snapshots.service';
import { NPL_TOLERANCE, packCommentary, type CommentaryFigures, type CommentaryLine } from './pack-commentary';
import type { PackPeriod } from './pack-period';
import { productStatistics, productStatisticsJson } from './product-statistics';

export type Basis = 'reported' | 'latest';

export interface PackTable extends Table {
  /** Short name for the workbook's sheet (unique within a pack, at most 31 characters). */
  sheet: string;
}
export interface PackSection {
  title: string;
  tables: PackTable[];
  note?: string;
}
export interface PackChart {
  title: string;
  kind: 'line' | 'bar';
  unit: string;
  labels: string[];
  /** null: no stored snapshot for that month end (a gap in the line). */
  values: (number | null)[];
  reference?: { value: number; label: string };
}
export interface SnapshotSource {
  asOf: string;
  version: number;
  restated: boolean;
  /** The month end had no snapshot, so the pack computed and stored it (as version 1) first. */
  computed: boolean;
}
export interface PackSources {
  basis: Basis;
  current: SnapshotSource;
  previous: SnapshotSource;
  /** Trend month ends without a stored snapshot (left as gaps; the monthly job stores them). */
  trendMissing: string[];
}
export interface PackContent {
  title: string;
  period: PackPeriod;
  commentary: CommentaryLine[];
  sections: PackSection[];
  charts: PackChart[];
  sources: PackSources;
}

/**
 * The month end's indicators as stored: the reported version (or the latest restatement with basis 'latest');
 * when nothing is stored yet, computed and stored first as the monthly job would, so the pack and later packs
 * read the same history.
 */
async function snapshotFor(db: Database, ctx: ActorContext, asOf: string, basis: Basis): Promise<{ data: Indicators; source: SnapshotSource }> {
  let computed = false;
  for (;;) {
    try {
      const s = await getSnapshot(db, asOf, basis);
      return { data: s.data, source: { asOf, version: s.version, restated: s.restated, computed } };
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 404 || computed) throw err;
    }
    await storeMonthEnd(db, ctx, asOf);
    computed = true;
  }
}

/** The trend's figures from stored month ends (version 1, or each month's latest), without computing any. */
async function trendSeries(db: Database, ends: string[], basis: Basis) {
  const r = await sql<{ as_of: string; outstanding: number; npl_ratio: number | null; borrowers: number }>`
    select distinct on (as_of) as_of::text as as_of, (data->>'outstanding')::float8 as outstanding,
      (data->>'nplRatio')::float8 as npl_ratio, (data->>'borrowers')::int as borrowers
    from indicator_snapshots
    where kind = 'month_end' and as_of = any(${ends}::date[])
    order by as_of, version ${basis === 'reported' ? sql`asc` : sql`desc`}`.execute(db);
  return new Map(r.rows.map((x) => [x.as_of, x]));
}

const pct = (r: number | null): string | null => (r === null ? null : `${(r * 100).toFixed(2)}%`);
const toWan = (yuan: number) => Math.round(Math.round(yuan * 100) / 10_000) / 100;

function comparison(cur: Indicators, prev: Indicators): PackTable {
  const row = (label: string, now: number, before: number, money = false): (string | number | null)[] => {
    const d = money ? Math.round((now - before) * 100) / 100 : now - before;
    return [label, now, before, d, before === 0 ? null : pct(Math.round(((now - before) / before) * 1e6) / 1e6)];
  };
  const ratioRow = (label: string, now: number | null, before: number | null): (string | number | null)[] =>
    [label, pct(now), pct(before), now === null || before === null ? null : `${((now - before) * 100).toFixed(2)}个百分点`, null];
  return {
    sheet: '本期与上期',
    title: `本期（${cur.asOf}）与上期（${prev.asOf}）`,
    columns: ['指标', '本期', '上期', '增减', '增减率'],
    rows: [
      row('贷款余额（元）', cur.outstanding, prev.outstanding, true),
      row('贷款企业（户）', cur.borrowers, prev.borrowers),
      row('贷款（笔）', cur.loans, prev.loans),
      row('不良贷款余额（元）', cur.nplOutstanding, prev.nplOutstanding, true),
      ratioRow('不良率', cur.nplRatio, prev.nplRatio),
      row('首贷户（户）', cur.firstTimeBorrowers, prev.firstTimeBorrowers),
      row('信用贷款余额（元）', cur.creditLoanOutstanding ?? 0, prev.creditLoanOutstanding ?? 0, true),
      row('知识产权质押贷款余额（元）', cur.ipPledgeOutstanding ?? 0, prev.ipPledgeOutstanding ?? 0, true),
      row('投贷联动贷款余额（元）', cur.investmentLinkedOutstanding ?? 0, prev.investmentLinkedOutstanding ?? 0, true),
    ],
  };
}

const INDICATOR_SHEETS = ['主要指标', '五级分类', '按银行', '按产品', '按区', '按街道', '按行业', '按生命周期阶段', '风险补偿资金池', '政策兑现'];

async function seed003Sections(db: Database, ctx: ActorContext, p: PackPeriod): Promise<PackSection[]> {
  const through = p.asOf;
  const span = p.kind === 'annual' ? `${p.year}年度` : `${p.year}年1-${Number(p.asOf.slice(5, 7))}月`;
  const prevSpan = p.kind === 'annual' ? `${p.year - 1}年度` : `${p.year - 1}年1-${Number(p.asOf.slice(5, 7))}月`;

  const stats = productStatisticsJson(await productStatistics(db, { year: p.year, through }));
  const line = (code: string | null, label: string, f: typeof stats.total) =>
    [code, label, f.amount, f.enterprises, f.prevAmount, f.prevEnterprises, f.yoy === null ? null : pct(f.yoy), f.cumulativeAmount, f.cumulativeEnterprises];
  const products: PackTable = {
    sheet: '表4 产品统计',
    title: `科技信贷产品统计表（${span}，参照2017报告表4）`,
    columns: ['产品代码', '科技信贷产品', `${span}信贷额（元）`, `${span}贷款家数`, `${prevSpan}信贷额（元）`, `${prevSpan}贷款家数`, '同比增减', '历年累计信贷额（元）', '历年累计贷款家数'],
    rows: [...stats.rows.map((r) => line(r.product, r.productName ?? '其他', r)), line(null, '合计（含其他）', stats.total)],
  };

  const funnel = funnelJson(await funnelReport(db, { year: p.year, by: 'district', through }));
  const f = (r: Record<string, unknown>) => [r.applications, r.recommendedCount, r.recommendedAmount, r.deferredCount, r.approvedCount, r.approvedAmount] as number[];
  const funnelTable: PackTable = {
    sheet: '审核进度（按区）',
    title: `审核进度统计表（${span}提交的申请，按区，参照附录四）`,
    columns: ['区县', '企业申请（笔）', '推荐通过（笔）', '推荐金额（元）', '暂缓（笔）', '银行授信（笔）', '授信金额（元）'],
    rows: [...funnel.rows.map((r) => [(r.district as string | null) ?? '（未登记）', ...f(r)]), ['总计', ...f(funnel.total as unknown as Record<string, unknown>)]],
  };

  const linkage = await linkageReport(db, p.year, through);
  const linkageTables: PackTable[] = [
    {
      sheet: '投贷联动方式',
      title: `投贷联动（截至${through}存量，按联动方式）`,
      columns: ['联动方式', '企业家数', '贷款笔数', '贷款余额（元）'],
      rows: [
        ...linkage.modes.map((m) => [LINKAGE_MODE_ZH[m.mode], m.enterprises, m.loans, m.balance]),
        ['合计', linkage.modes.reduce((s, m) => s + m.enterprises, 0), linkage.modes.reduce((s, m) => s + m.loans, 0), linkage.modes.reduce((s, m) => s + Math.round(m.balance * 100), 0) / 100],
      ],
    },
    {
      sheet: '表3 融资轮次',
      title: '授信前完成融资轮次分布（参照2017报告表3）',
      columns: ['授信前完成融资轮次', '企业家数'],
      rows: [...linkage.roundsBeforeCredit.map((x) => [ROUND_ZH[x.round as Table3Round | 'none'], x.enterprises]), ['总计', linkage.roundsBeforeCredit.reduce((s, x) => s + x.enterprises, 0)]],
    },
  ];

  const sections: PackSection[] = [
    { title: '二、科技信贷产品统计', tables: [products] },
    { title: '三、审核进度（融资申请漏斗）', tables: [funnelTable], note: '申请按当前状态统计（申请状态无历史日期），重新生成时可能随办理进度变化。' },
    { title: '四、投贷联动', tables: linkageTables },
  ];
  if (p.kind === 'annual') {
    const a = await assessBanks(db, ctx, { year: p.year });
    sections.push({
      title: '五、合作银行考核',
      tables: [{
        sheet: '合作银行考核',
        title: `${p.year}年度科技信贷合作银行考核（参照附录六，满分110分）`,
        columns: ['银行', '授信总额（元）', '得分', '申请量', '得分', '落实率', '得分', '授信户数增长', '得分', '活动', '得分', '微贷通', '得分', '总分'],
        rows: a.banks.map((b) => {
          const i = b.indicators;
          return [b.bankName, i.creditTotal.value, i.creditTotal.score, i.applicants.value, i.applicants.score, pct(i.fulfilment.rate), i.fulfilment.score,
            pct(i.growth.value), i.growth.score, i.activities.value, i.activities.score, i.microLoan.value, i.microLoan.score, b.total];
        }),
      }],
    });
  }
  return sections;
}

/** Gathers a pack's content; `ctx` is the generating worker (it stores any month end it has to compute). */
export async function packContent(db: Database, ctx: ActorContext, p: PackPeriod, basis: Basis): Promise<PackContent> {
  const current = await snapshotFor(db, ctx, p.asOf, basis);
  const previous = await snapshotFor(db, ctx, p.previousAsOf, basis);
  const cur = current.data;
  const trend = await trendSeries(db, p.trend, basis);
  const labels = p.trend.map((d) => d.slice(0, 7));

  const tables = indicatorTables(cur).map((t, i) => ({ ...t, sheet: INDICATOR_SHEETS[i] ?? t.title.slice(0, 28) }));
  const sections: PackSection[] = [
    { title: '一、主要指标', tables: [comparison(cur, previous.data), ...tables] },
    ...(await seed003Sections(db, ctx, p)),
  ];
  // The slices' key fields are built by name (indicators.service.ts), so their type does not carry them.
  const figures = (ind: Indicators) => ind as unknown as CommentaryFigures;
  const topBanks = figures(cur).byBank.slice(0, 10);
  const charts: PackChart[] = [
    { title: '贷款余额走势（月末，万元）', kind: 'line', unit: '万元', labels, values: p.trend.map((d) => (trend.has(d) ? toWan(trend.get(d)!.outstanding) : null)) },
    {
      title: '不良率走势（月末，%）', kind: 'line', unit: '%', labels,
      values: p.trend.map((d) => { const r = trend.get(d)?.npl_ratio; return r === undefined || r === null ? null : Math.round(r * 10_000) / 100; }),
      reference: { value: NPL_TOLERANCE * 100, label: '容忍度3%' },
    },
    { title: `按银行贷款余额（${cur.asOf}，万元）`, kind: 'bar', unit: '万元', labels: topBanks.map((b) => String(b.bankName ?? b.bank ?? '（无）')), values: topBanks.map((b) => toWan(b.outstanding)) },
    {
      title: `五级分类余额（${cur.asOf}，万元）`, kind: 'bar', unit: '万元', labels: ['正常', '关注', '次级', '可疑', '损失'],
      values: [cur.byClassification.normal, cur.byClassification.special_mention, cur.byClassification.substandard, cur.byClassification.doubtful, cur.byClassification.loss].map(toWan),
    },
  ];
  return {
    title: `杨浦区科创金融${p.kind === 'annual' ? '年度' : '月度'}报告（${p.label}）`,
    period: p,
    commentary: packCommentary(figures(cur), figures(previous.data)),
    sections,
    charts,
    sources: { basis, current: current.source, previous: previous.source, trendMissing: p.trend.filter((d) => !trend.has(d)) },
  };
}
