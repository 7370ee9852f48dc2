// Policy engine throughput: 1,000,000 claims spread over every computed measure, in
// batches, through evaluateBatch (validation, full trace and inputHash included), and the
// same claims through json-rules-engine with equivalent rules, in the same run.
//   npx tsx bench/policy/evaluate.bench.ts [claims] [baselineClaims]
// json-rules-engine is slow, so with baselineClaims < claims it runs on an even sample:
// the first requests of every batch, right after ours ran on that batch — the two are
// interleaved over the whole run, so a machine shared with other builds loads both alike.
import { evaluateBatch } from '../../src/policy/evaluate';
import { loadRuleset } from '../../src/policy/load';
import { buildBaseline, runBaseline } from './baseline';
import { makeRequests, SPECS } from './claims';

const CLAIMS = Number(process.argv[2] ?? 1_000_000);
const BASELINE_CLAIMS = Math.min(CLAIMS, Number(process.argv[3] ?? CLAIMS));
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
let theirs = 0;
let theirsTotal = 0;
let theirsClaims = 0;
let compared = 0;
let agreeing = 0;
let maxDiff = 0;
for (let from = 0; from < CLAIMS; from += BATCH) {
  const count = Math.min(BATCH, CLAIMS - from);
  const requests = makeRequests(from, count, PER_REQUEST);
  const totals = new Float64Array(requests.length);
  let t0 = process.hrtime.bigint();
  // Like a scan consuming results as it goes: small slices, each tallied and dropped.
  for (let i = 0; i < requests.length; i += SLICE) {
    const items = evaluateBatch(ruleset, requests.slice(i, i + SLICE));
    for (let j = 0; j < items.length; j++) {
      const o = items[j]!;
      if (!o.ok) bad++;
      else {
        totals[i + j] = o.response.total;
        oursTotal += o.response.total;
        for (const r of o.response.results) if (r.status === 'granted') granted++;
      }
    }
  }
  ours += Number(process.hrtime.bigint() - t0) / 1e9;

  // The baseline's share of this batch, so it ends with BASELINE_CLAIMS claims in all.
  const share = Math.round(((from + count) * BASELINE_CLAIMS) / CLAIMS) - theirsClaims;
  const sample = requests.slice(0, Math.ceil(share / PER_REQUEST));
  const sampleTotals = new Float64Array(sample.length);
  t0 = process.hrtime.bigint();
  for (let i = 0; i < sample.length; i++) sampleTotals[i] = await runBaseline(engine, sample[i]!);
  theirs += Number(process.hrtime.bigint() - t0) / 1e9;
  for (let i = 0; i < sample.length; i++) {
    theirsClaims += sample[i]!.claims.length;
    theirsTotal += sampleTotals[i]!;
    const diff = Math.abs(sampleTotals[i]! - totals[i]!);
    compared++;
    if (diff < 0.005) agreeing++;
    maxDiff = Math.max(maxDiff, diff);
  }
}
if (bad) throw new Error(`${bad} synthetic requests were rejected`);

const oursRate = CLAIMS / ours;
const theirsRate = theirsClaims / theirs;
console.log(`measures: ${computed.length} computed (${computed.join(', ')})`);
console.log(`kcjr policy engine: ${fmt(CLAIMS)} claims in ${ours.toFixed(2)} s = ${fmt(oursRate)} claims/s (${fmt(granted)} granted, total ${fmt(oursTotal)} yuan)`);
console.log(`json-rules-engine:  ${fmt(theirsClaims)} claims${theirsClaims < CLAIMS ? ` (an even sample of the ${fmt(CLAIMS)})` : ''} in ${theirs.toFixed(2)} s = ${fmt(theirsRate)} claims/s (total ${fmt(theirsTotal)} yuan)`);
console.log(`baseline agrees with ours on ${fmt(agreeing)} of ${fmt(compared)} request totals; the rest differ by its float rounding, at most ${maxDiff.toFixed(2)} yuan`);
console.log(`ratio: ${(oursRate / theirsRate).toFixed(1)}x faster`);
console.log(`heap used at end: ${fmt(process.memoryUsage().heapUsed / 1e6)} MB`);
