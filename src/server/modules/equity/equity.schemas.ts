import { z } from 'zod';
import { isCalendarDate } from '../../platform/dates';
import { pageQuery } from '../../platform/http';
import { yuan } from '../../platform/money';
import { LINKAGE_MODES } from './linkage-rules';

const date = (what: string) => z.string().refine(isCalendarDate, `${what} must be a calendar date YYYY-MM-DD`);
export const EQUITY_ROUNDS = ['seed', 'angel', 'pre_a', 'a', 'a_plus', 'b', 'b_plus', 'c', 'c_plus', 'after_c', 'strategic', 'other'] as const;
export const GUIDANCE = ['mother_fund', 'participating', 'direct'] as const;
export const VISIBILITY = ['private', 'all_funds', 'selected_funds'] as const;

export const idParams = z.strictObject({ id: z.uuid({ message: 'id must be a UUID' }) });

export const needBody = z.strictObject({
  round: z.enum(EQUITY_ROUNDS),
  amount: yuan({ min: 0.01 }),
  useOfFunds: z.string().trim().min(1, 'must not be empty').max(2000),
  visibility: z.enum(VISIBILITY),
  /** With visibility selected_funds: the funds (organisation codes) that may see it. */
  funds: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
  showFinancials: z.boolean().optional(),
  /** Office staff create on an enterprise's behalf; enterprise users for their own. */
  enterpriseId: z.uuid().optional(),
});
export type NeedInput = z.infer<typeof needBody>;
export const updateNeedBody = z.strictObject({
  amount: yuan({ min: 0.01 }).optional(),
  useOfFunds: z.string().trim().min(1).max(2000).optional(),
  visibility: z.enum(VISIBILITY).optional(),
  funds: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
  showFinancials: z.boolean().optional(),
  status: z.enum(['open', 'closed']).optional(),
});
export type UpdateNeedInput = z.infer<typeof updateNeedBody>;
export const needsQuery = z.strictObject({ ...pageQuery, round: z.enum(EQUITY_ROUNDS).optional(), status: z.enum(['open', 'closed']).optional(), enterpriseId: z.uuid().optional() });

export const interestBody = z.strictObject({ note: z.string().trim().max(1000).optional() });

export const investmentBody = z.strictObject({
  enterpriseId: z.uuid({ message: 'enterpriseId must be a UUID' }),
  needId: z.uuid().optional(),
  /** Staff name the fund (organisation code); a fund records its own. */
  fundCode: z.string().trim().min(1).max(50).optional(),
  round: z.enum(EQUITY_ROUNDS),
  investedOn: date('investedOn'),
  amount: yuan({ min: 0.01 }),
  investors: z.string().trim().min(1).max(500),
  guidanceParticipation: z.enum(GUIDANCE).optional(),
});
export type InvestmentInput = z.infer<typeof investmentBody>;
export const investmentsQuery = z.strictObject({ ...pageQuery, enterpriseId: z.uuid().optional(), guidance: z.enum([...GUIDANCE, 'any'] as const).optional() });

export const linkageBody = z.strictObject({
  mode: z.enum(LINKAGE_MODES).nullable(),
  investmentId: z.uuid().nullable().optional(),
  note: z.string().trim().max(1000).optional(),
});
export const linkageQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2200), format: z.enum(['json', 'xlsx']).optional() });
export const importQuery = z.strictObject({ dryRun: z.enum(['true', 'false']).transform((v) => v === 'true').optional(), skipInvalid: z.enum(['true', 'false']).transform((v) => v === 'true').optional() });
