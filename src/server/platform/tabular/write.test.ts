import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { makeUscc } from '../../../shared/uscc';
import { fenToYuan } from './cells';
import { col, defineColumns } from './columns';
import { parseRows } from './parse-rows';
import { readCsv, readTable } from './read-table';
import { writeCsv, writeXlsx } from './write';

const loans = defineColumns({
  uscc: col.uscc({ required: true }),
  name: col.text({ required: true }),
  disbursed_on: col.date({ required: true }),
  amount: col.moneyYuan({ required: true, min: 0 }),
  annual_rate: col.decimal({ min: 0, max: 1 }),
  first_loan: col.boolean(),
  note: col.text(),
});

const records = [
  {
    uscc: makeUscc(7),
    name: '上海某某生物医药有限公司',
    disbursed_on: '2025-03-21',
    amount: 500000000,
    annual_rate: '0.0305',
    first_loan: true,
    note: '知识产权质押, "首贷"\n第二行',
  },
  {
    uscc: makeUscc(8),
    name: 'Chips, Ltd.',
    disbursed_on: '2024-02-29',
    amount: 1,
    annual_rate: null,
    first_loan: false,
    note: null,
  },
];
const headers = Object.keys(loans);

describe('writeCsv', () => {
  it('starts with a UTF-8 byte-order mark and uses CRLF', () => {
    const buffer = writeCsv(['名称'], [['杨浦']]);
    expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(buffer.subarray(3).toString('utf8')).toBe('名称\r\n杨浦\r\n');
  });

  it('round-trips records through readCsv and parseRows', () => {
    const rows = records.map((r) => [r.uscc, r.name, r.disbursed_on, fenToYuan(r.amount), r.annual_rate, r.first_loan, r.note]);
    const parsed = parseRows(readCsv(writeCsv(headers, rows)), loans);
    expect(parsed.errors).toEqual([]);
    expect(parsed.records).toEqual([
      { line: 2, value: records[0] },
      { line: 4, value: records[1] }, // the first record's note holds a line break: it spans lines 2–3
    ]);
  });

  it('writes dates as calendar days and empty values as empty cells', () => {
    const text = writeCsv(['d', 'n', 'u'], [[new Date(Date.UTC(2025, 0, 2)), null, undefined]]).subarray(3).toString();
    expect(text).toBe('d,n,u\r\n2025-01-02,,\r\n');
  });

  it('defuses text that a spreadsheet would run as a formula, but not negative numbers', () => {
    const text = writeCsv(['v'], [['=HYPERLINK("http://x")'], ['@SUM(A1)'], ['+1'], ['-1+2'], ['-12.50'], [-3]]).subarray(3).toString();
    expect(text.split('\r\n')).toEqual(['v', `"'=HYPERLINK(""http://x"")"`, "'@SUM(A1)", "'+1", "'-1+2", '-12.50', '-3', '']);
  });
});

describe('writeXlsx', () => {
  it('round-trips records through readTable and parseRows, dates as date cells', async () => {
    const buffer = await writeXlsx([
      {
        name: '贷款',
        columns: headers.map((h) => ({ header: h, key: h })),
        rows: records.map((r) => ({
          ...r,
          amount: fenToYuan(r.amount),
          disbursed_on: new Date(`${r.disbursed_on}T00:00:00Z`),
        })),
      },
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as never);
    const sheet = workbook.getWorksheet('贷款')!;
    expect(sheet.getCell('C2').value).toBeInstanceOf(Date);
    expect(sheet.getRow(1).font?.bold).toBe(true);

    const parsed = parseRows(await readTable(buffer, 'xlsx'), loans);
    expect(parsed.errors).toEqual([]);
    expect(parsed.records).toEqual([
      { line: 2, value: records[0] },
      { line: 3, value: records[1] },
    ]);
  });

  it('writes several sheets', async () => {
    const buffer = await writeXlsx([
      { name: 'a', columns: [{ header: 'x', key: 'x' }], rows: [{ x: 1 }] },
      { name: 'b', columns: [{ header: '名称', key: 'name', width: 30 }], rows: [{ name: '杨浦' }] },
    ]);
    expect(await readTable(buffer, 'xlsx', { sheet: 'b' })).toEqual({
      header: ['名称'],
      rows: [{ line: 2, cells: { 名称: '杨浦' } }],
    });
  });

  it('refuses a sheet name Excel would reject', async () => {
    await expect(writeXlsx([{ name: 'a/b', columns: [], rows: [] }])).rejects.toThrow(/invalid sheet name/);
  });
});

describe('formula escaping round trip', () => {
  it('reads back text that the CSV writer escaped as a formula, unchanged', () => {
    const names = ['+86科技', '=SUM(A1)', '@home', '-x', "'quoted", "'=literal", 'plain', '-12.5'];
    const table = readCsv(writeCsv(['name'], names.map((n) => [n])));
    expect(table.rows.map((r) => r.cells.name)).toEqual(names);
  });
});
