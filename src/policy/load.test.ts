// Loader validation: each broken fixture directory must refuse to load with a named issue.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PolicyLoadError } from './errors';
import { DEFAULT_POLICIES_DIR, loadPolicies } from './load';

const dirs: string[] = [];
function fixture(edit: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'kcjr-policies-'));
  dirs.push(dir);
  cpSync(DEFAULT_POLICIES_DIR, dir, { recursive: true, filter: (src) => !src.endsWith('.test.ts') });
  edit(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function loadIssues(dir: string): string[] {
  try {
    loadPolicies(dir);
  } catch (e) {
    if (e instanceof PolicyLoadError) return e.issues.map((i) => `${i.file} ${i.path}: ${i.message}`);
    throw e;
  }
  return [];
}

const edit = (file: string, from: string, to: string) => (dir: string) => {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`fixture: ${from} not in ${file}`);
  writeFileSync(path, text.replace(from, to));
};

describe('loading policies/', () => {
  it('loads the repository data', () => {
    const { ruleset, cases } = loadPolicies();
    expect(ruleset.measures.size).toBe(41);
    expect(cases.length).toBeGreaterThan(100);
    expect(ruleset.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it.each([
    ['an unknown field in a measure', edit('YP2025/measures/YP2025-8.2.yaml', 'kind: computed', 'kind: computed\nmaxAmount: 5'), /YP2025-8.2.yaml.*unknown field\(s\) maxAmount/],
    ['an unknown field in a dated value', edit('YP2025/measures/YP2025-8.2.yaml', 'value: 0.5,', 'value: 0.5, note: x,'), /unknown field\(s\) note/],
    ['a group without a rule', edit('groups.yaml', '    rule: highest-after-item-caps\n', ''), /group ip-financing overlaps measures .* without a non-duplication rule/],
    ['a measure in two groups', edit('groups.yaml', 'measures: [YP2025-15.1,', 'measures: [YP2025-8.2, YP2025-15.1,'), /YP2025-8.2 is in groups ip-financing and listing/],
    ['a measure with no test case', (d: string) => rmSync(join(d, 'HK2017/cases'), { recursive: true }), /measure HK2017-438 has no test case/],
    ['a formula naming an undeclared fact', edit('YP2025/measures/YP2025-3.yaml', 'base: [investmentAmount]', 'base: [invested]'), /unknown fact invested/],
    ['dated values out of order', edit('YP2025/measures/YP2025-3.yaml', '- { from: 2025-03-21, value: 0.05', '- { from: 2025-06-01, value: 0.06, clause: x }\n      - { from: 2025-03-21, value: 0.05'), /ascending order/],
    ['a computed measure with an unset parameter', edit('YP2025/measures/YP2025-3.yaml', '- { from: 2025-03-21, value: 0.05, clause: "第3条 按照实际投资额的5%" }', '[]'), /computed measure has a parameter without a value: declare it needs-parameters/],
  ])('refuses %s', (_name, change, pattern) => {
    const issues = loadIssues(fixture(change));
    expect(issues.some((i) => pattern.test(i)), issues.join('\n')).toBe(true);
  });
});
