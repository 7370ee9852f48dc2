import { describe, expect, expectTypeOf, it } from 'vitest';
import { makeUscc } from '../../../shared/uscc';
import { col, defineColumns } from './columns';
import { parseRows, parseTableFile } from './parse-rows';
import { readCsv } from './read-table';
import { formatImportReport, formatTableError, importReport } from './report';

const enterprises = defineColumns({
  uscc: col.uscc({ required: true }),
  name: col.text({ required: true, max: 10 }),
  founded_on: col.date({ min: '1949-10-01' }),
  revenue: col.moneyYuan({ min: 0 }),
  employees: col.int({ min: 0, max: 100000 }),
  sector: col.enum(['ai', 'biomed', 'chips'] as const),
  first_loan: col.boolean(),
  annual_rate: col.decimal({ min: 0, max: 1 }),
});

const parseCsv = (text: string, options: Parameters<typeof parseRows<typeof enterprises>>[2] = {}) =>
  parseRows(readCsv(Buffer.from(text, 'utf8')), enterprises, options);

const HEADER = 'uscc,name,founded_on,revenue,employees,sector,first_loan,annual_rate';
const A = makeUscc(1);
const B = makeUscc(2);

describe('parseRows: records', () => {
  it('parses every column type into its domain value', () => {
    const { records, errors } = parseCsv(
      `${HEADER}\n${A.toLowerCase()}, 甲公司 ,2019-02-28,1234567.5,35,ai,TRUE,0.0435\n${B},乙公司,,,,,,\n`,
    );
    expect(errors).toEqual([]);
    expect(records).toEqual([
      {
        line: 2,
        value: {
          uscc: A,
          name: '甲公司',
          founded_on: '2019-02-28',
          revenue: 123456750,
          employees: 35,
          sector: 'ai',
          first_loan: true,
          annual_rate: '0.0435',
        },
      },
      {
        line: 3,
        value: {
          uscc: B,
          name: '乙公司',
          founded_on: null,
          revenue: null,
          employees: null,
          sector: null,
          first_loan: null,
          annual_rate: null,
        },
      },
    ]);
  });

  it('types the record from the schema: required columns non-null, optional nullable', () => {
    const { records } = parseCsv(`${HEADER}\n`);
    type Value = (typeof records)[number]['value'];
    expectTypeOf<Value['uscc']>().toEqualTypeOf<string>();
    expectTypeOf<Value['revenue']>().toEqualTypeOf<number | null>();
    expectTypeOf<Value['sector']>().toEqualTypeOf<'ai' | 'biomed' | 'chips' | null>();
    expectTypeOf<Value['first_loan']>().toEqualTypeOf<boolean | null>();
    expectTypeOf<Value['annual_rate']>().toEqualTypeOf<string | null>();
  });

  it('accepts optional columns missing from the header as null', () => {
    const { records, errors } = parseCsv(`name,uscc\n甲,${A}\n`);
    expect(errors).toEqual([]);
    expect(records[0]!.value).toMatchObject({ uscc: A, name: '甲', revenue: null, sector: null });
  });
});

describe('parseRows: header errors on line 1', () => {
  it('names unknown, missing, duplicate and blank columns', () => {
    const { errors } = parseCsv(`USCC,name,name,,colour\nx,y,z,,w\n`);
    expect(errors.filter((e) => e.line === 1)).toEqual([
      { line: 1, column: 'USCC', message: "unknown column 'USCC' (did you mean 'uscc'?)" },
      { line: 1, column: 'name', message: "column 'name' appears twice (columns 2 and 3)" },
      { line: 1, column: '', message: 'column 4 has no header' },
      {
        line: 1,
        column: 'colour',
        message:
          "unknown column 'colour' (expected columns: uscc, name, founded_on, revenue, employees, sector, first_loan, annual_rate)",
      },
      { line: 1, column: 'uscc', message: "required column 'uscc' is missing" },
    ]);
  });

  it('reports a missing required column once, not on every row', () => {
    const { errors, records } = parseCsv(`uscc\n${A}\n${B}\n`);
    expect(errors).toEqual([{ line: 1, column: 'name', message: "required column 'name' is missing" }]);
    expect(records).toHaveLength(2); // the caller refuses the import because errors is non-empty
  });
});

describe('parseRows: cell errors', () => {
  it('reports every bad cell of a row, not just the first', () => {
    const { errors, records } = parseCsv(
      `${HEADER}\n` +
        `${A},甲,2019-02-28,1,1,ai,true,0.1\n` +
        `91310110666007217X,一二三四五六七八九十一,2025-02-30,-5,1.5,AI,是,4.35%\n` +
        `,,1949-09-30,12.345,-1,other,2,1.01\n`,
    );
    expect(records.map((r) => r.line)).toEqual([2]);
    expect(errors.map(formatTableError)).toEqual([
      "line 3, column uscc: check character should be 'T', got 'X'",
      'line 3, column name: is 11 characters long; at most 10 allowed',
      "line 3, column founded_on: '2025-02-30' is not a calendar date (February 2025 has 28 days)",
      "line 3, column revenue: '-5' is less than the minimum 0.00",
      "line 3, column employees: '1.5' is not a whole number",
      "line 3, column sector: 'AI' is not one of: ai, biomed, chips (did you mean 'ai'? values are case-sensitive)",
      "line 3, column first_loan: '是' is not a boolean (write true or false, or 1 or 0)",
      "line 3, column annual_rate: '4.35%' is a percentage; write it as a decimal (4.35% → 0.0435)",
      'line 4, column uscc: is required but empty',
      'line 4, column name: is required but empty',
      'line 4, column founded_on: 1949-09-30 is before 1949-10-01',
      "line 4, column revenue: '12.345' has 3 decimals; yuan amounts have at most 2",
      "line 4, column employees: '-1' is less than the minimum 0",
      "line 4, column sector: 'other' is not one of: ai, biomed, chips",
      "line 4, column first_loan: '2' is not a boolean (write true or false, or 1 or 0)",
      "line 4, column annual_rate: '1.01' is more than the maximum 1",
    ]);
  });

  it('explains rejected money formats', () => {
    const { errors } = parseCsv(`uscc,name,revenue\n${A},a,1e5\n${B},b,"1,000"\n${makeUscc(3)},c,abc\n`);
    expect(errors.map((e) => e.message)).toEqual([
      "'1e5' is in scientific notation, which is not allowed (write the number in full)",
      "'1,000' uses thousands separators, which are not allowed (write 1000)",
      "'abc' is not an amount in yuan (digits with at most 2 decimals, e.g. 1234.56)",
    ]);
  });

  it('reports cells beyond the header on the row', () => {
    const { errors } = parseCsv(`uscc,name\n${A},a,surplus\n`);
    expect(errors).toEqual([
      { line: 2, column: '', message: "row has 1 more cell(s) than the header has columns: 'surplus'" },
    ]);
  });

  it('reports the line where a record starts after a quoted multi-line cell', () => {
    const { errors } = parseCsv(`uscc,name\n${A},"甲\n公司"\n${B},"乙\n\n公司"\nbad,丙\n`);
    expect(errors).toEqual([{ line: 7, column: 'uscc', message: 'must be 18 characters, got 3' }]);
  });
});

describe('parseRows: uniqueBy', () => {
  it('reports a repeated key on the later line, naming the first', () => {
    const { errors, records } = parseCsv(`uscc,name\n${A},a\n${B},b\n${A.toLowerCase()},c\n${A},d\n`, {
      uniqueBy: ['uscc'],
    });
    expect(records.map((r) => r.line)).toEqual([2, 3]);
    expect(errors).toEqual([
      { line: 4, column: 'uscc', message: `duplicate uscc '${A}', first seen on line 2` },
      { line: 5, column: 'uscc', message: `duplicate uscc '${A}', first seen on line 2` },
    ]);
  });

  it('supports composite keys and ignores rows whose key is empty or invalid', () => {
    const { errors } = parseCsv(
      `uscc,name,employees\n${A},a,1\n${A},b,2\n${A},a,x\n${A},a,\n${B},a,1\n${A},a,1\n`,
      { uniqueBy: [['uscc', 'employees']] },
    );
    expect(errors).toEqual([
      { line: 4, column: 'employees', message: "'x' is not a whole number" },
      { line: 7, column: 'uscc+employees', message: `duplicate (uscc, employees) ('${A}', 1), first seen on line 2` },
    ]);
  });
});

describe('parseRows: refine', () => {
  it('runs cross-column checks only on rows whose cells parsed', () => {
    const seen: number[] = [];
    const { errors } = parseCsv(`uscc,name,employees\n${A},a,0\n${B},b,x\n`, {
      refine: (record, line) => {
        seen.push(line);
        return record.employees === 0 ? [{ column: 'employees', message: 'an enterprise has at least one employee' }] : [];
      },
    });
    expect(seen).toEqual([2]);
    expect(errors.map(formatTableError)).toEqual([
      'line 2, column employees: an enterprise has at least one employee',
      "line 3, column employees: 'x' is not a whole number",
    ]);
  });
});

describe('parseTableFile', () => {
  it('returns an unreadable file as one file-level error', async () => {
    const gbk = Buffer.from([0x75, 0x73, 0x63, 0x63, 0x0a, 0xd1, 0xee]);
    const result = await parseTableFile({ filename: 'enterprises.csv', buffer: gbk }, enterprises);
    expect(result.records).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ line: 2, column: '' });
    expect(formatTableError({ line: 0, column: '', message: 'legacy .xls files are not supported' })).toBe(
      'file: legacy .xls files are not supported',
    );
  });

  it('detects the format and parses', async () => {
    const result = await parseTableFile(
      { filename: 'e.csv', buffer: Buffer.from(`uscc,name\n${A},甲\n`) },
      enterprises,
    );
    expect(result).toMatchObject({ errors: [], records: [{ line: 2, value: { uscc: A, name: '甲' } }] });
  });
});

describe('formatImportReport', () => {
  it('prints one line per error and a summary', () => {
    const report = importReport(0, [
      { line: 7, column: 'uscc', message: "check character should be 'T', got 'X'" },
      { line: 9, column: '', message: 'row has 1 more cell(s) than the header has columns' },
    ]);
    expect(report.ok).toBe(false);
    expect(formatImportReport(report)).toBe(
      "line 7, column uscc: check character should be 'T', got 'X'\n" +
        'line 9: row has 1 more cell(s) than the header has columns\n' +
        '2 errors; 0 records imported\n',
    );
  });

  it('prints the count when everything was imported', () => {
    expect(formatImportReport(importReport(1, []))).toBe('1 record imported\n');
  });
});
