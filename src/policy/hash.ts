// Canonical JSON (sorted keys, no whitespace) and its sha256: the catalog's inputHash
// and the rulesetVersion. Hashing is computation, not I/O, so it stays in the engine.
// It runs once per request on the 免申即享 batch path, so plain data (what a validated
// request is) is written by a direct walk; anything JSON.stringify treats specially
// (toJSON, boxed values, class instances, integer-like keys, very deep nesting) goes
// through JSON.stringify with a key-sorting replacer, which defines the output.
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

/** Marks a value the direct walk leaves to JSON.stringify. */
const SPECIAL = Symbol('special');

/** JSON string literal; most strings here (ids, dates, codes) need no escaping. */
function quote(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
  }
  return `"${s}"`;
}

const QUOTED = new Map<string, string>();
function quoteKey(k: string): string {
  let q = QUOTED.get(k);
  if (q === undefined) {
    q = JSON.stringify(k);
    if (QUOTED.size < 10_000) QUOTED.set(k, q);
  }
  return q;
}

/** JSON text of plain data, keys sorted; undefined where JSON omits the value; SPECIAL to bail. */
function write(v: unknown, depth: number): string | undefined | typeof SPECIAL {
  switch (typeof v) {
    case 'string':
      return quote(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object':
      break;
    default:
      return SPECIAL; // bigint: JSON.stringify throws, let it
  }
  if (v === null) return 'null';
  if (depth > 64) return SPECIAL;
  const proto = Object.getPrototypeOf(v);
  if (proto === Array.prototype) {
    const a = v as unknown[];
    let out = '[';
    for (let i = 0; i < a.length; i++) {
      const x = write(a[i], depth + 1);
      if (x === SPECIAL) return SPECIAL;
      out += (i ? ',' : '') + (x ?? 'null');
    }
    return `${out}]`;
  }
  if (proto !== Object.prototype && proto !== null) return SPECIAL;
  const obj = v as Record<string, unknown>;
  if (typeof obj.toJSON === 'function') return SPECIAL;
  const keys = Object.keys(obj);
  for (let i = 0; i < keys.length; i++) {
    const c = keys[i]!.charCodeAt(0);
    if (c >= 48 && c <= 57) return SPECIAL; // integer-like keys keep their own order in objects
    // Insertion sort: objects here have a handful of keys, usually sorted already.
    for (let j = i; j > 0 && keys[j - 1]! > keys[j]!; j--) {
      const t = keys[j]!;
      keys[j] = keys[j - 1]!;
      keys[j - 1] = t;
    }
  }
  let out = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const x = write(obj[k], depth + 1);
    if (x === SPECIAL) return SPECIAL;
    if (x === undefined) continue;
    out += `${first ? '' : ','}${quoteKey(k)}:${x}`;
    first = false;
  }
  return `${out}}`;
}

export function canonicalJson(value: unknown): string {
  const fast = write(value, 0);
  if (fast !== SPECIAL) return fast ?? 'null';
  return JSON.stringify(value, sortKeys) ?? 'null';
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
