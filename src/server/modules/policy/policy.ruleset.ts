import { loadRuleset, withParameters, type ParameterSetting, type Ruleset } from '../../../policy';
import type { Database } from '../../db/connect';
import { approvedParameterValues, parameterStateToken } from './policy.repository';

// The ruleset = policies/ data + officer-approved 细则 values from the database. Compiling is done once per
// parameter state; every call still reads the database's state token (one indexed row), so a value approved
// on one app server is used by all of them from the next request on. The cache is only a cache.

let base: Ruleset | undefined;
const compiled = new Map<string, Ruleset>();
const MAX_CACHED = 16;

/** policies/ as shipped, without officer values (loaded once per process; the files do not change at run time). */
export function baseRuleset(): Ruleset {
  base ??= loadRuleset();
  return base;
}

export function toSetting(row: { key: string; value: string; effective_from: string; reference: string }): ParameterSetting {
  return { key: row.key, value: row.value, effectiveFrom: row.effective_from, reference: row.reference };
}

export async function currentRuleset(db: Database): Promise<Ruleset> {
  const { token } = await parameterStateToken(db);
  const hit = compiled.get(token);
  if (hit) return hit;
  const rows = await approvedParameterValues(db);
  const ruleset = rows.length ? withParameters(baseRuleset(), rows.map(toSetting)) : baseRuleset();
  if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
  compiled.set(token, ruleset);
  return ruleset;
}
