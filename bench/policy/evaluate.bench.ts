// Policy engine throughput: 1,000,000 claims spread over every computed measure, in
// batches, through evaluateBatch (validation, trace, explanation and inputHash included),
// then the same claims through json-rules-engine with equivalent rules, in the same run.
//   npx tsx bench/policy/evaluate.bench.ts [claims] [baselineClaims]
import { evaluateBatch } from '../../src/policy/evaluate';
import { loadRuleset } from '../../src/policy/load';
import { buildBaseline, runBaseline } from './baseline';
import { makeRequests, SPECS } from './claims';

const CLAIMS = Number(process.argv[2] ?? 1_000_000);
const BASELINE_CLAIMS = Number(process.argv[3] ?? CLAIMS);
const PER_REQUEST = 10;
const BATCH = 50_000; // claims generated at a time, so memory stays flat
const SLICE = 10; // requests per evaluateBatch call

const ruleset = loadRuleset();
const computed = [...ruleset.measures.values()].filter((m) => m.source.kind === 'computed').map((m) => m.id);
const missing = computed.filter((id) => !SPECS.some((s) => s.measure === id));
if (missing.length) throw new Error(`bench does not cover computed measures: ${missing.join(', ')}`);

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

// Warm up both paths so JIT compilation is not measured.
evaluateBatch(ruleset, makeRequests(0, 20_000, PER_REQUEST));
const engine = buildBaseline(ruleset, computed);
for (const r of makeRequests(0, 2_000, PER_REQUEST)) await runBaseline(engine, r);

let ours = 0;
let oursTotal = 0;
let granted = 0;
let bad = 0;
for (let from = 0; from < CLAIMS; from += BATCH) {
  const requests = makeRequests(from, Math.min(BATCH, CLAIMS - from), PER_REQUEST);
  const t0 = process.hrtime.bigint();
  // Like a scan consuming results as it goes: small slices, each tallied and dropped.
  for (let i = 0; i < requests.length; i += SLICE) {
    for (const o of evaluateBatch(ruleset, requests.slice(i, i + SLICE))) {
      if (!o.ok) bad++;
      else {
        oursTotal += o.response.total;
        for (const r of o.response.results) if (r.status === 'granted') granted++;
      }
    }
  }
  ours += Number(process.hrtime.bigint() - t0) / 1e9;
}
if (bad) throw new Error(`${bad} synthetic requests were rejected`);

let theirs = 0;
let theirsTotal = 0;
for (let from = 0; from < BASELINE_CLAIMS; from += BATCH) {
  const requests = makeRequests(from, Math.min(BATCH, BASELINE_CLAIMS - from), PER_REQUEST);
  const t0 = process.hrtime.bigint();
  for (const r of requests) theirsTotal += await runBaseline(engine, r);
  theirs += Number(process.hrtime.bigint() - t0) / 1e9;
}

const oursRate = CLAIMS / ours;
const theirsRate = BASELINE_CLAIMS / theirs;
console.log(`measures: ${computed.length} computed (${computed.join(', ')})`);
console.log(`kcjr policy engine: ${fmt(CLAIMS)} claims in ${ours.toFixed(2)} s = ${fmt(oursRate)} claims/s (${fmt(granted)} granted, total ${fmt(oursTotal)} yuan)`);
console.log(`json-rules-engine:  ${fmt(BASELINE_CLAIMS)} claims in ${theirs.toFixed(2)} s = ${fmt(theirsRate)} claims/s (total ${fmt(theirsTotal)} yuan)`);
console.log(`ratio: ${(oursRate / theirsRate).toFixed(1)}x faster`);
console.log(`heap used at end: ${fmt(process.memoryUsage().heapUsed / 1e6)} MB`);
