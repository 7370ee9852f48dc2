// Matching benchmark (issue #4): 100,000 enterprises × 500 products with the pure matcher in under 5 seconds, over
// facts loaded once. Loading those facts from PostgreSQL and PGlite is timed separately (it is not part of the 5 s).
//
//   npx tsx bench/matching/match.bench.ts                       # 100,000 × 500, then load from postgres and pglite
//   npx tsx bench/matching/match.bench.ts --rows 10000 --products 100 --targets pglite
//
// Data is deterministic (mulberry32): the same seed gives the same enterprises, products and match count.
import { sql } from 'kysely';
import { SECTORS } from '../../src/shared/enterprise';
import { openDatabase } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import { loadEnterpriseFacts } from '../../src/server/modules/matching/match-facts';
import { certVocabulary, forEachMatch, packCriteria, packFacts } from '../../src/server/modules/matching/match-packed';
import { compileCriteria, explainMatch, prepareFacts, STAGES, type Criteria, type EnterpriseFacts } from '../../src/server/modules/matching/match-rules';
import { dropDatabase, formatTable, machine, numberArg, parseArgs, peakRssMiB, recreateDatabase, round } from '../registry/common';
import { prng } from '../registry/data';

const TODAY = '2025-06-30';
const CERTS = ['高新技术企业', '科技型中小企业', '专精特新', '小巨人', '创新型中小企业'];
const BUDGET_MS = 5000;

function syntheticFacts(n: number, seed = 4): EnterpriseFacts[] {
  const rand = prng(seed);
  const out: EnterpriseFacts[] = [];
  for (let i = 0; i < n; i++) {
    const year = 1995 + Math.floor(rand() * 30);
    const certs = CERTS.filter(() => rand() < 0.2);
    out.push({
      id: `e${i}`, district: rand() < 0.7 ? '杨浦区' : '徐汇区', sector: SECTORS[Math.floor(rand() * SECTORS.length)]!,
      foundedOn: rand() < 0.03 ? null : `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-15`,
      latestRevenue: rand() < 0.1 ? null : { year: 2024, amount: Math.floor(rand() * rand() * 500_000_000_00) },
      certifications: certs, nplCount: null,
    });
  }
  return out;
}

function syntheticProducts(n: number, seed = 5): Criteria[] {
  const rand = prng(seed);
  const some = <T>(xs: readonly T[], p: number) => xs.filter(() => rand() < p);
  return Array.from({ length: n }, () => {
    const c: Criteria = {};
    if (rand() < 0.6) c.yangpuRegistered = true;
    if (rand() < 0.5) c.sectors = some(SECTORS, 0.4).slice(0, 3).concat(SECTORS[Math.floor(rand() * 6)]!);
    if (rand() < 0.4) c.stages = some(STAGES, 0.5).concat(STAGES[Math.floor(rand() * 3)]!);
    if (rand() < 0.4) c.certifications = [CERTS[Math.floor(rand() * CERTS.length)]!];
    if (rand() < 0.2) c.certificationsMatch = 'any';
    if (rand() < 0.5) c.minYearsSinceFounding = Math.floor(rand() * 5);
    if (rand() < 0.5) c.minRevenue = Math.floor(rand() * 50_000_000_00);
    if (rand() < 0.5) c.maxNplCount = 0;
    return c;
  });
}

/** The pure matcher's bulk path: facts packed once, criteria packed once, every pair decided. */
function runMatcher(facts: EnterpriseFacts[], products: Criteria[]) {
  const t0 = performance.now();
  const vocabulary = certVocabulary(products)!;
  const packed = packFacts(facts, TODAY, vocabulary, SECTORS);
  const t1 = performance.now();
  let matches = 0;
  for (const c of products) matches += forEachMatch(packed, packCriteria(c, vocabulary, SECTORS));
  const t2 = performance.now();
  // The bulk path agrees with the explained path (a sample, so the check costs little).
  for (let i = 0; i < products.length; i += 25) {
    const hits = new Set<number>();
    forEachMatch(packed, packCriteria(products[i]!, vocabulary, SECTORS), (j) => hits.add(j));
    const compiled = compileCriteria(products[i]!);
    for (let j = 0; j < facts.length; j += 997) {
      const p = prepareFacts(facts[j]!, TODAY);
      const q = explainMatch(products[i]!, p).qualifies;
      if (q !== hits.has(j) || q !== compiled(p)) throw new Error(`the matcher's paths disagree on product ${i}, enterprise ${j}`);
    }
  }
  return { prepareMs: t1 - t0, matchMs: t2 - t1, totalMs: t2 - t0, matches };
}

/** Fills a fresh database with n enterprises, two years of financials and ~20% certifications per type, in SQL. */
async function fill(db: Awaited<ReturnType<typeof openDatabase>>['db'], n: number) {
  await sql`insert into enterprises (uscc, name, district, sector, founded_on)
    select '9131' || lpad(i::text, 14, '0'), '基准企业' || i, case when i % 10 < 7 then '杨浦区' else '徐汇区' end,
      (array['数字经济','人工智能','生命健康','绿色低碳','智能制造','其他'])[1 + i % 6], date '1995-01-01' + (i * 37 % 10950)
    from generate_series(1, ${n}) i`.execute(db);
  await sql`insert into enterprise_financials (enterprise_id, year, revenue)
    select id, y, (abs(hashtext(uscc || y)) % 50000000)::bigint * 100 from enterprises, generate_series(2023, 2024) y`.execute(db);
  await sql`insert into enterprise_certifications (enterprise_id, type, issued_on, expires_on)
    select id, t, date '2023-01-01', case when abs(hashtext(uscc || t)) % 7 = 0 then date '2024-12-31' else date '2026-12-31' end
    from enterprises, unnest(array['高新技术企业','科技型中小企业','专精特新','小巨人','创新型中小企业']) t
    where abs(hashtext(t || uscc)) % 5 = 0`.execute(db);
}

async function loadTarget(target: 'postgres' | 'pglite', n: number, adminUrl: string, products: Criteria[]) {
  const name = 'kcjr_bench_matching';
  const url = target === 'postgres' ? await recreateDatabase(adminUrl, name) : undefined;
  const opened = await openDatabase({ databaseUrl: url, dataDir: 'memory://' });
  try {
    await migrateToLatest(opened.db);
    const f0 = performance.now();
    await fill(opened.db, n);
    const fillMs = performance.now() - f0;
    const l0 = performance.now();
    const facts = await loadEnterpriseFacts(opened.db, TODAY);
    const loadMs = performance.now() - l0;
    const m = runMatcher(facts, products);
    return { target, enterprises: facts.length, fillMs, loadMs, matchMs: m.totalMs, matches: m.matches };
  } finally {
    await opened.close();
    if (target === 'postgres') await dropDatabase(adminUrl, name);
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const productCount = numberArg(args, 'products', 500, 1, 10_000);
  const facts = syntheticFacts(args.rows);
  const products = syntheticProducts(productCount);
  runMatcher(facts.slice(0, 2000), products); // warm up the JIT on a slice
  const pure = runMatcher(facts, products);
  const pairs = args.rows * productCount;
  console.log(`Matching (issue #4) on ${JSON.stringify(machine())}\n`);
  console.log(formatTable(['pure matcher (facts in memory)', 'value'], [
    ['enterprises × products', `${args.rows.toLocaleString('en-US')} × ${productCount}`],
    ['prepare facts (ms)', round(pure.prepareMs)],
    ['decide every pair (ms)', round(pure.matchMs)],
    ['total (ms)', round(pure.totalMs)],
    ['pairs per second', Math.round(pairs / (pure.totalMs / 1000))],
    ['qualifying pairs', pure.matches],
    [`within ${BUDGET_MS} ms`, pure.totalMs < BUDGET_MS ? 'yes' : 'NO'],
  ]));
  const loads = [];
  for (const t of args.targets) loads.push(await loadTarget(t, args.rows, args.adminUrl, products));
  if (loads.length) {
    console.log(`\n${formatTable(['load facts once, then match', 'enterprises', 'fill (ms)', 'load facts (ms)', 'match (ms)', 'qualifying pairs'],
      loads.map((l) => [l.target, l.enterprises, round(l.fillMs), round(l.loadMs), round(l.matchMs), l.matches]))}`);
  }
  console.log(JSON.stringify({ bench: 'matching', rows: args.rows, products: productCount, pure, loads, peakRssMiB: peakRssMiB() }));
  if (pure.totalMs >= BUDGET_MS) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
