import { z } from 'zod';
import { SECTORS } from '../../../shared/enterprise';
import { pageQuery } from '../../platform/http';
import { yuan } from '../../platform/money';
import { compareDecimal } from '../../platform/tabular/cells';
import { parseDecimal } from '../../platform/tabular';
import { STAGES } from '../matching/match-rules';
import { FILING_STATUSES, PRODUCT_STATUSES } from './product-transitions';

// Product vocabulary (GLOSSARY: 金融产品; 信用贷 / 知识产权质押贷 / 履约保证保险贷 / 担保贷 …).
export const PRODUCT_TYPES = [
  'credit_loan', 'ip_pledge_loan', 'guaranteed_loan', 'performance_insurance_loan', 'micro_loan',
  'investment_linked_loan', 'equity_investment', 'guarantee', 'insurance', 'bond_underwriting',
] as const;
export const COLLATERAL_MODES = ['credit', 'ip_pledge', 'guarantee', 'performance_insurance', 'other'] as const;
/** Organisation kinds that offer products (institutions) and the office that runs programmes. */
export const INSTITUTION_KINDS = ['office', 'bank', 'guarantor', 'insurer', 'fund'] as const;

export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,49}$/;
export const codeField = z.string().trim().regex(CODE_PATTERN, 'letters, digits, dot, underscore and hyphen, at most 50, starting with a letter or digit');

/** An annual rate as an exact decimal fraction (0.0435 = 4.35%); JSON number or string, kept as text. */
export const rateField = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const parsed = parseDecimal(String(value), 6);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  }
  if (compareDecimal(parsed.value, '0') < 0 || compareDecimal(parsed.value, '1') > 0) {
    ctx.addIssue({ code: 'custom', message: 'must be a fraction from 0 to 1 (4.35% is 0.0435)' });
    return z.NEVER;
  }
  return parsed.value;
});

export const criteriaBody = z.strictObject({
  stages: z.array(z.enum(STAGES)).min(1).optional(),
  sectors: z.array(z.enum(SECTORS, { message: `must be one of ${SECTORS.join(', ')}` })).min(1).optional(),
  certifications: z.array(z.string().trim().min(1).max(50)).min(1).optional(),
  certificationsMatch: z.enum(['all', 'any']).optional(),
  minYearsSinceFounding: z.number().int().min(0).max(100).optional(),
  minRevenue: yuan({ min: 0 }).optional(),
  maxNplCount: z.number().int().min(0).max(1000).optional(),
  yangpuRegistered: z.boolean().optional(),
});
export type CriteriaInput = z.infer<typeof criteriaBody>;

const months = z.number().int().min(1).max(600);
/** The fields of a product version: changing any of them makes a new version. */
export const versionFields = {
  amountMin: yuan({ min: 0 }).nullable().optional(),
  amountMax: yuan({ min: 0 }).nullable().optional(),
  termMinMonths: months.nullable().optional(),
  termMaxMonths: months.nullable().optional(),
  rateMin: rateField.nullable().optional(),
  rateMax: rateField.nullable().optional(),
  collateralMode: z.enum(COLLATERAL_MODES).nullable().optional(),
  description: z.string().trim().max(2000).nullable().optional(),
  criteria: criteriaBody.optional(),
};
export const VERSION_FIELDS = Object.keys(versionFields) as (keyof typeof versionFields)[];

export const createProductBody = z.strictObject({
  code: codeField,
  name: z.string().trim().min(1).max(200),
  type: z.enum(PRODUCT_TYPES),
  status: z.enum(['draft', 'active']).default('active'),
  /** Programmes only: the partner institutions' codes. */
  partnerCodes: z.array(codeField).max(50).optional(),
  ...versionFields,
});
export type CreateProductInput = z.infer<typeof createProductBody>;

export const updateProductBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  status: z.enum(PRODUCT_STATUSES).optional(),
  partnerCodes: z.array(codeField).max(50).optional(),
  ...versionFields,
});
export type UpdateProductInput = z.infer<typeof updateProductBody>;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
export const listProductsQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  type: z.enum(PRODUCT_TYPES).optional(),
  status: z.enum(PRODUCT_STATUSES).optional(),
  ownerCode: codeField.optional(),
  isProgramme: flag.optional(),
  policyProduct: flag.optional(),
  ...pageQuery,
});
export type ListProductsQuery = z.infer<typeof listProductsQuery>;

export const productParams = z.strictObject({ id: z.uuid({ message: 'id must be a UUID' }) });
export const versionParams = z.strictObject({ id: z.uuid({ message: 'id must be a UUID' }), version: z.coerce.number().int().min(1) });
export const filingParams = z.strictObject({ id: z.uuid({ message: 'id must be a UUID' }), filingId: z.uuid({ message: 'filingId must be a UUID' }) });

// Action bodies are optional: a POST without a body means the defaults.
export const fileBody = z.strictObject({ version: z.number().int().min(1).optional() }).nullish();
export const reviewBody = z.strictObject({ note: z.string().trim().max(2000).optional(), proposePolicyProduct: z.boolean().optional() }).nullish();
export const decisionBody = z.strictObject({ note: z.string().trim().max(2000).optional() }).nullish();
export const rejectBody = z.strictObject({ note: z.string().trim().min(1, 'a reason is required').max(2000) });

export const importQuery = z.strictObject({ dryRun: flag.default(false), skipInvalid: flag.default(false) });

/** The kinds of institution anyone signed in may list: those an enterprise deals with (not the office). */
export const PARTNER_KINDS = ['bank', 'guarantor', 'insurer', 'fund'] as const;
export const institutionsQuery = z.strictObject({ kind: z.enum(PARTNER_KINDS).optional() });

/** The 备案 queue: filings in these statuses (comma-separated), awaiting a decision unless asked otherwise. */
export const filingQueueQuery = z.strictObject({
  status: z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(FILING_STATUSES, { message: `each status is one of: ${FILING_STATUSES.join(', ')}` })).min(1).max(5))
    .default(['submitted', 'reviewed']),
  ...pageQuery,
});
export type FilingQueueQuery = z.infer<typeof filingQueueQuery>;

export const productMatchesQuery = z.strictObject({ ...pageQuery });
export const enterpriseMatchesQuery = z.strictObject({ qualifiedOnly: flag.default(false) });
