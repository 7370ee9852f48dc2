// Trace steps as small classes. The structured fields (met, facts, amounts, parameter
// values) are set when the step is taken; the readable `value`/`valueEn` lines are rendered
// from the arguments kept with the step when first read — by explain, by a caller, or by
// JSON.stringify through toJSON, which writes every field in the order the catalog's trace
// has always had. A 免申即享 scan over a million claims mostly reads status and amount, and
// rendering ~1 KB of text per claim up front was most of its garbage (issue #3).
import type { CapKind, FactValue } from './types';

/** Renders a step's lines from up to three arguments kept with it; `met` for conditions. */
export interface Lines<A = never, B = never, C = never, D = never> {
  zh(met: boolean, a: A, b: B, c: C, d: D): string;
  en(met: boolean, a: A, b: B, c: C, d: D): string;
}

// A step keeps its renderer with the arguments it was made for; each renderer is typed where it is written.
export type AnyLines = Lines<any, any, any, any>;

/** A line known when the step is taken (static text, or rendered already). */

export class ConditionTrace {
  readonly kind = 'condition' as const;
  step: string;
  met: boolean;
  facts: Record<string, FactValue | null>;
  expected: string;
  clause: string;
  #lines: AnyLines;
  #a: unknown;
  #b: unknown;
  #c: unknown;
  #d: unknown;
  #value: string | undefined;
  #valueEn: string | undefined;
  /** Steps written in amount.ts / evaluate.ts have always listed clause before value. */
  #clauseFirst: boolean;

  constructor(step: string, met: boolean, facts: Record<string, FactValue | null>, expected: string, clause: string, lines: AnyLines, a: unknown, b: unknown, c: unknown, d: unknown, clauseFirst: boolean) {
    this.step = step;
    this.met = met;
    this.facts = facts;
    this.expected = expected;
    this.clause = clause;
    this.#lines = lines;
    this.#a = a;
    this.#b = b;
    this.#c = c;
    this.#d = d;
    this.#clauseFirst = clauseFirst;
  }

  get value(): string {
    return (this.#value ??= this.#lines.zh(this.met, this.#a, this.#b, this.#c, this.#d));
  }
  set value(v: string) {
    this.#value = v;
  }
  get valueEn(): string {
    return (this.#valueEn ??= this.#lines.en(this.met, this.#a, this.#b, this.#c, this.#d));
  }
  set valueEn(v: string) {
    this.#valueEn = v;
  }

  toJSON() {
    const { kind, step, met, facts, expected, clause } = this;
    return this.#clauseFirst
      ? { kind, step, met, facts, expected, clause, value: this.value, valueEn: this.valueEn }
      : { kind, step, met, facts, expected, value: this.value, valueEn: this.valueEn, clause };
  }
}

/** Steps whose only text is a Chinese `value` line. */
abstract class ValueTrace {
  #lines: AnyLines;
  #a: unknown;
  #b: unknown;
  #c: unknown;
  #d: unknown;
  #value: string | undefined;

  constructor(lines: AnyLines, a: unknown, b: unknown, c: unknown, d: unknown) {
    this.#lines = lines;
    this.#a = a;
    this.#b = b;
    this.#c = c;
    this.#d = d;
  }

  get value(): string {
    return (this.#value ??= this.#lines.zh(false, this.#a, this.#b, this.#c, this.#d));
  }
  set value(v: string) {
    this.#value = v;
  }
}

export class ParameterTrace extends ValueTrace {
  readonly kind = 'parameter' as const;
  readonly step = 'parameter';
  constructor(
    public key: string, public label: string, public labelEn: string, public unit: 'rate' | 'yuan' | 'years',
    public parameterValue: string | null, public effectiveFrom: string | null, public source: 'policy' | 'officer' | 'overlay' | 'missing', public clause: string,
    lines: AnyLines, a: unknown, b: unknown, c: unknown, d: unknown,
  ) {
    super(lines, a, b, c, d);
  }

  toJSON() {
    const { kind, step, key, label, labelEn, unit, parameterValue, effectiveFrom, source, clause } = this;
    return { kind, step, key, label, labelEn, unit, parameterValue, effectiveFrom, source, clause, value: this.value };
  }
}

export interface TraceFactor {
  key: string;
  label: string;
  labelEn: string;
  value: string;
  percent: string;
}

export class ArithmeticTrace extends ValueTrace {
  readonly kind = 'arithmetic' as const;
  constructor(
    public step: string, public clause: string, public base: { fact: string; label: string; labelEn: string; amount: number } | null,
    public factors: TraceFactor[], public exact: string, public amount: number,
    lines: AnyLines, a: unknown, b: unknown, c: unknown, d: unknown,
  ) {
    super(lines, a, b, c, d);
  }

  toJSON() {
    const { kind, step, clause, base, factors, exact, amount } = this;
    return { kind, step, clause, value: this.value, base, factors, exact, amount };
  }
}

export class AssessedTrace extends ValueTrace {
  readonly kind = 'assessed' as const;
  constructor(public step: string, public clause: string, public assessed: number | null, lines: AnyLines, a: unknown, b: unknown, c: unknown, d: unknown) {
    super(lines, a, b, c, d);
  }

  toJSON() {
    const { kind, step, clause, assessed } = this;
    return { kind, step, clause, assessed, value: this.value };
  }
}

export class CapTrace extends ValueTrace {
  readonly kind = 'cap' as const;
  constructor(
    public step: string, public capKind: CapKind, public clause: string, public cap: number, public used: number | null,
    public before: number, public after: number, public binding: boolean,
    lines: AnyLines, a: unknown, b: unknown, c: unknown, d: unknown,
  ) {
    super(lines, a, b, c, d);
  }

  toJSON() {
    const { kind, step, capKind, clause, cap, used, before, after, binding } = this;
    return { kind, step, capKind, clause, cap, used, before, after, binding, value: this.value };
  }
}

export class ExclusionTrace extends ValueTrace {
  readonly kind = 'exclusion' as const;
  readonly step = 'non-duplication';
  constructor(
    public clause: string, public group: string, public groupLabel: string, public groupLabelEn: string, public matter: string,
    public winner: string, public winnerAmount: number,
    lines: AnyLines, a: unknown, b: unknown, c: unknown, d: unknown,
  ) {
    super(lines, a, b, c, d);
  }

  toJSON() {
    const { kind, step, clause, group, groupLabel, groupLabelEn, matter, winner, winnerAmount } = this;
    return { kind, step, clause, group, groupLabel, groupLabelEn, matter, winner, winnerAmount, value: this.value };
  }
}

export type Trace = ConditionTrace | ParameterTrace | ArithmeticTrace | AssessedTrace | CapTrace | ExclusionTrace;
