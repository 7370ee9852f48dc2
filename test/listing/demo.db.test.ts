import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../src/server/db/connect';
import { linkageReport } from '../../src/server/modules/equity/linkage-report';
import { sweepGreenChannelAlerts } from '../../src/server/modules/listing/green-channel.service';
import { poolDashboard } from '../../src/server/modules/listing/pool.service';
import { assessStations } from '../../src/server/modules/station/assessment.service';
import { todayInShanghai } from '../../src/server/platform/dates';
import { freshDatabase } from '../helpers/db';

// The demo seed gives every issue #7 page something to show.
let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await freshDatabase({ demo: true });
});
afterAll(async () => opened?.close());

describe('listing demo data', () => {
  it('fills the pool, the dashboard workload, the green channel alerts, the linkage report and the station assessment', async () => {
    const year = Number(todayInShanghai().slice(0, 4)) - 1;
    const d = await poolDashboard(opened.db, { from: `${year}-01-01`, to: todayInShanghai() });
    expect(d.byTier.map((x) => x.key).sort()).toEqual(['cultivating', 'exited', 'filed', 'listed', 'reserve', 'tutoring']);
    expect(d.workload.total.contacted).toBeGreaterThan(5);
    expect(d.workload.total.visited).toBeGreaterThan(0);
    expect((await sweepGreenChannelAlerts(opened.db)).raised).toBeGreaterThan(0);
    const l = await linkageReport(opened.db, year);
    // The listing demo's eight DEMO-TDLD loans, and whatever linked loans the ledger's own demo adds.
    expect(l.modes.reduce((s, m) => s + m.loans, 0)).toBeGreaterThanOrEqual(8);
    expect(l.roundsBeforeCredit.reduce((s, r) => s + r.enterprises, 0)).toBeGreaterThan(3);
    const a = await assessStations(opened.db, year);
    expect(a.stations).toHaveLength(3);
    expect(a.stations.every((s) => s.items.find((i) => i.code === 'events')!.score! > 0)).toBe(true);
    expect(a.stations.some((s) => s.items.find((i) => i.code === 'screened_projects')!.score! > 0)).toBe(true);
  });
});
