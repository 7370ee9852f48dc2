import { z } from 'zod';

export const productStatisticsQuery = z.strictObject({
  year: z.coerce.number({ message: 'year is required, e.g. 2025' }).int().min(2000).max(2200),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});
