// The JSON contract of `kcjr evaluate tech-sme --input FILE.json` (issue #6): strict parsing that names the
// first bad field, and the exact output shape. Pure: the CLI reads the file and prints what this returns.
import { evaluateTechSme, type TechSmeInput } from './tech-sme';

export class InputError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

const TOP = ['employees', 'techStaff', 'salesRevenue', 'totalAssets', 'rdExpense', 'totalCost', 'ip', 'residentEnterprise', 'prohibitedIndustry', 'seriousViolation', 'direct'] as const;
const DIRECT = ['hnteValid', 'nationalAwardTop3', 'provincialRdInstitution', 'ledStandard'] as const;
const MAX_YUAN = 1_000_000_000_000;

function object(v: unknown, field: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new InputError(field || '(root)', 'must be a JSON object');
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!keys.includes(k)) throw new InputError(join(field, k), 'unknown field');
  for (const k of keys) if (!(k in o)) throw new InputError(join(field, k), 'is required');
  return o;
}
const join = (a: string, b: string) => (a ? `${a}.${b}` : b);

function count(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 10_000_000) throw new InputError(field, 'must be a whole number ≥ 0');
  return v;
}
function fen(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(field, 'must be an amount in yuan (a JSON number)');
  if (v < 0) throw new InputError(field, 'must not be negative');
  if (v > MAX_YUAN) throw new InputError(field, `must not exceed ${MAX_YUAN} yuan`);
  const k = Math.round(v * 100);
  if (k / 100 !== v) throw new InputError(field, 'must have at most 2 decimals (fen)');
  return k;
}
function bool(v: unknown, field: string): boolean {
  if (typeof v !== 'boolean') throw new InputError(field, 'must be true or false');
  return v;
}

export function parseTechSmeInput(v: unknown, prefix = ''): TechSmeInput {
  const o = object(v, prefix, TOP);
  const f = (k: string) => join(prefix, k);
  const ip = object(o.ip, f('ip'), ['classI', 'classII']);
  const direct = object(o.direct, f('direct'), DIRECT);
  const employees = count(o.employees, f('employees'));
  const techStaff = count(o.techStaff, f('techStaff'));
  if (techStaff > employees) throw new InputError(f('techStaff'), `must not exceed employees (${employees})`);
  return {
    employees,
    techStaff,
    salesRevenue: fen(o.salesRevenue, f('salesRevenue')),
    totalAssets: fen(o.totalAssets, f('totalAssets')),
    rdExpense: fen(o.rdExpense, f('rdExpense')),
    totalCost: fen(o.totalCost, f('totalCost')),
    ip: { classI: count(ip.classI, f('ip.classI')), classII: count(ip.classII, f('ip.classII')) },
    residentEnterprise: bool(o.residentEnterprise, f('residentEnterprise')),
    prohibitedIndustry: bool(o.prohibitedIndustry, f('prohibitedIndustry')),
    seriousViolation: bool(o.seriousViolation, f('seriousViolation')),
    direct: {
      hnteValid: bool(direct.hnteValid, f('direct.hnteValid')),
      nationalAwardTop3: bool(direct.nationalAwardTop3, f('direct.nationalAwardTop3')),
      provincialRdInstitution: bool(direct.provincialRdInstitution, f('direct.provincialRdInstitution')),
      ledStandard: bool(direct.ledStandard, f('direct.ledStandard')),
    },
  };
}

export interface TechSmeOutput {
  eligible: boolean;
  path: 'score' | 'direct' | 'none';
  score: number;
  breakdown: { techStaff: number; rd: number; ip: number };
  reasons: string[];
}

/** Evaluates complete input (every fact known), in the contract's key order. */
export function techSmeOutput(input: TechSmeInput): TechSmeOutput {
  const r = evaluateTechSme(input);
  return {
    eligible: r.eligible === true,
    path: r.path,
    score: r.score,
    breakdown: { techStaff: r.breakdown.techStaff ?? 0, rd: r.breakdown.rd ?? 0, ip: r.breakdown.ip ?? 0 },
    reasons: r.reasons,
  };
}

/** The whole CLI contract: text in → { stdout, stderr, exitCode }. */
export function runTechSmeCli(text: string): { stdout: string; stderr: string; exitCode: number } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { stdout: '', stderr: `kcjr: --input: not valid JSON: ${(e as Error).message}\n`, exitCode: 2 };
  }
  try {
    const out = Array.isArray(json) ? json.map((item, i) => techSmeOutput(parseTechSmeInput(item, `[${i}]`))) : techSmeOutput(parseTechSmeInput(json));
    return { stdout: `${JSON.stringify(out)}\n`, stderr: '', exitCode: 0 };
  } catch (e) {
    if (e instanceof InputError) return { stdout: '', stderr: `kcjr: ${e.message}\n`, exitCode: 2 };
    throw e;
  }
}
