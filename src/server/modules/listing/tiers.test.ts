import { describe, expect, it } from 'vitest';
import { checkTierChange, nextTiers } from './tiers';

describe('tier transitions', () => {
  it.each([
    // from, to, board, criteria, note, outcome
    ['reserve', 'cultivating', 'star', ['core_technology'], null, 'ok'],
    ['reserve', 'cultivating', 'star', ['tutoring_filed'], null, 'input:body.criteria'],
    ['reserve', 'tutoring', 'star', ['tutoring_filed'], null, 'state'],
    ['cultivating', 'tutoring', 'star', ['tutoring_filed'], null, 'ok'],
    ['cultivating', 'tutoring', 'star', [], null, 'input:body.criteria'],
    ['cultivating', 'filed', 'star', ['sponsor_engaged', 'application_accepted'], null, 'state'],
    ['cultivating', 'filed', 'neeq_base', ['sponsor_engaged', 'application_accepted'], null, 'ok'],
    ['cultivating', 'filed', 'n_board', ['application_accepted'], null, 'input:body.criteria'],
    ['tutoring', 'filed', 'chinext', ['application_accepted'], null, 'ok'],
    ['filed', 'listed', 'chinext', ['listing_approved'], null, 'ok'],
    ['filed', 'tutoring', 'chinext', ['application_withdrawn'], null, 'input:body.note'],
    ['filed', 'tutoring', 'chinext', ['application_withdrawn'], '审核未通过', 'ok'],
    ['tutoring', 'exited', 'star', [], '迁出本区', 'ok'],
    ['tutoring', 'exited', 'star', [], ' ', 'input:body.note'],
    ['listed', 'exited', 'star', [], '退市', 'ok'],
    ['listed', 'filed', 'star', ['application_accepted'], null, 'state'],
    ['exited', 'reserve', 'star', ['renominated'], null, 'ok'],
    ['exited', 'cultivating', 'star', ['core_technology'], null, 'state'],
    ['reserve', 'cultivating', 'star', ['made_up'], null, 'input:body.criteria'],
  ] as const)('%s → %s (%s, %j, %s): %s', (from, to, board, criteria, note, outcome) => {
    const r = checkTierChange(from, to, board, criteria, note);
    expect(r.ok ? 'ok' : r.reason === 'state' ? 'state' : `input:${r.field}`).toBe(outcome);
  });

  it('offers the next tiers a board allows', () => {
    expect(nextTiers('cultivating', 'star')).toEqual(['tutoring', 'exited']);
    expect(nextTiers('cultivating', 'neeq_base')).toEqual(['tutoring', 'filed', 'exited']);
    expect(nextTiers('listed', 'star')).toEqual(['exited']);
  });
});
