import { z } from 'zod';
import { SHANGHAI_DISTRICTS } from '../../../shared/enterprise';
import { isCalendarDate } from '../../platform/dates';
import { pageQuery } from '../../platform/http';
import { yuan } from '../../platform/money';
import { APPLICATION_STATUSES } from './transitions';

const date = (what = 'date') => z.string().refine(isCalendarDate, `${what} must be a calendar date YYYY-MM-DD`);
const reason = z.string().trim().min(1, 'must not be empty').max(2000);
const code = z.string().trim().min(1).max(50);
/** Rates are exact decimals: "0.0435" (or the number 0.0435), never a percentage. */
const rate = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .refine((v) => /^(0|[1-9]\d?)(\.\d{1,6})?$/.test(v) && Number(v) < 1, 'must be an annual rate as a decimal below 1 with at most 6 decimals, e.g. 0.0435');

export const applicationParams = z.strictObject({ id: z.uuid({ message: 'id must be a UUID' }) });
export const documentParams = z.strictObject({ id: z.uuid({ message: 'id must be a UUID' }), documentId: z.uuid({ message: 'documentId must be a UUID' }) });

export const createApplicationBody = z.strictObject({
  productCode: code.optional(),
  requestedAmount: yuan({ min: 0.01 }),
  requestedTermMonths: z.number().int().min(1).max(360).optional(),
  purpose: z.string().trim().min(1).max(2000).optional(),
  /** Submit at once instead of keeping a draft. */
  submit: z.boolean().optional(),
});
export type CreateApplicationInput = z.infer<typeof createApplicationBody>;

export const updateApplicationBody = z.strictObject({
  productCode: code.nullable().optional(),
  requestedAmount: yuan({ min: 0.01 }).optional(),
  requestedTermMonths: z.number().int().min(1).max(360).nullable().optional(),
  purpose: z.string().trim().min(1).max(2000).nullable().optional(),
});
export type UpdateApplicationInput = z.infer<typeof updateApplicationBody>;

const statusList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(APPLICATION_STATUSES, { message: `each status is one of: ${APPLICATION_STATUSES.join(', ')}` })).max(13));

export const listApplicationsQuery = z.strictObject({
  ...pageQuery,
  status: statusList.optional(),
  district: z.enum(SHANGHAI_DISTRICTS).optional(),
  product: code.optional(),
  bank: code.optional(),
  submittedFrom: date('submittedFrom').optional(),
  submittedTo: date('submittedTo').optional(),
  q: z.string().trim().min(1).max(100).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** queue: oldest submission first; inbox: oldest recommendation first; recent: newest first (default). */
  order: z.enum(['queue', 'inbox', 'recent']).optional(),
});
export type ListApplicationsQuery = z.infer<typeof listApplicationsQuery>;

export const inboxQuery = z.strictObject({
  ...pageQuery,
  status: statusList.optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  q: z.string().trim().min(1).max(100).optional(),
});

export const optionalReasonBody = z.strictObject({ reason: reason.optional() }).nullish();
export const reasonBody = z.strictObject({ reason });
export const decisionBody = z.strictObject({ reason, meetingId: z.uuid({ message: 'meetingId must be a UUID' }).optional() });

export const recommendBody = z.strictObject({
  bankCode: code,
  productCode: code.optional(),
  amount: yuan({ min: 0.01 }),
  meetingId: z.uuid({ message: 'meetingId must be a UUID' }).optional(),
  reason: reason.optional(),
});

export const approveBody = z.strictObject({
  amount: yuan({ min: 0.01 }),
  rate,
  termMonths: z.number().int().min(1).max(360),
  decidedOn: date('decidedOn').optional(),
});

export const declineBody = z.strictObject({ reason, decidedOn: date('decidedOn').optional() });

export const disburseBody = z.strictObject({
  loanNo: z.string().trim().min(1).max(64),
  collateralMode: z.enum(['credit', 'ip_pledge', 'guarantee', 'performance_insurance', 'other']),
  repaymentMethod: z.enum(['equal_instalment', 'equal_principal', 'interest_only']),
  startDate: date('startDate'),
  /** Defaults: the approved amount, rate and term; maturity = start + term months. */
  principal: yuan({ min: 0.01 }).optional(),
  annualRate: rate.optional(),
  termMonths: z.number().int().min(1).max(360).optional(),
  maturityDate: date('maturityDate').optional(),
});

export const reviewBody = z.strictObject({
  score: z.number().int().min(0).max(100),
  opinion: z.string().trim().min(1).max(4000).optional(),
  decision: z.enum(['recommend', 'defer', 'reject']).optional(),
  meetingId: z.uuid({ message: 'meetingId must be a UUID' }).optional(),
});

export const meetingBody = z.strictObject({
  heldOn: date('heldOn'),
  title: z.string().trim().min(1).max(200),
  notes: z.string().trim().min(1).max(4000).optional(),
});

export const throughputQuery = z.strictObject({
  from: date('from').optional(),
  to: date('to').optional(),
  by: z.enum(['meeting', 'month', 'quarter', 'year']).default('meeting'),
});

export const warningsQuery = z.strictObject({
  ...pageQuery,
  state: z.enum(['open', 'resolved', 'all']).default('open'),
  bank: code.optional(),
  line: z.coerce.number().int().min(1).max(3650).optional(),
});

export const slaSettingsBody = z.strictObject({ lines: z.array(z.number().int()) });

export const importQuery = z.strictObject({ dryRun: z.enum(['true', 'false']).transform((v) => v === 'true').optional() });

export const funnelQuery = z.strictObject({
  year: z.coerce.number({ message: 'year is required, e.g. 2025' }).int().min(2000).max(2200),
  product: code.optional(),
  by: z.enum(['district', 'bank']).default('district'),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});
