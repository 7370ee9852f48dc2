// Canonical JSON (sorted keys, no whitespace) and its sha256: the catalog's inputHash
// and the rulesetVersion. Hashing is computation, not I/O, so it stays in the engine.
// Native JSON.stringify with a replacer that sorts keys only where they are out of order:
// it runs once per request on the 免申即享 batch path, so it must be cheap.
import { createHash } from 'node:crypto';

function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  let sorted = true;
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      sorted = false;
      break;
    }
  }
  if (sorted) return obj;
  const out: Record<string, unknown> = {};
  for (const k of keys.sort()) out[k] = obj[k];
  return out;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, sortKeys) ?? 'null';
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
