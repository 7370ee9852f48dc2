import { z } from 'zod';
import { yuan } from '../../platform/money';
import { calendarDate } from '../enterprise/enterprise.schemas';

export const yearParam = z.coerce.number().int().min(1900).max(2200);

const count = z.number().int().min(0).max(10_000_000).nullable().optional();
const flag = z.boolean().nullable().optional();
const points = (max: number) => z.number().int().min(0).max(max).nullable().optional();

export const factsBody = z.strictObject({
  techStaff: count,
  rdExpenseDomestic: yuan({ min: 0 }).nullable().optional(),
  operatingCashFlow: yuan().nullable().optional(),
  weightedRoePct: z.number().min(-1000).max(1000).refine((v) => Math.round(v * 100) === v * 100 || Math.abs(Math.round(v * 100) - v * 100) < 1e-9, 'at most two decimals').nullable().optional(),
  shareCapital: yuan({ min: 0 }).nullable().optional(),
  residentEnterprise: flag,
  prohibitedIndustry: flag,
  seriousViolation: flag,
  nationalAwardTop3: flag,
  provincialRdInstitution: flag,
  ledStandard: flag,
  otherClassIIp: count,
  hnteIpScore: points(30),
  hnteConversionScore: points(30),
  hnteRdManagementScore: points(20),
  mainBusinessInventionPatents: count,
  star5Qualitative: flag,
  marketValueEstimate: yuan({ min: 0 }).nullable().optional(),
  marketValueEstimatedOn: calendarDate.nullable().optional(),
  neeqListedOn: calendarDate.nullable().optional(),
});
export type FactsInput = z.infer<typeof factsBody>;

export const factsView = z.object({ year: z.number(), facts: z.record(z.string(), z.union([z.number(), z.boolean(), z.string(), z.null()])), updatedAt: z.string().nullable() });

const percentile = z.object({
  registry: z.object({ percentile: z.number().nullable(), of: z.number() }),
  sector: z.object({ sector: z.string(), percentile: z.number().nullable(), of: z.number() }),
}).nullable();

export const evaluationsView = z.object({
  enterpriseId: z.string(),
  year: z.number(),
  years: z.array(z.number()),
  results: z.array(z.object({
    kind: z.string(), modelVersion: z.string(), current: z.boolean(), score: z.number().nullable(), eligible: z.boolean().nullable(),
    result: z.record(z.string(), z.unknown()), evaluatedAt: z.string(), percentile,
  })),
});

export const runBody = z.strictObject({ year: yearParam.optional() });
export const runSummary = z.object({ runId: z.string().nullable(), year: z.number(), enterprises: z.number(), changed: z.number(), unchanged: z.number(), computeMs: z.number(), modelVersions: z.record(z.string(), z.string()) });
export const runView = runSummary.omit({ runId: true }).extend({ id: z.string(), trigger: z.string(), startedAt: z.string(), finishedAt: z.string().nullable() });

export const modelChange = z.object({
  id: z.string(), kind: z.string(), version: z.string(), definition: z.record(z.string(), z.unknown()), reason: z.string(), status: z.string(),
  proposedBy: z.string(), proposedAt: z.string(), decidedBy: z.string().nullable(), decidedAt: z.string().nullable(), decisionReason: z.string().nullable(),
});
export const modelsView = z.object({
  inForce: z.array(z.object({ kind: z.string(), version: z.string(), default: z.boolean(), definition: z.record(z.string(), z.unknown()) })),
  defaults: z.array(z.object({ kind: z.string(), version: z.string(), definition: z.record(z.string(), z.unknown()) })),
  changes: z.array(modelChange),
});
export const proposeModelBody = z.strictObject({
  kind: z.enum(['innovation_points', 'lifecycle']),
  definition: z.record(z.string(), z.unknown()),
  reason: z.string().trim().min(1).max(1000),
});
export const decideBody = z.strictObject({ reason: z.string().trim().max(1000).optional() });

/** The `kcjr evaluate tech-sme` contract over HTTP: the same input object (or array) and output. */
export const techSmeBody = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown()).max(1000)]);
