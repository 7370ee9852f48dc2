// 免申即享 scan at district scale (issue #3): 100,000 enterprises with five candidate claims each.
//   npx tsx bench/policy-scan/scan.bench.ts [enterprises]            PGlite (in memory)
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/policy-scan/scan.bench.ts   and PostgreSQL too (BENCH_SKIP_PGLITE=1: only it)
// Measures (1) the evaluation of the collected candidates alone (pure, per beneficiary, with granted), and
// (2) the whole scan: collection from the database, evaluation and storing the entitlements, as
// POST /subsidy/scans runs it. Target: the whole scan under 10 s.
// Candidates per enterprise: registry.listing (YP2025-15.x + YP2024-12 about the same listing),
// registry.revenue-milestone (YP2024-8), and a stand-in for the loans module (two YP2025-8.2 interest
// claims read from pledged IP assets), registered the way a later module would.
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type OpenedDatabase } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import { currentRuleset } from '../../src/server/modules/policy/policy.ruleset';
import { registerFactSource } from '../../src/server/modules/subsidy/fact-sources';
import { registerSubsidyFactSources } from '../../src/server/modules/subsidy/register';
import { collectCandidates, grantedByBeneficiary, runScan } from '../../src/server/modules/subsidy/scan.service';
import { evaluateInGroups } from '../../src/server/modules/subsidy/scan-evaluate';
import { evaluateBatch, type EvaluationRequest } from '../../src/policy';
import { makeUscc } from '../../src/shared/uscc';

const N = Number(process.argv[2] ?? 100_000);
const YEAR = 2025;

registerSubsidyFactSources();
registerFactSource({
  id: 'bench.ip-pledge-loans',
  measures: ['YP2025-8.2'],
  description: 'bench stand-in for the loans module: interest on IP-pledge loans',
  async collect(db, period) {
    const rows = await db
      .selectFrom('enterprise_ip_assets as a')
      .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
      .select(['e.id', 'e.uscc', 'e.name', 'e.district', 'a.number', 'a.applied_on'])
      .where('a.pledged', '=', true)
      .where('a.applied_on', '>=', period.from)
      .where('a.applied_on', '<=', period.to)
      .execute();
    return rows.map((r) => ({
      source: 'bench.ip-pledge-loans', measure: 'YP2025-8.2', matter: r.number, eventDate: r.applied_on!,
      beneficiary: { uscc: r.uscc, name: r.name, kind: 'enterprise' as const, registeredInYangpu: r.district === '杨浦区', registeredInShanghai: true, enterpriseId: r.id, organizationId: null },
      facts: { interestPaid: 100_000 + (Number(r.number.slice(-6)) % 900_000) },
      note: 'bench',
    }));
  },
});

async function seed(db: OpenedDatabase['db']) {
  for (let start = 0; start < N; start += 5000) {
    const rows = [];
    for (let i = start; i < Math.min(N, start + 5000); i++) {
      rows.push({
        uscc: makeUscc(1_000_000 + i), name: `基准企业${i}`, district: i % 10 === 0 ? '徐汇区' : '杨浦区', sector: '人工智能', industry_code: null, street: null, founded_on: '2015-01-01',
        listing_status: i % 2 === 0 ? 'neeq_base' : 'neeq_innovation', created_at: `${YEAR}-0${1 + (i % 9)}-15T04:00:00Z`,
      });
    }
    await db.insertInto('enterprises').values(rows as never).execute();
  }
  await sql`insert into enterprise_certifications (enterprise_id, type, issued_on) select id, '高新技术企业', '2020-01-01' from enterprises`.execute(db);
  await sql`insert into enterprise_financials (enterprise_id, year, revenue, rd_expense)
    select id, ${YEAR - 3}::int, 2000000000, 100000000 from enterprises union all
    select id, ${YEAR}::int, 3000000000 + (abs(hashtext(id::text)) % 1000000000), 200000000 from enterprises`.execute(db);
  await sql`insert into enterprise_ip_assets (enterprise_id, kind, number, status, pledged, applied_on)
    select id, 'invention_patent', 'ZL' || k || lpad((abs(hashtext(id::text || k)) % 1000000)::text, 6, '0'), 'granted', true, make_date(${YEAR}::int, 3 + k * 3, 1)
    from enterprises, generate_series(1, 2) k`.execute(db);
  await sql`analyze`.execute(db);
}

const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;

async function benchOn(label: string, opened: OpenedDatabase) {
  const { db } = opened;
  await migrateToLatest(db);
  let t = performance.now();
  await seed(db);
  console.log(`[${label}] seeded ${N.toLocaleString('en-US')} enterprises in ${ms(t)}`);
  const ruleset = await currentRuleset(db);

  // The parts alone, in a function of their own so that nothing they hold is still alive while runScan runs
  // (the server's scan has one copy of the candidates, not two).
  const { collectMs, evalMs, candidateCount } = await (async () => {
    let t = performance.now();
    const { candidates } = await collectCandidates(db, YEAR);
    const collectMs = performance.now() - t;
    const granted = await grantedByBeneficiary(db);
    const ref = (i: number) => `e${i}`;
    evaluateInGroups(ruleset, candidates.slice(0, 20_000), ref, granted); // warm-up
    t = performance.now();
    const results = evaluateInGroups(ruleset, candidates, ref, granted);
    const evalMs = performance.now() - t;
    const byStatus: Record<string, number> = {};
    for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    // The summary path against the full one (trace, explanation, inputHash) on every 20th beneficiary.
    const sample = new Map<string, number[]>();
    const ordinal = new Map<string, number>();
    candidates.forEach((c, i) => {
      const uscc = c.beneficiary.uscc;
      if (!ordinal.has(uscc)) ordinal.set(uscc, ordinal.size);
      if (ordinal.get(uscc)! % 20 !== 0) return;
      const list = sample.get(uscc);
      if (list) list.push(i);
      else sample.set(uscc, [i]);
    });
    const lists = [...sample.values()];
    const full = evaluateBatch(ruleset, lists.map((list): EvaluationRequest => {
      const b = candidates[list[0]!]!.beneficiary;
      return {
        beneficiary: { uscc: b.uscc, kind: b.kind, registeredInYangpu: b.registeredInYangpu, registeredInShanghai: b.registeredInShanghai },
        claims: list.map((i) => ({ id: ref(i), measure: candidates[i]!.measure, eventDate: candidates[i]!.eventDate, matter: candidates[i]!.matter!, facts: candidates[i]!.facts })),
        granted: granted.get(b.uscc) ?? [],
      };
    }));
    let compared = 0;
    full.forEach((item, g) => {
      if (!item.ok) throw new Error(`sample request ${g} refused: ${JSON.stringify(item.issues)}`);
      item.response.results.forEach((r, j) => {
        const got = results[lists[g]![j]!]!;
        if (got.status !== r.status || got.fen !== Math.round(r.amount * 100) || got.basis !== r.basis) throw new Error(`summary differs from evaluate for ${r.id}: ${JSON.stringify(got)} vs ${JSON.stringify(r)}`);
        compared++;
      });
    });
    console.log(`[${label}] summary path equals evaluate on ${compared.toLocaleString('en-US')} sampled claims`);
    console.log(`[${label}] collected ${candidates.length.toLocaleString('en-US')} candidates in ${collectMs.toFixed(0)} ms; evaluated in ${evalMs.toFixed(0)} ms (${Math.round(candidates.length / (evalMs / 1000)).toLocaleString('en-US')} claims/s) ${JSON.stringify(byStatus)}`);
    return { collectMs, evalMs, candidateCount: candidates.length };
  })();

  const ctx = { principal: null, requestId: null, systemActor: 'bench' };
  const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`[${label}] load average before the scan: ${load()}`);
  t = performance.now();
  const first = await runScan(db, ctx, YEAR);
  const firstMs = performance.now() - t;
  t = performance.now();
  const again = await runScan(db, ctx, YEAR);
  const againMs = performance.now() - t;
  console.log(`[${label}] load average after: ${load()}`);
  const stored = await db.selectFrom('subsidy_entitlements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  console.log(`[${label}] whole scan (collect + evaluate + store): first ${firstMs.toFixed(0)} ms, rescan ${againMs.toFixed(0)} ms; ${Number(stored.n).toLocaleString('en-US')} entitlements stored (${first.candidates} / ${again.candidates} candidates), total ${first.total.toLocaleString('en-US')} 元`);
  return { label, candidates: candidateCount, collectMs, evalMs, firstMs, againMs };
}

const out = [];
if (process.env.BENCH_SKIP_PGLITE !== '1') out.push(await (async () => {
  const opened = await openDatabase({ dataDir: 'memory://' });
  try {
    return await benchOn('PGlite', opened);
  } finally {
    await opened.close();
  }
})());

const pgUrl = process.env.BENCH_DATABASE_URL;
if (pgUrl) {
  const name = `kcjr_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const opened = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
  try {
    out.push(await benchOn('PostgreSQL', opened));
  } finally {
    await opened.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
console.table(out.map((o) => ({ db: o.label, candidates: o.candidates, 'collect ms': Math.round(o.collectMs), 'evaluate ms': Math.round(o.evalMs), 'whole scan ms': Math.round(o.firstMs), 'rescan ms': Math.round(o.againMs), 'under 10 s': o.firstMs < 10_000 })));
