import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { openDatabase } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import { makeUscc } from '../../src/shared/uscc';
import { runCli } from '../helpers/cli';

// `kcjr import events`, `kcjr assess banks` and `kcjr report products` through main(argv, io) on an on-disk PGlite.
let dir: string;
const dataDir = () => path.join(dir, 'data');
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcjr-assessment-cli-'));
  const opened = await openDatabase({ dataDir: dataDir() });
  const db = opened.db;
  await migrateToLatest(db);
  const office = await db.insertInto('organizations').values({ code: 'OFFICE', name: '区科技经济委', kind: 'office' }).returning('id').executeTakeFirstOrThrow();
  const b1 = await db.insertInto('organizations').values({ code: 'BANK1', name: '测试银行', kind: 'bank' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('organizations').values({ code: 'BANK2', name: '第二银行', kind: 'bank' }).execute();
  const p = await db.insertInto('products').values({ code: 'LYD', name: '科技履约贷', type: 'performance_insurance_loan', owner_org_id: office.id, is_programme: true }).returning('id').executeTakeFirstOrThrow();
  const e = await db.insertInto('enterprises').values({ uscc: makeUscc(41), name: '甲科技有限公司', district: '杨浦区', sector: '其他' }).returning('id').executeTakeFirstOrThrow();
  const a = await db.insertInto('applications').values({ application_no: 'C-1', enterprise_id: e.id, product_id: p.id, status: 'disbursed', submitted_on: '2025-03-01', bank_org_id: b1.id, approved_amount: 2_000_000_00 }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('application_assignments').values({ application_id: a.id, seq: 1, bank_org_id: b1.id, amount: 2_000_000_00, recommended_on: '2025-03-05' }).execute();
  await db.insertInto('loans').values({
    loan_no: 'L-1', bank_org_id: b1.id, enterprise_id: e.id, application_id: a.id, product_id: p.id, collateral_mode: 'performance_insurance', principal: 2_000_000_00,
    annual_rate: '0.04', term_months: 12, start_date: '2025-04-01', maturity_date: '2026-04-01', repayment_method: 'equal_instalment',
  }).execute();
  await opened.close();
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  return runCli(argv, { env: { KCJR_DATA_DIR: dataDir(), LOG_LEVEL: 'silent' } });
}
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};
const HEADER = 'date,title,bank_code,station,attendees';

describe('kcjr import events', () => {
  it('exits 2 with the row/column report on a bad file and writes nothing; --dry-run writes nothing', async () => {
    const bad = await run('import', 'events', file('bad.csv', `${HEADER}\n2025-05-01,宣讲会,NOPE,,10\n`), '--format', 'json');
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.out)).toEqual({ ok: false, imported: 0, errors: [{ line: 2, column: 'bank_code', message: "no bank with code 'NOPE'" }] });
    const dry = await run('import', 'events', file('good.csv', `${HEADER}\n2025-05-01,宣讲会,BANK1,ST-1,10\n2025-06-01,对接会,BANK1,,20\n`), '--dry-run');
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toContain('dry run: the file is valid; nothing was written');
    expect((await run('import', 'events', path.join(dir, 'missing.csv'))).code).toBe(2);
  });

  it('imports; --skip-invalid imports the valid rows and still exits 2', async () => {
    const r = await run('import', 'events', path.join(dir, 'good.csv'));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/2 records imported\ncreated 2, updated 0, unchanged 0/);
    const s = await run('import', 'events', file('mixed.csv', `${HEADER}\n2025-07-01,沙龙,BANK2,,5\n2025-07-02,沙龙,NOPE,,5\n`), '--skip-invalid');
    expect(s.code).toBe(2);
    expect(s.out).toMatch(/line 3, column bank_code: no bank with code 'NOPE'\n1 error; 1 record imported\ncreated 1/);
  });
});

describe('kcjr assess banks', () => {
  it('prints the JSON contract and a text table', async () => {
    const r = await run('assess', 'banks', '--year', '2025', '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out);
    // BANK1: 2,000,000 → 70; 1 applicant → 5; 1 of 1 → 20 × 0.1 = 2; first year, < 5000万 → 1; 2 events → 2.
    expect(json.banks[0]).toEqual({
      bank: 'BANK1', bankName: '测试银行',
      indicators: {
        creditTotal: { value: 2_000_000, score: 70 }, applicants: { value: 1, score: 5 },
        fulfilment: { rate: 1, approved: 1, recommended: 1, coefficient: 0.1, score: 2 },
        growth: { value: null, approved: 1, prevApproved: 0, firstYear: true, score: 1 },
        activities: { value: 2, score: 2 }, microLoan: { value: 0, loans: 0, score: 0 },
      },
      total: 80,
    });
    // BANK2: one event (沙龙) → 1.
    expect(json.banks[1]).toMatchObject({ bank: 'BANK2', total: 1 });
    const text = await run('assess', 'banks', '--year', '2025');
    expect(text.out.split('\n')[0]).toBe('科技信贷合作银行考核 2025');
    expect(text.out).toMatch(/^BANK1 .* 80$/m);
    expect((await run('assess', 'banks', '--year', '2025', '--product', 'LYD', '--format', 'json')).code).toBe(0);
  });

  it('exits 2 naming the option', async () => {
    const y = await run('assess', 'banks', '--year', '25');
    expect(y.code).toBe(2);
    expect(y.err).toMatch(/--year/);
    const p = await run('assess', 'banks', '--year', '2025', '--product', 'NOPE');
    expect(p.code).toBe(2);
    expect(p.err).toMatch(/NOPE/);
    expect((await run('assess', 'banks')).code).toBe(2);
  });
});

describe('kcjr report products', () => {
  it('prints JSON, writes CSV and XLSX, exits 2 on bad options', async () => {
    const r = await run('report', 'products', '--year', '2025');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      year: 2025,
      rows: [{ product: 'LYD', productName: '科技履约贷', amount: 2_000_000, enterprises: 1, prevAmount: 0, prevEnterprises: 0, yoy: null, cumulativeAmount: 2_000_000, cumulativeEnterprises: 1 }],
      total: { amount: 2_000_000, enterprises: 1, prevAmount: 0, prevEnterprises: 0, yoy: null, cumulativeAmount: 2_000_000, cumulativeEnterprises: 1 },
    });
    expect((await run('report', 'products', '--year', '2025', '--format', 'csv')).out).toContain('合计（含其他）,2000000.00,1,0.00,0,,2000000.00,1');
    const out = path.join(dir, 'products.xlsx');
    expect((await run('report', 'products', '--year', '2025', '--format', 'xlsx', '--out', out)).code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect((await run('report', 'products', '--year', '2025', '--format', 'xlsx')).code).toBe(2);
    expect((await run('report', 'products', '--year', 'x')).code).toBe(2);
  });
});
