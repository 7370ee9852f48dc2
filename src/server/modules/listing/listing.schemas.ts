import { z } from 'zod';
import { SECTORS } from '../../../shared/enterprise';
import { isCalendarDate } from '../../platform/dates';
import { pageQuery } from '../../platform/http';
import { yuan } from '../../platform/money';
import { CRITERIA, POOL_TIERS, TARGET_BOARDS } from './tiers';

export const date = (what = 'date') => z.string().refine(isCalendarDate, `${what} must be a calendar date YYYY-MM-DD`);
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const list = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)).pipe(z.array(z.enum(values, { message: `each ${what} is one of: ${values.join(', ')}` })));

export const SERVICE_KINDS = ['contact', 'consulting', 'training', 'financing_matchmaking', 'administrative_coordination'] as const;
export const SERVICE_MODES = ['phone', 'visit', 'online', 'meeting'] as const;
export const MILESTONE_KINDS = ['neeq_base_listing', 'neeq_innovation_move', 'neeq_innovation_direct', 'n_board_listing', 'ipo', 'refinancing', 'major_restructuring'] as const;
export const IPO_BOARDS = ['main_board', 'chinext', 'star', 'bse', 'overseas'] as const;

export const enterpriseParams = z.strictObject({ enterpriseId: z.uuid({ message: 'enterpriseId must be a UUID' }) });
export const idParams = z.strictObject({ id: z.uuid({ message: 'id must be a UUID' }) });

export const poolQuery = z.strictObject({
  ...pageQuery,
  tier: list(POOL_TIERS, 'tier').optional(),
  board: list(TARGET_BOARDS, 'board').optional(),
  sector: z.enum(SECTORS).optional(),
  officer: z.uuid({ message: 'officer must be a user id' }).optional(),
  q: z.string().trim().min(1).max(100).optional(),
});
export type PoolQuery = z.infer<typeof poolQuery>;

export const nominateBody = z.strictObject({
  enterpriseId: z.uuid({ message: 'enterpriseId must be a UUID' }),
  targetBoard: z.enum(TARGET_BOARDS),
  reason: text(1000),
  officerUserId: z.uuid().optional(),
  enteredOn: date('enteredOn').optional(),
});
export type NominateInput = z.infer<typeof nominateBody>;

export const readinessBody = z.strictObject({
  evaluationId: z.uuid({ message: 'evaluationId must be a UUID' }),
  targetBoard: z.enum(TARGET_BOARDS).optional(),
  officerUserId: z.uuid().optional(),
});

export const updateEntryBody = z.strictObject({
  targetBoard: z.enum(TARGET_BOARDS).optional(),
  officerUserId: z.uuid().nullable().optional(),
});

export const tierBody = z.strictObject({
  to: z.enum(POOL_TIERS),
  criteria: z.array(z.enum(Object.keys(CRITERIA) as [string, ...string[]], { message: `each criterion is one of: ${Object.keys(CRITERIA).join(', ')}` })).max(12),
  note: z.string().trim().max(1000).optional(),
  on: date('on').optional(),
});
export type TierInput = z.infer<typeof tierBody>;

export const serviceBody = z.strictObject({
  kind: z.enum(SERVICE_KINDS),
  mode: z.enum(SERVICE_MODES),
  servedOn: date('servedOn'),
  summary: text(2000),
  followUpOn: date('followUpOn').optional(),
  officerUserId: z.uuid().optional(),
});
export type ServiceInput = z.infer<typeof serviceBody>;

export const followUpDoneBody = z.strictObject({ doneOn: date('doneOn') });

export const servicesQuery = z.strictObject({
  ...pageQuery,
  officer: z.uuid().optional(),
  enterpriseId: z.uuid().optional(),
  followUp: z.enum(['pending', 'overdue']).optional(),
  from: date('from').optional(),
  to: date('to').optional(),
});
export type ServicesQuery = z.infer<typeof servicesQuery>;

export const dashboardQuery = z.strictObject({ from: date('from').optional(), to: date('to').optional() });

export const greenChannelBody = z.strictObject({
  enterpriseId: z.uuid({ message: 'enterpriseId must be a UUID' }),
  department: text(200),
  document: text(500),
  requestedOn: date('requestedOn'),
  workingDays: z.number().int().min(1).max(60).optional(),
  handlerUserId: z.uuid().optional(),
});
export type GreenChannelInput = z.infer<typeof greenChannelBody>;
export const greenChannelActionBody = z.strictObject({ note: z.string().trim().max(2000).optional(), on: date('on').optional() });
export const greenChannelQuery = z.strictObject({
  ...pageQuery,
  status: list(['open', 'in_progress', 'done', 'cancelled'] as const, 'status').optional(),
  enterpriseId: z.uuid().optional(),
});
export const calendarQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2200) });
export const calendarBody = z.strictObject({
  year: z.number().int().min(2000).max(2200),
  days: z.array(z.strictObject({ day: date('day'), kind: z.enum(['holiday', 'workday']), note: z.string().trim().max(200).optional() })).max(120),
});
export const settingsBody = z.strictObject({ defaultWorkingDays: z.number().int().min(1).max(60) });

export const milestoneBody = z.strictObject({
  enterpriseId: z.uuid({ message: 'enterpriseId must be a UUID' }),
  kind: z.enum(MILESTONE_KINDS),
  occurredOn: date('occurredOn'),
  board: z.enum(IPO_BOARDS).optional(),
  amount: yuan({ min: 0.01 }).optional(),
  reference: z.string().trim().max(200).optional(),
  note: z.string().trim().max(1000).optional(),
});
export type MilestoneInput = z.infer<typeof milestoneBody>;
export const milestonesQuery = z.strictObject({ ...pageQuery, enterpriseId: z.uuid().optional(), year: z.coerce.number().int().min(2000).max(2200).optional() });
