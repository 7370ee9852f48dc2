// Issue #4 benchmark: the officer queue (screening queue and lists with filters and paging) and a bank's inbox
// through the HTTP API on PostgreSQL with N applications, 20 concurrent clients, next to a bare Fastify route
// running the same repository query (no auth, validation or response shaping), measured in the same run.
//
//   npx tsx bench/applications/applications.bench.ts [--rows 200000] [--duration 10] [--connections 20] [--active-share realistic|heavy]
//
// Loopback only; every autocannon run is bounded by --duration. The server runs in a child process (server.ts).
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { formatTable, machine, numberArg, parseArgs, round } from '../registry/common';
import { MIXES, type BenchReady, type Mix } from './mixes';

interface Run { requests: number; rps: number; p50: number; p99: number; max: number; failed: number }

async function cannon(port: number, paths: string[], opts: { connections: number; duration: number; cookie?: string }): Promise<Run> {
  const r = await autocannon({
    url: `http://127.0.0.1:${port}`, connections: opts.connections, duration: opts.duration, timeout: 30,
    headers: opts.cookie ? { cookie: opts.cookie } : {},
    requests: paths.map((p) => ({ method: 'GET' as const, path: p })),
  });
  return { requests: r.requests.total, rps: round(r.requests.average, 1), p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, failed: r.non2xx + r.errors + r.timeouts };
}

function start(rows: number, adminUrl: string, share: string): { child: ChildProcess; ready: Promise<BenchReady> } {
  const child = fork(path.join(path.dirname(fileURLToPath(import.meta.url)), 'server.ts'), [String(rows), adminUrl, share], { stdio: 'inherit' });
  const ready = new Promise<BenchReady>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server not ready within 5 minutes')), 5 * 60_000);
    child.once('message', (m) => { clearTimeout(timer); resolve(m as BenchReady); });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with code ${code}`)); });
  });
  return { child, ready };
}

function stop(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); resolve(0); }, 30_000);
    child.on('message', (m) => {
      const msg = m as { type?: string; serverPeakRssMiB?: number };
      if (msg.type === 'stopped') { clearTimeout(timer); resolve(msg.serverPeakRssMiB ?? 0); }
    });
    child.send('stop');
  });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const rows = args.values.rows ? args.rows : 200_000;
  const opts = { connections: numberArg(args, 'connections', 20, 1, 200), duration: numberArg(args, 'duration', 10, 1, 60) };
  const share = args.values['active-share'] ?? 'realistic';
  if (share !== 'realistic' && share !== 'heavy') throw new Error('--active-share must be realistic or heavy');
  const { child, ready } = start(rows, args.adminUrl, share);
  const results: { mix: Mix; api: Run; bare: Run }[] = [];
  let server: BenchReady;
  try {
    server = await ready;
    console.log(`${rows.toLocaleString('en-US')} applications loaded in ${server.loadSeconds} s: ${JSON.stringify(server.statusCounts)}`);
    for (const mix of MIXES) {
      const cookie = server.cookies[mix.user];
      // Warm both routes (JIT, plan and buffer caches) before anything is recorded.
      await cannon(server.apiPort, mix.paths, { connections: opts.connections, duration: 2, cookie });
      await cannon(server.barePort, mix.barePaths, { connections: opts.connections, duration: 2 });
      process.stderr.write(`  ${mix.name}…\n`);
      const api = await cannon(server.apiPort, mix.paths, { ...opts, cookie });
      const bare = await cannon(server.barePort, mix.barePaths, opts);
      results.push({ mix, api, bare });
    }
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  const rss = await stop(child);
  const m = machine();
  console.log(`\nApplications on PostgreSQL, ${rows.toLocaleString('en-US')} applications (${share} share open), ${opts.connections} connections, ${opts.duration} s per mix and route (machine: ${m.cpus} cores, load average ${m.loadAverage.join(' ')})`);
  console.log(formatTable(
    ['mix', 'caller', 'API req/s', 'API p50', 'API p99', 'bare req/s', 'bare p50', 'bare p99', 'API ÷ bare p99', 'p99 < 100 ms', 'failed'],
    results.map((r) => [r.mix.name, r.mix.user, r.api.rps, r.api.p50, r.api.p99, r.bare.rps, r.bare.p50, r.bare.p99,
      `${round(r.api.p99 / Math.max(r.bare.p99, 0.01), 2)}×`, r.api.p99 < 100 ? 'yes' : 'NO', r.api.failed + r.bare.failed]),
  ));
  console.log(`server process peak RSS ${rss} MiB; set-up ${server!.setupSeconds} s`);
  console.log(JSON.stringify({
    bench: 'applications', date: new Date().toISOString(), rows, share, ...opts, machine: m,
    mixes: Object.fromEntries(results.map((r) => [r.mix.name, { api: r.api, bare: r.bare }])),
  }));
  if (results.some((r) => r.api.failed + r.bare.failed > 0)) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
