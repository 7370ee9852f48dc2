// Shapes of the YAML files under policies/ (docs/policy-engine.md "Layout").
// Every object is strict: an unknown field in a policy file is a load error.
import { z } from 'zod';
import { isIsoDate } from './dates';

const isoDate = z.string().refine(isIsoDate, 'must be a calendar date YYYY-MM-DD');
const decimalValue = z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)]);
const name = z.string().regex(/^[A-Za-z][A-Za-z0-9.-]*$/, 'must be an identifier');
export const beneficiaryKinds = ['enterprise', 'institution', 'bank', 'guarantor', 'insurer', 'fund', 'incubator'] as const;

export const documentSchema = z.strictObject({
  id: z.string().regex(/^[A-Z]+\d{4}$/),
  docNumber: z.string().min(1),
  title: z.string().min(1),
  issuer: z.string().min(1),
  issuedOn: isoDate,
  source: z.string().min(1),
  window: z.strictObject({ from: isoDate, to: isoDate, clause: z.string().min(1), note: z.string().optional() }),
  registration: z.strictObject({
    requires: z.enum(['registeredInYangpu', 'registeredInShanghai']),
    clause: z.string().min(1),
  }),
  supersedes: z.array(z.strictObject({ docNumber: z.string().min(1), clause: z.string().min(1) })),
  nonDuplicationClause: z.string().optional(),
});

const parameterValueSchema = z.strictObject({
  from: isoDate,
  value: decimalValue,
  clause: z.string().min(1),
});

export const parameterSchema = z.strictObject({
  label: z.string().min(1),
  labelEn: z.string().min(1),
  unit: z.enum(['rate', 'yuan', 'years']),
  /** Where the policy leaves the number open (细则), say so; values may then be empty. */
  openUntil: z.string().optional(),
  values: z.array(parameterValueSchema),
});

const factSchema = z.strictObject({
  type: z.enum(['money', 'rate', 'date', 'enum', 'boolean']),
  label: z.string().min(1),
  labelEn: z.string().min(1),
  values: z.array(z.string()).optional(),
  optional: z.boolean().optional(),
});

const factorSchema = z.union([z.strictObject({ param: name }), z.strictObject({ fact: name })]);

const formulaSchema = z.union([
  z.strictObject({ type: z.literal('product'), base: z.array(name).min(1), factors: z.array(factorSchema).min(1) }),
  z.strictObject({ type: z.literal('lookup'), fact: name, params: z.record(z.string(), name) }),
  z.strictObject({
    type: z.literal('tiers'),
    fact: name,
    tiers: z.array(z.strictObject({ above: name, amount: name })).min(1),
  }),
]);

const conditionSchema = z.union([
  z.strictObject({
    type: z.literal('compare'),
    fact: name,
    op: z.enum(['lt', 'lte', 'gt', 'gte']),
    param: name,
    clause: z.string().min(1),
  }),
  z.strictObject({ type: z.literal('oneOf'), fact: name, values: z.array(z.string()).min(1), clause: z.string().min(1) }),
  z.strictObject({ type: z.literal('withinYearsOf'), fact: name, param: name, clause: z.string().min(1) }),
  z.strictObject({ type: z.literal('subsidyYear'), fact: name, param: name, clause: z.string().min(1) }),
  z.strictObject({ type: z.literal('notGranted'), measure: z.string(), clause: z.string().min(1) }),
  z.strictObject({ type: z.literal('onePerMatterPerYear'), clause: z.string().min(1) }),
]);

export const measureSchema = z.strictObject({
  id: z.string().regex(/^[A-Z]+\d{4}-[\d.]+$/),
  clause: z.string().min(1),
  title: z.string().min(1),
  titleEn: z.string().min(1),
  text: z.string().min(1),
  beneficiary: z.enum([...beneficiaryKinds, 'enterprise-or-institution', 'any']),
  kind: z.enum(['computed', 'cap-only', 'needs-parameters', 'non-monetary']),
  facts: z.record(z.string(), factSchema).default({}),
  formula: formulaSchema.optional(),
  /** cap-only measures whose 细则 may add a rate: the rate parameter turns them computed. */
  rateOnceConfigured: z.strictObject({ param: name, base: name }).optional(),
  cap: z.strictObject({ kind: z.enum(['item', 'year', 'once']), param: name, clause: z.string().min(1) }).optional(),
  conditions: z.array(conditionSchema).default([]),
  /** Non-duplication needs to know which loan/listing/project a claim is about. */
  requiresMatter: z.boolean().optional(),
  parameters: z.record(name, parameterSchema).default({}),
});

export const groupsFileSchema = z.strictObject({
  groups: z.array(
    z.strictObject({
      id: name,
      label: z.string().min(1),
      labelEn: z.string().min(1),
      rule: z.enum(['highest-after-item-caps']).optional(),
      clause: z.string().min(1),
      measures: z.array(z.string()).min(2),
    }),
  ),
});

const expectedResultSchema = z.strictObject({
  status: z.enum(['granted', 'ineligible', 'excluded', 'needs-parameters']),
  amount: z.number().optional(),
  basis: z.enum(['computed', 'assessed', 'cap']).nullable().optional(),
  excludedBy: z.string().nullable().optional(),
  missingParameters: z.array(z.string()).optional(),
  reason: z.string().optional(),
});

export const caseFileSchema = z.strictObject({
  measure: z.string().optional(),
  beneficiary: z.record(z.string(), z.unknown()).optional(),
  cases: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        beneficiary: z.record(z.string(), z.unknown()).optional(),
        claims: z.array(z.record(z.string(), z.unknown())).min(1),
        granted: z.array(z.record(z.string(), z.unknown())).optional(),
        parameters: z.record(z.string(), z.unknown()).optional(),
        expect: z.union([
          z.strictObject({ results: z.record(z.string(), expectedResultSchema), total: z.number().optional() }),
          z.strictObject({ error: z.strictObject({ path: z.string(), message: z.string().optional() }) }),
        ]),
      }),
    )
    .min(1),
});

export type DocumentSource = z.infer<typeof documentSchema>;
export type MeasureSource = z.infer<typeof measureSchema>;
export type ParameterSource = z.infer<typeof parameterSchema>;
export type FactSpec = z.infer<typeof factSchema>;
export type ConditionSource = z.infer<typeof conditionSchema>;
export type FormulaSource = z.infer<typeof formulaSchema>;
export type GroupSource = z.infer<typeof groupsFileSchema>['groups'][number];
export type CaseFile = z.infer<typeof caseFileSchema>;
export type PolicyCase = CaseFile['cases'][number] & { file: string };
export type ExpectedResult = z.infer<typeof expectedResultSchema>;
