import { z } from 'zod';
import { SHANGHAI_DISTRICTS } from '../../../shared/enterprise';
import { COLLATERAL_MODES, LINKAGE_MODES, LOAN_CLASS_CODES, REPAYMENT_METHOD_CODES } from '../../../shared/loan';
import { checkUscc } from '../../../shared/uscc';
import { isCalendarDate } from '../../platform/dates';
import { pageQuery } from '../../platform/http';
import { yuan } from '../../platform/money';

const date = (what: string) => z.string().refine(isCalendarDate, `${what} must be a calendar date YYYY-MM-DD`);
const code = z.string().trim().min(1).max(50);
/** Rates are exact decimals: "0.0435" (or the number 0.0435), never a percentage. */
const rate = (what: string) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => String(v))
    .refine((v) => /^(0|[1-9]\d?)(\.\d{1,6})?$/.test(v) && Number(v) < 1, `${what} must be a decimal below 1 with at most 6 decimals, e.g. 0.0435`);
const uscc = z.string().trim().refine((v) => checkUscc(v).ok, 'must be a valid 统一社会信用代码 (GB 32100-2015)');

export const loanParams = z.strictObject({ id: z.uuid({ message: 'id must be a UUID' }) });

/** A bank posts a disbursed loan (idempotent by loan number within the bank). Amounts in yuan. */
export const createLoanBody = z.strictObject({
  loanNo: z.string().trim().min(1).max(64),
  /** Officers post on a bank's behalf and name it; a bank's own users and tokens post for their bank. */
  bankCode: code.optional(),
  enterpriseUscc: uscc,
  /** Needed only when the enterprise is not in the registry yet: it is registered with these. */
  enterpriseName: z.string().trim().min(1).max(200).optional(),
  district: z.enum(SHANGHAI_DISTRICTS).optional(),
  productCode: code.optional(),
  collateralMode: z.enum(COLLATERAL_MODES),
  guarantorCode: code.optional(),
  insurerCode: code.optional(),
  guaranteeFeeRate: rate('guaranteeFeeRate').optional(),
  principal: yuan({ min: 0.01 }),
  annualRate: rate('annualRate'),
  termMonths: z.number().int().min(1).max(360),
  startDate: date('startDate'),
  /** Default: startDate + termMonths. */
  maturityDate: date('maturityDate').optional(),
  repaymentMethod: z.enum(REPAYMENT_METHOD_CODES),
  /** Default: computed (no earlier loan of the enterprise on the platform). */
  firstTimeBorrower: z.boolean().optional(),
  linkageMode: z.enum(LINKAGE_MODES).optional(),
});
export type CreateLoanInput = z.infer<typeof createLoanBody>;

/** A repayment of principal and interest, idempotent by the bank's repayment id. */
export const repaymentBody = z.strictObject({
  repaymentId: z.string().trim().min(1).max(64),
  paidOn: date('paidOn'),
  principal: yuan({ min: 0 }),
  interest: yuan({ min: 0 }),
});
export type RepaymentInput = z.infer<typeof repaymentBody>;

/** A bank's dated report on one loan (the same facts an import row carries). */
export const reportBody = z.strictObject({
  asOf: date('asOf'),
  outstanding: yuan({ min: 0 }),
  dpd: z.number().int().min(0).max(100_000),
  reportedClass: z.enum(LOAN_CLASS_CODES).optional(),
});
export type ReportInput = z.infer<typeof reportBody>;

export const listLoansQuery = z.strictObject({
  ...pageQuery,
  bank: code.optional(),
  product: code.optional(),
  class: z.enum(LOAN_CLASS_CODES).optional(),
  collateralMode: z.enum(COLLATERAL_MODES).optional(),
  enterpriseId: z.uuid({ message: 'enterpriseId must be a UUID' }).optional(),
  q: z.string().trim().min(1).max(100).optional(),
});
export type ListLoansQuery = z.infer<typeof listLoansQuery>;

export const standingQuery = z.strictObject({
  asOf: date('asOf'),
  bank: code.optional(),
  enterpriseId: z.uuid({ message: 'enterpriseId must be a UUID' }).optional(),
});

export const interestQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2200),
  collateralMode: z.enum(COLLATERAL_MODES).optional(),
  bank: code.optional(),
});

export const classifyBody = z.strictObject({ asOf: date('asOf').optional() }).nullish();

export const floorsBody = z.strictObject({
  effectiveFrom: date('effectiveFrom'),
  floors: z.array(z.strictObject({ minDpd: z.number().int(), class: z.enum(LOAN_CLASS_CODES) })).min(1).max(10),
  source: z.string().trim().min(1).max(1000),
});

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
export const loanImportQuery = z.strictObject({
  asOf: date('asOf').optional(),
  dryRun: flag.default(false),
  skipInvalid: flag.default(false),
});
