import { z } from 'zod';
import { SHANGHAI_DISTRICTS } from '../../../shared/enterprise';
import { isCalendarDate } from '../../platform/dates';

const date = (what: string) => z.string().refine(isCalendarDate, `${what} must be a calendar date YYYY-MM-DD`);
export const idParams = z.strictObject({ id: z.uuid({ message: 'id must be a UUID' }) });
const area = z.strictObject({ district: z.enum(SHANGHAI_DISTRICTS), street: z.string().trim().min(1).max(50).optional() });

export const stationBody = z.strictObject({
  code: z.string().trim().regex(/^[A-Z0-9-]{2,32}$/, 'must be 2–32 capital letters, digits or hyphens'),
  name: z.string().trim().min(1).max(200),
  host: z.string().trim().min(1).max(200),
  parks: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  areas: z.array(area).max(100).optional(),
});
export const updateStationBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  host: z.string().trim().min(1).max(200).optional(),
  parks: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  areas: z.array(area).max(100).optional(),
  active: z.boolean().optional(),
});
export const officerBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  phone: z.string().trim().regex(/^[0-9+\- ]{5,20}$/, 'must be a phone number').optional(),
  userId: z.uuid().optional(),
});
export const updateOfficerBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  phone: z.string().trim().regex(/^[0-9+\- ]{5,20}$/, 'must be a phone number').nullable().optional(),
  userId: z.uuid().nullable().optional(),
  active: z.boolean().optional(),
});
export const officerParams = z.strictObject({ id: z.uuid({ message: 'id must be a UUID' }), officerId: z.uuid({ message: 'officerId must be a UUID' }) });
export const applicationStationBody = z.strictObject({ stationId: z.uuid({ message: 'stationId must be a UUID' }).nullable() });
export const attributeBody = z.strictObject({ year: z.number().int().min(2000).max(2200).optional() });
export const screeningBody = z.strictObject({
  applicationId: z.uuid({ message: 'applicationId must be a UUID' }),
  stage: z.enum(['recommendation', 'initial_review', 'investigation']),
  doneOn: date('doneOn'),
  officerId: z.uuid().optional(),
  note: z.string().trim().max(1000).optional(),
});
export const ENTRY_ITEMS = ['attendance_absences', 'responsiveness', 'work_reports', 'adopted_research', 'cooperation_projects'] as const;
export const entryBody = z.strictObject({
  year: z.number().int().min(2000).max(2200),
  item: z.enum(ENTRY_ITEMS),
  value: z.number().min(0).max(1000).refine((v) => Math.round(v * 10) === v * 10, 'at most one decimal'),
  note: z.string().trim().max(1000).optional(),
});
export const assessmentQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2200) });
