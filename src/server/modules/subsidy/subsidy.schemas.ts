import { z } from 'zod';
import { isCalendarDate } from '../../platform/dates';
import { pageQuery } from '../../platform/http';
import { yuan } from '../../platform/money';
import { CLAIM_STATUSES } from './claim-transitions';

const calendarDate = z.string().refine(isCalendarDate, 'must be a calendar date YYYY-MM-DD');
const reason = z.string().trim().min(1, 'a reason is required').max(2000);
const factValue = z.union([z.number(), z.string().max(200), z.boolean()]);
const year = z.coerce.number().int().min(1900).max(2200);

export const createClaimBody = z.strictObject({
  measure: z.string().min(1).max(40),
  eventDate: calendarDate,
  matter: z.string().trim().min(1).max(100).optional(),
  facts: z.record(z.string(), factValue),
  /** Institution users name the legal entity claiming; enterprise users claim for their own enterprise. */
  beneficiary: z
    .strictObject({
      kind: z.enum(['enterprise', 'institution', 'bank', 'guarantor', 'insurer', 'fund', 'incubator']).optional(),
      uscc: z.string().trim().max(40).optional(),
      name: z.string().trim().min(1).max(200).optional(),
      registeredInYangpu: z.boolean().optional(),
      registeredInShanghai: z.boolean().optional(),
    })
    .optional(),
  /** Submit at once instead of keeping a draft. */
  submit: z.boolean().default(false),
});
export type CreateClaimInput = z.infer<typeof createClaimBody>;

export const updateClaimBody = z.strictObject({
  eventDate: calendarDate.optional(),
  matter: z.string().trim().min(1).max(100).nullable().optional(),
  facts: z.record(z.string(), factValue).optional(),
});
export type UpdateClaimInput = z.infer<typeof updateClaimBody>;

export const listClaimsQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(CLAIM_STATUSES).optional(),
  measure: z.string().max(40).optional(),
  year: year.optional(),
  origin: z.enum(['application', 'proactive']).optional(),
  /** Office staff only: the claims of one enterprise in the registry. */
  enterpriseId: z.uuid({ message: 'enterpriseId must be a UUID' }).optional(),
  q: z.string().trim().max(100).optional(),
});
export type ListClaimsQuery = z.infer<typeof listClaimsQuery>;

export const reasonBody = z.strictObject({ reason });
export const optionalReasonBody = z.strictObject({ reason: reason.optional() }).nullish();
export const determineBody = z
  .strictObject({ amount: yuan({ min: 0 }).optional(), reason: reason.optional() })
  .nullish();
export const adjustBody = z.strictObject({ amount: yuan({ min: 0 }), reason });
export const payBody = z.strictObject({ paymentReference: z.string().trim().min(1).max(100) });
export const objectionBody = z.strictObject({ raisedBy: z.string().trim().min(1).max(200), content: z.string().trim().min(1).max(5000) });
export const resolveObjectionBody = z.strictObject({ upheld: z.boolean(), resolution: reason });

export const claimParams = z.strictObject({ id: z.uuid({ message: 'id must be a UUID' }) });
export const fileParams = z.strictObject({ id: z.uuid({ message: 'id must be a UUID' }), fileId: z.uuid({ message: 'fileId must be a UUID' }) });
export const objectionParams = z.strictObject({ id: z.uuid({ message: 'id must be a UUID' }), objectionId: z.uuid({ message: 'objectionId must be a UUID' }) });

export const budgetsQuery = z.strictObject({ year });
export const budgetParams = z.strictObject({ measure: z.string().min(1).max(40), year });
export const budgetBody = z.strictObject({ allocated: yuan({ min: 0 }), reason: reason.optional() });

export const settingsBody = z.strictObject({
  secondApprovalThreshold: yuan({ min: 0 }).optional(),
  noticeWorkingDays: z.number().int().min(1).max(30).optional(),
  holidays: z.array(calendarDate).max(400).optional(),
});
export type SettingsInput = z.infer<typeof settingsBody>;

export const scanBody = z.strictObject({ year: z.number().int().min(1900).max(2200) });
export const entitlementsQuery = z.strictObject({
  ...pageQuery,
  year,
  measure: z.string().max(40).optional(),
  status: z.enum(['granted', 'ineligible', 'excluded', 'needs-parameters']).optional(),
  confirmed: z.enum(['true', 'false']).optional(),
});
export const confirmBody = z
  .strictObject({ eventDate: calendarDate.optional(), facts: z.record(z.string(), factValue).optional(), reason: reason.optional() })
  .nullish();

const claimFilter = z.strictObject({
  measure: z.string().max(40).optional(),
  year: z.number().int().min(1900).max(2200).optional(),
  statuses: z.array(z.enum(CLAIM_STATUSES)).optional(),
});
export const simulationBody = z.strictObject({
  parameters: z.record(z.string(), z.union([z.number(), z.string()])),
  over: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('claims'), filter: claimFilter.default({}) }),
    z.strictObject({ kind: z.literal('scan'), year: z.number().int().min(1900).max(2200) }),
  ]),
  /** How many changed beneficiaries to list (largest change first). */
  limit: z.number().int().min(1).max(1000).default(100),
});
export type SimulationInput = z.infer<typeof simulationBody>;
