import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

// `kcjr evaluate …` in-process. tech-sme needs no database; `run` opens PGlite on disk (slow first start).
const SLOW = 120_000;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcjr-eval-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function kcjr(argv: string[], stdin = '') {
  return runCli(argv, { env: { KCJR_DATA_DIR: dataDir }, stdin });
}

const input = {
  employees: 200, techStaff: 40, salesRevenue: 50_000_000, totalAssets: 60_000_000, rdExpense: 1_500_000, totalCost: 45_000_000,
  ip: { classI: 0, classII: 3 }, residentEnterprise: true, prohibitedIndustry: false, seriousViolation: false,
  direct: { hnteValid: false, nationalAwardTop3: false, provincialRdInstitution: false, ledStandard: false },
};

describe('kcjr evaluate tech-sme', () => {
  it('reads a file and prints exactly the contract', async () => {
    const file = path.join(dataDir, 'one.json');
    fs.writeFileSync(file, JSON.stringify(input));
    const r = await kcjr(['evaluate', 'tech-sme', '--input', file]);
    expect(r.code).toBe(0);
    // 20 % tech staff → 12; R&D 3 % of revenue → 20, 3.3 % of cost → 0; three class II → 18: 50 < 60
    expect(JSON.parse(r.out)).toEqual({ eligible: false, path: 'none', score: 50, breakdown: { techStaff: 12, rd: 20, ip: 18 }, reasons: expect.any(Array) });
  });
  it('an array from stdin gives an array', async () => {
    const r = await kcjr(['evaluate', 'tech-sme', '--input', '-'], JSON.stringify([input, { ...input, direct: { ...input.direct, hnteValid: true } }]));
    expect(JSON.parse(r.out).map((o: { path: string }) => o.path)).toEqual(['none', 'direct']);
  });
  it('bad input: exit 2 naming the field', async () => {
    const r = await kcjr(['evaluate', 'tech-sme', '--input', '-'], JSON.stringify({ ...input, totalAssets: -5 }));
    expect(r.code).toBe(2);
    expect(r.err).toContain('totalAssets: must not be negative');
    expect(r.out).toBe('');
    const missing = await kcjr(['evaluate', 'tech-sme', '--input', path.join(dataDir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--input');
  });
});

describe('kcjr evaluate run', () => {
  it('evaluates the (empty) registry and reports; a bad year is exit 2', async () => {
    const r = await kcjr(['evaluate', 'run', '--year', '2025', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ year: 2025, enterprises: 0, changed: 0 });
    expect((await kcjr(['evaluate', 'run', '--year', '25'])).code).toBe(2);
  }, SLOW);
});
