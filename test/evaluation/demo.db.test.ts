import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../src/server/db/connect';
import { freshDatabase } from '../helpers/db';

// The demo seed records evaluation facts for its demo enterprises and evaluates the latest demo year.
let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await freshDatabase({ demo: true });
});
afterAll(async () => opened?.close());

describe('demo evaluations', () => {
  it('every demo enterprise has the five kinds for the latest demo year, and some are tech SMEs', async () => {
    const n = await opened.db.selectFrom('enterprises').select((eb) => eb.fn.countAll<number>().as('n')).where('demo', '=', true).executeTakeFirstOrThrow();
    const rows = await opened.db.selectFrom('enterprise_evaluations').select(['kind', 'year', 'eligible']).execute();
    expect(new Set(rows.map((r) => r.year))).toEqual(new Set([2024]));
    expect(rows.length).toBe(Number(n.n) * 5);
    const tech = rows.filter((r) => r.kind === 'tech_sme');
    expect(tech.filter((r) => r.eligible === true).length).toBeGreaterThan(0);
    const runs = await opened.db.selectFrom('evaluation_runs').selectAll().execute();
    expect(runs).toHaveLength(1);
  });
});
