// Consented reads (issue #4) on PostgreSQL: every read checks the consent, loads the cluster, writes a consent_reads
// row and an audit row in one transaction. Measured three ways in one run, 20 concurrent callers each:
//   1. the HTTP route (app.inject, API token with consented:read): auth + check + load + log + shaping
//   2. the service alone (readConsentedCluster): check + load + log, no HTTP
//   3. (diagnostic) the same transaction without the audit row
//   4. baseline: the bare cluster query (CLUSTER_LOADERS.tax_filings), no check, no log
//
//   npx tsx bench/consent/reads.bench.ts [--enterprises 2000] [--seconds 8] [--concurrency 20] [--admin-url URL]
//
// app.inject runs in this process, so the load generator shares the server's event loop: figures are indicative.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { openDatabase } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import { addMonths, lookbackStart } from '../../src/server/modules/consent/consent-rules';
import { activeConsentFor } from '../../src/server/modules/consent/consent.repository';
import { CLUSTER_LOADERS } from '../../src/server/modules/consent/consented-data.repository';
import { readConsentedCluster } from '../../src/server/modules/consent/consented-read.service';
import { todayInShanghai } from '../../src/server/platform/dates';
import type { Principal } from '../../src/server/platform/principal';
import { makeUscc } from '../../src/shared/uscc';
import { DEFAULT_ADMIN_URL, dropDatabase, formatTable, machine, numberArg, parseArgs, recreateDatabase, round } from '../registry/common';

const DB_NAME = 'kcjr_bench_consent';

async function run(label: string, seconds: number, concurrency: number, call: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  let n = 0;
  const started = Date.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < until) {
      const t = process.hrtime.bigint();
      await call(n++);
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }));
  const elapsed = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!, 1);
  return [label, latencies.length, round(latencies.length / elapsed, 0), p(0.5), p(0.99)] as (string | number)[];
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const enterprises = numberArg(args, 'enterprises', 2000, 1, 100_000);
  const seconds = numberArg(args, 'seconds', 8, 1, 120);
  const concurrency = numberArg(args, 'concurrency', 20, 1, 200);
  const adminUrl = args.values['admin-url'] ?? DEFAULT_ADMIN_URL;
  const url = await recreateDatabase(adminUrl, DB_NAME);
  const opened = await openDatabase({ databaseUrl: url, dataDir: '' });
  try {
    const db = opened.db;
    await migrateToLatest(db);
    const today = todayInShanghai();
    const bank = await db.insertInto('organizations').values({ code: 'BENCH-BANK', name: '基准银行', kind: 'bank', enterprise_id: null }).returning('id').executeTakeFirstOrThrow();
    const user = await db.insertInto('users').values({ organization_id: bank.id, username: 'bench-bank', display_name: 'b', role: 'institution_user', password_hash: 'x', locked_until: null }).returning('id').executeTakeFirstOrThrow();
    const secret = randomBytes(24).toString('hex');
    const token = await db.insertInto('api_tokens').values({ organization_id: bank.id, created_by: user.id, name: 'bench', token_hash: createHash('sha256').update(secret).digest('hex'), scopes: JSON.stringify(['consented:read']), expires_at: null, revoked_at: null, last_used_at: null }).returning('id').executeTakeFirstOrThrow();
    const ids: string[] = [];
    for (let i = 0; i < enterprises; i += 500) {
      const rows = Array.from({ length: Math.min(500, enterprises - i) }, (_, k) => ({ uscc: makeUscc(700000 + i + k), name: `基准企业${i + k}`, district: '杨浦区', street: null, founded_on: '2018-01-01', sector: '数字经济', industry_code: null }));
      ids.push(...(await db.insertInto('enterprises').values(rows).returning('id').execute()).map((r) => r.id));
    }
    // 36 months of VAT per enterprise; a 12-month consent cuts it to 12 or 13 rows per read.
    await sql`insert into enterprise_tax_filings (enterprise_id, period, tax_type, taxable_revenue, tax_paid)
      select e.id, to_char(date_trunc('month', now()) - (m || ' months')::interval, 'YYYY-MM'), '增值税', 100000000, 6000000
      from enterprises e, generate_series(1, 36) m`.execute(db);
    await sql`insert into consents (enterprise_id, institution_org_id, clusters, purpose, lookback_months, expires_on)
      select id, ${bank.id}, '["tax_filings"]'::jsonb, 'bench', 12, ${addMonths(today, 6)}::date from enterprises`.execute(db);
    await sql`analyze`.execute(db);

    const app = await buildApp({ db, config: loadConfig({}, { dataDir: 'memory://', webDir: '/nonexistent', logLevel: 'silent' }), logger: false });
    const principal: Principal = { via: 'token', userId: user.id, username: 'bench-bank', role: 'institution_user', organizationId: bank.id, organizationKind: 'bank', enterpriseId: null, tokenId: token.id, scopes: ['consented:read'] };
    const pick = (i: number) => ids[(i * 7919) % ids.length]!;
    const from = lookbackStart(today, 12);
    const results = [
      await run('HTTP route (token, check, load, log)', seconds, concurrency, async (i) => {
        const r = await app.inject({ method: 'GET', url: `/api/v1/consented/${pick(i)}/tax_filings`, headers: { authorization: `Bearer ${secret}` } });
        if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body}`);
      }),
      await run('service (check, load, log)', seconds, concurrency, async (i) => {
        await readConsentedCluster(db, { principal, requestId: null }, pick(i), 'tax_filings');
      }),
      // Diagnostic: the same transaction without the audit row, to show what the audit chain's lock costs.
      await run('check, load, consent_reads row (no audit)', seconds, concurrency, async (i) => {
        await db.transaction().execute(async (trx) => {
          const c = await activeConsentFor(trx, pick(i), bank.id, 'tax_filings', today);
          await CLUSTER_LOADERS.tax_filings(trx, pick(i), lookbackStart(today, c!.lookback_months));
          await trx.insertInto('consent_reads').values({ consent_id: c!.id, enterprise_id: pick(i), institution_org_id: bank.id, user_id: null, token_id: token.id, cluster: 'tax_filings', request_id: null }).execute();
        });
      }),
      await run('baseline: bare cluster query', seconds, concurrency, async (i) => {
        await CLUSTER_LOADERS.tax_filings(db, pick(i), from);
      }),
    ];
    await app.close();
    const reads = await db.selectFrom('consent_reads').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    console.log(JSON.stringify({ machine: machine(), enterprises, seconds, concurrency, consentReadsLogged: Number(reads.n) }));
    console.log(formatTable(['variant', 'requests', 'req/s', 'p50 ms', 'p99 ms'], results));
  } finally {
    await opened.close();
    await dropDatabase(adminUrl, DB_NAME);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
