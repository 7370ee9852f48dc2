import { describe, expect, it } from 'vitest';
import { compareDecimal, fenToYuan, parseBoolean, parseDate, parseDecimal, parseInteger, parseYuanToFen } from './cells';

describe('parseYuanToFen', () => {
  it.each([
    ['0', 0],
    ['1', 100],
    ['1234.5', 123450],
    ['1234.56', 123456],
    ['0.01', 1],
    ['0.1', 10],
    ['007.10', 710],
    ['-0.01', -1],
    ['-0', 0],
    ['90071992547409.91', 9007199254740991],
    // A float multiply gets these wrong (0.29 * 100 = 28.999999999999996, 1.15 * 100 = 114.99999999999999).
    ['0.29', 29],
    ['1.15', 115],
    ['4.35', 435],
  ])('%s yuan → %d fen', (text, fen) => {
    expect(parseYuanToFen(text)).toEqual({ ok: true, value: fen });
  });

  it.each([
    ['12.345', /has 3 decimals; yuan amounts have at most 2/],
    ['1e5', /scientific notation, which is not allowed/],
    ['1.5E+3', /scientific notation/],
    ['1,000', /thousands separators, which are not allowed \(write 1000\)/],
    ['1,234,567.89', /thousands separators.*write 1234567\.89/],
    ['+5', /'\+' sign/],
    ['¥100', /without '¥' or '元'/],
    ['100元', /without '¥' or '元'/],
    ['5万', /not 万元/],
    ['abc', /'abc' is not an amount in yuan/],
    ['.5', /not an amount in yuan/],
    ['5.', /not an amount in yuan/],
    ['1 000', /not an amount in yuan/],
    ['90071992547409.92', /too large/],
  ])('rejects %s', (text, message) => {
    const result = parseYuanToFen(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('fenToYuan', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [123450, '1234.50'],
    [-1, '-0.01'],
    [-123456, '-1234.56'],
  ])('%d → %s', (fen, text) => {
    expect(fenToYuan(fen)).toBe(text);
    expect(parseYuanToFen(text)).toEqual({ ok: true, value: fen });
  });

  it('refuses a fractional fen', () => {
    expect(() => fenToYuan(1.5)).toThrow(RangeError);
  });
});

describe('parseInteger', () => {
  it.each([
    ['0', 0],
    ['42', 42],
    ['-3', -3],
    ['-0', 0],
  ])('%s → %d', (text, n) => expect(parseInteger(text)).toEqual({ ok: true, value: n }));

  it.each([
    ['1.5', /not a whole number/],
    ['1.0', /not a whole number/],
    ['1,200', /thousands separators/],
    ['1e3', /scientific notation/],
    ['ten', /not a whole number/],
    ['9007199254740992', /too large/],
  ])('rejects %s', (text, message) => {
    const result = parseInteger(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('parseDecimal', () => {
  it.each([
    ['0.0435', '0.0435'],
    ['00.0435', '0.0435'],
    ['0.04350', '0.0435'],
    ['1', '1'],
    ['1.000', '1'],
    ['-0.0', '0'],
    ['-2.50', '-2.5'],
  ])('%s → %s', (text, canonical) => expect(parseDecimal(text)).toEqual({ ok: true, value: canonical }));

  it.each([
    ['4.35%', /percentage; write it as a decimal/],
    ['4.35 %', /percentage/],
    ['1e-2', /scientific notation/],
    ['0.123456789', /9 decimals; at most 8/],
    ['x', /not a decimal number/],
  ])('rejects %s', (text, message) => {
    const result = parseDecimal(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('compares exactly', () => {
    expect(compareDecimal('0.1', '0.10')).toBe(0);
    expect(compareDecimal('0.0435', '0.05')).toBe(-1);
    expect(compareDecimal('-1', '0')).toBe(-1);
    expect(compareDecimal('1.0000000001', '1')).toBe(1);
  });
});

describe('parseDate', () => {
  it.each(['2025-03-21', '2024-02-29', '2000-02-29', '1999-12-31'])('%s is a date', (text) => {
    expect(parseDate(text)).toEqual({ ok: true, value: text });
  });

  it.each([
    ['2025-02-30', /not a calendar date \(February 2025 has 28 days\)/],
    ['2025-02-29', /February 2025 has 28 days/],
    ['1900-02-29', /February 1900 has 28 days/],
    ['2025-04-31', /April 2025 has 30 days/],
    ['2025-13-01', /month 13 does not exist/],
    ['2025-00-10', /month 00 does not exist/],
    ['2025-01-00', /January 2025 has 31 days/],
    ['2025/03/21', /not a date in YYYY-MM-DD form/],
    ['2025-3-21', /YYYY-MM-DD/],
    ['20250321', /YYYY-MM-DD/],
    ['2025-03-21T00:00:00', /YYYY-MM-DD/],
    ['2025年3月21日', /YYYY-MM-DD/],
  ])('rejects %s', (text, message) => {
    const result = parseDate(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('parseBoolean', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['false', false],
    ['False', false],
    ['0', false],
  ])('%s → %s', (text, value) => expect(parseBoolean(text)).toEqual({ ok: true, value }));

  it.each(['是', '否', 'yes', 'Y', '2'])('rejects %s', (text) => {
    expect(parseBoolean(text)).toEqual({ ok: false, message: `'${text}' is not a boolean (write true or false, or 1 or 0)` });
  });
});
