// The tier transition table of the listing cultivation pool (上市企业培育库, seed 000 第14条 "按梯度、分类别纳入区上市企业
// 服务名录库"; 004 第12条 "制定梯度培育计划"). Pure: no I/O. A tier changes only along a row of this table, and only
// with the criteria the row asks for; anything else is a 409 (state) or a 400 naming the field (criteria, note).
import type { PoolTier, TargetBoard } from '../../db/schema-listing';

export const POOL_TIERS = ['reserve', 'cultivating', 'tutoring', 'filed', 'listed', 'exited'] as const satisfies readonly PoolTier[];
export const TARGET_BOARDS = ['main_board', 'chinext', 'star', 'bse', 'neeq_innovation', 'neeq_base', 'n_board', 'overseas'] as const satisfies readonly TargetBoard[];
/** Boards reached without CSRC tutoring (辅导备案): 新三板 and the Shanghai equity exchange's N board. */
export const NO_TUTORING_BOARDS: readonly TargetBoard[] = ['neeq_base', 'neeq_innovation', 'n_board'];

/** Criteria an officer cites for a tier change; the labels are what the page shows. */
export const CRITERIA = {
  // 第13条: 掌握关键核心技术、市场认可度高、发展良好
  core_technology: '掌握关键核心技术',
  market_recognition: '市场认可度高',
  sound_growth: '发展良好（营收、利润持续增长）',
  near_listing_standard: '对照上市条件，接近目标板块上市标准',
  shareholding_reform: '已完成股份制改造',
  sponsor_engaged: '已聘请保荐机构/主办券商',
  tutoring_filed: '已在证监局辅导备案',
  application_accepted: '上市/挂牌申请已获受理',
  listing_approved: '已获准上市/挂牌',
  tutoring_ended: '辅导终止或暂停',
  application_withdrawn: '申请撤回、终止或未获通过',
  renominated: '重新提名入库',
} as const;
export type Criterion = keyof typeof CRITERIA;

export interface TierTransition {
  from: PoolTier;
  to: PoolTier;
  /** Every one of these must be cited. */
  allOf: readonly Criterion[];
  /** At least one of these must be cited (when non-empty). */
  anyOf: readonly Criterion[];
  /** Only for these target boards (absent: any). */
  boards?: readonly TargetBoard[];
  /** A note is required (exits and step-backs say why). */
  needsNote: boolean;
}

const GROWTH: readonly Criterion[] = ['core_technology', 'market_recognition', 'sound_growth', 'near_listing_standard'];

export const TIER_TRANSITIONS: readonly TierTransition[] = [
  { from: 'reserve', to: 'cultivating', allOf: [], anyOf: GROWTH, needsNote: false },
  { from: 'cultivating', to: 'tutoring', allOf: ['tutoring_filed'], anyOf: [], needsNote: false },
  { from: 'tutoring', to: 'filed', allOf: ['application_accepted'], anyOf: [], needsNote: false },
  // 新三板 and N board listings need a sponsoring broker, not CSRC tutoring.
  { from: 'cultivating', to: 'filed', allOf: ['sponsor_engaged', 'application_accepted'], anyOf: [], boards: NO_TUTORING_BOARDS, needsNote: false },
  { from: 'filed', to: 'listed', allOf: ['listing_approved'], anyOf: [], needsNote: false },
  { from: 'tutoring', to: 'cultivating', allOf: ['tutoring_ended'], anyOf: [], needsNote: true },
  { from: 'filed', to: 'tutoring', allOf: ['application_withdrawn'], anyOf: [], needsNote: true },
  { from: 'filed', to: 'cultivating', allOf: ['application_withdrawn'], anyOf: [], boards: NO_TUTORING_BOARDS, needsNote: true },
  ...(['reserve', 'cultivating', 'tutoring', 'filed', 'listed'] as const).map((from) => ({ from, to: 'exited' as const, allOf: [], anyOf: [], needsNote: true })),
  { from: 'exited', to: 'reserve', allOf: ['renominated'], anyOf: [], needsNote: false },
];

export type TierCheck =
  | { ok: true; transition: TierTransition }
  | { ok: false; reason: 'state' | 'input'; field?: string; message: string };

export function checkTierChange(from: PoolTier, to: PoolTier, board: TargetBoard, criteria: readonly string[], note: string | null | undefined): TierCheck {
  const rows = TIER_TRANSITIONS.filter((t) => t.from === from && t.to === to);
  if (rows.length === 0) {
    const allowed = [...new Set(TIER_TRANSITIONS.filter((t) => t.from === from).map((t) => t.to))];
    return { ok: false, reason: 'state', message: `a pool enterprise in tier ${from} cannot move to ${to} (allowed: ${allowed.join(', ') || 'none'})` };
  }
  const row = rows.find((t) => !t.boards || t.boards.includes(board));
  if (!row) return { ok: false, reason: 'state', message: `${from} → ${to} is only for target boards ${rows.flatMap((t) => t.boards ?? []).join(', ')}; this enterprise targets ${board}` };
  const unknown = criteria.filter((c) => !(c in CRITERIA));
  if (unknown.length) return { ok: false, reason: 'input', field: 'body.criteria', message: `unknown criteria: ${unknown.join(', ')}` };
  const missing = row.allOf.filter((c) => !criteria.includes(c));
  if (missing.length) return { ok: false, reason: 'input', field: 'body.criteria', message: `${from} → ${to} needs the criteria ${missing.join(', ')}` };
  if (row.anyOf.length && !criteria.some((c) => (row.anyOf as readonly string[]).includes(c))) {
    return { ok: false, reason: 'input', field: 'body.criteria', message: `${from} → ${to} needs at least one of ${row.anyOf.join(', ')}` };
  }
  if (row.needsNote && !note?.trim()) return { ok: false, reason: 'input', field: 'body.note', message: `a note saying why is required for ${from} → ${to}` };
  return { ok: true, transition: row };
}

/** Tiers an enterprise can move to next (for the page's choices). */
export function nextTiers(from: PoolTier, board: TargetBoard): PoolTier[] {
  return [...new Set(TIER_TRANSITIONS.filter((t) => t.from === from && (!t.boards || t.boards.includes(board))).map((t) => t.to))];
}
