// Claim approvals (issue #5) on PostgreSQL: every approval locks the pool's row, fixes the payable amount, writes the
// claim, its history, a payout ledger entry and the audit rows in one transaction. Measured in one run:
//   1. one pool, `concurrency` officers approving at once: every approval waits for the pool's lock (the price of
//      "the balance is never spent twice")
//   2. baseline: the same number of claims spread over `pools` pools, same concurrency: contention only on the audit
//      chain tip, which every mutation of the platform shares
// After each run the ledger is replayed and must equal each pool's balance; no claim may be paid more than once.
//
//   npx tsx bench/risk-pool/approvals.bench.ts [--claims 400] [--concurrency 8] [--pools 8] [--admin-url URL]
import { sql } from 'kysely';
import { openDatabase } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import { approveClaim } from '../../src/server/modules/risk-pool/claim-actions.service';
import type { Ctx } from '../../src/server/modules/risk-pool/scope';
import { DEFAULT_ADMIN_URL, dropDatabase, formatTable, machine, numberArg, parseArgs, recreateDatabase, round } from '../registry/common';

const DB_NAME = 'kcjr_bench_risk_pool';

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const claims = numberArg(args, 'claims', 400, 10, 100_000);
  const concurrency = numberArg(args, 'concurrency', 8, 1, 100);
  const poolsForBaseline = numberArg(args, 'pools', 8, 2, 100);
  const adminUrl = (args as { adminUrl?: string }).adminUrl ?? DEFAULT_ADMIN_URL;
  const url = await recreateDatabase(adminUrl, DB_NAME);
  const opened = await openDatabase({ databaseUrl: url, dataDir: '' });
  const db = opened.db;
  try {
    await migrateToLatest(db);
    const org = async (code: string, kind: string) => (await db.insertInto('organizations').values({ code, name: code, kind: kind as never, enterprise_id: null }).returning('id').executeTakeFirstOrThrow()).id;
    const office = await org('OFFICE', 'office');
    const bank = await org('BANK', 'bank');
    const user = async (username: string, role: string, orgId: string) =>
      (await db.insertInto('users').values({ organization_id: orgId, username, display_name: username, role: role as never, password_hash: 'x', locked_until: null }).returning('id').executeTakeFirstOrThrow()).id;
    const reviewer = await user('officer1', 'officer', office);
    const approver = await user('officer2', 'officer', office);
    const filer = await user('bank1', 'institution_user', bank);
    const enterprise = (await db.insertInto('enterprises').values({ uscc: '91310110MA1G8XXXXX', name: 'E', district: '杨浦区', street: null, founded_on: null, sector: '人工智能', industry_code: null }).returning('id').executeTakeFirstOrThrow()).id;
    const floors = (await db.selectFrom('classification_floors').select('id').executeTakeFirstOrThrow()).id;
    const ctx: Ctx = { principal: { via: 'session', userId: approver, username: 'officer2', role: 'officer', organizationId: office, organizationKind: 'office', enterpriseId: null }, requestId: null };

    async function setUp(label: string, pools: number) {
      const poolIds: string[] = [];
      for (let p = 0; p < pools; p++) {
        const id = (await db.insertInto('risk_pools').values({
          code: `${label}-${p}`, name: label, sponsor_org_id: office, mode: 'loss_sharing', share: '0.9000', collateral_modes: '[]' as never, per_loan_cap: null, per_bank_year_cap: null,
          npl_tolerance: '0.0300', basis: 'bench', contributed: 1_000_000_000_00, balance: 1_000_000_000_00,
        }).returning('id').executeTakeFirstOrThrow()).id;
        await db.insertInto('risk_pool_ledger').values({ pool_id: id, kind: 'contribution', amount: 1_000_000_000_00, balance_after: 1_000_000_000_00, entry_date: '2025-01-01', claim_id: null, reference: 'bench', recorded_by: null }).execute();
        poolIds.push(id);
      }
      const ids: string[] = [];
      for (let i = 0; i < claims; i++) {
        const poolId = poolIds[i % pools]!;
        const loan = (await db.insertInto('loans').values({
          loan_no: `${label}-${i}`, bank_org_id: bank, enterprise_id: enterprise, product_id: null, collateral_mode: 'credit', principal: 1_000_000_00, annual_rate: '0.04', term_months: 12,
          start_date: '2025-01-01', maturity_date: '2026-01-01', repayment_method: 'equal_instalment', source: 'api',
        }).returning('id').executeTakeFirstOrThrow()).id;
        await db.insertInto('loan_status').values({ loan_id: loan, as_of: '2025-10-01', dpd: 120, outstanding: 1_000_000_00, computed_class: 'substandard', reported_class: null, final_class: 'substandard', floors_id: floors, bank_org_id: bank }).execute();
        const enrolment = (await db.insertInto('risk_pool_enrolments').values({ pool_id: poolId, loan_id: loan, bank_org_id: bank, enrolled_on: '2025-01-01', principal: 1_000_000_00, enrolled_by: null }).returning('id').executeTakeFirstOrThrow()).id;
        ids.push((await db.insertInto('risk_pool_claims').values({
          claim_no: `${label}-${i}`, pool_id: poolId, enrolment_id: enrolment, loan_id: loan, bank_org_id: bank, status: 'reviewed', defaulted_on: '2025-06-01', principal_at_default: 1_000_000_00,
          loss: 1_000_000_00, assessed_loss: 1_000_000_00, filed_by: filer, reviewed_by: reviewer, reviewed_at: new Date(),
        }).returning('id').executeTakeFirstOrThrow()).id);
      }
      return { poolIds, ids };
    }

    async function run(label: string, pools: number) {
      const { poolIds, ids } = await setUp(label, pools);
      const latencies: number[] = [];
      let next = 0;
      const started = process.hrtime.bigint();
      await Promise.all(Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < ids.length; i = next++) {
          const t = process.hrtime.bigint();
          await approveClaim(db, ctx, ids[i]!, {}, undefined);
          latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
      }));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // The books: each pool's ledger replays to its balance; each claim paid once, in full.
      for (const poolId of poolIds) {
        const r = await sql<{ ok: boolean }>`
          select (select balance from risk_pools where id = ${poolId}) =
                 (select coalesce(sum(case when kind = 'payout' then -amount else amount end), 0) from risk_pool_ledger where pool_id = ${poolId}) as ok`.execute(db);
        if (!r.rows[0]!.ok) throw new Error(`${label}: pool ${poolId} balance differs from its ledger`);
      }
      const paid = await sql<{ n: number; twice: number }>`
        select count(*) filter (where c.status = 'paid' and c.paid_amount = 900000 * 100)::int as n,
               (select count(*) from (select claim_id from risk_pool_ledger where kind = 'payout' and claim_id = any(${ids}) group by claim_id having count(*) > 1) x)::int as twice
        from risk_pool_claims c where c.id = any(${ids})`.execute(db);
      if (paid.rows[0]!.n !== ids.length || paid.rows[0]!.twice !== 0) throw new Error(`${label}: ${paid.rows[0]!.n} of ${ids.length} paid, ${paid.rows[0]!.twice} paid twice`);
      latencies.sort((a, b) => a - b);
      const p = (q: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!, 1);
      return [label, pools, ids.length, round(ids.length / seconds, 0), p(0.5), p(0.99)] as (string | number)[];
    }

    const rows = [await run('one-pool', 1), await run('spread', poolsForBaseline)];
    console.log(formatTable(['run', 'pools', 'approvals', 'per s', 'p50 ms', 'p99 ms'], rows));
    console.log(`concurrency ${concurrency}; books checked after each run (ledger = balance, each claim paid once in full)`);
    console.log(JSON.stringify(machine()));
  } finally {
    await opened.close();
    await dropDatabase(adminUrl, DB_NAME);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
