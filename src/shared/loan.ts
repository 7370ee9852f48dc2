// Loan ledger vocabulary shared by server and web (issue #5; GLOSSARY: 五级分类, collateral modes, 投贷联动).
export const COLLATERAL_MODES = ['credit', 'ip_pledge', 'guarantee', 'performance_insurance', 'other'] as const;
export type CollateralModeCode = (typeof COLLATERAL_MODES)[number];

export const REPAYMENT_METHOD_CODES = ['equal_instalment', 'equal_principal', 'interest_only'] as const;
export type RepaymentMethodCode = (typeof REPAYMENT_METHOD_CODES)[number];

/** 贷款+直投, 贷款+远期权益, 贷款+外部直投+远期权益, other (issue #5; issue #7 reads it). */
export const LINKAGE_MODES = ['loan_direct_equity', 'loan_warrant', 'loan_external_equity_warrant', 'other'] as const;
export type LinkageModeCode = (typeof LINKAGE_MODES)[number];

/** 正常, 关注, 次级, 可疑, 损失 — worst last. */
export const LOAN_CLASS_CODES = ['normal', 'special_mention', 'substandard', 'doubtful', 'loss'] as const;
export type LoanClassCode = (typeof LOAN_CLASS_CODES)[number];

export const LOAN_SOURCES = ['application', 'api', 'import'] as const;
