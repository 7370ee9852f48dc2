// Officer-approved 细则 values from outside (the server stores them with effective dates
// and audit rows). Applying them compiles a new ruleset with a new version; the input
// ruleset is left untouched.
import { compileRuleset, type Ruleset } from './compile';
import { isIsoDate } from './dates';
import { PolicyInputError } from './errors';
import { checkParameterValue } from './input';
import type { InputIssue, ParameterSetting } from './types';

export function withParameters(ruleset: Ruleset, settings: readonly ParameterSetting[]): Ruleset {
  const issues: InputIssue[] = [];
  settings.forEach((s, i) => {
    const at = `parameters[${i}]`;
    const p = ruleset.parameters.get(s.key);
    if (!p) issues.push({ path: `${at}.key`, message: `unknown parameter ${JSON.stringify(s.key)}` });
    else {
      const message = checkParameterValue(p.unit, s.value);
      if (message) issues.push({ path: `${at}.value`, message: `${s.key} ${message}` });
    }
    if (!isIsoDate(s.effectiveFrom)) issues.push({ path: `${at}.effectiveFrom`, message: 'must be a calendar date YYYY-MM-DD' });
    if (typeof s.reference !== 'string' || s.reference.trim() === '') issues.push({ path: `${at}.reference`, message: 'every value cites its reference (the 细则 and clause)' });
  });
  if (issues.length) throw new PolicyInputError(issues);
  const clean = settings.map((s) => ({ key: s.key, value: s.value, effectiveFrom: s.effectiveFrom, reference: s.reference }));
  return compileRuleset({ ...ruleset.source, settings: [...ruleset.source.settings, ...clean] });
}
