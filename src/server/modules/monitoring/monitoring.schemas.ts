import { z } from 'zod';
import { COLLATERAL_MODES } from '../../../shared/loan';
import { isCalendarDate } from '../../platform/dates';
import { pageQuery } from '../../platform/http';
import { RULE_NAMES } from './alert-rules';
import { FUNNEL_STAGES } from './application-drilldown.service';

const date = (what: string) => z.string().refine(isCalendarDate, `${what} must be a calendar date YYYY-MM-DD`);

export const indicatorsQuery = z.strictObject({
  asOf: date('asOf'),
  format: z.enum(['json', 'xlsx']).default('json'),
});

export const snapshotsQuery = z.strictObject({ from: date('from').optional(), to: date('to').optional() });
export const snapshotParams = z.strictObject({ asOf: date('asOf') });
export const snapshotQuery = z.strictObject({
  version: z.union([z.enum(['reported', 'latest']), z.coerce.number().int().min(1)]).default('reported'),
});
export const takeSnapshotBody = z.strictObject({ asOf: date('asOf') });

export const alertListQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(['open', 'acknowledged', 'resolved', 'unresolved']).optional(),
  rule: z.enum(RULE_NAMES as [string, ...string[]]).optional(),
  level: z.enum(['enterprise', 'portfolio']).optional(),
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  enterpriseId: z.uuid({ message: 'enterpriseId must be a UUID' }).optional(),
});
export const alertParams = z.strictObject({ id: z.uuid({ message: 'id must be a UUID' }) });
export const acknowledgeBody = z.strictObject({ note: z.string().trim().max(2000).optional() }).optional();
export const resolveBody = z.strictObject({ note: z.string().trim().min(1, 'a resolution needs a note saying what was done').max(2000) });
export const runAlertsBody = z.strictObject({ asOf: date('asOf').optional() }).optional();
export const ruleParams = z.strictObject({ rule: z.enum(RULE_NAMES as [string, ...string[]], { message: `rule must be one of ${RULE_NAMES.join(', ')}` }) });
export const thresholdBody = z.strictObject({
  value: z.number(),
  effectiveFrom: date('effectiveFrom'),
  reference: z.string().trim().min(1, 'give the reason or document behind the threshold').max(500),
});

export const officePanelParams = z.strictObject({ panel: z.enum(['summary', 'trend', 'funnel', 'sla', 'alerts', 'subsidies', 'pools'], { message: 'panel must be summary, trend, funnel, sla, alerts, subsidies or pools' }) });
export const bankDashboardQuery = z.strictObject({ bank: z.string().trim().min(1).max(50).optional() });
export const enterpriseDashboardQuery = z.strictObject({ enterpriseId: z.uuid({ message: 'enterpriseId must be a UUID' }).optional() });
export const drilldownQuery = z.strictObject({
  ...pageQuery,
  asOf: date('asOf'),
  bank: z.string().trim().max(50).optional(),
  /** A product code; empty for loans without a product. */
  product: z.string().trim().max(50).optional(),
  district: z.string().trim().max(50).optional(),
  /** A street; empty for enterprises without one recorded. */
  street: z.string().trim().max(100).optional(),
  sector: z.string().trim().max(50).optional(),
  /** A lifecycle stage (the enterprise's latest lifecycle evaluation of a year up to asOf's); empty for none. */
  stage: z.string().trim().max(30).optional(),
  class: z.enum(['normal', 'special_mention', 'substandard', 'doubtful', 'loss', 'npl']).optional(),
  /** The indicators' credit-loan and IP-pledge figures: loans of one collateral mode. */
  collateral: z.enum(COLLATERAL_MODES, { message: `collateral must be one of ${COLLATERAL_MODES.join(', ')}` }).optional(),
  /** First-time borrowers (首贷户): loans flagged as the enterprise's first. */
  firstTime: z.enum(['true']).transform(() => true).optional(),
  /** Investment-linked (投贷联动): loans with a linkage mode. */
  linked: z.enum(['true']).transform(() => true).optional(),
});
export const applicationDrilldownQuery = z.strictObject({
  ...pageQuery,
  year: z.coerce.number().int().min(2000).max(2100),
  stage: z.enum(FUNNEL_STAGES, { message: `stage must be one of ${FUNNEL_STAGES.join(', ')}` }),
  district: z.string().trim().min(1).max(50).optional(),
  /** The bank last recommended to (its code); empty for applications never recommended. */
  bank: z.string().trim().max(50).optional(),
});
