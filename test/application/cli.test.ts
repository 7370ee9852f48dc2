import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { openDatabase } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import { makeUscc } from '../../src/shared/uscc';
import { runCli } from '../helpers/cli';

// `kcjr import applications`, `kcjr report funnel` and `kcjr jobs run application-sla-sweep` through
// main(argv, io) on an on-disk PGlite data directory.
let dir: string;
const dataDir = () => path.join(dir, 'data');
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcjr-applications-cli-'));
  const opened = await openDatabase({ dataDir: dataDir() });
  await migrateToLatest(opened.db);
  const office = await opened.db.insertInto('organizations').values({ code: 'OFFICE', name: '区科技经济委', kind: 'office' }).returning('id').executeTakeFirstOrThrow();
  const bank = await opened.db.insertInto('organizations').values({ code: 'BANK1', name: '测试银行', kind: 'bank' }).returning('id').executeTakeFirstOrThrow();
  const p = await opened.db.insertInto('products').values({ code: 'LYD', name: '科技履约贷', type: 'performance_insurance_loan', owner_org_id: office.id, is_programme: true }).returning('id').executeTakeFirstOrThrow();
  await opened.db.insertInto('product_partners').values({ product_id: p.id, org_id: bank.id }).execute();
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

const HEADER = 'application_no,uscc,enterprise_name,district,product_code,submitted_on,screening_result,recommended_on,recommended_amount,bank_code,bank_decision,decided_on,approved_amount';
const GOOD = `${HEADER}
H-1,${makeUscc(11)},甲科技有限公司,杨浦区,LYD,2025-01-10,recommended,2025-01-15,1000000,BANK1,pending,,
H-2,${makeUscc(12)},乙科技有限公司,闵行区,LYD,2025-02-10,recommended,2025-02-15,2000000,BANK1,approved,2025-03-01,1800000
H-3,${makeUscc(12)},乙科技有限公司,闵行区,LYD,2025-03-10,deferred,,,,,,
`;

describe('kcjr import applications', () => {
  it('exits 2 with {ok,imported,errors[{line,column,message}]} on a bad file and writes nothing', async () => {
    const r = await run('import', 'applications', file('bad.csv', `${HEADER}\nX-1,${makeUscc(11)},甲,杨浦区,NOPE,2025-01-10,pending,,,,,,\n`), '--format', 'json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toEqual({ ok: false, imported: 0, errors: [{ line: 2, column: 'product_code', message: "no product with code 'NOPE'" }] });
  });

  it('imports, and a second run reports every row unchanged', async () => {
    const first = await run('import', 'applications', file('good.csv', GOOD));
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/3 records imported\ncreated 3, updated 0, unchanged 0/);
    const second = await run('import', 'applications', file('good.csv', GOOD));
    expect(second.out).toMatch(/created 0, updated 0, unchanged 3/);
    expect((await run('import', 'applications', path.join(dir, 'missing.csv'))).code).toBe(2);
  });
});

describe('kcjr report funnel', () => {
  it('prints the JSON contract per district and per bank', async () => {
    const r = await run('report', 'funnel', '--year', '2025');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      year: 2025,
      rows: [
        { district: '闵行区', applications: 2, recommendedCount: 1, recommendedAmount: 2_000_000, deferredCount: 1, approvedCount: 1, approvedAmount: 1_800_000 },
        { district: '杨浦区', applications: 1, recommendedCount: 1, recommendedAmount: 1_000_000, deferredCount: 0, approvedCount: 0, approvedAmount: 0 },
      ],
      total: { applications: 3, recommendedCount: 2, recommendedAmount: 3_000_000, deferredCount: 1, approvedCount: 1, approvedAmount: 1_800_000 },
    });
    const bank = JSON.parse((await run('report', 'funnel', '--year', '2025', '--by', 'bank', '--product', 'LYD')).out);
    expect(bank.rows.map((x: { bank: string | null; applications: number }) => [x.bank, x.applications])).toEqual([['BANK1', 2], [null, 1]]);
    // The code stays the key the issue specifies; the name is beside it.
    expect(bank.rows.map((x: { bank: string | null; bankName: string | null }) => [x.bank, x.bankName])).toEqual([['BANK1', '测试银行'], [null, null]]);
  });

  it('writes CSV and XLSX, and exits 2 on bad options', async () => {
    const csv = await run('report', 'funnel', '--year', '2025', '--format', 'csv');
    expect(csv.out).toContain('总计,3,2,3000000.00,1,1,1800000.00');
    const out = path.join(dir, 'funnel.xlsx');
    expect((await run('report', 'funnel', '--year', '2025', '--format', 'xlsx', '--out', out)).code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect((await run('report', 'funnel', '--year', '25')).code).toBe(2);
    expect((await run('report', 'funnel', '--year', '2025', '--by', 'street')).code).toBe(2);
    expect((await run('report', 'funnel', '--year', '2025', '--product', 'NOPE')).code).toBe(2);
  });
});

describe('kcjr jobs run application-sla-sweep', () => {
  it('marks the lines crossed as of the given date once; a second run marks nothing', async () => {
    const r = await run('jobs', 'run', 'application-sla-sweep', '--data', '{"asOf":"2025-03-16"}');
    expect(r.code, r.err).toBe(0);
    // H-1 recommended 2025-01-15: 60 days → 2025-03-16, so the 30- and 60-day lines.
    expect(JSON.parse(r.out)).toEqual({ asOf: '2025-03-16', lines: [30, 60, 90], marked: 2, resolved: 0 });
    expect(JSON.parse((await run('jobs', 'run', 'application-sla-sweep', '--data', '{"asOf":"2025-03-16"}')).out)).toMatchObject({ marked: 0 });
    expect((await run('jobs', 'run', 'application-sla-sweep', '--data', '{"asOf":"2025-13-01"}')).code).toBe(2);
  });
});
