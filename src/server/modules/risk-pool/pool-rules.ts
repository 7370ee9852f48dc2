// The pool's arithmetic: shares, caps, the FIFO queue, recoveries, coverage, loss rate. Pure: no I/O, integer fen,
// shares as exact decimal strings turned into fractions (never a float multiply of money). Tested as tables of cases
// in test/risk-pool/rules.test.ts.
import type { CollateralMode } from '../../db/schema-financing';
import type { LoanClass } from '../../db/schema-loan';

/** A decimal string ('0.9', '0.5500') as numerator / denominator. */
export function fraction(decimal: string): { num: bigint; den: bigint } {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!m) throw new Error(`not a non-negative decimal: ${decimal}`);
  const frac = m[2] ?? '';
  return { num: BigInt(m[1]! + frac), den: 10n ** BigInt(frac.length) };
}

/** amount × num / den, rounded half up (amounts are non-negative fen). */
export function mulDiv(amount: number, num: bigint, den: bigint): number {
  if (den === 0n) throw new Error('division by zero');
  const n = BigInt(amount) * num;
  return Number((n * 2n + den) / (2n * den));
}

/** The pool's share of an amount: fen × share, half up. */
export const shareOf = (fen: number, share: string): number => {
  const f = fraction(share);
  return mulDiv(fen, f.num, f.den);
};

export interface PayableInput {
  /** The loss the officers accepted (fen): principal at default minus recoveries before the claim, or the principal at default for 前补偿. */
  assessedLoss: number;
  share: string;
  perLoanCap: number | null;
  perBankYearCap: number | null;
  /** What the pool already owes this bank for claims approved in the same calendar year (fen). */
  bankYearApproved: number;
}

export interface Payable {
  payable: number;
  /** Which cap cut the share, if any (shown on the claim). */
  capped: null | 'per_loan' | 'per_bank_year';
}

/** The pool's part of an accepted loss: its share, then the per-loan cap, then what is left of the bank's year cap. */
export function payableFor(i: PayableInput): Payable {
  let payable = shareOf(i.assessedLoss, i.share);
  let capped: Payable['capped'] = null;
  if (i.perLoanCap !== null && payable > i.perLoanCap) {
    payable = i.perLoanCap;
    capped = 'per_loan';
  }
  if (i.perBankYearCap !== null) {
    const left = Math.max(0, i.perBankYearCap - i.bankYearApproved);
    if (payable > left) {
      payable = left;
      capped = 'per_bank_year';
    }
  }
  return { payable, capped };
}

export interface QueuedClaim {
  id: string;
  /** Still owed by the pool (fen): payable − recovered share − paid. */
  owed: number;
}

/**
 * First in, first out: the balance pays the oldest approved claim first, in full if it can, and a later claim gets
 * nothing while an earlier one still waits. Returns the payments and the balance left.
 */
export function settleQueue(balance: number, queue: readonly QueuedClaim[]): { payments: { id: string; amount: number; settles: boolean }[]; balance: number } {
  const payments: { id: string; amount: number; settles: boolean }[] = [];
  let left = balance;
  for (const c of queue) {
    if (c.owed <= 0) {
      payments.push({ id: c.id, amount: 0, settles: true });
      continue;
    }
    if (left <= 0) break;
    const amount = Math.min(left, c.owed);
    payments.push({ id: c.id, amount, settles: amount === c.owed });
    left -= amount;
    if (amount < c.owed) break;
  }
  return { payments, balance: left };
}

export interface RecoveryInput {
  /** What the bank recovered (fen). */
  amount: number;
  payable: number;
  assessedLoss: number;
  paid: number;
  recoveredShare: number;
}

export interface RecoveryEffect {
  /** The pool's part of the recovery: the claim's own ratio (payable / accepted loss), half up, never above what the pool bears. */
  poolPart: number;
  /** Of that part, what reduces the amount still owed to the bank (no money moves). */
  offsetsOwed: number;
  /** And what the bank pays back into the pool (a recovery entry in the ledger). */
  refund: number;
}

/**
 * 追偿回收: recoveries after approval are shared back in the same ratio as the loss. The pool's part first reduces
 * what it still owes the bank; anything beyond that the bank pays back into the pool. The pool never takes back
 * more than it bears (payable).
 */
export function recoveryEffect(i: RecoveryInput): RecoveryEffect {
  const part = Math.min(mulDiv(i.amount, BigInt(i.payable), BigInt(i.assessedLoss)), i.payable - i.recoveredShare);
  const poolPart = Math.max(0, part);
  const owed = Math.max(0, i.payable - i.recoveredShare - i.paid);
  const offsetsOwed = Math.min(poolPart, owed);
  return { poolPart, offsetsOwed, refund: poolPart - offsetsOwed };
}

export interface CoverageInput {
  pool: { status: 'active' | 'closed'; collateralModes: readonly CollateralMode[]; productIds: readonly string[] };
  loan: { collateralMode: CollateralMode; productId: string | null };
}

/** Why a loan does not fit the pool's coverage (empty when it does). Empty lists in the pool cover everything. */
export function coverageProblems({ pool, loan }: CoverageInput): string[] {
  const problems: string[] = [];
  if (pool.collateralModes.length > 0 && !pool.collateralModes.includes(loan.collateralMode)) {
    problems.push(`collateral mode ${loan.collateralMode} is not covered (the pool covers ${pool.collateralModes.join(', ')})`);
  }
  if (pool.productIds.length > 0 && (loan.productId === null || !pool.productIds.includes(loan.productId))) {
    problems.push(loan.productId === null ? 'the loan has no product and the pool covers named products only' : 'the loan\'s product is not among the pool\'s covered products');
  }
  return problems;
}

/** 不良: substandard, doubtful, loss (GLOSSARY). */
export const NON_PERFORMING: readonly LoanClass[] = ['substandard', 'doubtful', 'loss'];
export const isNonPerforming = (c: LoanClass | null | undefined): boolean => !!c && NON_PERFORMING.includes(c);

/**
 * Loss rate of a pool: the losses it accepted net of recoveries (approved claims), over the principal enrolled; and
 * whether that is above the pool's tolerance (不良容忍度, seed 003: 3%). Null when nothing is enrolled.
 */
export function lossRate(netLoss: number, enrolledPrincipal: number, tolerance: string): { rate: number | null; overTolerance: boolean } {
  if (enrolledPrincipal <= 0) return { rate: null, overTolerance: false };
  const t = fraction(tolerance);
  // netLoss / enrolled > num / den  ⇔  netLoss × den > num × enrolled (exact)
  const over = BigInt(netLoss) * t.den > t.num * BigInt(enrolledPrincipal);
  return { rate: Math.round((netLoss / enrolledPrincipal) * 1e6) / 1e6, overTolerance: over };
}
