// 统一社会信用代码 (unified social credit code), GB 32100-2015.
// Pure: the web app imports this module too, so no node imports here.
//
// Layout: 1 registration authority · 1 entity type · 6 administrative division ·
// 9 organisation code (GB 11714, with its own check character) · 1 check character.
// Only the GB 32100 check (position 18) is enforced: many real codes carry a
// position-17 character that does not satisfy GB 11714, and they are still valid.

/** The 31 characters GB 32100 allows, in value order (0–30): no I, O, S, V, Z. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** W_i = 3^(i−1) mod 31 for i = 1..17 (GB 32100-2015, 5.2). */
export const USCC_WEIGHTS: readonly number[] = [
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

export const USCC_LENGTH = 18;

export type UsccRule = 'length' | 'charset' | 'check';

export type UsccCheck =
  | { ok: true; uscc: string }
  | { ok: false; uscc: string; rule: UsccRule; message: string };

/**
 * Trim, fold full-width forms to ASCII (codes copied from Chinese documents often
 * arrive as '９１３１…') and upper-case. The ideographic space (U+3000) folds to a
 * space first so that it is trimmed like any other.
 */
export function normalizeUscc(input: string): string {
  let folded = '';
  for (const ch of input) {
    const code = ch.codePointAt(0)!;
    if (code === 0x3000) folded += ' ';
    else if (code >= 0xff01 && code <= 0xff5e) folded += String.fromCodePoint(code - 0xfee0);
    else folded += ch;
  }
  return folded.trim().toUpperCase();
}

function describe(ch: string): string {
  if (ch === ' ') return 'a space';
  const code = ch.codePointAt(0)!;
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${ch}'`;
}

/** First character (1-based position) outside the GB 32100 alphabet, with the reason. */
function charsetViolation(chars: string[]): string | null {
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (USCC_ALPHABET.includes(ch)) continue;
    const why = 'IOSVZ'.includes(ch)
      ? 'GB 32100 excludes I, O, S, V, Z'
      : 'only digits and the letters A–Y except I, O, S, V are allowed';
    return `character ${describe(ch)} at position ${i + 1} is not allowed (${why})`;
  }
  return null;
}

/** The check character (position 18) for a 17-character body; throws on a malformed body. */
export function computeUsccCheckChar(first17: string): string {
  const chars = Array.from(first17);
  if (chars.length !== USCC_LENGTH - 1) {
    throw new Error(`USCC body must be 17 characters, got ${chars.length}`);
  }
  const bad = charsetViolation(chars);
  if (bad) throw new Error(`USCC body: ${bad}`);
  let sum = 0;
  chars.forEach((ch, i) => {
    sum += USCC_ALPHABET.indexOf(ch) * USCC_WEIGHTS[i]!;
  });
  const value = (31 - (sum % 31)) % 31; // 31 − (Σ mod 31), and 31 maps to 0
  return USCC_ALPHABET[value]!;
}

export function checkUscc(input: string): UsccCheck {
  const uscc = normalizeUscc(input);
  const chars = Array.from(uscc);
  if (chars.length !== USCC_LENGTH) {
    return { ok: false, uscc, rule: 'length', message: `must be ${USCC_LENGTH} characters, got ${chars.length}` };
  }
  const bad = charsetViolation(chars);
  if (bad) return { ok: false, uscc, rule: 'charset', message: bad };
  const expected = computeUsccCheckChar(uscc.slice(0, 17));
  const actual = chars[17]!;
  if (actual !== expected) {
    return { ok: false, uscc, rule: 'check', message: `check character should be '${expected}', got '${actual}'` };
  }
  return { ok: true, uscc };
}

export function isValidUscc(input: string): boolean {
  return checkUscc(input).ok;
}

/**
 * A valid USCC for test data and demo seeds.
 * - a 17-character body gets its check character appended;
 * - a shorter run of digits (1–9) becomes the organisation-code part of an enterprise
 *   registered in Yangpu: '91' (industry & commerce, enterprise) + '310110' + the
 *   digits left-padded to 9, then the check character. makeUscc(1) === makeUscc('000000001').
 */
export function makeUscc(seed: string | number): string {
  const body = normalizeUscc(String(seed));
  if (body.length === USCC_LENGTH - 1) return body + computeUsccCheckChar(body);
  if (/^\d{1,9}$/.test(body)) {
    const full = `91310110${body.padStart(9, '0')}`;
    return full + computeUsccCheckChar(full);
  }
  throw new Error(`makeUscc: expected a 17-character body or 1–9 digits, got '${String(seed)}'`);
}
