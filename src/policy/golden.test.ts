// Pins the engine's output byte for byte: JSON.stringify of every response (reasons and
// trace included), the zh/en explanations the server and web render, and the input issues
// of rejected requests, over ~1,100 requests built from every YAML case (all 41 measures)
// with money, date, registration and history variations, the same again on a ruleset whose
// open 细则 parameters an officer has set, and the benchmark's synthetic requests. The
// fixture was recorded with the engine before the throughput work (issue #3); a
// performance change must leave it untouched. Re-record only for an intended change:
//   KCJR_RECORD_GOLDEN=1 npx vitest run --project unit src/policy/golden.test.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { makeRequests } from '../../bench/policy/claims';
import { caseRequest } from './cases';
import type { Ruleset } from './compile';
import { addDays } from './dates';
import { PolicyInputError } from './errors';
import { evaluate, evaluateBatch } from './evaluate';
import { explainResponse, explainResult, explainTrace } from './explain';
import { loadPolicies } from './load';
import { withParameters } from './parameters';

const FIXTURE = new URL('./golden.fixture.jsonl.gz', import.meta.url);
const { ruleset, cases } = loadPolicies();

/** Every open 细则 parameter set by an officer, so the needs-parameters measures compute too. */
function officerRuleset(): Ruleset {
  const open = [...ruleset.parameters.values()].filter((p) => p.values.length === 0);
  const value = (unit: string) => (unit === 'rate' ? 0.35 : unit === 'yuan' ? 150000.5 : 3);
  return withParameters(ruleset, open.map((p) => ({ key: p.key, value: value(p.unit), effectiveFrom: '2024-01-01', reference: `细则 ${p.key}` })));
}

/** A case's request with money scaled, dates shifted and beneficiary/history varied. */
function variant(req: Record<string, unknown>, k: number): Record<string, unknown> {
  const mult = [0.37, 1.9, 13][k]!;
  const shift = [-400, 45, 300][k]!;
  const claims = (req.claims as Array<Record<string, unknown>>).map((c): Record<string, unknown> => {
    const m = ruleset.measures.get(String(c.measure));
    const facts: Record<string, unknown> = {};
    for (const [name, v] of Object.entries((c.facts ?? {}) as Record<string, unknown>)) {
      const type = m?.source.facts[name]?.type;
      facts[name] = type === 'money' && typeof v === 'number' ? Math.round(v * mult * 100) / 100 : type === 'date' && typeof v === 'string' && k === 2 ? addDays(v, -200) : v;
    }
    const eventDate = typeof c.eventDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(c.eventDate) ? addDays(c.eventDate, shift) : c.eventDate;
    return { ...c, eventDate, facts };
  });
  const beneficiary = { ...(req.beneficiary as Record<string, unknown>) };
  if (k === 1) beneficiary.registeredInYangpu = !beneficiary.registeredInYangpu;
  const first = claims[0];
  const granted = k === 2 && first ? [...((req.granted as unknown[]) ?? []), { measure: first.measure, year: Number(String(first.eventDate).slice(0, 4)), amount: 12345.67, matter: first.matter }] : req.granted;
  return { ...req, beneficiary, claims, ...(granted ? { granted } : {}) };
}

function record(rs: Ruleset, request: unknown): string[] {
  try {
    const res = evaluate(rs, request);
    const lines = [JSON.stringify(res)];
    for (const r of res.results) lines.push(JSON.stringify([explainResult(r, 'en'), explainTrace(r, 'zh'), explainTrace(r, 'en')]));
    lines.push(JSON.stringify(explainResponse(res, 'en')));
    return lines;
  } catch (e) {
    if (e instanceof PolicyInputError) return [JSON.stringify({ issues: e.issues })];
    throw e;
  }
}

function outputs(): string[] {
  const requests = cases.flatMap((c) => {
    const req = caseRequest(c);
    return [req, variant(req, 0), variant(req, 1), variant(req, 2)];
  });
  const officer = officerRuleset();
  const lines: string[] = [];
  for (const [i, req] of requests.entries()) lines.push(`# case request ${i}`, ...record(ruleset, req));
  for (const [i, req] of requests.entries()) if (i % 2 === 0) lines.push(`# officer request ${i}`, ...record(officer, req));
  // The benchmark's requests through evaluateBatch (the 免申即享 path), 2,500 claims.
  for (const [i, item] of evaluateBatch(ruleset, makeRequests(0, 2_500, 10)).entries()) lines.push(`# batch ${i}`, JSON.stringify(item));
  return lines;
}

describe('byte-identical output', () => {
  it('every response, explanation and input issue matches the recorded fixture', () => {
    const got = outputs();
    if (process.env.KCJR_RECORD_GOLDEN) writeFileSync(FIXTURE, gzipSync(`${got.join('\n')}\n`, { level: 9 }));
    const want = gunzipSync(readFileSync(FIXTURE)).toString('utf8').split('\n').slice(0, -1);
    expect(got.length).toBe(want.length);
    // Compare line by line so a failure names the request instead of dumping megabytes.
    let label = '';
    for (let i = 0; i < want.length; i++) {
      if (want[i]!.startsWith('# ')) label = want[i]!;
      if (got[i] !== want[i]) expect({ at: label, line: got[i] }).toEqual({ at: label, line: want[i] });
    }
  });
});
