import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/shared/uscc';
import { createTestContext, type FixtureUser, type TestContext } from '../helpers/app';

// 上市企业培育库 under concurrent officers (issue #7): on PostgreSQL the requests below run in parallel transactions
// (the app's pool has ten connections); on PGlite they queue on its one connection. Either way each race has one
// winner and the others get a 409 saying why, and the pool and its history hold exactly one change.
let ctx: TestContext;
const enterprises: string[] = [];
beforeAll(async () => {
  ctx = await createTestContext();
  for (let k = 0; k < 4; k++) {
    enterprises.push((await ctx.db.insertInto('enterprises').values({ uscc: makeUscc(700 + k), name: `并发企业${k}`, district: '杨浦区', sector: '人工智能' }).returning('id').executeTakeFirstOrThrow()).id);
  }
});
afterAll(async () => ctx?.close());

const post = (user: FixtureUser, url: string, payload: unknown) => ctx.as(user, { method: 'POST', url: `/api/v1${url}`, payload });
const statuses = (rs: { statusCode: number }[]) => rs.map((r) => r.statusCode).sort();

describe('concurrent pool changes', () => {
  it('two officers nominating the same enterprise at the same moment: one entry, the other a 409 naming the tier', async () => {
    await ctx.session('officer');
    await ctx.session('officer2');
    for (const id of enterprises) {
      const rs = await Promise.all((['officer', 'officer2', 'officer', 'officer2'] as const).map((u, i) => post(u, '/listing/pool', { enterpriseId: id, targetBoard: 'star', reason: `提名${i}`, enteredOn: '2025-01-06' })));
      expect(statuses(rs), rs.map((r) => r.body.slice(0, 200)).join('\n')).toEqual([201, 409, 409, 409]);
      for (const r of rs.filter((x) => x.statusCode === 409)) expect(r.json().message).toContain('already in the pool (tier reserve)');
      const pool = await ctx.db.selectFrom('listing_pool').select('tier').where('enterprise_id', '=', id).execute();
      expect(pool).toEqual([{ tier: 'reserve' }]);
      const history = await ctx.db.selectFrom('listing_tier_changes').select('to_tier').where('enterprise_id', '=', id).execute();
      expect(history).toEqual([{ to_tier: 'reserve' }]);
      const audits = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).where('action', '=', 'listing.pool.enter').execute();
      expect(audits).toHaveLength(1);
    }
  });

  it('the same tier change twice at once: one applies, the other is a 409 from the tier it now has', async () => {
    for (const id of enterprises) {
      const rs = await Promise.all((['officer', 'officer2', 'officer'] as const).map((u) => post(u, `/listing/pool/${id}/tier`, { to: 'cultivating', criteria: ['core_technology'], on: '2025-02-03' })));
      expect(statuses(rs)).toEqual([200, 409, 409]);
      const history = await ctx.db.selectFrom('listing_tier_changes').select('to_tier').where('enterprise_id', '=', id).orderBy('id').execute();
      expect(history.map((h) => h.to_tier)).toEqual(['reserve', 'cultivating']);
    }
  });

  it('an exit racing a step forward: exactly one of them happens, and the history agrees with the tier', async () => {
    for (const id of enterprises) {
      const rs = await Promise.all([
        post('officer', `/listing/pool/${id}/tier`, { to: 'exited', criteria: [], note: '企业暂缓上市计划', on: '2025-03-01' }),
        post('officer2', `/listing/pool/${id}/tier`, { to: 'tutoring', criteria: ['shareholding_reform', 'tutoring_filed'], on: '2025-03-01' }),
      ]);
      const entry = await ctx.db.selectFrom('listing_pool').select('tier').where('enterprise_id', '=', id).executeTakeFirstOrThrow();
      const history = await ctx.db.selectFrom('listing_tier_changes').select('to_tier').where('enterprise_id', '=', id).orderBy('id').execute();
      expect(history.at(-1)!.to_tier).toBe(entry.tier);
      // tutoring → exited is on the table too, so the exit may follow the step; the step never follows the exit.
      if (entry.tier === 'exited') expect(statuses(rs)).toEqual(rs[1]!.statusCode === 200 ? [200, 200] : [200, 409]);
      else expect(rs.map((r) => r.statusCode)).toEqual([409, 200]);
    }
  });

  it('re-entry after an exit racing a new nomination: one re-entry, the nomination a 409', async () => {
    for (const id of enterprises) {
      const entry = await ctx.db.selectFrom('listing_pool').select('tier').where('enterprise_id', '=', id).executeTakeFirstOrThrow();
      if (entry.tier !== 'exited') await post('officer', `/listing/pool/${id}/tier`, { to: 'exited', criteria: [], note: '退出', on: '2025-04-01' });
      const rs = await Promise.all([
        post('officer', `/listing/pool/${id}/tier`, { to: 'reserve', criteria: ['renominated'], on: '2025-09-01' }),
        post('officer2', '/listing/pool', { enterpriseId: id, targetBoard: 'bse', reason: '重新提名' }),
      ]);
      expect(rs.map((r) => r.statusCode)).toEqual([200, 409]);
      expect((await ctx.db.selectFrom('listing_pool').select(['tier', 'target_board']).where('enterprise_id', '=', id).executeTakeFirstOrThrow())).toEqual({ tier: 'reserve', target_board: 'star' });
    }
  });
});
