// The indicators laid out as titled tables (Chinese headers, the report's language): one layout for the
// `--format xlsx` export, the report pack's workbook and its PDF. Pure: no I/O.
import type { Indicators } from './indicators.service';

export interface Table {
  title: string;
  columns: string[];
  rows: (string | number | null)[][];
}

const pct = (r: number | null): string | null => (r === null ? null : `${(r * 100).toFixed(2)}%`);

export function indicatorTables(ind: Indicators): Table[] {
  const summary: Table = {
    title: `主要指标（截至${ind.asOf}）`,
    columns: ['指标', '数值'],
    rows: [
      ['贷款企业（户）', ind.borrowers],
      ['贷款（笔）', ind.loans],
      ['贷款余额（元）', ind.outstanding],
      ['不良贷款余额（元）', ind.nplOutstanding],
      ['不良率', pct(ind.nplRatio)],
      ['首贷户（户）', ind.firstTimeBorrowers],
      ['首贷户占比', pct(ind.firstTimeBorrowerShare)],
      ['信用贷款余额（元）', ind.creditLoanOutstanding],
      ['信用贷款占比', pct(ind.creditLoanShare)],
      ['知识产权质押贷款余额（元）', ind.ipPledgeOutstanding],
      ['知识产权质押贷款占比', pct(ind.ipPledgeShare)],
      ['投贷联动贷款余额（元）', ind.investmentLinkedOutstanding],
      ['加权平均利率', pct(ind.averageRate)],
      ['当月新发放贷款（笔）', ind.newLoans.month.count],
      ['当月新发放金额（元）', ind.newLoans.month.amount],
      ['本年新发放贷款（笔）', ind.newLoans.yearToDate.count],
      ['本年新发放金额（元）', ind.newLoans.yearToDate.amount],
      [`贷款余额同比（较${ind.yoy.asOf}）`, pct(ind.yoy.outstanding)],
      ['贷款企业同比', pct(ind.yoy.borrowers)],
      ['推荐至银行决策平均天数', ind.recommendationToDecision.averageDays],
      ['推荐至银行决策中位天数', ind.recommendationToDecision.medianDays],
      ['本年企业申请（笔）', ind.funnel.applications],
      ['本年推荐通过（笔）', ind.funnel.recommendedCount],
      ['本年银行授信（笔）', ind.funnel.approvedCount],
      ['本年授信金额（元）', ind.funnel.approvedAmount],
    ],
  };
  const classes: Table = {
    title: '五级分类',
    columns: ['分类', '余额（元）'],
    rows: [
      ['正常', ind.byClassification.normal], ['关注', ind.byClassification.special_mention], ['次级', ind.byClassification.substandard],
      ['可疑', ind.byClassification.doubtful], ['损失', ind.byClassification.loss],
    ],
  };
  const sliceCols = ['贷款企业（户）', '贷款（笔）', '余额（元）', '不良余额（元）', '不良率', '首贷户（户）'];
  type SliceRow = { borrowers: number; loans: number; outstanding: number; nplOutstanding: number; nplRatio: number | null; firstTimeBorrowers: number };
  const sliceRows = (list: (SliceRow & Record<string, unknown>)[], label: (r: Record<string, unknown>) => string) =>
    list.map((r) => [label(r), r.borrowers, r.loans, r.outstanding, r.nplOutstanding, pct(r.nplRatio), r.firstTimeBorrowers]);
  const named = (k: string) => (r: Record<string, unknown>) => (r[k] === null ? '（无）' : `${String(r[`${k}Name`] ?? r[k])}`);
  const plain = (k: string) => (r: Record<string, unknown>) => (r[k] === null || r[k] === '' ? '（未登记）' : String(r[k]));
  return [
    summary,
    classes,
    { title: '按银行', columns: ['银行', ...sliceCols], rows: sliceRows(ind.byBank as never, named('bank')) },
    { title: '按产品', columns: ['产品', ...sliceCols], rows: sliceRows(ind.byProduct as never, named('product')) },
    { title: '按区', columns: ['区', ...sliceCols], rows: sliceRows(ind.byDistrict as never, plain('district')) },
    { title: '按街道', columns: ['街道', ...sliceCols], rows: sliceRows(ind.byStreet as never, plain('street')) },
    { title: '按行业', columns: ['行业', ...sliceCols], rows: sliceRows(ind.bySector as never, plain('sector')) },
    { title: '按生命周期阶段', columns: ['阶段', ...sliceCols], rows: sliceRows(ind.byLifecycleStage as never, plain('stage')) },
    { title: '风险补偿资金池', columns: ['资金池', '名称', '余额（元）'], rows: ind.riskPools.map((p) => [p.pool, p.name, p.balance]) },
    {
      title: '政策兑现（按措施）',
      columns: ['措施', '认定（笔）', '认定金额（元）', '拨付（笔）', '拨付金额（元）', '年度预算（元）', '预算使用率'],
      rows: ind.subsidies.map((s) => [s.measure, s.determinedCount, s.determinedAmount, s.paidCount, s.paidAmount, s.allocated, pct(s.budgetUse)]),
    },
  ];
}
