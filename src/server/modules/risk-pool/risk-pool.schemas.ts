import { z } from 'zod';
import { isCalendarDate } from '../../platform/dates';
import { pageQuery } from '../../platform/http';
import { yuan } from '../../platform/money';
import { CLAIM_STATUSES } from './claim-transitions';

const calendarDate = z.string().refine(isCalendarDate, 'must be a calendar date YYYY-MM-DD');
const reason = z.string().trim().min(1, 'a reason is required').max(2000);
/** A share or tolerance as a decimal between 0 and 1 with at most four decimals (0.9 = 90%). */
const ratio = (what: string, opts: { allowZero?: boolean } = {}) =>
  z
    .number({ message: `${what} must be a number between 0 and 1` })
    .refine((v) => (opts.allowZero ? v >= 0 : v > 0) && v <= 1, `${what} must be ${opts.allowZero ? 'from 0' : 'above 0'} up to 1`)
    .refine((v) => /^\d+(\.\d{1,4})?$/.test(String(v)), `${what} has at most four decimals`);
const collateralMode = z.enum(['credit', 'ip_pledge', 'guarantee', 'performance_insurance', 'other']);
const positiveYuan = yuan({ min: 0.01 });

export const poolParams = z.strictObject({ id: z.uuid({ message: 'id must be a UUID' }) });
export const claimParams = poolParams;

export const createPoolBody = z.strictObject({
  code: z.string().trim().regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, 'upper-case letters, digits and dashes, 2–40 characters'),
  name: z.string().trim().min(1).max(200),
  /** The organisation whose money the pool is (the district office, a park, a fund). */
  sponsorOrgId: z.uuid({ message: 'sponsorOrgId must be a UUID' }),
  /** loss_sharing: the pool bears `share` of the net loss (9:1 → 0.9); upfront (前补偿): `share` of the principal at default, paid when the loan turns non-performing. */
  mode: z.enum(['loss_sharing', 'upfront']),
  share: ratio('share'),
  collateralModes: z.array(collateralMode).max(5).default([]),
  productIds: z.array(z.uuid({ message: 'each productId must be a UUID' })).max(200).default([]),
  perLoanCap: positiveYuan.nullable().default(null),
  perBankYearCap: positiveYuan.nullable().default(null),
  nplTolerance: ratio('nplTolerance', { allowZero: true }),
  /** The clause or decision the pool rests on (杨府发〔2025〕2号 第10条 …). */
  basis: z.string().trim().min(1).max(500),
});
export type CreatePoolInput = z.infer<typeof createPoolBody>;

export const updatePoolBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  perLoanCap: positiveYuan.nullable().optional(),
  perBankYearCap: positiveYuan.nullable().optional(),
  nplTolerance: ratio('nplTolerance', { allowZero: true }).optional(),
  status: z.enum(['active', 'closed']).optional(),
  reason: reason,
});
export type UpdatePoolInput = z.infer<typeof updatePoolBody>;

export const contributionBody = z.strictObject({
  amount: positiveYuan,
  contributedOn: calendarDate,
  reference: z.string().trim().min(1, 'a reference (budget document, transfer number) is required').max(200),
});
export type ContributionInput = z.infer<typeof contributionBody>;

export const ledgerQuery = z.strictObject({ ...pageQuery, kind: z.enum(['contribution', 'payout', 'recovery']).optional() });

export const enrolBody = z.strictObject({
  loanId: z.uuid({ message: 'loanId must be a UUID' }),
  enrolledOn: calendarDate,
});

export const enrolmentsQuery = z.strictObject({ ...pageQuery, poolId: z.uuid({ message: 'poolId must be a UUID' }).optional() });

export const fileClaimBody = z.strictObject({
  loanId: z.uuid({ message: 'loanId must be a UUID' }),
  defaultedOn: calendarDate,
  /** Outstanding principal on the day the loan turned non-performing (yuan). */
  principalAtDefault: positiveYuan,
  /** What the bank recovered before filing (yuan); 0 for 前补偿, which is paid before any recovery. */
  recoveriesSoFar: yuan({ min: 0 }),
});
export type FileClaimInput = z.infer<typeof fileClaimBody>;

export const claimsQuery = z.strictObject({
  ...pageQuery,
  poolId: z.uuid({ message: 'poolId must be a UUID' }).optional(),
  status: z.enum(CLAIM_STATUSES).optional(),
});

export const reviewBody = z.strictObject({
  /** The loss the reviewer accepts (yuan), at most the filed loss; below it only with a note. */
  assessedLoss: positiveYuan.optional(),
  note: z.string().trim().min(1).max(2000).optional(),
});
export const approveBody = z.strictObject({ note: z.string().trim().min(1).max(2000).optional() }).optional();
export const reasonBody = z.strictObject({ reason });

export const recoveryBody = z.strictObject({
  amount: positiveYuan,
  recoveredOn: calendarDate,
  /** The bank's own id of the recovery: reporting it again changes nothing. */
  reference: z.string().trim().min(1).max(200),
});
export type RecoveryInput = z.infer<typeof recoveryBody>;
