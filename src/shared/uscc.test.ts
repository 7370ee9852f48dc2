import { describe, expect, it } from 'vitest';
import { USCC_ALPHABET, USCC_WEIGHTS, checkUscc, computeUsccCheckChar, makeUscc, normalizeUscc } from './uscc';

describe('weights', () => {
  it('are 3^(i-1) mod 31', () => {
    let w = 1;
    for (const weight of USCC_WEIGHTS) {
      expect(weight).toBe(w);
      w = (w * 3) % 31;
    }
    expect(USCC_WEIGHTS).toHaveLength(17);
  });
});

describe('checkUscc: valid codes', () => {
  it.each([
    ['91310110666007217T', 'the beneficiary in the policy catalog'],
    ['914403001922038216', 'all digits, check character 6'],
    ['91440300708461136T', 'letter check character'],
    ['91110000802100433B', 'Beijing code, letter check character'],
  ])('%s (%s)', (code) => {
    expect(checkUscc(code)).toEqual({ ok: true, uscc: code });
  });
});

describe('checkUscc: normalisation', () => {
  it.each([
    ['lower case', '91310110666007217t'],
    ['surrounding spaces and tabs', '  91310110666007217T\t'],
    ['trailing newline', '91310110666007217T\r\n'],
    ['full-width digits and letter', '９１３１０１１０６６６００７２１７Ｔ'],
    ['full-width lower-case letter', '９１３１０１１０６６６００７２１７ｔ'],
    ['ideographic spaces', '\u300091310110666007217T\u3000'],
  ])('%s', (_label, input) => {
    expect(checkUscc(input)).toEqual({ ok: true, uscc: '91310110666007217T' });
  });

  it('normalizeUscc does not remove inner spaces (they are a charset error)', () => {
    expect(normalizeUscc(' 9131 0110 ')).toBe('9131 0110');
  });
});

describe('checkUscc: each rule broken', () => {
  it.each([
    ['17 characters', '91310110666007217', 'length', 'must be 18 characters, got 17'],
    ['19 characters', '91310110666007217TT', 'length', 'must be 18 characters, got 19'],
    ['empty', '', 'length', 'must be 18 characters, got 0'],
    ['only whitespace', ' \u3000 ', 'length', 'must be 18 characters, got 0'],
    [
      'letter I',
      '9131I110666007217T',
      'charset',
      "character 'I' at position 5 is not allowed (GB 32100 excludes I, O, S, V, Z)",
    ],
    [
      'letter O (lower case input)',
      '91310110666oo7217T',
      'charset',
      "character 'O' at position 12 is not allowed (GB 32100 excludes I, O, S, V, Z)",
    ],
    [
      'letter Z at the check position',
      '91310110666007217Z',
      'charset',
      "character 'Z' at position 18 is not allowed (GB 32100 excludes I, O, S, V, Z)",
    ],
    [
      'a hyphen',
      '9131-110666007217T',
      'charset',
      "character '-' at position 5 is not allowed (only digits and the letters A–Y except I, O, S, V are allowed)",
    ],
    [
      'an inner space',
      '9131 110666007217T',
      'charset',
      'character a space at position 5 is not allowed (only digits and the letters A–Y except I, O, S, V are allowed)',
    ],
    ['wrong check character', '91310110666007217X', 'check', "check character should be 'T', got 'X'"],
    ['transposed digits', '91310110660607217T', 'check', "check character should be '5', got 'T'"],
  ])('%s', (_label, input, rule, message) => {
    const result = checkUscc(input);
    expect(result).toMatchObject({ ok: false, rule, message });
  });

  it('reports the normalised code it checked', () => {
    expect(checkUscc(' 91310110666007217x ')).toMatchObject({ ok: false, uscc: '91310110666007217X', rule: 'check' });
  });
});

describe('computeUsccCheckChar', () => {
  it('maps a weighted sum divisible by 31 to 0 (not to 31)', () => {
    // Body of all zeros: Σ = 0, 31 − 0 = 31 → 0.
    expect(computeUsccCheckChar('00000000000000000')).toBe('0');
  });

  it('can produce every character of the alphabet', () => {
    const seen = new Set<string>();
    for (let n = 0; n < 200; n++) seen.add(computeUsccCheckChar(`91310110${String(n).padStart(9, '0')}`));
    expect([...seen].sort().join('')).toBe([...USCC_ALPHABET].sort().join(''));
  });

  it.each([['9131011066600721'], ['913101106660072I7']])('rejects a malformed body %s', (body) => {
    expect(() => computeUsccCheckChar(body)).toThrow(/USCC body/);
  });
});

describe('makeUscc', () => {
  it('completes a 17-character body', () => {
    expect(makeUscc('91310110666007217')).toBe('91310110666007217T');
  });

  it('builds a Yangpu enterprise code from a few digits', () => {
    const code = makeUscc(42);
    expect(code).toMatch(/^91310110000000042.$/);
    expect(checkUscc(code).ok).toBe(true);
    expect(makeUscc('42')).toBe(code);
  });

  it('gives distinct valid codes for distinct seeds', () => {
    const codes = Array.from({ length: 50 }, (_, i) => makeUscc(i + 1));
    expect(new Set(codes).size).toBe(50);
    for (const code of codes) expect(checkUscc(code)).toEqual({ ok: true, uscc: code });
  });

  it('rejects a seed it cannot use', () => {
    expect(() => makeUscc('1234567890')).toThrow(/17-character body or 1–9 digits/);
    expect(() => makeUscc('9131011066600721I')).toThrow(/USCC body/);
  });
});
