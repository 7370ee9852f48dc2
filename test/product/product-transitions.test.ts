import { describe, expect, it } from 'vitest';
import { checkFilingTransition, checkProductStatus, FILING_ACTION_NAMES, FILING_STATUSES, productFilingStatus, PRODUCT_STATUSES } from '../../src/server/modules/product/product-transitions';

describe('product status table', () => {
  const allowed = new Set(['draft>active', 'draft>withdrawn', 'active>withdrawn', 'withdrawn>active']);
  const pairs = PRODUCT_STATUSES.flatMap((from) => PRODUCT_STATUSES.filter((to) => to !== from).map((to) => [from, to] as const));
  it.each(pairs)('%s → %s', (from, to) => expect(checkProductStatus(from, to).ok).toBe(allowed.has(`${from}>${to}`)));
});

describe('filing transition table', () => {
  const TABLE: Record<string, Record<string, string | null>> = {
    review: { submitted: 'reviewed', reviewed: null, approved: null, rejected: null, withdrawn: null },
    approve: { submitted: null, reviewed: 'approved', approved: null, rejected: null, withdrawn: null },
    reject: { submitted: 'rejected', reviewed: 'rejected', approved: null, rejected: null, withdrawn: null },
    withdraw: { submitted: 'withdrawn', reviewed: 'withdrawn', approved: null, rejected: null, withdrawn: null },
  };
  const cases = FILING_ACTION_NAMES.flatMap((action) => FILING_STATUSES.map((from) => [action, from, TABLE[action]![from]!] as const));
  it.each(cases)('%s from %s → %s', (action, from, to) => {
    const by = action === 'withdraw' ? 'owner' : 'officer';
    const r = checkFilingTransition(from, action, by, { isMaker: false });
    expect(r.ok ? r.to : null).toBe(to);
    if (!r.ok) expect(r.reason).toBe('state');
  });
  it.each([['approve'], ['reject']] as const)('%s by the maker is refused (four eyes)', (action) => {
    const r = checkFilingTransition('reviewed', action, 'officer', { isMaker: true });
    expect(r).toMatchObject({ ok: false, reason: 'maker' });
  });
  it('the maker may review; owners may not review or decide; officers do not withdraw for the owner', () => {
    expect(checkFilingTransition('submitted', 'review', 'officer', { isMaker: true }).ok).toBe(true);
    expect(checkFilingTransition('submitted', 'review', 'owner', { isMaker: false })).toMatchObject({ ok: false, reason: 'actor' });
    expect(checkFilingTransition('reviewed', 'approve', 'owner', { isMaker: false })).toMatchObject({ ok: false, reason: 'actor' });
    expect(checkFilingTransition('submitted', 'withdraw', 'officer', { isMaker: false })).toMatchObject({ ok: false, reason: 'actor' });
  });
  it.each([[null, 'not_filed'], ['withdrawn', 'not_filed'], ['submitted', 'filed'], ['reviewed', 'filed'], ['approved', 'approved'], ['rejected', 'rejected']] as const)(
    'latest live filing %s → product %s', (latest, status) => expect(productFilingStatus(latest)).toBe(status),
  );
});
