import { z } from 'zod';
import { checkUscc } from '../../../shared/uscc';
import { IP_KINDS, IP_STATUSES, LISTING_STATUSES, ROUNDS, SECTORS, SHANGHAI_DISTRICTS } from '../../../shared/enterprise';
import { isCalendarDate } from '../../platform/dates';
import { pageQuery } from '../../platform/http';
import { yuan } from '../../platform/money';

export const calendarDate = z.string().refine(isCalendarDate, 'must be a calendar date YYYY-MM-DD');

export const usccField = z.string().transform((value, ctx) => {
  const r = checkUscc(value);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: `invalid USCC: ${r.message}` });
    return z.NEVER;
  }
  return r.uscc;
});

const profileFields = {
  name: z.string().trim().min(1).max(200),
  district: z.enum(SHANGHAI_DISTRICTS, { message: 'must be a Shanghai district name such as 杨浦区' }),
  street: z.string().trim().max(100).nullable().optional(),
  foundedOn: calendarDate.nullable().optional(),
  sector: z.enum(SECTORS, { message: `must be one of ${SECTORS.join(', ')}` }),
  industryCode: z.string().trim().max(20).nullable().optional(),
  listingStatus: z.enum(LISTING_STATUSES).optional(),
};

export const createEnterpriseBody = z.strictObject({ uscc: usccField, ...profileFields });
export type CreateEnterpriseInput = z.infer<typeof createEnterpriseBody>;

export const updateEnterpriseBody = z.strictObject({
  name: profileFields.name.optional(),
  district: profileFields.district.optional(),
  street: profileFields.street,
  foundedOn: profileFields.foundedOn,
  sector: profileFields.sector.optional(),
  industryCode: profileFields.industryCode,
  listingStatus: profileFields.listingStatus,
});
export type UpdateEnterpriseInput = z.infer<typeof updateEnterpriseBody>;

const nonNegativeYuan = yuan({ min: 0 }).nullable().optional();
const count = z.number().int().min(0).nullable().optional();
export const financialsBody = z.strictObject({
  revenue: nonNegativeYuan,
  mainBusinessRevenue: nonNegativeYuan,
  highTechProductRevenue: nonNegativeYuan,
  rdExpense: nonNegativeYuan,
  totalCost: nonNegativeYuan,
  netProfit: yuan().nullable().optional(),
  totalAssets: nonNegativeYuan,
  totalLiabilities: nonNegativeYuan,
  employees: count,
  rdStaff: count,
});
export type FinancialsInput = z.infer<typeof financialsBody>;

export const certificationBody = z.strictObject({
  type: z.string().trim().min(1).max(50),
  certificateNo: z.string().trim().max(100).nullable().optional(),
  issuedOn: calendarDate,
  expiresOn: calendarDate.nullable().optional(),
});

export const ipAssetBody = z.strictObject({
  kind: z.enum(IP_KINDS),
  number: z.string().trim().min(1).max(100),
  title: z.string().trim().max(300).nullable().optional(),
  appliedOn: calendarDate.nullable().optional(),
  grantedOn: calendarDate.nullable().optional(),
  status: z.enum(IP_STATUSES),
  pledged: z.boolean().default(false),
});

export const roundBody = z.strictObject({
  round: z.enum(ROUNDS),
  date: calendarDate,
  amount: yuan({ min: 0 }),
  investors: z.string().trim().max(1000).nullable().optional(),
  /** Post-money valuation (yuan): the market value listing readiness reads (issue #6). */
  postMoney: yuan({ min: 0 }).nullable().optional(),
});

export const SORTS = ['name', '-name', 'foundedOn', '-foundedOn', 'uscc', '-uscc', 'updatedAt', '-updatedAt'] as const;

export const searchFilters = {
  q: z.string().trim().max(100).optional(),
  uscc: z.string().trim().max(40).optional(),
  sector: z.enum(SECTORS).optional(),
  district: z.string().trim().max(20).optional(),
  certification: z.string().trim().max(50).optional(),
  foundedFrom: calendarDate.optional(),
  foundedTo: calendarDate.optional(),
  // Stored evaluations (issue #6, docs/evaluation.md): e.g. evaluation=tech_sme&eligible=true&minScore=70.
  // The year defaults to the latest year evaluated for that kind.
  evaluation: z.enum(['tech_sme', 'hnte', 'innovation_points', 'lifecycle', 'listing_readiness']).optional(),
  evaluationYear: z.coerce.number().int().min(1900).max(2200).optional(),
  minScore: z.coerce.number().min(0).max(1000).optional(),
  eligible: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  stage: z.enum(['startup', 'growth', 'mature']).optional(),
  sort: z.enum(SORTS).default('name'),
};
export const searchQuery = z.strictObject({ ...searchFilters, ...pageQuery });
export type SearchQuery = z.infer<typeof searchQuery>;
export const exportQuery = z.strictObject({ ...searchFilters, format: z.enum(['csv', 'xlsx']).default('csv') });

export const enterpriseSummary = z.object({
  id: z.string(),
  uscc: z.string(),
  name: z.string(),
  district: z.string(),
  street: z.string().nullable(),
  foundedOn: z.string().nullable(),
  sector: z.string(),
  industryCode: z.string().nullable(),
  listingStatus: z.string(),
  certifications: z.array(z.string()),
  demo: z.boolean(),
  /** Present when the search filtered on a stored evaluation: that result's year, score and eligibility. */
  evaluation: z.object({ kind: z.string(), year: z.number(), score: z.number().nullable(), eligible: z.boolean().nullable() }).optional(),
});

const financialsView = z.object({
  year: z.number(),
  revenue: z.number().nullable(),
  mainBusinessRevenue: z.number().nullable(),
  highTechProductRevenue: z.number().nullable(),
  rdExpense: z.number().nullable(),
  totalCost: z.number().nullable(),
  netProfit: z.number().nullable(),
  totalAssets: z.number().nullable(),
  totalLiabilities: z.number().nullable(),
  employees: z.number().nullable(),
  rdStaff: z.number().nullable(),
});

export const enterpriseDetail = enterpriseSummary.extend({
  certificationRecords: z.array(z.object({ id: z.string(), type: z.string(), certificateNo: z.string().nullable(), issuedOn: z.string(), expiresOn: z.string().nullable() })),
  financials: z.array(financialsView).optional(),
  ipAssets: z
    .array(z.object({ id: z.string(), kind: z.string(), number: z.string(), title: z.string().nullable(), appliedOn: z.string().nullable(), grantedOn: z.string().nullable(), status: z.string(), pledged: z.boolean() }))
    .optional(),
  rounds: z.array(z.object({ id: z.string(), round: z.string(), date: z.string(), amount: z.number(), investors: z.string().nullable(), postMoney: z.number().nullable() })).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EnterpriseDetail = z.infer<typeof enterpriseDetail>;
export type EnterpriseSummary = z.infer<typeof enterpriseSummary>;

export const importQuery = z.strictObject({
  dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  skipInvalid: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});
export const importReport = z.object({
  ok: z.boolean(),
  imported: z.number(),
  dryRun: z.boolean(),
  // What the upsert did: a re-import of the same file shows created 0, updated 0.
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  errors: z.array(z.object({ line: z.number(), column: z.string(), message: z.string() })),
});
