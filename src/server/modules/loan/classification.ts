// Five-category classification (五级分类) of a loan as of a date. Pure: no I/O. This is the rule; the daily job
// and the standing read (standing.repository.ts) compute the same thing set-based in SQL, and a database test
// checks that both agree.
//
// - Floors come from a dated table (classification_floors): the table with the latest effective_from on or
//   before the date; before the first table, the first one (the 2023 rules are the default and the earliest).
//   Default (商业银行金融资产风险分类办法, 2023年第1号令; clarifications.md): 0 days → normal, 1–90 →
//   special_mention, 91–270 → substandard, 271–360 → doubtful, 361 and more → loss.
// - A loan whose repayments the platform records (at least one on or before the date) is driven by its
//   schedule and those repayments: days past due count from the earliest instalment not fully covered by
//   what was paid by the date; outstanding is principal less principal repaid.
// - Otherwise the latest bank report on or before the date gives outstanding and days past due; arrears are
//   never invented from the schedule (clarifications.md, "Imported loans: as of which date").
// - The bank's reported class (latest report on or before the date) is kept beside the computed one and the
//   worse of the two is final.
import type { ClassificationFloor, LoanClass } from '../../db/schema-loan';
import { daysBetween } from '../../platform/dates';

export const LOAN_CLASSES: readonly LoanClass[] = ['normal', 'special_mention', 'substandard', 'doubtful', 'loss'];
export const NON_PERFORMING: readonly LoanClass[] = ['substandard', 'doubtful', 'loss'];

export const classRank = (c: LoanClass): number => LOAN_CLASSES.indexOf(c);
export const worseClass = (a: LoanClass, b: LoanClass | null): LoanClass => (b !== null && classRank(b) > classRank(a) ? b : a);
export const isNonPerforming = (c: LoanClass): boolean => NON_PERFORMING.includes(c);

export interface FloorsTable {
  id: string;
  effectiveFrom: string;
  floors: ClassificationFloor[];
}

/** The 2023 default, as seeded by migration 0009. */
export const DEFAULT_FLOORS: ClassificationFloor[] = [
  { minDpd: 1, class: 'special_mention' },
  { minDpd: 91, class: 'substandard' },
  { minDpd: 271, class: 'doubtful' },
  { minDpd: 361, class: 'loss' },
];

/** The table in force on `asOf`: the latest effective on or before it, else the earliest. */
export function floorsOn<T extends { effectiveFrom: string }>(tables: readonly T[], asOf: string): T {
  if (tables.length === 0) throw new Error('no classification floors table');
  const sorted = [...tables].sort((x, y) => (x.effectiveFrom < y.effectiveFrom ? -1 : 1));
  return sorted.filter((t) => t.effectiveFrom <= asOf).at(-1) ?? sorted[0]!;
}

/** The class floor reached by `dpd` days past due: the highest floor whose minDpd ≤ dpd, else normal. */
export function classOfDpd(dpd: number, floors: readonly ClassificationFloor[]): LoanClass {
  let cls: LoanClass = 'normal';
  for (const f of floors) if (dpd >= f.minDpd && classRank(f.class) > classRank(cls)) cls = f.class;
  return cls;
}

/**
 * A floors table an officer may add: 1–10 floors, minDpd whole days ≥ 1, strictly ascending, classes worsening
 * with days (a longer delay never maps to a better class). Returns the problems, each naming the floor.
 */
export function checkFloors(floors: readonly ClassificationFloor[]): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (floors.length === 0 || floors.length > 10) problems.push({ path: 'floors', message: 'give 1 to 10 floors' });
  floors.forEach((f, i) => {
    if (!Number.isInteger(f.minDpd) || f.minDpd < 1 || f.minDpd > 10_000) problems.push({ path: `floors.${i}.minDpd`, message: 'must be a whole number of days from 1 to 10000' });
    if (!LOAN_CLASSES.includes(f.class) || f.class === 'normal') problems.push({ path: `floors.${i}.class`, message: 'must be special_mention, substandard, doubtful or loss' });
    const prev = floors[i - 1];
    if (prev && f.minDpd <= prev.minDpd) problems.push({ path: `floors.${i}.minDpd`, message: `must be greater than the previous floor's ${prev.minDpd}` });
    if (prev && classRank(f.class) <= classRank(prev.class)) problems.push({ path: `floors.${i}.class`, message: `must be worse than the previous floor's ${prev.class}` });
  });
  return problems;
}

export interface ScheduleLine {
  dueOn: string;
  principal: number;
  interest: number;
}
export interface RepaymentLine {
  paidOn: string;
  principal: number;
  interest: number;
}
export interface ReportLine {
  asOf: string;
  outstanding: number;
  dpd: number;
  reportedClass: LoanClass | null;
}

export interface LoanFacts {
  principal: number;
  startDate: string;
  schedule: readonly ScheduleLine[];
  repayments: readonly RepaymentLine[];
  reports: readonly ReportLine[];
}

export interface Standing {
  dpd: number;
  outstanding: number;
  computedClass: LoanClass;
  reportedClass: LoanClass | null;
  finalClass: LoanClass;
  /** What drove dpd and outstanding. */
  basis: 'repayments' | 'report' | 'none';
}

/** Days past due by schedule and repayments: from the earliest instalment not covered by what was paid by asOf. */
export function dpdFromRepayments(schedule: readonly ScheduleLine[], repayments: readonly RepaymentLine[], asOf: string): number {
  const paid = repayments.filter((r) => r.paidOn <= asOf).reduce((s, r) => s + r.principal + r.interest, 0);
  let due = 0;
  for (const line of [...schedule].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0))) {
    if (line.dueOn >= asOf) return 0;
    due += line.principal + line.interest;
    if (due > paid) return daysBetween(line.dueOn, asOf);
  }
  return 0;
}

/** A loan's standing on `asOf` (the loan must have started on or before it). */
export function standingOn(loan: LoanFacts, asOf: string, floors: readonly ClassificationFloor[]): Standing {
  const report = loan.reports.filter((r) => r.asOf <= asOf).sort((a, b) => (a.asOf < b.asOf ? 1 : -1))[0] ?? null;
  const paid = loan.repayments.filter((r) => r.paidOn <= asOf);
  let dpd = 0;
  let outstanding = loan.principal;
  let basis: Standing['basis'] = 'none';
  if (paid.length > 0) {
    basis = 'repayments';
    dpd = dpdFromRepayments(loan.schedule, paid, asOf);
    outstanding = Math.max(0, loan.principal - paid.reduce((s, r) => s + r.principal, 0));
  } else if (report) {
    basis = 'report';
    dpd = report.dpd;
    outstanding = report.outstanding;
  }
  const computedClass = classOfDpd(dpd, floors);
  const reportedClass = report?.reportedClass ?? null;
  return { dpd, outstanding, computedClass, reportedClass, finalClass: worseClass(computedClass, reportedClass), basis };
}

export type InstalmentState = 'paid' | 'partly_paid' | 'overdue' | 'due';

/**
 * What was paid against each instalment as of `asOf`: repayments cover instalments in order (the same rule
 * as days past due). An instalment due before asOf and not covered is overdue.
 */
export function allocateRepayments(schedule: readonly (ScheduleLine & { seq: number })[], repayments: readonly RepaymentLine[], asOf: string) {
  let left = repayments.filter((r) => r.paidOn <= asOf).reduce((s, r) => s + r.principal + r.interest, 0);
  return [...schedule].sort((a, b) => a.seq - b.seq).map((line) => {
    const due = line.principal + line.interest;
    const paid = Math.min(due, left);
    left -= paid;
    const state: InstalmentState = paid === due ? 'paid' : line.dueOn < asOf ? 'overdue' : paid > 0 ? 'partly_paid' : 'due';
    return { ...line, paid, state };
  });
}
