// 投贷联动 (seed 003 三): the linkage modes and 表3 "授信前完成融资轮次分布". Pure.

export const LINKAGE_MODES = ['loan_direct_equity', 'loan_warrant', 'loan_external_equity_warrant', 'other'] as const;
export type LinkageMode = (typeof LINKAGE_MODES)[number];
export const LINKAGE_MODE_ZH: Record<LinkageMode, string> = {
  loan_direct_equity: '贷款+直投', loan_warrant: '贷款+远期权益', loan_external_equity_warrant: '贷款+外部直投+远期权益', other: '其他联动方式',
};

/** The rounds of 表3, in order of a company's growth; `none` is 尚未开展股权融资. */
export const TABLE3_ROUNDS = ['seed', 'angel', 'pre_a', 'a', 'a_plus', 'b', 'b_plus', 'c', 'c_plus', 'after_c'] as const;
export type Table3Round = (typeof TABLE3_ROUNDS)[number];
export const ROUND_ZH: Record<Table3Round | 'none', string> = {
  none: '尚未开展股权融资', seed: '种子轮', angel: '天使轮', pre_a: 'PRE-A', a: 'A', a_plus: 'A+', b: 'B', b_plus: 'B+', c: 'C', c_plus: 'C+', after_c: 'C 轮之后',
};

/**
 * The last round an enterprise completed before its first linked loan started (授信前完成融资轮次): among its rounds
 * of 表3's kinds dated strictly before that day, the latest; on the same day the later stage. Strategic, IPO and other
 * rounds are not stages of 表3 and are passed over. None: 'none'.
 */
export function lastRoundBefore(rounds: readonly { round: string; date: string }[], firstLoanOn: string): Table3Round | 'none' {
  let best: { round: Table3Round; date: string } | null = null;
  for (const r of rounds) {
    const k = TABLE3_ROUNDS.indexOf(r.round as Table3Round);
    if (k < 0 || r.date >= firstLoanOn) continue;
    if (!best || r.date > best.date || (r.date === best.date && k > TABLE3_ROUNDS.indexOf(best.round))) best = { round: r.round as Table3Round, date: r.date };
  }
  return best?.round ?? 'none';
}
