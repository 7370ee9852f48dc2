import { describe, expect, it } from 'vitest';
import { canonicalJson } from './hash';

// The definition canonicalJson's direct walk must match: JSON.stringify with every object's keys sorted.
function reference(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const keys = Object.keys(v);
    if (keys.every((k, i) => i === 0 || keys[i - 1]! <= k)) return v;
    const out: Record<string, unknown> = {};
    for (const k of keys.sort()) out[k] = (v as Record<string, unknown>)[k];
    return out;
  }) ?? 'null';
}

describe('canonicalJson', () => {
  const cases: Array<[string, unknown]> = [
    ['a request with unsorted keys', { claims: [{ id: 'c1', measure: 'YP2025-8.2', eventDate: '2025-06-30', facts: { interestPaid: 1200000.5 } }], beneficiary: { uscc: 'X', kind: 'enterprise' } }],
    ['values JSON drops or nulls', { b: 1, a: [undefined, () => 1, Symbol('x'), NaN, -0, Infinity, 1e21, 1e-7], c: undefined, f: () => 1 }],
    ['strings that need escaping', { 'é"\\\n': 'é"\\\n\u2028\ud800', '': '' }],
    ['integer-like keys (objects order them first)', { b: 1, 10: 2, 9: 3, a: { 2: 1, 1: 2 } }],
    ['toJSON, dates and boxed values', { d: new Date(0), n: new Number(3), s: new String('x'), a: { toJSON: () => ({ q: 1, p: 2 }) } }],
    ['a null-prototype object', Object.assign(Object.create(null), { b: 2, a: 1 })],
    ['a class instance', new (class { b = 1; a = 2; })()],
    ['primitives', ['x', 3, null, true, false, []]],
  ];
  for (const [name, value] of cases) it(name, () => expect(canonicalJson(value)).toBe(reference(value)));
  it('top-level undefined is "null"', () => expect(canonicalJson(undefined)).toBe('null'));
  it('deep nesting falls back to JSON.stringify', () => {
    let deep: unknown = { z: 1, a: 2 };
    for (let i = 0; i < 100; i++) deep = { y: deep, x: i };
    expect(canonicalJson(deep)).toBe(reference(deep));
  });
});
