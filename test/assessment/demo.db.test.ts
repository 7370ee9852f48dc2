import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../src/server/db/connect';
import { assessBanks } from '../../src/server/modules/assessment/assessment.service';
import { todayInShanghai } from '../../src/server/platform/dates';
import { freshDatabase } from '../helpers/db';

// The demo's events: marked demo, and what the assessment's bonus indicator 5(1) reads for the previous year.
let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await freshDatabase({ demo: true });
});
afterAll(async () => opened?.close());

describe('demo events', () => {
  it('are demo-marked and score the demo banks\' activities of the previous year', async () => {
    const year = Number(todayInShanghai().slice(0, 4)) - 1;
    // This module's demo events (the listing demo adds its stations' events, titled 演示：…).
    const events = await opened.db.selectFrom('events').select(['demo', 'title']).where('title', 'like', '%（演示）').where('held_on', '>=', `${year}-01-01`).where('held_on', '<=', `${year}-12-31`).execute();
    expect(events).toHaveLength(11);
    expect(events.every((e) => e.demo && e.title.endsWith('（演示）'))).toBe(true);
    const a = await assessBanks(opened.db, { principal: null, requestId: null, systemActor: 'test' }, { year });
    const activities = Object.fromEntries(a.banks.map((b) => [b.bank, [b.indicators.activities.value, b.indicators.activities.score]]));
    expect(activities).toEqual({ 'ICBC-YP': [6, 5], 'SPDB-YP': [3, 3], 'BOC-YP': [1, 1] });
  });
});
