// Repayment schedules (issue #5, "Schedule generated exactly"). Pure: no I/O.
//
// Monthly instalments due on the start date's day of month, k months later (clamped to the month's end, the
// same rule as the maturity date). Monthly rate = annual rate ÷ 12 (the convention of banks' 月利率). Every
// amount is integer fen; each interest amount and the equal instalment are rounded half-up to the fen once,
// from exact rational arithmetic on the decimal rate (BigInt, never a float), and the last instalment takes
// whatever principal is left, so the instalments' principal always sums to the loan's principal.
import { addMonths } from '../../platform/dates';

export type RepaymentMethod = 'equal_instalment' | 'equal_principal' | 'interest_only';
export const REPAYMENT_METHODS: readonly RepaymentMethod[] = ['equal_instalment', 'equal_principal', 'interest_only'];

export interface ScheduleInput {
  /** Fen, > 0. */
  principal: number;
  /** Annual rate as a decimal string or number: "0.0435" is 4.35% a year. */
  annualRate: string | number;
  termMonths: number;
  startDate: string;
  method: RepaymentMethod;
}

export interface Instalment {
  seq: number;
  dueOn: string;
  principal: number;
  interest: number;
}

/** A non-negative decimal as an exact fraction num/den (den a power of ten). */
export function parseRate(rate: string | number): { num: bigint; den: bigint } {
  const text = typeof rate === 'number' ? rateText(rate) : rate.trim();
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new RangeError(`annual rate must be a non-negative decimal, got '${String(rate)}'`);
  const frac = m[2] ?? '';
  return { num: BigInt(m[1]! + frac), den: 10n ** BigInt(frac.length) };
}

function rateText(rate: number): string {
  if (!Number.isFinite(rate) || rate < 0) throw new RangeError(`annual rate must be a non-negative decimal, got ${rate}`);
  // Shortest round-trip text of the number, never exponent form for the rates a loan carries.
  const s = String(rate);
  return s.includes('e') ? rate.toFixed(12).replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** p/q rounded half-up to an integer (p ≥ 0, q > 0). */
export function roundHalfUp(p: bigint, q: bigint): bigint {
  return (2n * p + q) / (2n * q);
}

export function generateSchedule(input: ScheduleInput): Instalment[] {
  const { principal, termMonths: n, startDate, method } = input;
  if (!Number.isSafeInteger(principal) || principal <= 0) throw new RangeError('principal must be a positive whole number of fen');
  if (!Number.isInteger(n) || n < 1 || n > 600) throw new RangeError('termMonths must be a whole number from 1 to 600');
  const { num, den } = parseRate(input.annualRate);
  // Monthly rate r = a / b.
  const a = num;
  const b = den * 12n;
  const P = BigInt(principal);
  const interestOn = (balance: bigint) => roundHalfUp(balance * a, b);
  const due = (k: number) => addMonths(startDate, k);
  const out: Instalment[] = [];
  let balance = P;

  if (method === 'interest_only') {
    // 先息后本: interest every month on the full principal, the principal at maturity.
    for (let k = 1; k <= n; k += 1) out.push({ seq: k, dueOn: due(k), principal: k === n ? principal : 0, interest: Number(interestOn(P)) });
    return out;
  }

  if (method === 'equal_principal') {
    // 等额本金: the same principal each month (P ÷ n rounded half-up), interest on the balance before it.
    const each = roundHalfUp(P, BigInt(n));
    for (let k = 1; k <= n; k += 1) {
      const interest = interestOn(balance);
      const part = k === n ? balance : each < balance ? each : balance;
      balance -= part;
      out.push({ seq: k, dueOn: due(k), principal: Number(part), interest: Number(interest) });
    }
    return out;
  }

  // 等额本息: payment A = P·r·(1+r)^n / ((1+r)^n − 1), with r = a/b:
  //   A = P·a·(a+b)^n / (b·((a+b)^n − b^n)), rounded half-up once; each month's interest is on the balance
  //   before it and the rest of A is principal; the last month pays the balance left.
  let payment: bigint;
  if (a === 0n) payment = roundHalfUp(P, BigInt(n));
  else {
    const grow = (a + b) ** BigInt(n);
    payment = roundHalfUp(P * a * grow, b * (grow - b ** BigInt(n)));
  }
  for (let k = 1; k <= n; k += 1) {
    const interest = interestOn(balance);
    let part = k === n ? balance : payment - interest;
    if (part < 0n) part = 0n;
    if (part > balance) part = balance;
    balance -= part;
    out.push({ seq: k, dueOn: due(k), principal: Number(part), interest: Number(interest) });
  }
  return out;
}

/** Totals of a schedule (for display and tests). */
export function scheduleTotals(s: readonly Instalment[]): { principal: number; interest: number } {
  return s.reduce((t, i) => ({ principal: t.principal + i.principal, interest: t.interest + i.interest }), { principal: 0, interest: 0 });
}
