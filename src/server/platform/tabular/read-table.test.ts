import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { TableFileError } from './errors';
import { detectFormat, readCsv, readTable } from './read-table';

const csv = (text: string) => Buffer.from(text, 'utf8');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

async function fileError(promise: Promise<unknown> | (() => unknown)): Promise<TableFileError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (err) {
    expect(err).toBeInstanceOf(TableFileError);
    return err as TableFileError;
  }
  throw new Error('expected a TableFileError');
}

describe('readCsv', () => {
  it('reads header and rows, numbering lines from the header as line 1', () => {
    const table = readCsv(csv('uscc,name\n91310110666007217T,甲公司\n914403001922038216,乙公司\n'));
    expect(table).toEqual({
      header: ['uscc', 'name'],
      rows: [
        { line: 2, cells: { uscc: '91310110666007217T', name: '甲公司' } },
        { line: 3, cells: { uscc: '914403001922038216', name: '乙公司' } },
      ],
    });
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('counts physical lines across quoted multi-line cells and blank lines (%s)', (_label, eol) => {
    const text = ['name,note', 'a,"line one', 'line two', 'line three"', '', 'b,plain', 'c,"x', 'y"', 'd,last', '', ''].join(eol);
    const table = readCsv(csv(text));
    expect(table.rows.map((r) => [r.line, r.cells.name])).toEqual([
      [2, 'a'],
      [6, 'b'],
      [7, 'c'],
      [9, 'd'],
    ]);
    expect(table.rows[0]!.cells.note).toBe(['line one', 'line two', 'line three'].join(eol));
  });

  it('strips a UTF-8 byte-order mark from the first header', () => {
    const table = readCsv(Buffer.concat([BOM, csv('uscc,名称\r\n91310110666007217T,杨浦科创\r\n')]));
    expect(table.header).toEqual(['uscc', '名称']);
    expect(table.rows[0]).toEqual({ line: 2, cells: { uscc: '91310110666007217T', 名称: '杨浦科创' } });
  });

  it('trims header names, drops trailing empty headers and skips all-blank rows', () => {
    const table = readCsv(csv(' uscc , name ,,\n,,,\n  ,\t,,\nX,Y,,\n'));
    expect(table.header).toEqual(['uscc', 'name']);
    expect(table.rows).toEqual([{ line: 4, cells: { uscc: 'X', name: 'Y' } }]);
  });

  it('keeps cells beyond the header as extra and fills short rows with empty cells', () => {
    const table = readCsv(csv('a,b\n1,2,3,,4\n5\n'));
    expect(table.rows).toEqual([
      { line: 2, cells: { a: '1', b: '2' }, extra: ['3', '4'] },
      { line: 3, cells: { a: '5', b: '' } },
    ]);
  });

  it('does not let a header called __proto__ touch the prototype', () => {
    const table = readCsv(csv('__proto__,b\nx,y\n'));
    expect(Object.keys(table.rows[0]!.cells)).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(table.rows[0]!.cells)).toBe(Object.prototype);
  });

  it('reports a file that is not UTF-8 (GBK) with the line of the first bad byte', async () => {
    const gbk = Buffer.concat([csv('uscc,name\n91310110666007217T,'), Buffer.from([0xd1, 0xee, 0xc6, 0xd6]), csv('\n')]);
    const err = await fileError(() => readCsv(gbk));
    expect(err.message).toMatch(/not valid UTF-8 \(first invalid byte on line 2\).*CSV UTF-8/);
    expect(err.line).toBe(2);
  });

  it.each([
    ['an overlong encoding', [0xc0, 0xaf]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a truncated sequence at the end', [0xe6, 0x9d]],
  ])('rejects %s', async (_label, bytes) => {
    const err = await fileError(() => readCsv(Buffer.concat([csv('a\n'), Buffer.from(bytes)])));
    expect(err.message).toMatch(/not valid UTF-8/);
  });

  it('rejects UTF-16 text', async () => {
    const err = await fileError(() => readCsv(Buffer.from('\ufeffa,b\n', 'utf16le')));
    expect(err.message).toMatch(/UTF-16/);
  });

  it('reports broken quoting as a file error with its line', async () => {
    const err = await fileError(() => readCsv(csv('a,b\n1,2\n3,"open\n4,5\n')));
    expect(err.message).toMatch(/CSV cannot be read: the record starting on line 3 is malformed \(Quote Not Closed/);
    expect(err.line).toBe(3);
  });

  it('reports a stray quote inside a cell at its record', async () => {
    const err = await fileError(() => readCsv(csv('a,b\n1,2\n\n3,x"y\n')));
    expect(err.message).toMatch(/record starting on line 4 is malformed \(Invalid Opening Quote/);
  });

  it('rejects an empty file', async () => {
    expect((await fileError(() => readCsv(csv('\n\n')))).message).toMatch(/file is empty/);
    expect((await fileError(() => readCsv(BOM))).message).toMatch(/file is empty/);
  });

  it('returns no rows for a header-only file', () => {
    expect(readCsv(csv('uscc,name\r\n'))).toEqual({ header: ['uscc', 'name'], rows: [] });
  });
});

async function xlsxBuffer(build: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet('企业'), workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('readTable (xlsx)', () => {
  it('takes the value of number, date, boolean, rich-text, hyperlink and formula cells', async () => {
    const buffer = await xlsxBuffer((sheet) => {
      sheet.addRow(['uscc', 'founded_on', 'revenue', 'first_loan', 'name', 'site', 'total', 'label']);
      sheet.addRow([
        '91310110666007217T',
        new Date(Date.UTC(2019, 1, 28)),
        1234.56,
        true,
        { richText: [{ text: '杨浦', font: { bold: true } }, { text: '科创' }] },
        { text: '官网', hyperlink: 'https://example.com' },
        { formula: 'C2*2', result: 2469.12 },
        { formula: 'A2&"!"', result: 'x!' },
      ]);
      sheet.getCell('B2').numFmt = 'yyyy-mm-dd';
    });
    const table = await readTable(buffer, 'xlsx');
    expect(table.header).toEqual(['uscc', 'founded_on', 'revenue', 'first_loan', 'name', 'site', 'total', 'label']);
    expect(table.rows).toEqual([
      {
        line: 2,
        cells: {
          uscc: '91310110666007217T',
          founded_on: '2019-02-28',
          revenue: '1234.56',
          first_loan: 'true',
          name: '杨浦科创',
          site: '官网',
          total: '2469.12',
          label: 'x!',
        },
      },
    ]);
  });

  it('uses sheet row numbers as lines, skipping empty rows, and reads a date formula result', async () => {
    const buffer = await xlsxBuffer((sheet) => {
      sheet.addRow(['name', 'd']);
      sheet.getCell('A2').value = 'a';
      sheet.getCell('A5').value = 'b';
      sheet.getCell('B5').value = { formula: 'DATE(2024,2,29)', result: new Date(Date.UTC(2024, 1, 29)) };
      sheet.getCell('A7').value = '   ';
    });
    const table = await readTable(buffer, 'xlsx');
    expect(table.rows).toEqual([
      { line: 2, cells: { name: 'a', d: '' } },
      { line: 5, cells: { name: 'b', d: '2024-02-29' } },
    ]);
  });

  it('reads numbers as Excel shows them (15 significant digits)', async () => {
    const buffer = await xlsxBuffer((sheet) => {
      sheet.addRow(['a', 'b', 'c']);
      sheet.addRow([{ formula: '0.1+0.2', result: 0.1 + 0.2 }, { formula: '1000*1.1', result: 1000 * 1.1 }, 1e-7]);
    });
    const table = await readTable(buffer, 'xlsx');
    expect(table.rows[0]!.cells).toEqual({ a: '0.3', b: '1100', c: '1e-7' });
  });

  it('reads a named sheet', async () => {
    const buffer = await xlsxBuffer((sheet, workbook) => {
      sheet.addRow(['a']);
      const loans = workbook.addWorksheet('loans');
      loans.addRow(['loan_no']);
      loans.addRow(['L-001']);
    });
    const table = await readTable(buffer, 'xlsx', { sheet: 'loans' });
    expect(table.rows).toEqual([{ line: 2, cells: { loan_no: 'L-001' } }]);
    expect((await fileError(readTable(buffer, 'xlsx', { sheet: 'nope' }))).message).toMatch(/no sheet named 'nope'/);
  });

  it('requires the header in row 1', async () => {
    const buffer = await xlsxBuffer((sheet) => {
      sheet.getCell('A3').value = 'uscc';
    });
    expect((await fileError(readTable(buffer, 'xlsx'))).message).toMatch(/first row must be the header/);
  });

  it('reports a corrupt workbook as a file error', async () => {
    const zipHeaderOnly = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]);
    expect((await fileError(readTable(zipHeaderOnly, 'xlsx'))).message).toMatch(/not a readable \.xlsx file/);
  });
});

describe('detectFormat', () => {
  const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0]);
  it.each([
    ['enterprises.csv', csv('a,b\n'), 'csv'],
    ['ENTERPRISES.CSV', csv('a,b\n'), 'csv'],
    ['enterprises.xlsx', zip, 'xlsx'],
    ['upload', zip, 'xlsx'],
    ['mislabelled.csv', zip, 'xlsx'],
    ['upload', csv('a,b\n'), 'csv'],
  ])('%s → %s', (name, buffer, format) => {
    expect(detectFormat(name, buffer)).toBe(format);
  });

  it.each([
    ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1]), /legacy \.xls/],
    ['fake.xlsx', csv('a,b\n'), /not a valid \.xlsx file/],
    ['report.pdf', csv('%PDF'), /unsupported file type \.pdf/],
  ])('rejects %s', async (name, buffer, message) => {
    expect((await fileError(() => detectFormat(name, buffer))).message).toMatch(message);
  });
});
