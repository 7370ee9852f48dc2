import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTriggerPresent, verifyAuditChain } from '../src/server/platform/audit';
import { makeUscc } from '../src/shared/uscc';
import { createTestContext, type TestContext } from './helpers/app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const tamper = async (statement: ReturnType<typeof sql>) => {
  await sql`alter table audit_log disable trigger audit_log_no_update_delete`.execute(ctx.db);
  try {
    await statement.execute(ctx.db);
  } finally {
    await sql`alter table audit_log enable trigger audit_log_no_update_delete`.execute(ctx.db);
  }
};

/** Runs a test against a copy of the chain state, restoring rows and head afterwards. */
async function withSnapshot(fn: () => Promise<void>) {
  const rows = await ctx.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  const head = await ctx.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
  try {
    await fn();
  } finally {
    await tamper(sql`delete from audit_log`);
    for (const r of rows) await ctx.db.insertInto('audit_log').values({ ...r, diff: JSON.stringify(r.diff) }).execute();
    await ctx.db.updateTable('audit_head').set({ seq: head.seq, hash: head.hash }).where('id', '=', 1).execute();
  }
}

describe('audit chain', () => {
  beforeAll(async () => {
    for (let i = 0; i < 5; i++) {
      const res = await ctx.as('officer', { method: 'POST', url: '/api/v1/enterprises', payload: { uscc: makeUscc(7000 + i), name: `审计测试${i}`, district: '杨浦区', sector: '数字经济' } });
      expect(res.statusCode).toBe(201);
    }
  });

  it('verifies an intact chain through the API', async () => {
    const res = await ctx.as('auditor', { method: 'GET', url: '/api/v1/audit/verify' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.ok).toBe(true);
    expect(body.firstBroken).toBeNull();
    const n = await ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(body.checked).toBe(Number(n.n));
  });

  it('is append-only: the database refuses updates and deletes', async () => {
    expect(await auditTriggerPresent(ctx.db)).toBe(true);
    await expect(sql`update audit_log set action = 'x' where seq = 1`.execute(ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 1`.execute(ctx.db)).rejects.toThrow(/append-only/);
  });

  it('reports the first altered row', async () => {
    await withSnapshot(async () => {
      await tamper(sql`update audit_log set diff = '{"before":null,"after":{"name":"forged"}}'::jsonb where seq = 3`);
      const r = await verifyAuditChain(ctx.db);
      expect(r.ok).toBe(false);
      expect(r.firstBroken).toEqual({ seq: 3, reason: expect.stringContaining('altered') });
      expect(r.checked).toBe(2);
    });
  });

  it('reports a removed row in the middle', async () => {
    await withSnapshot(async () => {
      await tamper(sql`delete from audit_log where seq = 2`);
      const r = await verifyAuditChain(ctx.db);
      expect(r.firstBroken).toEqual({ seq: 2, reason: expect.stringContaining('missing') });
    });
  });

  it('reports rows removed from the end (the chain head remembers)', async () => {
    await withSnapshot(async () => {
      const head = await ctx.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
      await tamper(sql`delete from audit_log where seq = ${head.seq}`);
      const r = await verifyAuditChain(ctx.db);
      expect(r.ok).toBe(false);
      expect(r.firstBroken!.seq).toBe(head.seq);
      expect(r.firstBroken!.reason).toContain('removed');
    });
  });

  it('reports a re-hashed row because the next row no longer links to it', async () => {
    await withSnapshot(async () => {
      await tamper(sql`update audit_log set hash = repeat('a', 64) where seq = 2`);
      const r = await verifyAuditChain(ctx.db);
      expect(r.firstBroken!.seq).toBe(2);
    });
  });

  it('stays gapless and intact under concurrent writers', async () => {
    await ctx.session('admin');
    await ctx.session('officer');
    const before = await ctx.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ctx.as(i % 2 ? 'officer' : 'admin', { method: 'POST', url: '/api/v1/enterprises', payload: { uscc: makeUscc(8000 + i), name: `并发${i}`, district: '杨浦区', sector: '智能制造' } }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const after = await ctx.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    expect(after.seq - before.seq).toBe(20);
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
  });

  it('writes nothing when the change is refused', async () => {
    const before = await ctx.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    const dup = await ctx.as('officer', { method: 'POST', url: '/api/v1/enterprises', payload: { uscc: makeUscc(7000), name: '重复', district: '杨浦区', sector: '数字经济' } });
    expect(dup.statusCode).toBe(409);
    const after = await ctx.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    expect(after.seq).toBe(before.seq);
  });
});

describe('audit log browsing', () => {
  it('filters by action, entity, actor and day, newest first, with paging', async () => {
    const all = await ctx.as('admin', { method: 'GET', url: '/api/v1/audit?action=enterprise.create&pageSize=3' });
    expect(all.statusCode).toBe(200);
    const body = all.json();
    expect(body.items).toHaveLength(3);
    expect(body.total).toBeGreaterThanOrEqual(25);
    expect(body.items[0].seq).toBeGreaterThan(body.items[1].seq);
    expect(body.items.every((i: { action: string }) => i.action === 'enterprise.create')).toBe(true);

    const id = body.items[0].entityId;
    const one = await ctx.as('auditor', { method: 'GET', url: `/api/v1/audit?entityType=enterprise&entityId=${id}` });
    expect(one.json().items).toHaveLength(1);
    expect(one.json().items[0].diff.after).toMatchObject({ district: '杨浦区' });

    const byActor = await ctx.as('auditor', { method: 'GET', url: '/api/v1/audit?actor=admin&action=enterprise.*' });
    expect(byActor.json().items.every((i: { actor: { username: string } }) => i.actor.username === 'admin')).toBe(true);
    expect(byActor.json().total).toBe(10);

    const future = await ctx.as('auditor', { method: 'GET', url: '/api/v1/audit?from=2999-01-01' });
    expect(future.json().total).toBe(0);
    const bad = await ctx.as('auditor', { method: 'GET', url: '/api/v1/audit?from=2025-13-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('querystring.from');
  });
});
