import { z } from 'zod';
import { isCalendarDate } from '../../platform/dates';
import { pageQuery } from '../../platform/http';

// The events register (活动, issue #5; seed 003 appendix 六, 附件 指标 5(1)): request and reply shapes.
const date = (what: string) => z.string().refine(isCalendarDate, `${what} must be a calendar date YYYY-MM-DD`);
const title = z.string().trim().min(1, 'must not be empty').max(200);
const code = z.string().trim().min(1, 'must not be empty').max(50);
/** A service station's code as service_stations holds it (migration 0017): capital letters, digits, hyphens. */
export const STATION_CODE = /^[A-Z0-9-]{2,32}$/;
const stationCode = z.string().trim().regex(STATION_CODE, 'must be a station code: 2–32 capital letters, digits or hyphens, e.g. ST-WJC');
const attendees = z.number({ message: 'must be a whole number of people' }).int('must be a whole number of people').min(0).max(1_000_000);
const year = z.coerce.number({ message: 'year must be a year, e.g. 2025' }).int().min(2000).max(2200);

export const eventParams = z.strictObject({ id: z.uuid({ message: 'id must be a UUID' }) });

export const createEventBody = z.strictObject({
  heldOn: date('heldOn'),
  title,
  /** The co-hosting bank's organisation code; null or absent for an activity of the platform or a station alone. */
  bankCode: code.nullable().optional(),
  /** The service station's code (issue #7 adds the stations). */
  stationCode: stationCode.nullable().optional(),
  attendees,
});
export type CreateEventInput = z.infer<typeof createEventBody>;

export const updateEventBody = z
  .strictObject({ heldOn: date('heldOn').optional(), title: title.optional(), bankCode: code.nullable().optional(), stationCode: stationCode.nullable().optional(), attendees: attendees.optional() })
  .refine((b) => Object.keys(b).length > 0, { message: 'name at least one field to change' });
export type UpdateEventInput = z.infer<typeof updateEventBody>;

export const listEventsQuery = z.strictObject({
  ...pageQuery,
  year: year.optional(),
  from: date('from').optional(),
  to: date('to').optional(),
  bank: code.optional(),
  station: code.optional(),
  /** Part of the title. */
  q: z.string().trim().min(1).max(100).optional(),
});
export type ListEventsQuery = z.infer<typeof listEventsQuery>;

export const importEventsQuery = z.strictObject({
  dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  skipInvalid: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export const assessmentQuery = z.strictObject({
  year,
  product: code.optional(),
});
