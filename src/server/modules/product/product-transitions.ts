// The transition tables of a product (its catalog status) and of a product filing (备案, 杨府发〔2025〕2号 第5条:
// 建立区级金融创新产品备案机制，将……金融产品纳入区政策性金融产品). Pure: no I/O; anything not listed is a 409.
// Tested as tables in test/product/product-transitions.test.ts.
import type { ProductFilingTable } from '../../db/schema-financing';

export const PRODUCT_STATUSES = ['draft', 'active', 'withdrawn'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** A draft is published; a published product is withdrawn from the catalog and may be published again. */
const PRODUCT_MOVES: Record<ProductStatus, readonly ProductStatus[]> = {
  draft: ['active', 'withdrawn'],
  active: ['withdrawn'],
  withdrawn: ['active'],
};

export function checkProductStatus(from: ProductStatus, to: ProductStatus): { ok: true } | { ok: false; message: string } {
  if (PRODUCT_MOVES[from].includes(to)) return { ok: true };
  return { ok: false, message: `a ${from} product cannot become ${to} (allowed: ${PRODUCT_MOVES[from].join(', ') || 'none'})` };
}

export type FilingStatus = ProductFilingTable['status'];
export const FILING_STATUSES = ['submitted', 'reviewed', 'approved', 'rejected', 'withdrawn'] as const satisfies readonly FilingStatus[];
/** Filings that still await a decision: a product has at most one. */
export const OPEN_FILING_STATUSES = ['submitted', 'reviewed'] as const satisfies readonly FilingStatus[];

/** owner: a user of the institution that offers the product (the office's officers for a programme). */
export type FilingActor = 'owner' | 'officer';

export interface FilingAction {
  from: readonly FilingStatus[];
  to: FilingStatus;
  by: readonly FilingActor[];
  /** Maker-checker: the officer who reviewed (the maker) may not take this action. */
  notByMaker: boolean;
}

export const FILING_ACTIONS = {
  // maker: an officer reviews the filing and proposes approval, optionally designation as a policy product
  review: { from: ['submitted'], to: 'reviewed', by: ['officer'], notByMaker: false },
  // checker: a different officer approves or rejects what the maker proposed
  approve: { from: ['reviewed'], to: 'approved', by: ['officer'], notByMaker: true },
  reject: { from: ['submitted', 'reviewed'], to: 'rejected', by: ['officer'], notByMaker: true },
  withdraw: { from: ['submitted', 'reviewed'], to: 'withdrawn', by: ['owner'], notByMaker: false },
} as const satisfies Record<string, FilingAction>;

export type FilingActionName = keyof typeof FILING_ACTIONS;
export const FILING_ACTION_NAMES = Object.keys(FILING_ACTIONS) as FilingActionName[];

export type FilingCheck = { ok: true; to: FilingStatus } | { ok: false; reason: 'state' | 'actor' | 'maker'; message: string };

export function checkFilingTransition(
  from: FilingStatus,
  action: FilingActionName,
  by: FilingActor,
  opts: { isMaker: boolean },
): FilingCheck {
  const a: FilingAction = FILING_ACTIONS[action];
  if (!a.by.includes(by)) return { ok: false, reason: 'actor', message: `${action} is taken by ${a.by.join(' or ')}` };
  if (!a.from.includes(from)) return { ok: false, reason: 'state', message: `cannot ${action} a filing that is ${from} (allowed from: ${a.from.join(', ')})` };
  if (a.notByMaker && opts.isMaker) {
    return { ok: false, reason: 'maker', message: `four-eyes rule: the officer who reviewed this filing cannot ${action} it; a different officer decides` };
  }
  return { ok: true, to: a.to };
}

/** The product's filing_status, from its latest filing that was not withdrawn (none → not_filed). */
export function productFilingStatus(latest: FilingStatus | null): 'not_filed' | 'filed' | 'approved' | 'rejected' {
  if (latest === null || latest === 'withdrawn') return 'not_filed';
  if (latest === 'submitted' || latest === 'reviewed') return 'filed';
  return latest;
}
