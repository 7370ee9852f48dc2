import { describe, expect, it } from 'vitest';
import { exactProduct, type Factor } from './amount';
import { decimalFromNumber, roundHalfUp, toPlainString, type Decimal } from './decimal';

// The definition: BigInt units, rounded half-up once, unrounded yuan as decimal text.
function reference(baseFen: number, values: Decimal[]): { fen: number; exact: string } {
  let units = BigInt(baseFen);
  let scale = 0;
  for (const v of values) {
    units *= v.units;
    scale += v.scale;
  }
  return { fen: Number(roundHalfUp({ units, scale })), exact: toPlainString({ units, scale: scale + 2 }) };
}

const factor = (value: Decimal): Factor => ({ plan: { key: 'k', label: 'l', labelEn: 'l' }, value });

describe('exactProduct', () => {
  it('matches BigInt arithmetic on edge and pseudo-random inputs (the double path and its BigInt fallback)', () => {
    const rates = [0, 0.5, 0.005, 0.05, 0.035, 1, 0.3, 0.125, 0.0001, 0.333333333333, 12, 0.15].map((r) => decimalFromNumber(r)!);
    const bases = [0, 1, 5, 50, 99, 100, 12345, 120000000, 2 ** 53 - 1, 1e14, 999999999999, 4503599627370495, 123456789012345];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 20000; i++) bases.push(next() * (i % 3 === 0 ? 1000 : 1) + (next() % 100));
    // Compared by hand and asserted once: 480,000 expect() calls took half a minute on a busy machine.
    const mismatches: unknown[] = [];
    let compared = 0;
    for (const b of bases) {
      for (let i = 0; i < rates.length; i++) {
        for (const values of [[rates[i]!], [rates[i]!, rates[(i + 5) % rates.length]!]]) {
          const got = exactProduct(b, values.map(factor));
          const want = reference(b, values);
          compared++;
          if (got.fen !== want.fen || got.exact !== want.exact) mismatches.push({ base: b, values, got, want });
        }
      }
    }
    expect(compared).toBe(bases.length * rates.length * 2);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});
