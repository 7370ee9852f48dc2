// Exact decimal arithmetic for rates and money (STYLE.md §5: rates are exact decimals,
// never a float product of money). A Decimal is `units / 10^scale` with BigInt units.

export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL_RE = /^(-)?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

const POW10: bigint[] = [];
export function pow10(n: number): bigint {
  let p = POW10[n];
  if (p === undefined) {
    p = 10n ** BigInt(n);
    if (n < 64) POW10[n] = p;
  }
  return p;
}

/** Parses a decimal literal ("0.005", "1e-3", "12") exactly; undefined when malformed. */
export function parseDecimal(text: string): Decimal | undefined {
  const m = DECIMAL_RE.exec(text.trim());
  if (!m) return undefined;
  const [, sign, int = '0', frac = '', exp] = m;
  let units = BigInt(int + frac);
  let scale = frac.length - (exp ? Number(exp) : 0);
  if (scale < 0) {
    units *= pow10(-scale);
    scale = 0;
  }
  if (scale > 60) return undefined;
  return normalise({ units: sign ? -units : units, scale });
}

/** A JSON number as the decimal it was written as (shortest round-trip form). */
export function decimalFromNumber(n: number): Decimal | undefined {
  if (!Number.isFinite(n)) return undefined;
  if (Number.isInteger(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER) return { units: BigInt(n), scale: 0 };
  return parseDecimal(String(n));
}

export function decimalFromValue(v: number | string): Decimal | undefined {
  return typeof v === 'number' ? decimalFromNumber(v) : parseDecimal(v);
}

function normalise(d: Decimal): Decimal {
  let { units, scale } = d;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return { units, scale };
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const s = Math.max(a.scale, b.scale);
  const x = a.units * pow10(s - a.scale);
  const y = b.units * pow10(s - b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Rounds a decimal to an integer, half away from zero ("四舍五入"); the catalog's
 * "rounded half-up to the fen once, before caps" is this applied to a fen amount.
 */
export function roundHalfUp(d: Decimal): bigint {
  if (d.scale === 0) return d.units;
  const div = pow10(d.scale);
  const neg = d.units < 0n;
  const abs = neg ? -d.units : d.units;
  const q = (abs * 2n + div) / (div * 2n);
  return neg ? -q : q;
}

export function toPlainString(d: Decimal): string {
  const n = normalise(d);
  const neg = n.units < 0n;
  const digits = (neg ? -n.units : n.units).toString();
  if (n.scale === 0) return (neg ? '-' : '') + digits;
  const padded = digits.padStart(n.scale + 1, '0');
  const cut = padded.length - n.scale;
  return `${neg ? '-' : ''}${padded.slice(0, cut)}.${padded.slice(cut)}`;
}

/** 0.5 → "50%", 0.005 → "0.5%", exactly. */
export function toPercentString(d: Decimal): string {
  return `${toPlainString({ units: d.units * 100n, scale: d.scale })}%`;
}

/** Scale of a decimal after normalising, i.e. the number of decimal places it needs. */
export function decimalPlaces(d: Decimal): number {
  return normalise(d).scale;
}
