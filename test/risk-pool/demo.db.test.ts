import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../src/server/db/connect';
import { seedDemoRiskPools } from '../../src/server/modules/risk-pool/risk-pool.demo';
import { verifyAuditChain } from '../../src/server/platform/audit';
import { freshDatabase } from '../helpers/db';

// The demo's pools: capital, enrolled loans, a paid 9:1 claim with a recovery shared back, a 前补偿 claim waiting, and
// one non-performing loan without a claim; books that replay, and a second run that changes nothing.
let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await freshDatabase({ demo: true });
});
afterAll(async () => opened?.close());

describe('risk pool demo data', () => {
  it('seeds two pools whose balances are their ledgers', async () => {
    const db = opened.db;
    const pools = await db.selectFrom('risk_pools').selectAll().orderBy('code').execute();
    expect(pools.map((p) => [p.code, p.mode, p.share, p.demo])).toEqual([['YP-IPQBC-DEMO', 'upfront', '0.5500', true], ['YP-RCP-DEMO', 'loss_sharing', '0.9000', true]]);
    const rcp = pools.find((p) => p.code === 'YP-RCP-DEMO')!;
    // 50,000,000 in; 1,350,000 out (90% of 1,500,000); 180,000 back (90% of a 200,000 recovery).
    expect([rcp.contributed, rcp.paid_out, rcp.recovered, rcp.balance]).toEqual([50_000_000_00, 1_350_000_00, 180_000_00, 48_830_000_00]);
    for (const p of pools) {
      const ledger = await db.selectFrom('risk_pool_ledger').selectAll().where('pool_id', '=', p.id).orderBy('seq').execute();
      expect(ledger.at(-1)!.balance_after).toBe(p.balance);
    }
    const claims = await db.selectFrom('risk_pool_claims as c').innerJoin('loans as l', 'l.id', 'c.loan_id').select(['l.loan_no', 'c.status', 'c.payable', 'c.paid_amount']).orderBy('c.claim_no').execute();
    expect(claims).toEqual([
      { loan_no: 'RP-DEMO-002', status: 'paid', payable: 1_350_000_00, paid_amount: 1_350_000_00 },
      { loan_no: 'RP-DEMO-006', status: 'filed', payable: null, paid_amount: 0 },
    ]);
    const open = await db.selectFrom('loans as l').innerJoin('loan_status as s', 's.loan_id', 'l.id').innerJoin('risk_pool_enrolments as e', 'e.loan_id', 'l.id').select(['s.final_class']).where('l.loan_no', '=', 'RP-DEMO-004').executeTakeFirstOrThrow();
    expect(open.final_class).toBe('substandard');
    expect((await verifyAuditChain(db)).ok).toBe(true);
    // The demo's approved claim took its queue place from the sequence, so the next approval gets a later one.
    const seq = await sql<{ next: number; max: number }>`select nextval('risk_pool_claim_queue')::int as next, (select max(queue_seq)::int from risk_pool_claims) as max`.execute(db);
    expect(seq.rows[0]!.next).toBeGreaterThan(seq.rows[0]!.max);
  });

  it('a second run changes nothing', async () => {
    const count = async () => Number((await opened.db.selectFrom('risk_pool_ledger').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const r = await opened.db.transaction().execute((trx) => seedDemoRiskPools(trx));
    expect(r).toEqual({ pools: 0, loans: 0, claims: 0 });
    expect(await count()).toBe(before);
  });
});
