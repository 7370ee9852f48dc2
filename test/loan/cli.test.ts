import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { openDatabase } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import { makeUscc } from '../../src/shared/uscc';
import { runCli } from '../helpers/cli';

// `kcjr import loans`, `kcjr loans classify`, `kcjr jobs run loan-classification` and `kcjr policy scan` through
// main(argv, io) on an on-disk PGlite data directory.
let dir: string;
const dataDir = () => path.join(dir, 'data');
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcjr-loans-cli-'));
  const opened = await openDatabase({ dataDir: dataDir() });
  await migrateToLatest(opened.db);
  await opened.db.insertInto('organizations').values({ code: 'BANK1', name: '测试银行', kind: 'bank' }).execute();
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
const HEADER = 'loan_no,uscc,enterprise_name,district,bank_code,product_code,collateral_mode,disbursed_on,principal,annual_rate,term_months,repayment_method,outstanding,dpd,first_loan';

describe('kcjr import loans', () => {
  it('exits 2 naming line and column on a bad file and writes nothing; 2 on a bad --as-of', async () => {
    const r = await run('import', 'loans', file('bad.csv', `${HEADER}\nL-1,${makeUscc(11)},甲,杨浦区,NOBANK,,credit,2025-01-10,100000,0.04,12,equal_instalment,90000,0,true\n`), '--as-of', '2025-06-30', '--format', 'json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, imported: 0, errors: [{ line: 2, column: 'bank_code', message: "no bank with code 'NOBANK'" }] });
    const bad = await run('import', 'loans', file('x.csv', HEADER), '--as-of', '2025-02-30');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--as-of');
  });

  it('imports a report as of a date, then a later one', async () => {
    const first = await run('import', 'loans', file('q2.csv', `${HEADER}\nL-1,${makeUscc(11)},甲科技,杨浦区,BANK1,,ip_pledge,2025-01-10,100000,0.04,12,equal_instalment,90000,0,true\nL-2,${makeUscc(12)},乙科技,杨浦区,BANK1,,credit,2025-02-10,200000,0.045,24,interest_only,200000,100,false\n`), '--as-of', '2025-06-30');
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/2 records imported\nas of 2025-06-30: created 2, updated 0, unchanged 0, reports 2; new enterprises 2/);
    const later = await run('import', 'loans', file('q3.csv', `${HEADER}\nL-2,${makeUscc(12)},乙科技,杨浦区,BANK1,,credit,2025-02-10,200000,0.045,24,interest_only,200000,200,false\n`), '--as-of', '2025-09-30');
    expect(later.out).toMatch(/created 0, updated 0, unchanged 1, reports 1/);
  });
});

describe('kcjr loans classify and the job', () => {
  it('classifies every loan as of a date', async () => {
    const r = await run('loans', 'classify', '--as-of', '2025-07-15', '--format', 'json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ asOf: '2025-07-15', loans: 2 });
    const job = await run('jobs', 'run', 'loan-classification', '--data', '{"asOf":"2025-10-01"}');
    expect(job.code, job.err).toBe(0);
    expect(JSON.parse(job.out)).toMatchObject({ asOf: '2025-10-01', loans: 2, classChanges: 0 });
    expect((await run('loans', 'classify', '--as-of', 'yesterday')).code).toBe(2);
    expect((await run('jobs', 'list')).out).toContain('loan-classification\t30 1 * * *');
  });
});
