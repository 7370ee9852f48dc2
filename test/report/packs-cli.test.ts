import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import { makeUscc } from '../../src/shared/uscc';
import { runCli } from '../helpers/cli';

// `kcjr report pack` through main(argv, io) on an on-disk PGlite: bad input exits 2 naming the option before
// the database is opened; --wait generates in this process and --out writes both files.
let dir: string;
const dataDir = () => path.join(dir, 'data');
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcjr-pack-cli-'));
  const opened = await openDatabase({ dataDir: dataDir() });
  const db = opened.db;
  await migrateToLatest(db);
  const bank = await db.insertInto('organizations').values({ code: 'BANK1', name: '测试银行', kind: 'bank' }).returning('id').executeTakeFirstOrThrow();
  const e = await db.insertInto('enterprises').values({ uscc: makeUscc(51), name: '甲科技有限公司', district: '杨浦区', sector: '其他' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('loans').values({
    loan_no: 'L-1', bank_org_id: bank.id, enterprise_id: e.id, collateral_mode: 'credit', principal: 2_000_000_00,
    annual_rate: '0.04', term_months: 12, start_date: '2025-04-01', maturity_date: '2026-04-01', repayment_method: 'equal_instalment',
  }).execute();
  await opened.close();
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  return runCli(argv, { env: { KCJR_DATA_DIR: dataDir(), LOG_LEVEL: 'silent' } });
}

describe('kcjr report pack', () => {
  it.each([
    [[], /either --period YYYY-MM .* or --year YYYY/],
    [['--period', '2025-06', '--year', '2025'], /either --period/],
    [['--period', '2025-13'], /^kcjr: --period: a monthly pack's period is YYYY-MM, got '2025-13'/],
    [['--period', '2025'], /^kcjr: --period: .*YYYY-MM/],
    [['--year', '25'], /^kcjr: --year: an annual pack's period is YYYY, got '25'/],
    [['--year', '2999'], /^kcjr: --year: the year must be from 2000 to 2200/],
    [['--year', String(new Date().getFullYear())], /^kcjr: --year: .* has not ended yet/],
    [['--period', '2025-06', '--out', 'x'], /--out needs --wait/],
    [['--period', '2025-06', '--basis', 'best'], /--basis.*best.*reported, latest/],
  ])('exits 2 on %j naming the option', async (args, message) => {
    const r = await run('report', 'pack', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('without --wait queues the pack for a worker', async () => {
    const r = await run('report', 'pack', '--period', '2025-05');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ kind: 'monthly', period: '2025-05', status: 'queued', requestedBy: { id: null, name: expect.stringMatching(/^cli:/) } });
  }, 120_000);

  it('--wait --out generates it here and writes the XLSX and the PDF', async () => {
    const out = path.join(dir, 'packs');
    const r = await run('report', 'pack', '--period', '2025-06', '--wait', '--out', out);
    expect(r.code, r.err).toBe(0);
    const [json, ...wrote] = r.out.trim().split('\n');
    expect(JSON.parse(json!)).toMatchObject({ status: 'done', generatedBy: expect.stringMatching(/^cli:.*@/) });
    expect(wrote).toEqual([`wrote ${path.join(out, 'kcjr-monthly-2025-06.xlsx')}`, `wrote ${path.join(out, 'kcjr-monthly-2025-06.pdf')}`]);
    expect(fs.readFileSync(path.join(out, 'kcjr-monthly-2025-06.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'kcjr-monthly-2025-06.xlsx'));
    let outstanding: unknown;
    wb.getWorksheet('主要指标')!.eachRow((row) => {
      if (row.getCell(1).value === '贷款余额（元）') outstanding = row.getCell(2).value;
    });
    expect(outstanding).toBe(2_000_000);
  }, 180_000);

  it('--wait exits 1 with the error when the pack fails (no PDF font)', async () => {
    const { code, out, err } = await runCli(['report', 'pack', '--year', '2025', '--wait'], { env: { KCJR_DATA_DIR: dataDir(), KCJR_PDF_FONT: path.join(dir, 'missing.ttf') } });
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ status: 'failed' });
    expect(err).toContain(`the pack failed: PDF font not found: ${path.join(dir, 'missing.ttf')}`);
  }, 180_000);
});
