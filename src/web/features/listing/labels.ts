import { labelOr, type Translate } from '../../app/i18n';

/** The label of a code under a message prefix (lst.tier.reserve …), or the code itself. */
export const lbl = (t: Translate, prefix: string, value: string | null | undefined): string => (value ? labelOr(t, `${prefix}.${value}`, value) : '—');
export const TIERS = ['reserve', 'cultivating', 'tutoring', 'filed', 'listed', 'exited'] as const;
export const BOARDS = ['main_board', 'chinext', 'star', 'bse', 'neeq_innovation', 'neeq_base', 'n_board', 'overseas'] as const;
export const SERVICE_KINDS = ['contact', 'consulting', 'training', 'financing_matchmaking', 'administrative_coordination'] as const;
export const SERVICE_MODES = ['phone', 'visit', 'online', 'meeting'] as const;
export const MILESTONES = ['neeq_base_listing', 'neeq_innovation_move', 'neeq_innovation_direct', 'n_board_listing', 'ipo', 'refinancing', 'major_restructuring'] as const;
export const ROUNDS = ['seed', 'angel', 'pre_a', 'a', 'a_plus', 'b', 'b_plus', 'c', 'c_plus', 'after_c', 'strategic', 'other'] as const;
export const TIER_COLOR: Record<string, string> = { reserve: 'default', cultivating: 'blue', tutoring: 'geekblue', filed: 'purple', listed: 'green', exited: 'red' };
export const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
