import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/shared/uscc';
import { createTestContext, multipartFile, type FixtureUser, type TestContext } from '../helpers/app';

// Enterprise import and export (issue #2): row-level reports with line and column, all-or-nothing unless
// skipInvalid, idempotent upsert by USCC, and an export that re-imports unchanged.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  // Sign-ins are audited; sign everyone in first so that audit counts below see only the import.
  for (const user of ['officer', 'auditor', 'entA', 'bank', 'reviewer'] as const) await ctx.session(user);
});
afterAll(async () => {
  await ctx?.close();
});

const HEADER = ['uscc', 'name', 'district', 'street', 'founded_on', 'sector', 'employees', 'rd_staff', 'revenue', 'rd_expense', 'total_cost', 'net_profit', 'total_assets', 'total_liabilities', 'year'];
type Row = Record<string, string>;

const good = (n: number, over: Row = {}): Row => ({
  uscc: makeUscc(n), name: `导入企业${n}`, district: '杨浦区', street: '五角场街道', founded_on: '2019-01-01', sector: '人工智能',
  employees: '50', rd_staff: '10', revenue: '1234567.89', rd_expense: '100000', total_cost: '900000', net_profit: '-12345.67',
  total_assets: '5000000', total_liabilities: '1000000', year: '2024', ...over,
});

function csv(rows: Row[], header = HEADER): Buffer {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return Buffer.from([header, ...rows.map((r) => header.map((h) => r[h] ?? ''))].map((line) => line.map(cell).join(',')).join('\n') + '\n');
}

/** The same rows as a workbook, with amounts and counts as numbers the way Excel stores them. */
async function xlsx(rows: Row[], header = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('企业');
  sheet.addRow(header);
  for (const r of rows) {
    sheet.addRow(header.map((h) => {
      const v = r[h] ?? '';
      return h !== 'uscc' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v === '' ? null : v;
    }));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type Report = { ok: boolean; imported: number; dryRun: boolean; created: number; updated: number; unchanged: number; errors: { line: number; column: string; message: string }[] };

async function upload(file: Buffer, filename: string, query = '', user: FixtureUser = 'officer') {
  const { payload, headers } = multipartFile(filename, file);
  return ctx.as(user, { method: 'POST', url: `/api/v1/enterprises/import${query}`, payload, headers });
}
async function importOk(file: Buffer, filename: string, query = '') {
  const res = await upload(file, filename, query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Report;
}

const count = async (table: 'enterprises' | 'audit_log' | 'enterprise_financials') =>
  Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const snapshot = async () => ({ enterprises: await count('enterprises'), financials: await count('enterprise_financials'), audit: await count('audit_log') });

/**
 * One row per reason the issue lists; `seed` keeps the USCCs of each format apart.
 * Line 2 and line 9 are valid; line 8 repeats line 2's USCC.
 */
function badRows(seed: number): Row[] {
  const wrongCheck = makeUscc(seed + 1).slice(0, 17) + (makeUscc(seed + 1).endsWith('0') ? '1' : '0');
  return [
    good(seed),
    good(seed + 1, { uscc: wrongCheck }),
    good(seed + 2, { founded_on: '2021-02-30' }),
    good(seed + 3, { revenue: '-5' }),
    good(seed + 4, { total_cost: 'abc' }),
    good(seed + 5, { sector: '房地产' }),
    good(seed + 6, { uscc: makeUscc(seed).toLowerCase() }),
    good(seed + 7, { net_profit: '-999999.99' }),
  ];
}
const ROW_ERRORS = (seed: number) => [
  { line: 3, column: 'uscc', message: expect.stringMatching(/check character should be/) },
  { line: 4, column: 'founded_on', message: expect.stringMatching(/not a calendar date/) },
  { line: 5, column: 'revenue', message: expect.stringMatching(/less than the minimum/) },
  { line: 6, column: 'total_cost', message: expect.stringMatching(/'abc' is not an amount/) },
  { line: 7, column: 'sector', message: expect.stringMatching(/'房地产' is not one of/) },
  { line: 8, column: 'uscc', message: expect.stringMatching(new RegExp(`duplicate uscc '${makeUscc(seed)}', first seen on line 2`)) },
];

describe.each([
  ['CSV', 'enterprises.csv', csv, 600],
  ['XLSX', 'enterprises.xlsx', xlsx, 650],
] as const)('a file with bad rows (%s)', (_format, filename, build, seed) => {
  it('reports every bad row with its line and column, the unknown column on line 1, and writes nothing', async () => {
    const withUnknown = badRows(seed).map((r) => ({ ...r, bogus: 'x' }));
    const before = await snapshot();
    const report = await importOk(await build(withUnknown, [...HEADER, 'bogus']), filename);
    expect(report.ok).toBe(false);
    expect(report.imported).toBe(0);
    expect(report.errors).toEqual([{ line: 1, column: 'bogus', message: expect.stringMatching(/unknown column 'bogus'/) }, ...ROW_ERRORS(seed)]);
    expect(await snapshot()).toEqual(before);
  });

  it('still writes nothing when only the rows are bad (all or nothing)', async () => {
    const before = await snapshot();
    const report = await importOk(await build(badRows(seed)), filename);
    expect(report).toMatchObject({ ok: false, imported: 0, created: 0 });
    expect(report.errors).toEqual(ROW_ERRORS(seed));
    expect(await snapshot()).toEqual(before);
  });

  it('writes nothing on a dry run, and says whether the file is valid', async () => {
    const before = await snapshot();
    const bad = await importOk(await build(badRows(seed)), filename, '?dryRun=true&skipInvalid=true');
    expect(bad).toMatchObject({ ok: false, dryRun: true, imported: 0 });
    expect(bad.errors).toHaveLength(6);
    const fine = await importOk(await build([good(seed + 40), good(seed + 41)]), filename, '?dryRun=true');
    expect(fine).toMatchObject({ ok: true, dryRun: true, errors: [] });
    expect(await snapshot()).toEqual(before);
  });

  it('imports the valid rows with skipInvalid and reports the rest', async () => {
    const before = await snapshot();
    const report = await importOk(await build(badRows(seed)), filename, '?skipInvalid=true');
    expect(report).toMatchObject({ ok: false, imported: 2, created: 2, updated: 0 });
    expect(report.errors).toEqual(ROW_ERRORS(seed));
    const rows = await ctx.db.selectFrom('enterprises').select(['uscc', 'name']).where('uscc', 'in', [makeUscc(seed), makeUscc(seed + 7)]).orderBy('uscc').execute();
    expect(rows.map((r) => r.name).sort()).toEqual([`导入企业${seed}`, `导入企业${seed + 7}`].sort());
    expect(await count('enterprises')).toBe(before.enterprises + 2);
    const loss = await ctx.db.selectFrom('enterprise_financials').innerJoin('enterprises', 'enterprises.id', 'enterprise_financials.enterprise_id')
      .select(['net_profit', 'revenue']).where('enterprises.uscc', '=', makeUscc(seed + 7)).executeTakeFirstOrThrow();
    expect(loss).toEqual({ net_profit: -99999999, revenue: 123456789 });
  });
});

describe('line numbers', () => {
  it('counts a quoted cell that spans lines, so later rows keep their line in the file', async () => {
    const rows = [good(700, { street: '五角场\n街道\n3号楼' }), good(701, { founded_on: '2020-13-01' }), good(702), good(703, { employees: '-1' })];
    const report = await importOk(csv(rows), 'multi.csv', '?dryRun=true');
    expect(report.errors.map((e) => [e.line, e.column])).toEqual([[5, 'founded_on'], [7, 'employees']]);
  });

  it('counts CRLF line breaks the same way', async () => {
    const text = csv([good(704, { street: 'a\r\nb' }), good(705, { year: 'x' })]).toString().replace(/\n/g, '\r\n').replace(/\r\r\n/g, '\r\n');
    const report = await importOk(Buffer.from(text), 'crlf.csv', '?dryRun=true');
    expect(report.errors.map((e) => [e.line, e.column])).toEqual([[4, 'year']]);
  });
});

describe('re-import', () => {
  const rows = [good(800), good(801, { sector: '生命健康', founded_on: '' }), good(802, { year: '', employees: '', rd_staff: '', revenue: '', rd_expense: '', total_cost: '', net_profit: '', total_assets: '', total_liabilities: '' })];

  it('changes nothing the second time: no row touched, only the import summary audited', async () => {
    const first = await importOk(csv(rows), 'same.csv');
    expect(first).toMatchObject({ ok: true, imported: 3, created: 3, updated: 0, unchanged: 0 });
    const creates = await ctx.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'enterprise.import.create').execute();
    expect(creates.length).toBeGreaterThanOrEqual(3);

    const stamps = async () => ctx.db.selectFrom('enterprises').select(['uscc', 'updated_at']).where('uscc', 'in', rows.map((r) => r.uscc!)).orderBy('uscc').execute();
    const before = { ...(await snapshot()), stamps: await stamps() };
    const maxSeq = Number((await ctx.db.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirstOrThrow()).m);

    const second = await importOk(csv(rows), 'same.csv');
    expect(second).toMatchObject({ ok: true, imported: 3, created: 0, updated: 0, unchanged: 3 });
    expect(await stamps()).toEqual(before.stamps);
    const after = await snapshot();
    expect([after.enterprises, after.financials]).toEqual([before.enterprises, before.financials]);
    const added = await ctx.db.selectFrom('audit_log').select(['action', 'entity_id', 'diff']).where('seq', '>', maxSeq).execute();
    expect(added.map((a) => a.action)).toEqual(['enterprise.import']);
    expect(added[0]!.diff).toMatchObject({ after: { file: 'same.csv', rows: 3, created: 0, updated: 0, unchanged: 3 } });
  });

  it('runs concurrent uploads of one file one after another: one creates, the others find the rows unchanged', async () => {
    const file = csv([good(810), good(811)]);
    const results = await Promise.all([1, 2, 3].map(() => upload(file, 'twice.csv')));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const reports = results.map((r) => r.json() as Report);
    expect(reports.map((r) => r.created).sort()).toEqual([0, 0, 2]);
    expect(reports.map((r) => r.unchanged).sort()).toEqual([0, 2, 2]);
  });

  it('also changes nothing when the same rows come as XLSX', async () => {
    const report = await importOk(await xlsx(rows), 'same.xlsx');
    expect(report).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 3 });
  });

  it('updates a changed row and audits exactly the change', async () => {
    const maxSeq = Number((await ctx.db.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirstOrThrow()).m);
    const changed = [rows[0]!, { ...rows[1]!, name: '导入企业801（更名）' }, { ...rows[2]!, year: '2024', revenue: '88.8' }];
    const report = await importOk(csv(changed), 'changed.csv');
    expect(report).toMatchObject({ ok: true, created: 0, updated: 2, unchanged: 1 });

    const id = async (n: number) => (await ctx.db.selectFrom('enterprises').select('id').where('uscc', '=', makeUscc(n)).executeTakeFirstOrThrow()).id;
    const added = await ctx.db.selectFrom('audit_log').select(['action', 'entity_id', 'diff']).where('seq', '>', maxSeq).orderBy('seq').execute();
    const rename = added.find((a) => a.action === 'enterprise.import.update');
    expect(rename?.entity_id).toBe(await id(801));
    expect(rename?.diff).toEqual({ before: { name: '导入企业801' }, after: { name: '导入企业801（更名）' } });
    const fin = added.find((a) => a.action === 'enterprise.import.financials');
    expect(fin?.entity_id).toBe(await id(802));
    expect(fin?.diff).toMatchObject({ after: { year: 2024, revenue: 8880 } });
    expect(added.map((a) => a.action).sort()).toEqual(['enterprise.import', 'enterprise.import.financials', 'enterprise.import.update']);
  });
});

describe('export', () => {
  it('exports CSV that re-imports unchanged (round trip), with financials entered through the API', async () => {
    const put = await ctx.as('officer', { method: 'PUT', url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/financials/2023`, payload: { revenue: 0.1, netProfit: -0.01, employees: 3, rdStaff: 3, totalAssets: 1234567890123.45 } });
    expect(put.statusCode, put.body).toBe(200);
    const res = await ctx.as('officer', { method: 'GET', url: '/api/v1/enterprises/export?format=csv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const text = res.body.replace(/^\uFEFF/, '');
    expect(text.split(/\r?\n/)[0]).toBe(HEADER.join(','));
    expect(text).toContain(`${makeUscc(1)},甲科技有限公司,杨浦区`);
    const total = await count('enterprises');
    expect(text.trim().split(/\r?\n/)).toHaveLength(total + 1);

    const before = await snapshot();
    const report = await importOk(res.rawPayload, 'enterprises.csv');
    expect(report).toMatchObject({ ok: true, imported: total, created: 0, updated: 0, unchanged: total });
    expect(await count('enterprises')).toBe(before.enterprises);
    expect(await count('audit_log')).toBe(before.audit + 1);
  });

  it('exports XLSX that opens with exceljs, has the header row and re-imports unchanged', async () => {
    const res = await ctx.as('auditor', { method: 'GET', url: '/api/v1/enterprises/export?format=xlsx' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const sheet = wb.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    expect(sheet.rowCount).toBe((await count('enterprises')) + 1);
    const report = await importOk(res.rawPayload, 'enterprises.xlsx');
    expect(report).toMatchObject({ ok: true, created: 0, updated: 0 });
  });

  it('exports only what the filter selects', async () => {
    const res = await ctx.as('officer', { method: 'GET', url: `/api/v1/enterprises/export?format=csv&sector=${encodeURIComponent('生命健康')}` });
    const lines = res.body.trim().split(/\r?\n/).slice(1);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.split(',')[5] === '生命健康')).toBe(true);
  });
});

describe('bad uploads and roles', () => {
  it('forbids enterprise users, institution users and reviewers to import (403) and writes nothing', async () => {
    const before = await snapshot();
    for (const user of ['entA', 'bank', 'reviewer', 'auditor'] as const) {
      const res = await upload(csv([good(900)]), 'x.csv', '', user);
      expect(res.statusCode, user).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('forbids enterprise and institution users to export (403)', async () => {
    expect((await ctx.as('entA', { method: 'GET', url: '/api/v1/enterprises/export' })).statusCode).toBe(403);
    expect((await ctx.as('bank', { method: 'GET', url: '/api/v1/enterprises/export' })).statusCode).toBe(403);
  });

  it('rejects a request without a file, and an unknown option, with 400 naming the field', async () => {
    const json = await ctx.as('officer', { method: 'POST', url: '/api/v1/enterprises/import', payload: { uscc: 'x' } });
    expect(json.statusCode).toBe(400);
    expect(json.json().issues[0].path).toBe('body.file');
    const wrongField = multipartFile('x.csv', csv([good(901)]), 'upload');
    const res = await ctx.as('officer', { method: 'POST', url: '/api/v1/enterprises/import', ...wrongField });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].path).toBe('body.file');
    const opt = await upload(csv([good(902)]), 'x.csv', '?dryrun=true');
    expect(opt.statusCode).toBe(400);
    expect(opt.json().issues.map((i: { path: string }) => i.path)).toContain('querystring.dryrun');
  });

  it('reports an unreadable file as a file error, not a 500', async () => {
    const xls = await upload(Buffer.from('not a spreadsheet'), 'old.xls');
    expect(xls.statusCode).toBe(200);
    expect(xls.json()).toMatchObject({ ok: false, imported: 0, errors: [{ line: 0, message: expect.stringMatching(/\.xls files are not supported/) }] });
    const gbk = await upload(Buffer.concat([Buffer.from(`${HEADER.join(',')}\n`), Buffer.from([0xd6, 0xd0, 0xce, 0xc4])]), 'gbk.csv');
    expect(gbk.json().errors[0].message).toMatch(/not valid UTF-8/);
    const empty = await upload(Buffer.from(''), 'empty.csv');
    expect(empty.statusCode).toBe(200);
    expect(empty.json().ok).toBe(false);
  });

  it('rejects an upload over the upload limit with 413', async () => {
    const small = await createTestContext({ uploadLimitBytes: 1024 });
    try {
      const { payload, headers } = multipartFile('big.csv', csv(Array.from({ length: 40 }, (_, i) => good(950 + i))));
      const s = await small.session('officer');
      const res = await small.app.inject({ method: 'POST', url: '/api/v1/enterprises/import', payload, headers: { ...headers, cookie: s.cookie, 'x-csrf-token': s.csrf } });
      expect(res.statusCode).toBe(413);
      expect(await small.db.selectFrom('enterprises').select('id').where('uscc', '=', makeUscc(950)).executeTakeFirst()).toBeUndefined();
    } finally {
      await small.close();
    }
  });
});
