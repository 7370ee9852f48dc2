import { z } from 'zod';
import { pageQuery } from '../../platform/http';

export const productStatisticsQuery = z.strictObject({
  year: z.coerce.number({ message: 'year is required, e.g. 2025' }).int().min(2000).max(2200),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});

const period = z.string().trim().max(7);
export const packRequestBody = z.strictObject({
  kind: z.enum(['monthly', 'annual'], { message: 'kind must be monthly or annual' }),
  /** YYYY-MM for a monthly pack, YYYY for an annual one (checked against the kind by the service). */
  period,
  basis: z.enum(['reported', 'latest'], { message: 'basis must be reported (as first reported) or latest (with restatements)' }).default('reported'),
});
export const packListQuery = z.strictObject({
  ...pageQuery,
  kind: z.enum(['monthly', 'annual'], { message: 'kind must be monthly or annual' }).optional(),
  period: period.optional(),
  status: z.enum(['queued', 'running', 'done', 'failed'], { message: 'status must be queued, running, done or failed' }).optional(),
});
export const packParams = z.strictObject({ id: z.uuid({ message: 'id must be a UUID' }) });
export const packDownloadQuery = z.strictObject({ format: z.enum(['xlsx', 'pdf'], { message: 'format must be xlsx or pdf' }) });
