// All enterprise evaluations over the registry (issue #6): target under 5 s of compute for 100,000 enterprises.
//   nice npx tsx bench/evaluation/evaluate.bench.ts [enterprises]
// Builds N enterprise-years of synthetic registry facts in memory (deterministic, syntheticFacts), then times
// (1) the five evaluations per enterprise as a run stores them (evaluateEnterpriseYear: tech SME, HNTE, innovation
// points, lifecycle, listing; compact results) and (2) the compute of a nightly run (runEvaluations): the facts
// snapshot, its input hash, the evaluations and the stored result texts — everything but the database reads and
// writes. Prints both with CPU time (user + system) beside wall time, and the machine load.
import { loadavg } from 'node:os';
import { DEFAULT_MODELS, evaluateEnterpriseYear, factsSnapshot, storedResultText } from '../../src/evaluation';
import { syntheticFacts } from '../../src/evaluation/test-facts';
import { modelVersions, snapshotHash } from '../../src/server/modules/evaluation/evaluation.service';

const N = Number(process.argv[2] ?? 100_000);
const t0 = performance.now();
const facts = syntheticFacts(N);
const built = performance.now() - t0;

// Warm-up: one unmeasured pass over everything (JIT, and the heap settled after building the facts).
const versions = JSON.stringify(modelVersions(DEFAULT_MODELS));
for (const f of facts) {
  const s = factsSnapshot(f);
  snapshotHash(s, versions);
  for (const r of evaluateEnterpriseYear(f, DEFAULT_MODELS)) storedResultText(r.result, s);
}

// CPU time of this process (user + system), which is what "seconds of compute" means on a shared machine.
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const t1 = performance.now();
const c1 = process.cpuUsage();
let eligible = 0;
for (const f of facts) if (evaluateEnterpriseYear(f, DEFAULT_MODELS)[0]!.eligible === true) eligible++;
const pureCpu = cpuMs(process.cpuUsage(c1));
const pure = performance.now() - t1;

const t2 = performance.now();
const c2 = process.cpuUsage();
let stored = 0;
for (const f of facts) {
  const snapshot = factsSnapshot(f);
  snapshotHash(snapshot, versions);
  for (const r of evaluateEnterpriseYear(f, DEFAULT_MODELS)) stored += storedResultText(r.result, snapshot).length;
}
const nightlyCpu = cpuMs(process.cpuUsage(c2));
const nightly = performance.now() - t2;

const load = loadavg().map((x) => x.toFixed(2)).join(' ');
const perEnterprise = (ms: number) => `${((ms * 1000) / N).toFixed(1)} µs CPU per enterprise`;
console.log(`enterprise evaluations, ${N.toLocaleString('en-US')} enterprises × 5 kinds (built facts in ${(built / 1000).toFixed(2)} s; ${eligible} tech SMEs eligible)`);
console.log(`  evaluations (compact results):        CPU ${(pureCpu / 1000).toFixed(2)} s, wall ${(pure / 1000).toFixed(2)} s  (${perEnterprise(pureCpu)})`);
console.log(`  nightly compute (+ snapshot, hash, stored texts): CPU ${(nightlyCpu / 1000).toFixed(2)} s, wall ${(nightly / 1000).toFixed(2)} s  (${perEnterprise(nightlyCpu)}; ${(stored / N / 1024).toFixed(1)} KiB stored per enterprise)`);
console.log(`  target: under 5 s of compute — ${nightlyCpu < 5000 ? 'met' : 'NOT met'} (CPU time); load average ${load}`);
