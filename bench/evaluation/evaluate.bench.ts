// All enterprise evaluations over the registry (issue #6): target under 5 s of compute for 100,000 enterprises.
//   nice npx tsx bench/evaluation/evaluate.bench.ts [enterprises]
// Builds N enterprise-years of synthetic registry facts in memory (deterministic), then times (1) the five pure
// evaluations per enterprise (evaluateEnterpriseYear: tech SME, HNTE, innovation points, lifecycle, listing) and
// (2) the same plus the input hash the nightly run computes to find what changed — the compute of a run, without
// the database reads and writes. Prints both and the machine load.
import { loadavg } from 'node:os';
import { DEFAULT_MODELS, evaluateEnterpriseYear, type EnterpriseYearFacts } from '../../src/evaluation';
import { makeFacts } from '../../src/evaluation/test-facts';
import { inputHash, modelVersions } from '../../src/server/modules/evaluation/evaluation.service';

const N = Number(process.argv[2] ?? 100_000);
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const ROUNDS = ['angel', 'pre_a', 'a', 'b', 'c'];

function enterprise(i: number): EnterpriseYearFacts {
  const scale = 1e6 * (0.5 + rnd() * 400);
  const employees = 10 + Math.floor(rnd() * 600);
  const years: Record<number, Record<string, number | null>> = {};
  for (const [k, y] of [2023, 2024, 2025].entries()) {
    const revenue = Math.round(scale * (0.7 + 0.15 * k));
    years[y] = {
      revenue, rdExpense: Math.round(revenue * (0.02 + rnd() * 0.15)), totalCost: Math.round(revenue * (0.7 + rnd() * 0.4)),
      netProfit: Math.round(revenue * (rnd() * 0.3 - 0.1)), totalAssets: Math.round(revenue * (1 + rnd())), totalLiabilities: Math.round(revenue * rnd() * 0.6),
      employees, rdStaff: Math.floor(employees * rnd() * 0.4), techStaff: rnd() < 0.7 ? Math.floor(employees * rnd() * 0.5) : null,
      highTechProductRevenue: Math.round(revenue * rnd()), rdExpenseDomestic: rnd() < 0.5 ? Math.round(revenue * 0.05) : null,
      operatingCashFlow: rnd() < 0.5 ? Math.round(revenue * (rnd() * 0.2 - 0.05)) : null, weightedRoeBp: rnd() < 0.3 ? Math.floor(rnd() * 2000) : null,
      shareCapital: rnd() < 0.3 ? Math.round(scale * 0.2) : null,
    };
  }
  const rounds = ROUNDS.slice(0, Math.floor(rnd() * 5)).map((round, k) => ({ round, date: `${2018 + k}-06-01`, amount: scale * (k + 1), postMoney: rnd() < 0.8 ? scale * (k + 1) * 8 : null }));
  return {
    ...makeFacts({
      year: 2025, foundedOn: `${2005 + (i % 19)}-0${1 + (i % 9)}-15`, sector: ['数字经济', '人工智能', '生命健康', '绿色低碳', '智能制造'][i % 5]!,
      years, rounds, ip: { invention_patent: Math.floor(rnd() * 12), utility_model: Math.floor(rnd() * 8), software_copyright: Math.floor(rnd() * 10) },
      certifications: rnd() < 0.3 ? ['高新技术企业'] : [],
      extras: { residentEnterprise: true, prohibitedIndustry: false, seriousViolation: rnd() < 0.02, provincialRdInstitution: rnd() < 0.1 ? true : null },
    }),
    enterpriseId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  };
}

const t0 = performance.now();
const facts = Array.from({ length: N }, (_, i) => enterprise(i));
const built = performance.now() - t0;

// Warm-up (JIT) on a slice, then the measured passes.
for (let i = 0; i < Math.min(2000, N); i++) evaluateEnterpriseYear(facts[i]!, DEFAULT_MODELS);

// CPU time of this process (user + system), which is what "seconds of compute" means on a shared machine; wall
// time is printed too.
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const t1 = performance.now();
const c1 = process.cpuUsage();
let eligible = 0;
for (const f of facts) if (evaluateEnterpriseYear(f, DEFAULT_MODELS)[0]!.eligible === true) eligible++;
const pureCpu = cpuMs(process.cpuUsage(c1));
const pure = performance.now() - t1;

const versions = JSON.stringify(modelVersions(DEFAULT_MODELS));
const t2 = performance.now();
const c2 = process.cpuUsage();
for (const f of facts) {
  inputHash(f, versions);
  evaluateEnterpriseYear(f, DEFAULT_MODELS);
}
const withHashCpu = cpuMs(process.cpuUsage(c2));
const withHash = performance.now() - t2;

const load = loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`enterprise evaluations, ${N.toLocaleString('en-US')} enterprises × 5 kinds (built facts in ${(built / 1000).toFixed(2)} s; ${eligible} tech SMEs eligible)`);
console.log(`  pure evaluations:           CPU ${(pureCpu / 1000).toFixed(2)} s, wall ${(pure / 1000).toFixed(2)} s  (${((pureCpu * 1000) / N).toFixed(1)} µs CPU per enterprise)`);
console.log(`  evaluations + input hash:   CPU ${(withHashCpu / 1000).toFixed(2)} s, wall ${(withHash / 1000).toFixed(2)} s  (the compute of a nightly run)`);
console.log(`  target: under 5 s of compute — ${withHashCpu < 5000 ? 'met' : 'NOT met'} (CPU time); load average ${load}`);
