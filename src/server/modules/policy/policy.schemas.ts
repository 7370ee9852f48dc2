import { z } from 'zod';
import { isCalendarDate } from '../../platform/dates';

const calendarDate = z.string().refine(isCalendarDate, 'must be a calendar date YYYY-MM-DD');

// The evaluation contract is validated by the engine itself (it names claim and field); the route only
// requires a JSON object so that one validator, the engine's, decides.
export const evaluateBody = z.record(z.string(), z.unknown());

export const measuresQuery = z.strictObject({ asOf: calendarDate.optional() });

export const proposeParameterBody = z.strictObject({
  key: z.string().min(1).max(100),
  value: z.union([z.number(), z.string().min(1).max(40)]),
  effectiveFrom: calendarDate,
  reference: z.string().trim().min(1, 'cite the 细则 and clause the value comes from').max(300),
  reason: z.string().trim().min(1, 'say why the value is proposed').max(2000),
});
export type ProposeParameterInput = z.infer<typeof proposeParameterBody>;

export const decideParameterBody = z.strictObject({ reason: z.string().trim().min(1).max(2000).optional() });
export const rejectParameterBody = z.strictObject({ reason: z.string().trim().min(1, 'say why the proposal is rejected').max(2000) });

export const parameterChangesQuery = z.strictObject({
  status: z.enum(['proposed', 'approved', 'rejected']).optional(),
  key: z.string().max(100).optional(),
});

export const parameterChange = z.object({
  id: z.string(),
  key: z.string(),
  value: z.string(),
  effectiveFrom: z.string(),
  reference: z.string(),
  reason: z.string(),
  status: z.enum(['proposed', 'approved', 'rejected']),
  proposedBy: z.object({ id: z.string(), username: z.string() }),
  proposedAt: z.string(),
  decidedBy: z.object({ id: z.string(), username: z.string() }).nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
});
export type ParameterChange = z.infer<typeof parameterChange>;
