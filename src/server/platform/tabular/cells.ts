// Parsers for one trimmed, non-empty cell. Pure and exact: money and decimals are
// handled as digit strings and BigInt, never as floats (STYLE.md, convention 5).

export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = <T>(message: string): CellResult<T> => ({ ok: false, message });

/** The cell as quoted in a message, shortened so one bad cell cannot flood the report. */
export function quote(text: string): string {
  const chars = Array.from(text);
  return chars.length > 40 ? `'${chars.slice(0, 37).join('')}…'` : `'${text}'`;
}

const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
const SCIENTIFIC = /^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$/;
const THOUSANDS = /^[+-]?\d{1,3}([,，]\d{3})+(\.\d+)?$/;

/** Reasons shared by every numeric column, so users hear the same words everywhere. */
function numericShapeProblem(text: string): string | null {
  if (THOUSANDS.test(text)) {
    return `${quote(text)} uses thousands separators, which are not allowed (write ${text.replace(/[,，]/g, '')})`;
  }
  if (SCIENTIFIC.test(text)) {
    return `${quote(text)} is in scientific notation, which is not allowed (write the number in full)`;
  }
  if (text.startsWith('+')) return `${quote(text)} has a '+' sign, which is not allowed`;
  return null;
}

/**
 * Yuan with at most 2 decimals → integer fen. '1234.5' → 123450, '-0.01' → -1.
 * Rejects thousands separators, scientific notation, currency signs and 万.
 */
export function parseYuanToFen(text: string): CellResult<number> {
  const m = PLAIN_DECIMAL.exec(text);
  if (!m) {
    const shape = numericShapeProblem(text);
    if (shape) return fail(shape);
    if (/^[¥￥]|元$/.test(text)) return fail(`${quote(text)}: write the amount only, without '¥' or '元'`);
    if (text.includes('万')) return fail(`${quote(text)}: amounts are in yuan, not 万元 (write 50000, not 5万)`);
    return fail(`${quote(text)} is not an amount in yuan (digits with at most 2 decimals, e.g. 1234.56)`);
  }
  const [, sign, whole, frac = ''] = m;
  if (frac.length > 2) return fail(`${quote(text)} has ${frac.length} decimals; yuan amounts have at most 2`);
  const fen = BigInt(whole!) * 100n + BigInt(frac.padEnd(2, '0'));
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) return fail(`${quote(text)} is too large`);
  return ok(sign === '-' && fen !== 0n ? -Number(fen) : Number(fen));
}

/** Integer fen → yuan text with exactly 2 decimals: 123450 → '1234.50'. */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer, got ${fen}`);
  const abs = BigInt(Math.abs(fen));
  const yuan = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return fen < 0 ? `-${yuan}` : yuan;
}

export function parseInteger(text: string): CellResult<number> {
  if (/^-?\d+$/.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? ok(n === 0 ? 0 : n) : fail(`${quote(text)} is too large`);
  }
  const shape = numericShapeProblem(text);
  if (shape) return fail(shape);
  if (PLAIN_DECIMAL.test(text)) return fail(`${quote(text)} is not a whole number`);
  return fail(`${quote(text)} is not a whole number`);
}

/**
 * An exact decimal, returned as canonical text ('0.0435', '-12', '3.5'): no leading
 * '+', no superfluous leading zeros, no trailing fractional zeros.
 */
export function parseDecimal(text: string, maxDecimals = 8): CellResult<string> {
  const m = PLAIN_DECIMAL.exec(text);
  if (!m) {
    const shape = numericShapeProblem(text);
    if (shape) return fail(shape);
    if (/^-?\d+(\.\d+)?\s*%$/.test(text)) {
      return fail(`${quote(text)} is a percentage; write it as a decimal (4.35% → 0.0435)`);
    }
    return fail(`${quote(text)} is not a decimal number (e.g. 0.0435)`);
  }
  const [, sign, whole, frac = ''] = m;
  if (frac.length > maxDecimals) return fail(`${quote(text)} has ${frac.length} decimals; at most ${maxDecimals} allowed`);
  const w = whole!.replace(/^0+(?=\d)/, '');
  const f = frac.replace(/0+$/, '');
  const isZero = /^0$/.test(w) && f === '';
  return ok(`${sign && !isZero ? '-' : ''}${w}${f ? `.${f}` : ''}`);
}

/** Compare two plain decimal strings exactly: negative, 0 or positive like a sort comparator. */
export function compareDecimal(a: string, b: string): number {
  const scaled = (s: string, scale: number): bigint => {
    const m = PLAIN_DECIMAL.exec(s);
    if (!m) throw new Error(`not a plain decimal: ${s}`);
    const [, sign, whole, frac = ''] = m;
    const n = BigInt(whole! + frac.padEnd(scale, '0'));
    return sign === '-' ? -n : n;
  };
  const scale = Math.max(a.split('.')[1]?.length ?? 0, b.split('.')[1]?.length ?? 0);
  const x = scaled(a, scale);
  const y = scaled(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A bound written in code (0, 1, 0.25, '0.0435') as a plain decimal string. */
export function boundToDecimal(bound: number | string): string {
  const text = typeof bound === 'number' ? bound.toFixed(12).replace(/\.?0+$/, '') : bound;
  if (!PLAIN_DECIMAL.test(text)) throw new Error(`column bound is not a plain decimal: ${bound}`);
  return text;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** A calendar date written strictly as YYYY-MM-DD (STYLE.md, convention 6). */
export function parseDate(text: string): CellResult<string> {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return fail(`${quote(text)} is not a date in YYYY-MM-DD form (e.g. 2025-03-21)`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12) return fail(`${quote(text)} is not a calendar date (month ${m[2]} does not exist)`);
  const days = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > days) {
    return fail(`${quote(text)} is not a calendar date (${MONTH_NAMES[month - 1]} ${year} has ${days} days)`);
  }
  return ok(text);
}

/** true/false (any case) or 1/0; nothing else, so '是', 'Y' and 'x' are caught rather than guessed. */
export function parseBoolean(text: string): CellResult<boolean> {
  const t = text.toLowerCase();
  if (t === 'true' || t === '1') return ok(true);
  if (t === 'false' || t === '0') return ok(false);
  return fail(`${quote(text)} is not a boolean (write true or false, or 1 or 0)`);
}
