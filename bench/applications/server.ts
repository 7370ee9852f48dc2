// The server side of the applications benchmark, run in a child process (applications.bench.ts forks it) so
// the load generator does not share the server's event loop: N applications on PostgreSQL, the real app, and a
// bare Fastify route that runs the same repository query (listApplications) with no auth, validation or shaping.
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { openDatabase } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import { listApplications, type ApplicationFilters, type ApplicationScope, type ListOrder } from '../../src/server/modules/application/applications.repository';
import { dropDatabase, peakRssMiB, recreateDatabase, round } from '../registry/common';
import { BENCH_PASSWORD, loadApplications } from './data';
import { MIXES, type BenchReady } from './mixes';

const DB_NAME = 'kcjr_bench_applications';

async function main() {
  const [rowsArg, adminUrl, share, explain] = process.argv.slice(2);
  const rows = Number(rowsArg);
  const started = Date.now();
  const url = await recreateDatabase(adminUrl!, DB_NAME);
  const opened = await openDatabase({ databaseUrl: url, dataDir: '' });
  await migrateToLatest(opened.db);
  const loadStart = Date.now();
  const { bankOrgId } = await loadApplications(opened.db, rows, share === 'heavy' ? 'heavy' : 'realistic');
  const loadSeconds = round((Date.now() - loadStart) / 1000, 1);

  if (explain === 'explain') {
    // The plans the benchmark's queries get (docs: bench/applications/README.md).
    for (const mix of MIXES) {
      const { scope, filters, order } = mix.bare(bankOrgId);
      const logged: string[] = [];
      const { Kysely, PostgresDialect } = await import('kysely');
      const pg = (await import('pg')).default;
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      const k = new Kysely<any>({ dialect: new PostgresDialect({ pool }), log: (e) => { if (e.level === 'query') logged.push(e.query.sql + '\n-- ' + JSON.stringify(e.query.parameters)); } });
      await listApplications(k, scope, filters, order, { limit: 20, offset: 0 });
      for (const q of logged) {
        const params = JSON.parse(q.split('\n-- ')[1]!);
        const r = await pool.query(`explain (analyze, costs off, buffers off) ${q.split('\n-- ')[0]}`, params);
        console.log(`\n### ${mix.name}\n${q.split('\n-- ')[0]}\n${r.rows.map((x: Record<string, string>) => x['QUERY PLAN']).join('\n')}`);
      }
      await k.destroy();
    }
    await opened.close();
    await dropDatabase(adminUrl!, DB_NAME);
    return;
  }

  const config = loadConfig({}, { databaseUrl: url, dataDir: '', logLevel: 'silent', webDir: '/nonexistent' });
  const app = await buildApp({ db: opened.db, config, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const bare = Fastify({ logger: false });
  for (const mix of MIXES) {
    bare.get(`/bare/${mix.name}`, async (request) => {
      const q = request.query as { page?: string };
      const page = Number(q.page ?? 1);
      const { scope, filters, order } = mix.bare(bankOrgId);
      return listApplications(opened.db, scope as ApplicationScope, filters as ApplicationFilters, order as ListOrder, { limit: 20, offset: (page - 1) * 20 });
    });
  }
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const login = async (username: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: BENCH_PASSWORD } });
    const c = res.cookies.find((x) => x.name === 'kcjr_session')!;
    return `${c.name}=${c.value}`;
  };
  const counts = await sql<{ status: string; n: number }>`select status, count(*)::int as n from applications group by status order by status`.execute(opened.db);
  const ready: BenchReady = {
    apiPort: (app.server.address() as { port: number }).port,
    barePort: (bare.server.address() as { port: number }).port,
    cookies: { officer: await login('officer'), bank: await login('bank') },
    setupSeconds: round((Date.now() - started) / 1000, 1),
    loadSeconds,
    statusCounts: Object.fromEntries(counts.rows.map((r) => [r.status, r.n])),
  };
  process.send!(ready);
  process.on('message', async (m) => {
    if (m !== 'stop') return;
    await app.close();
    await bare.close();
    await opened.close();
    await dropDatabase(adminUrl!, DB_NAME);
    process.send!({ type: 'stopped', serverPeakRssMiB: peakRssMiB() });
    process.exit(0);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
