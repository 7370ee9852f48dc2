// Issue #2 benchmark: enterprise search on N enterprises through the HTTP API (GET /api/v1/enterprises,
// signed in as an officer) under C concurrent clients, next to a bare Fastify route that calls the same
// searchEnterprises() with no auth, validation or response schema, measured in the same run.
//
//   npx tsx bench/registry/search.bench.ts [--rows 100000] [--targets postgres,pglite] [--duration 10] [--connections 20]
//
// The servers run in a child process (search-server.ts); autocannon runs here, on loopback.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { formatTable, machine, numberArg, parseArgs, round, type Target } from './common';
import { MIXES, type Mix, type QueryTiming, type ServerReady } from './search-mixes';

interface Run {
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Responses that were not 200, plus socket errors and timeouts: any of these voids the figure. */
  failed: number;
}

interface MixResult {
  mix: string;
  api: Run;
  bare: Run;
}

interface TargetResult {
  target: Target;
  setupSeconds: number;
  loadSeconds: number;
  serverPeakRssMiB: number;
  queries: QueryTiming[];
  mixes: MixResult[];
}

async function cannon(port: number, basePath: string, mix: Mix, opts: { connections: number; duration: number; cookie?: string }): Promise<Run> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: opts.connections,
    duration: opts.duration,
    timeout: 30,
    headers: opts.cookie ? { cookie: opts.cookie } : {},
    requests: mix.paths.map((p) => ({ method: 'GET' as const, path: basePath + p })),
  });
  // Requests still queued in the server when autocannon stops would slow the next run: wait until one more
  // request gets through (it queues behind them), so every run starts on an idle server.
  await fetch(`http://127.0.0.1:${port}${basePath}${mix.paths[0]}`, { headers: opts.cookie ? { cookie: opts.cookie } : {} }).then((r) => r.arrayBuffer());
  return {
    requests: result.requests.total,
    rps: round(result.requests.average, 1),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

function startServer(target: Target, rows: number, adminUrl: string): { child: ChildProcess; ready: Promise<ServerReady> } {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'search-server.ts');
  const child = fork(file, [target, String(rows), adminUrl], { stdio: 'inherit' });
  const ready = new Promise<ServerReady>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${target}: server not ready within 5 minutes`)), 5 * 60_000);
    child.once('message', (m) => { clearTimeout(timer); resolve(m as ServerReady); });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${target} server exited with code ${code}`)); });
  });
  return { child, ready };
}

function stopServer(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); resolve(0); }, 30_000);
    child.on('message', (m) => {
      const msg = m as { type: string; serverPeakRssMiB?: number };
      if (msg.type === 'stopped') { clearTimeout(timer); resolve(msg.serverPeakRssMiB ?? 0); }
    });
    child.send('stop');
  });
}

async function runTarget(target: Target, rows: number, adminUrl: string, opts: { connections: number; duration: number }): Promise<TargetResult> {
  const { child, ready } = startServer(target, rows, adminUrl);
  try {
    const server = await ready;
    console.log(`  ${target}: ${rows.toLocaleString('en-US')} enterprises loaded in ${server.loadSeconds} s`);
    // Warm both routes (JIT, plan caches, buffer cache) on the first mix before anything is recorded.
    const warm = { connections: opts.connections, duration: 2 };
    await cannon(server.apiPort, '/api/v1/enterprises', MIXES[0]!, { ...warm, cookie: server.cookie });
    await cannon(server.barePort, '/bare/enterprises', MIXES[0]!, warm);
    const mixes: MixResult[] = [];
    for (const mix of MIXES) {
      process.stderr.write(`  ${target}: ${mix.name}…\n`);
      const api = await cannon(server.apiPort, '/api/v1/enterprises', mix, { ...opts, cookie: server.cookie });
      const bare = await cannon(server.barePort, '/bare/enterprises', mix, opts);
      mixes.push({ mix: mix.name, api, bare });
    }
    const serverPeakRssMiB = await stopServer(child);
    return { target, setupSeconds: server.setupSeconds, loadSeconds: server.loadSeconds, serverPeakRssMiB, queries: server.queries, mixes };
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const opts = { connections: numberArg(args, 'connections', 20, 1, 200), duration: numberArg(args, 'duration', 10, 1, 60) };
  const results: TargetResult[] = [];
  for (const target of args.targets) {
    console.log(`Running ${target} (${opts.connections} connections, ${opts.duration} s per mix and route)…`);
    results.push(await runTarget(target, args.rows, args.adminUrl, opts));
  }
  report(args.rows, opts, results);
}

/** A run in which no request completed has no latency: shown as such, never as 0 ms. */
const ms = (r: Run, k: 'p50' | 'p99'): string | number => (r.requests === 0 ? 'none done' : r[k]);
const ratio = (x: MixResult, k: 'p50' | 'p99') => (x.api.requests && x.bare.requests ? `${round(x.api[k] / Math.max(x.bare[k], 0.01), 2)}×` : 'n/a');
const ratioValue = (x: MixResult, k: 'p50' | 'p99') => (x.api.requests && x.bare.requests ? round(x.api[k] / Math.max(x.bare[k], 0.01), 2) : null);

function report(rows: number, opts: { connections: number; duration: number }, results: TargetResult[]) {
  const m = machine();
  console.log(`\nEnterprise search, ${rows.toLocaleString('en-US')} enterprises, ${opts.connections} connections, ${opts.duration} s per mix (machine: ${m.cpus} cores, load average ${m.loadAverage.join(' ')})`);
  for (const r of results) {
    console.log(`\n${r.target}: latency in ms; "API ÷ bare" compares p50 and p99 of the real API with the bare route`);
    console.log(formatTable(
      ['mix', 'API req/s', 'API p50', 'API p99', 'bare req/s', 'bare p50', 'bare p99', 'API ÷ bare p50', 'API ÷ bare p99', 'failed'],
      r.mixes.map((x) => [x.mix, x.api.rps, ms(x.api, 'p50'), ms(x.api, 'p99'), x.bare.rps, ms(x.bare, 'p50'), ms(x.bare, 'p99'),
        ratio(x, 'p50'), ratio(x, 'p99'), x.api.failed + x.bare.failed]),
    ));
    console.log(`${r.target}: each query of one search alone (median of 21 sequential runs, ms) — where the time goes`);
    console.log(formatTable(['mix', 'count(*)', 'page of rows', 'certifications'], r.queries.map((q) => [q.mix, q.countMs, q.rowsMs, q.certificationsMs])));
    console.log(`${r.target}: server process peak RSS ${r.serverPeakRssMiB} MiB; set-up ${r.setupSeconds} s, data load ${r.loadSeconds} s`);
  }
  const json = {
    bench: 'registry-search', date: new Date().toISOString(), rows, ...opts, machine: m,
    targets: Object.fromEntries(results.map((r) => [r.target, {
      serverPeakRssMiB: r.serverPeakRssMiB,
      mixes: Object.fromEntries(r.mixes.map((x) => [x.mix, {
        api: { requests: x.api.requests, rps: x.api.rps, p50: x.api.requests ? x.api.p50 : null, p99: x.api.requests ? x.api.p99 : null },
        bare: { requests: x.bare.requests, rps: x.bare.rps, p50: x.bare.requests ? x.bare.p50 : null, p99: x.bare.requests ? x.bare.p99 : null },
        p50Ratio: ratioValue(x, 'p50'), p99Ratio: ratioValue(x, 'p99'), failed: x.api.failed + x.bare.failed,
      }])),
      queriesMs: Object.fromEntries(r.queries.map((q) => [q.mix, { count: q.countMs, rows: q.rowsMs, certifications: q.certificationsMs }])),
    }])),
  };
  console.log(JSON.stringify(json));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
