// The server side of the search benchmark, run in a child process (search.bench.ts forks it) so that the
// load generator does not share the server's event loop: a registry of N enterprises, the real app and a
// bare Fastify route doing the same SQL, both on loopback.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import Fastify from 'fastify';
import { Kysely, PostgresDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { openDatabase, type Database } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import { PGliteDialect } from '../../src/server/db/pglite-dialect';
import type { DB } from '../../src/server/db/schema';
import { searchEnterprises } from '../../src/server/modules/enterprise/enterprise.repository';
import type { SearchQuery } from '../../src/server/modules/enterprise/enterprise.schemas';
import { todayInShanghai } from '../../src/server/platform/dates';
import { hashPassword } from '../../src/server/platform/secrets';
import { dropDatabase, peakRssMiB, recreateDatabase, round, type Target } from './common';
import { certificationsAt, enterpriseAt } from './data';
import { MIXES, type QueryTiming, type ServerReady } from './search-mixes';

const SEARCH_DB = 'kcjr_bench_search';
const PASSWORD = 'bench-password-1';

interface Opened {
  db: Database;
  /** The same database with every query's SQL and duration reported, for the per-query breakdown. */
  logged(log: (e: LogEvent) => void): Kysely<DB>;
  close(): Promise<void>;
}

async function open(target: Target, adminUrl: string): Promise<Opened> {
  if (target === 'postgres') {
    const url = await recreateDatabase(adminUrl, SEARCH_DB);
    const opened = await openDatabase({ databaseUrl: url, dataDir: '' });
    const pools: pg.Pool[] = [];
    return {
      db: opened.db,
      logged: (log) => {
        const pool = new pg.Pool({ connectionString: url, max: 1 });
        pools.push(pool);
        return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
      },
      close: async () => {
        await Promise.all(pools.map((p) => p.end()));
        await opened.close();
        await dropDatabase(adminUrl, SEARCH_DB);
      },
    };
  }
  // Built the way connect.ts builds it, so the breakdown can share the one PGlite instance.
  const parsers = { 1082: (v: string) => v, 20: (v: string) => Number(v), 1700: (v: string) => v };
  const pglite = new PGlite({ extensions: { pg_trgm }, parsers });
  await pglite.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return { db, logged: (log) => new Kysely<DB>({ dialect: new PGliteDialect(pglite), log }), close: () => db.destroy() };
}

/** N enterprises (the same generator as the import benchmark) with their certifications, in batches. */
async function load(db: Database, rows: number) {
  const BATCH = 1000;
  for (let from = 0; from < rows; from += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, rows - from) }, (_, k) => from + k);
    const inserted = await db
      .insertInto('enterprises')
      .values(batch.map((i) => {
        const e = enterpriseAt(i);
        return { uscc: e.uscc, name: e.name, district: e.district, street: e.street || null, founded_on: e.foundedOn, sector: e.sector, industry_code: null };
      }))
      .returning(['id', 'uscc'])
      .execute();
    const idByUscc = new Map(inserted.map((r) => [r.uscc, r.id]));
    const certs = batch.flatMap((i) =>
      certificationsAt(i).map((c) => ({ enterprise_id: idByUscc.get(enterpriseAt(i).uscc)!, type: c.type, certificate_no: null, issued_on: c.issuedOn, expires_on: c.expiresOn })),
    );
    if (certs.length) await db.insertInto('enterprise_certifications').values(certs).execute();
  }
  await sql`analyze`.execute(db);
}

async function signedInOfficer(db: Database, app: Awaited<ReturnType<typeof buildApp>>): Promise<string> {
  const org = await db.insertInto('organizations').values({ code: 'BENCH-OFFICE', name: '区科技经济委（基准测试）', kind: 'office', enterprise_id: null }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('users').values({ organization_id: org.id, username: 'bench-officer', display_name: 'bench officer', role: 'officer', password_hash: await hashPassword(PASSWORD), locked_until: null }).execute();
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'bench-officer', password: PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((x) => x.name === 'kcjr_session');
  if (!c) throw new Error('sign-in set no session cookie');
  return `${c.name}=${c.value}`;
}

/** The same repository call the service makes, with none of the platform around it. */
function bareRoute(db: Database) {
  const bare = Fastify({ logger: false });
  bare.get('/bare/enterprises', async (request) => {
    const q = request.query as Record<string, string | undefined>;
    const page = Number(q.page ?? 1);
    const pageSize = Number(q.pageSize ?? 20);
    const filters = { q: q.q, uscc: q.uscc, sector: q.sector as SearchQuery['sector'], district: q.district, certification: q.certification, foundedFrom: q.foundedFrom, foundedTo: q.foundedTo, onlyId: null };
    const { rows, total } = await searchEnterprises(db, filters, (q.sort ?? 'name') as SearchQuery['sort'], { limit: pageSize, offset: (page - 1) * pageSize }, todayInShanghai());
    return { items: rows, total, page, pageSize };
  });
  return bare;
}

/** Each query of one search, run alone and in turn: median milliseconds per query, over `runs` runs. */
async function breakdown(opened: Opened, runs: number): Promise<QueryTiming[]> {
  let current: number[] = [];
  const db = opened.logged((e) => {
    if (e.level === 'query') current.push(e.queryDurationMillis);
  });
  const out: QueryTiming[] = [];
  for (const mix of MIXES) {
    const samples: number[][] = [];
    for (let i = 0; i < runs; i++) {
      const params = new URLSearchParams(mix.paths[i % mix.paths.length]!.split('?')[1]);
      const page = Number(params.get('page') ?? 1);
      current = [];
      const filters = { q: params.get('q') ?? undefined, sector: (params.get('sector') ?? undefined) as SearchQuery['sector'], certification: params.get('certification') ?? undefined, onlyId: null };
      await searchEnterprises(db, filters, (params.get('sort') ?? 'name') as SearchQuery['sort'], { limit: 20, offset: (page - 1) * 20 }, todayInShanghai());
      samples.push(current);
    }
    const median = (k: number) => {
      const xs = samples.map((s) => s[k] ?? 0).sort((a, b) => a - b);
      return round(xs[Math.floor(xs.length / 2)]!, 2);
    };
    out.push({ mix: mix.name, countMs: median(0), rowsMs: median(1), certificationsMs: median(2) });
  }
  return out;
}

async function main() {
  const [target, rowsText, adminUrl] = process.argv.slice(2) as [Target, string, string];
  const rows = Number(rowsText);
  const t0 = performance.now();
  const opened = await open(target, adminUrl);
  await migrateToLatest(opened.db);
  const t1 = performance.now();
  await load(opened.db, rows);
  const loadSeconds = round((performance.now() - t1) / 1000, 1);
  const config = loadConfig({}, { databaseUrl: undefined, dataDir: 'memory://', webDir: '/nonexistent', logLevel: 'silent' });
  const app = await buildApp({ db: opened.db, config, logger: false });
  const cookie = await signedInOfficer(opened.db, app);
  const bare = bareRoute(opened.db);
  await app.listen({ host: '127.0.0.1', port: 0 });
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const queries = await breakdown(opened, 21);
  const port = (a: typeof bare) => (a.server.address() as { port: number }).port;
  const ready: ServerReady = { type: 'ready', apiPort: port(app as never), barePort: port(bare), cookie, loadSeconds, setupSeconds: round((t1 - t0) / 1000, 1), queries };
  process.send!(ready);
  process.on('message', async (m) => {
    if (m !== 'stop') return;
    const serverPeakRssMiB = peakRssMiB();
    await app.close();
    await bare.close();
    await opened.close();
    process.send!({ type: 'stopped', serverPeakRssMiB }, () => process.exit(0));
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
