// The configurable models (innovation-points scorecard, lifecycle stage rules): their schema, validation with
// field paths for officers' edits, and the shipped defaults. Pure.
import { z } from 'zod';
import innovationDefault from './data/innovation-points.default.json';
import lifecycleDefault from './data/lifecycle.default.json';

export const STAGES = ['startup', 'growth', 'mature'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = { startup: '初创期', growth: '成长期', mature: '成熟期' };

/** Indicators the platform can compute from registry data (scorecard.ts computes each). */
export const INDICATORS = {
  rdExpense: 'yuan', rdIntensity: 'share', rdStaffShare: 'share', techStaffShare: 'share', inventionPatents: 'count', otherIp: 'count',
  revenueGrowth: 'share', profitGrowth: 'share', revenue: 'yuan', netProfitMargin: 'share', equityRaised3y: 'yuan', certifications: 'count',
} as const;
export type IndicatorId = keyof typeof INDICATORS;

const normalise = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('linear'), min: z.number(), max: z.number() }).refine((n) => n.max > n.min, { message: 'max must be above min', path: ['max'] }),
  z.strictObject({ kind: z.literal('log'), max: z.number().positive() }),
  z.strictObject({ kind: z.literal('step'), bands: z.array(z.strictObject({ min: z.number(), points: z.number().min(0).max(100) })).min(1) }),
]);

const indicator = z.strictObject({
  id: z.enum(Object.keys(INDICATORS) as [IndicatorId, ...IndicatorId[]]),
  label: z.string().min(1).max(100),
  labelEn: z.string().min(1).max(100).optional(),
  weight: z.number().positive().max(1000),
  normalise,
});

export const innovationModelSchema = z.strictObject({
  kind: z.literal('innovation_points'),
  version: z.string().regex(/^[a-z0-9][a-z0-9.\-]{0,60}$/, 'lower-case letters, digits, dots and dashes'),
  title: z.string().min(1).max(200),
  note: z.string().max(2000),
  reference: z.string().max(1000).optional(),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  groups: z.array(z.strictObject({ id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/), label: z.string().min(1), labelEn: z.string().optional(), indicators: z.array(indicator).min(1) })).min(1),
  stageWeights: z.strictObject({ startup: z.record(z.string(), z.number().min(0)), growth: z.record(z.string(), z.number().min(0)), mature: z.record(z.string(), z.number().min(0)) }),
}).superRefine((m, ctx) => {
  const ids = m.groups.map((g) => g.id);
  if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['groups'], message: 'group ids must be unique' });
  m.groups.forEach((g, gi) => {
    const ind = g.indicators.map((i) => i.id);
    if (new Set(ind).size !== ind.length) ctx.addIssue({ code: 'custom', path: ['groups', gi, 'indicators'], message: 'an indicator appears twice in the group' });
  });
  for (const stage of STAGES) {
    const w = m.stageWeights[stage];
    for (const id of ids) if (!(id in w)) ctx.addIssue({ code: 'custom', path: ['stageWeights', stage, id], message: 'weight missing for this group' });
    for (const k of Object.keys(w)) if (!ids.includes(k)) ctx.addIssue({ code: 'custom', path: ['stageWeights', stage, k], message: 'no such group' });
    const total = Object.values(w).reduce((s, v) => s + v, 0);
    if (Math.abs(total - 100) > 1e-9) ctx.addIssue({ code: 'custom', path: ['stageWeights', stage], message: `weights must add up to 100 (they add up to ${total})` });
  }
});
export type InnovationModel = z.infer<typeof innovationModelSchema>;

const LIFECYCLE_FACTS = ['ageYears', 'revenue', 'revenueGrowth', 'roundRank', 'employees', 'netProfit'] as const;
export type LifecycleFact = (typeof LIFECYCLE_FACTS)[number];
const condition = z.strictObject({ fact: z.enum(LIFECYCLE_FACTS), op: z.enum(['>=', '>', '<', '<=']), value: z.number() });

export const lifecycleModelSchema = z.strictObject({
  kind: z.literal('lifecycle'),
  version: z.string().regex(/^[a-z0-9][a-z0-9.\-]{0,60}$/, 'lower-case letters, digits, dots and dashes'),
  title: z.string().min(1).max(200),
  note: z.string().max(2000),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  rules: z.array(z.strictObject({ stage: z.enum(STAGES), anyOf: z.array(z.array(condition).min(1)).min(1) })),
  defaultStage: z.enum(STAGES),
});
export type LifecycleModel = z.infer<typeof lifecycleModelSchema>;

export type Model = InnovationModel | LifecycleModel;
export type ModelKind = Model['kind'];

export const DEFAULT_INNOVATION_MODEL: InnovationModel = innovationModelSchema.parse(innovationDefault);
export const DEFAULT_LIFECYCLE_MODEL: LifecycleModel = lifecycleModelSchema.parse(lifecycleDefault);

/** Validates a proposed model; issues carry the field path (e.g. 'stageWeights.growth'). */
export function validateModel(kind: ModelKind, value: unknown): { ok: true; model: Model } | { ok: false; issues: { path: string; message: string }[] } {
  const schema = kind === 'innovation_points' ? innovationModelSchema : lifecycleModelSchema;
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, model: r.data };
  return { ok: false, issues: r.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.code === 'unrecognized_keys' ? `unknown field(s) ${(i as { keys: string[] }).keys.join(', ')}` : i.message })) };
}
