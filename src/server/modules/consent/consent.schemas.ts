import { z } from 'zod';
import { isCalendarDate } from '../../platform/dates';
import { pageQuery } from '../../platform/http';
import { CONSENT_CLUSTERS, CONSENT_STATUSES, MAX_LOOKBACK_MONTHS } from './consent-rules';

const calendarDate = z.string().refine(isCalendarDate, 'must be a calendar date YYYY-MM-DD');
const cluster = z.enum(CONSENT_CLUSTERS);

export const grantConsentBody = z
  .strictObject({
    /** The institution, by organisation id or by its code (exactly one). */
    institutionId: z.uuid({ message: 'institutionId must be a UUID' }).optional(),
    institutionCode: z.string().trim().min(1).max(50).optional(),
    clusters: z
      .array(cluster)
      .min(1, 'name at least one data cluster')
      .refine((a) => new Set(a).size === a.length, 'must not repeat a cluster'),
    purpose: z.string().trim().min(1, 'a purpose is required').max(500),
    applicationId: z.uuid({ message: 'applicationId must be a UUID' }).optional(),
    lookbackMonths: z.number().int('must be a whole number of months').min(1).max(MAX_LOOKBACK_MONTHS),
    expiresOn: calendarDate,
  })
  .superRefine((b, ctx) => {
    if ((b.institutionId === undefined) === (b.institutionCode === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['institutionId'], message: 'give exactly one of institutionId or institutionCode' });
    }
  });
export type GrantConsentInput = z.infer<typeof grantConsentBody>;

export const listConsentsQuery = z.strictObject({
  ...pageQuery,
  /** Default: 'active' for institution users, 'all' for everyone else. */
  status: z.enum([...CONSENT_STATUSES, 'all']).optional(),
  enterpriseId: z.uuid({ message: 'enterpriseId must be a UUID' }).optional(),
  institutionId: z.uuid({ message: 'institutionId must be a UUID' }).optional(),
});
export type ListConsentsQuery = z.infer<typeof listConsentsQuery>;

export const revokeBody = z.strictObject({ reason: z.string().trim().min(1).max(2000).optional() }).nullish();

export const readLogQuery = z.strictObject({
  ...pageQuery,
  /** Office staff only; an enterprise user always sees its own enterprise's log. */
  enterpriseId: z.uuid({ message: 'enterpriseId must be a UUID' }).optional(),
  cluster: cluster.optional(),
});
export type ReadLogQuery = z.infer<typeof readLogQuery>;

export const consentedParams = z.strictObject({
  enterpriseId: z.uuid({ message: 'enterpriseId must be a UUID' }),
  cluster,
});
export const overviewParams = z.strictObject({ enterpriseId: z.uuid({ message: 'enterpriseId must be a UUID' }) });

const orgRef = z.object({ id: z.string(), code: z.string(), name: z.string() });
export const consentView = z.object({
  id: z.string(),
  enterprise: z.object({ id: z.string(), uscc: z.string(), name: z.string() }),
  institution: orgRef,
  clusters: z.array(z.string()),
  purpose: z.string(),
  application: z.object({ id: z.string(), applicationNo: z.string() }).nullable(),
  lookbackMonths: z.number(),
  expiresOn: z.string(),
  status: z.enum(CONSENT_STATUSES),
  grantedAt: z.string(),
  grantedBy: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
});
export const consentList = z.object({ items: z.array(consentView), total: z.number(), page: z.number(), pageSize: z.number() });

export const readLogEntry = z.object({
  id: z.number(),
  at: z.string(),
  cluster: z.string(),
  consentId: z.string(),
  enterprise: z.object({ id: z.string(), name: z.string() }),
  institution: orgRef,
  /** The signed-in reader, or null when an API token read. */
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string() }).nullable(),
  token: z.object({ id: z.string(), name: z.string() }).nullable(),
  requestId: z.string().nullable(),
});
export const readLogList = z.object({ items: z.array(readLogEntry), total: z.number(), page: z.number(), pageSize: z.number() });

export const overviewView = z.object({
  enterpriseId: z.string(),
  asOf: z.string(),
  clusters: z.array(z.object({ cluster: z.string(), consentId: z.string(), lookbackMonths: z.number(), from: z.string(), expiresOn: z.string(), purpose: z.string() })),
});

export const consentedView = z.object({
  enterpriseId: z.string(),
  cluster: z.string(),
  consentId: z.string(),
  lookbackMonths: z.number(),
  from: z.string(),
  asOf: z.string(),
  expiresOn: z.string(),
  items: z.array(z.record(z.string(), z.unknown())),
});

export const feedImportQuery = z.strictObject({ dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') });
export const feedImportReport = z.object({
  ok: z.boolean(),
  imported: z.number(),
  dryRun: z.boolean(),
  created: z.number(),
  updated: z.number(),
  errors: z.array(z.object({ line: z.number(), column: z.string(), message: z.string() })),
});
