// Issue #5 benchmark: the cooperating-bank assessment (`assessBanks`) and product statistics (`productStatistics`)
// over a large year on PostgreSQL, each next to the bare scan of the tables it reads (count(*) over the year's
// applications and over the loans, run in the same process) as the floor any report over them pays.
//
//   npx tsx bench/assessment/assessment.bench.ts [--rows 200000] [--banks 30] [--runs 5]
//
// --rows applications (half in the assessed year 2025, half in 2024), as many loans as approved applications,
// 5,000 events; loopback PostgreSQL only (BENCH_DATABASE_URL or --admin-url), a throw-away database.
import { sql } from 'kysely';
import { openDatabase } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import { assessBanks } from '../../src/server/modules/assessment/assessment.service';
import { productStatistics } from '../../src/server/modules/report/product-statistics';
import { makeUscc } from '../../src/shared/uscc';
import { dropDatabase, formatTable, machine, numberArg, parseArgs, recreateDatabase, round } from '../registry/common';

const YEAR = 2025;

async function timed<T>(runs: number, fn: () => Promise<T>): Promise<{ first: number; median: number; max: number; result: T }> {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < runs + 1; i++) {
    const t = performance.now();
    result = await fn();
    times.push(performance.now() - t);
  }
  const warm = times.slice(1).sort((a, b) => a - b);
  return { first: round(times[0]!, 1), median: round(warm[Math.floor(warm.length / 2)]!, 1), max: round(warm[warm.length - 1]!, 1), result };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const rows = args.values.rows ? args.rows : 200_000;
  const banks = numberArg(args, 'banks', 30, 2, 500);
  const runs = numberArg(args, 'runs', 5, 1, 50);
  const name = 'kcjr_bench_assessment';
  const url = await recreateDatabase(args.adminUrl, name);
  const opened = await openDatabase({ databaseUrl: url, dataDir: 'unused' });
  const db = opened.db;
  try {
    await migrateToLatest(db);
    const load = performance.now();
    const office = await db.insertInto('organizations').values({ code: 'OFFICE', name: '区科技经济委', kind: 'office' }).returning('id').executeTakeFirstOrThrow();
    await sql`insert into organizations (code, name, kind) select 'BANK' || g, '银行' || g, 'bank' from generate_series(1, ${banks}) g`.execute(db);
    await sql`insert into products (code, name, type, owner_org_id, is_programme) values
      ('LYD', '科技履约贷', 'performance_insurance_loan', ${office.id}, true), ('WDT', '科技微贷通', 'micro_loan', ${office.id}, true),
      ('CRD', '信用贷', 'credit_loan', ${office.id}, true)`.execute(db);
    const enterprises = Math.max(1000, Math.floor(rows / 4));
    for (let i = 0; i < enterprises; i += 10_000) {
      const usccs = Array.from({ length: Math.min(10_000, enterprises - i) }, (_, k) => makeUscc(2_000_000 + i + k));
      await sql`insert into enterprises (uscc, name, district, sector) select u, '企业' || u, '杨浦区', '其他' from unnest(${usccs}::text[]) u`.execute(db);
    }
    // Applications: deterministic spread over banks, products, enterprises and statuses; half in each year.
    await sql`
      insert into applications (application_no, enterprise_id, product_id, status, submitted_on, bank_org_id, approved_amount, imported)
      select 'B-' || g, e.id, p.id,
        (array['approved','disbursed','declined','recommended','deferred','rejected'])[1 + g % 6],
        make_date(case when g % 2 = 0 then ${YEAR}::int else ${YEAR - 1}::int end, 1 + g % 12, 1 + g % 28),
        case when g % 6 < 4 then b.id end,
        case when g % 6 < 2 then (100000 + (g % 50) * 20000)::bigint * 100 end,
        true
      from generate_series(1, ${rows}) g
      cross join (select array_agg(id order by uscc) as ids from enterprises) ents
      cross join (select array_agg(id order by code) as ids from products) prods
      cross join (select array_agg(id order by code) as ids from organizations where kind = 'bank') bks
      cross join lateral (select ents.ids[1 + (g * 7919) % ${enterprises}] as id) e
      cross join lateral (select prods.ids[1 + (g / 7) % 3] as id) p
      cross join lateral (select bks.ids[1 + (g * 31) % ${banks}] as id) b`.execute(db);
    await sql`
      insert into application_assignments (application_id, seq, bank_org_id, amount, recommended_on)
      select a.id, 1, a.bank_org_id, 100000000, a.submitted_on from applications a where a.bank_org_id is not null`.execute(db);
    await sql`
      insert into loans (loan_no, bank_org_id, enterprise_id, application_id, product_id, collateral_mode, principal, annual_rate, term_months, start_date, maturity_date, repayment_method)
      select 'L-' || a.application_no, a.bank_org_id, a.enterprise_id, a.id, a.product_id, 'credit', a.approved_amount, 0.04, 12,
        a.submitted_on + 30, a.submitted_on + 395, 'equal_instalment'
      from applications a where a.approved_amount is not null`.execute(db);
    await sql`
      insert into events (held_on, title, bank_org_id, station_code, attendees)
      select make_date(${YEAR}::int, 1 + g % 12, 1 + g % 28), '活动' || g, b.id, 'ST-' || (g % 12), 20 + g % 50
      from generate_series(1, 5000) g
      cross join (select array_agg(id order by code) as ids from organizations where kind = 'bank') bks
      cross join lateral (select bks.ids[1 + g % ${banks}] as id) b`.execute(db);
    await sql`analyze`.execute(db);
    const loadSeconds = round((performance.now() - load) / 1000, 1);
    const counts = await sql<{ a: number; l: number }>`select (select count(*) from applications)::int as a, (select count(*) from loans)::int as l`.execute(db);
    console.log(`${counts.rows[0]!.a.toLocaleString('en-US')} applications, ${counts.rows[0]!.l.toLocaleString('en-US')} loans, 5,000 events, ${banks} banks loaded in ${loadSeconds} s`);

    const ctx = { principal: null, requestId: null, systemActor: 'bench' };
    const assessment = await timed(runs, () => assessBanks(db, ctx, { year: YEAR }));
    const byProduct = await timed(runs, () => assessBanks(db, ctx, { year: YEAR, product: 'LYD' }));
    const stats = await timed(runs, () => productStatistics(db, { year: YEAR }));
    const scanApps = await timed(runs, () => sql`select count(*), sum(approved_amount) from applications where submitted_on >= ${`${YEAR - 1}-01-01`}::date and submitted_on <= ${`${YEAR}-12-31`}::date`.execute(db));
    const scanLoans = await timed(runs, () => sql`select count(*), sum(principal), count(distinct enterprise_id) from loans where start_date <= ${`${YEAR}-12-31`}::date`.execute(db));
    const m = machine();
    console.log(`\nAssessment and product statistics on PostgreSQL (machine: ${m.cpus} cores, load average ${m.loadAverage.join(' ')}), ${runs} warm runs after one cold run, ms`);
    console.log(formatTable(['report', 'first run', 'median', 'max'], [
      [`assessBanks ${YEAR} (${assessment.result.banks.length} banks)`, assessment.first, assessment.median, assessment.max],
      [`assessBanks ${YEAR} --product LYD`, byProduct.first, byProduct.median, byProduct.max],
      [`productStatistics ${YEAR} (${stats.result.fenRows.length} products)`, stats.first, stats.median, stats.max],
      ['floor: count+sum over the two years\' applications', scanApps.first, scanApps.median, scanApps.max],
      ['floor: count+sum+distinct over the loans to the year\'s end', scanLoans.first, scanLoans.median, scanLoans.max],
    ]));
    const top = assessment.result.banks[0]!;
    console.log(`best bank ${top.bank}: total ${top.total}; check: totals within 0–110 ${assessment.result.banks.every((b) => b.total >= 0 && b.total <= 110)}`);
  } finally {
    await opened.close();
    await dropDatabase(args.adminUrl, name);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
