import type { Tri } from './logic';

/** One condition of an evaluation, with its numbers: met, not met, or unknown with the facts it needs. */
export interface Check {
  id: string;
  label: string;
  met: Tri;
  /** The enterprise's figure (yuan for money, a fraction for shares, a count). */
  actual: number | null;
  /** The threshold in the same unit. */
  required: number | null;
  unit: 'yuan' | 'share' | 'count' | 'years' | 'bool' | 'points';
  detail: string;
  /** Facts the registry lacks for this check (empty when known). */
  needed: string[];
  clause?: string;
}

/** A check from a fresh object literal: `needed` defaults to none (set on the literal itself, no copy: thousands per run). */
export function check(c: Omit<Check, 'needed'> & { needed?: string[] }): Check {
  if (c.needed === undefined) c.needed = [];
  return c as Check;
}
