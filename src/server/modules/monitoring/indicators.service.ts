import type { Database } from '../../db/connect';
import { badRequest } from '../../platform/errors';
import { isCalendarDate } from '../../platform/dates';
import { fenToYuan } from '../../platform/money';
import { TaskQueue } from '../../platform/task-queue';
import { standingMaintainedOn } from '../loan/standing-source';
import { funnelReport } from '../application/funnel';
import { growth, ratio, yearBefore } from './indicator-math';
import { poolBalances } from './risk-pool.source';
import { newLoans, portfolioAsOf, recommendationToDecision, storedTotals, subsidiesByMeasure, totalsAsOf, type PortfolioRow } from './indicators.repository';

/**
 * The monitoring indicators as of a date (issue #8; seed 002 (二十二) 科创金融统计监测指标). Every loan figure is
 * what was known for that date (the ledger's standing). The first keys are the CLI contract:
 * {asOf, borrowers, loans, outstanding, nplOutstanding, nplRatio, firstTimeBorrowers, byClassification, byProduct,
 * byBank}; the rest follow. Money in yuan, ratios as decimals (6 places), null when the denominator is 0.
 *
 * - borrowers: enterprises with outstanding > 0 on the date (clarifications.md); loans: loans with outstanding > 0.
 * - non-performing: substandard + doubtful + loss (final class, the worse of computed and bank-reported).
 * - firstTimeBorrowers: borrowers with an outstanding loan flagged as their first (首贷户).
 * - creditLoanShare / ipPledge: outstanding by collateral mode; investmentLinkedOutstanding: loans with a
 *   投贷联动 mode. averageRate: outstanding-weighted annual rate.
 * - newLoans: loans started in the month of asOf and from 1 January to asOf.
 * - yoy: growth against the same date a year before: the stored month-end snapshot of that date (its latest
 *   version) when there is one, else computed from the ledger as of that date.
 * - riskPools: each risk compensation pool's balance at the end of asOf (its ledger).
 *
 * Loan figures read the maintained standing (loan_status) when it is the standing on asOf, else compute it
 * (loan/standing-source.ts); `computed: true` always computes (equality tests).
 */
export async function computeIndicators(db: Database, asOf: string, opts: { computed?: boolean } = {}) {
  if (!isCalendarDate(asOf)) throw badRequest([{ path: 'asOf', message: 'must be a calendar date YYYY-MM-DD' }]);
  const rows = await portfolioAsOf(db, asOf, opts);
  const before = (opts.computed ? null : await storedTotals(db, yearBefore(asOf))) ?? (await totalsAsOf(db, yearBefore(asOf), opts));
  const yearStart = `${asOf.slice(0, 4)}-01-01`;
  const month = await newLoans(db, `${asOf.slice(0, 7)}-01`, asOf);
  const ytd = await newLoans(db, yearStart, asOf);
  const decision = await recommendationToDecision(db, yearStart, asOf);
  const funnel = await funnelReport(db, { year: Number(asOf.slice(0, 4)), by: 'district' });
  const subsidies = await subsidiesByMeasure(db, asOf);
  const pools = await poolBalances(db, asOf);

  const total = rows.find((r) => r.slice === 'total') ?? emptyRow();
  const slice = (s: PortfolioRow['slice'], keyName: string, withName = false) =>
    rows
      .filter((r) => r.slice === s)
      .sort((a, b) => b.outstanding - a.outstanding || String(a.key).localeCompare(String(b.key)))
      .map((r) => ({ [keyName]: r.key, ...(withName ? { [`${keyName}Name`]: r.name } : {}), ...portfolioFigures(r) }));

  return {
    asOf,
    borrowers: total.borrowers,
    loans: total.loans,
    outstanding: fenToYuan(total.outstanding),
    nplOutstanding: fenToYuan(total.npl),
    nplRatio: ratio(total.npl, total.outstanding),
    firstTimeBorrowers: total.first_time_borrowers,
    byClassification: {
      normal: fenToYuan(total.normal), special_mention: fenToYuan(total.special_mention), substandard: fenToYuan(total.substandard),
      doubtful: fenToYuan(total.doubtful), loss: fenToYuan(total.loss),
    },
    byProduct: slice('product', 'product', true),
    byBank: slice('bank', 'bank', true),
    firstTimeBorrowerShare: ratio(total.first_time_borrowers, total.borrowers),
    creditLoanOutstanding: fenToYuan(total.credit),
    creditLoanShare: ratio(total.credit, total.outstanding),
    ipPledgeOutstanding: fenToYuan(total.ip_pledge),
    ipPledgeShare: ratio(total.ip_pledge, total.outstanding),
    investmentLinkedOutstanding: fenToYuan(total.linked),
    averageRate: weightedRate(total.rate_weighted, total.outstanding),
    newLoans: {
      month: { count: month.count, amount: fenToYuan(month.amount), averageRate: weightedRate(month.rateWeighted, month.amount) },
      yearToDate: { count: ytd.count, amount: fenToYuan(ytd.amount), averageRate: weightedRate(ytd.rateWeighted, ytd.amount) },
    },
    yoy: {
      asOf: yearBefore(asOf),
      outstanding: growth(total.outstanding, before.outstanding),
      loans: growth(total.loans, before.loans),
      borrowers: growth(total.borrowers, before.borrowers),
      nplRatioBefore: ratio(before.npl, before.outstanding),
    },
    recommendationToDecision: decision,
    funnel: { year: funnel.year, ...funnel.total },
    subsidies: subsidies.map((s) => ({
      measure: s.measure, determinedCount: s.determined_count, determinedAmount: fenToYuan(s.determined_amount), paidCount: s.paid_count,
      paidAmount: fenToYuan(s.paid_amount), allocated: s.allocated === null ? null : fenToYuan(s.allocated),
      budgetUse: s.allocated === null ? null : ratio(s.determined_amount, s.allocated),
    })),
    riskPools: pools,
    byDistrict: slice('district', 'district'),
    byStreet: slice('street', 'street'),
    bySector: slice('sector', 'sector'),
    byLifecycleStage: slice('stage', 'stage'),
  };
}

export type Indicators = Awaited<ReturnType<typeof computeIndicators>>;

const computing = new TaskQueue(1);

/**
 * The indicators for a date a user picks (`GET /monitoring/indicators`). Answered at once when the maintained
 * standing holds for that date (the day of the last nightly run); otherwise its standing is computed — seconds per
 * date at a million loans — one request at a time per server process, so a few of them cannot hold every pooled
 * connection and both CPUs while other panels wait.
 */
export async function liveIndicators(db: Database, asOf: string): Promise<Indicators> {
  if (!isCalendarDate(asOf)) throw badRequest([{ path: 'asOf', message: 'must be a calendar date YYYY-MM-DD' }]);
  if (await standingMaintainedOn(db, asOf)) return computeIndicators(db, asOf);
  return computing.run(() => computeIndicators(db, asOf));
}

function portfolioFigures(r: PortfolioRow) {
  return {
    borrowers: r.borrowers, loans: r.loans, outstanding: fenToYuan(r.outstanding), nplOutstanding: fenToYuan(r.npl),
    nplRatio: ratio(r.npl, r.outstanding), firstTimeBorrowers: r.first_time_borrowers,
    creditLoanShare: ratio(r.credit, r.outstanding), ipPledgeOutstanding: fenToYuan(r.ip_pledge), averageRate: weightedRate(r.rate_weighted, r.outstanding),
  };
}

/** Σ(amount × rate) / Σ amount, 6 decimals; null without amount. */
function weightedRate(weighted: string, amount: number): number | null {
  if (amount === 0) return null;
  return Math.round((Number(weighted) / amount) * 1e6) / 1e6;
}

function emptyRow(): PortfolioRow {
  return {
    slice: 'total', key: null, name: null, loans: 0, borrowers: 0, first_time_borrowers: 0, outstanding: 0, npl: 0, normal: 0, special_mention: 0,
    substandard: 0, doubtful: 0, loss: 0, credit: 0, ip_pledge: 0, linked: 0, rate_weighted: '0',
  };
}
