// Reads policies/ from disk (the only file I/O of the policy engine) and refuses to load
// invalid data: unknown fields, groups overlapping without a rule, a measure without a
// test case. Layout: docs/policy-engine.md.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'zod';
import { caseMeasures, type LoadedCase } from './cases';
import { compileRuleset, type Ruleset, type RulesetSource } from './compile';
import { PolicyLoadError, type LoadIssue } from './errors';
import { caseFileSchema, documentSchema, groupsFileSchema, measureSchema, type DocumentSource, type GroupSource, type MeasureSource } from './schema';

/** The repository's policies/ directory. */
export const DEFAULT_POLICIES_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../policies');

export interface LoadedPolicies {
  ruleset: Ruleset;
  cases: LoadedCase[];
}

const yamlFiles = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort().map((f) => join(dir, f)) : [];

export function loadPolicies(dir: string = DEFAULT_POLICIES_DIR): LoadedPolicies {
  const issues: LoadIssue[] = [];
  const rel = (f: string) => relative(dir, f);
  const read = <S extends z.ZodType>(file: string, schema: S): z.infer<S> | undefined => {
    let raw: unknown;
    try {
      raw = parse(readFileSync(file, 'utf8'));
    } catch (e) {
      issues.push({ file: rel(file), path: '', message: `not valid YAML: ${(e as Error).message}` });
      return undefined;
    }
    const r = schema.safeParse(raw);
    if (r.success) return r.data;
    for (const i of r.error.issues) {
      const path = i.path.map(String).join('.');
      const message = i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.join(', ')}` : i.message;
      issues.push({ file: rel(file), path, message });
    }
    return undefined;
  };

  const documents: DocumentSource[] = [];
  const measures: MeasureSource[] = [];
  const caseFiles: string[] = yamlFiles(join(dir, 'cases'));
  for (const name of readdirSync(dir).sort()) {
    const sub = join(dir, name);
    if (!statSync(sub).isDirectory() || !existsSync(join(sub, 'document.yaml'))) continue;
    const doc = read(join(sub, 'document.yaml'), documentSchema);
    if (doc) documents.push(doc);
    for (const f of yamlFiles(join(sub, 'measures'))) {
      const m = read(f, measureSchema);
      if (m) measures.push(m);
    }
    caseFiles.push(...yamlFiles(join(sub, 'cases')));
  }
  let groups: GroupSource[] = [];
  const groupsFile = join(dir, 'groups.yaml');
  if (existsSync(groupsFile)) groups = read(groupsFile, groupsFileSchema)?.groups ?? [];

  const cases: LoadedCase[] = [];
  const names = new Set<string>();
  for (const f of caseFiles) {
    const file = read(f, caseFileSchema);
    if (!file) continue;
    for (const c of file.cases) {
      if (names.has(c.name)) issues.push({ file: rel(f), path: c.name, message: 'case names must be unique (each is a test name)' });
      names.add(c.name);
      cases.push({ ...c, file: rel(f), fileMeasure: file.measure, fileBeneficiary: file.beneficiary });
    }
  }
  const tested = new Set(cases.flatMap(caseMeasures));
  for (const m of measures) {
    if (!tested.has(m.id)) issues.push({ file: m.id, path: '', message: `measure ${m.id} has no test case` });
  }
  if (issues.length) throw new PolicyLoadError(issues);

  const source: RulesetSource = { documents, measures, groups, settings: [] };
  return { ruleset: compileRuleset(source), cases };
}

export function loadRuleset(dir: string = DEFAULT_POLICIES_DIR): Ruleset {
  return loadPolicies(dir).ruleset;
}
