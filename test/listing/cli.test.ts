import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/connect';
import { makeUscc } from '../../src/shared/uscc';
import { runCli } from '../helpers/cli';

// `kcjr import rounds`, `kcjr report linkage`, `kcjr assess stations` in-process on PGlite on disk (issue #7).
const SLOW = 120_000;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcjr-listing-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function kcjr(argv: string[]) {
  return runCli(argv, { env: { KCJR_DATA_DIR: dataDir } });
}

describe('kcjr listing commands', () => {
  it('imports rounds all-or-nothing with exit 2 naming line and column, then the valid file', async () => {
    const opened = await openDatabase({ dataDir });
    const { migrateToLatest } = await import('../../src/server/db/migrate');
    await migrateToLatest(opened.db);
    const e = await opened.db.insertInto('enterprises').values({ uscc: makeUscc(41), name: '命令行联动企业', district: '杨浦区', sector: '人工智能' }).returning('id').executeTakeFirstOrThrow();
    const bank = await opened.db.insertInto('organizations').values({ code: 'CLIBANK', name: '银行', kind: 'bank', enterprise_id: null }).returning('id').executeTakeFirstOrThrow();
    await opened.db.insertInto('loans').values({
      loan_no: 'CLI-1', bank_org_id: bank.id, enterprise_id: e.id, collateral_mode: 'credit', principal: 3_000_000_00, annual_rate: '0.04', term_months: 12,
      start_date: '2025-04-01', maturity_date: '2026-04-01', repayment_method: 'interest_only', linkage_mode: 'loan_warrant',
    }).execute();
    await opened.close();
    const bad = path.join(dataDir, 'bad.csv');
    fs.writeFileSync(bad, `uscc,round,date,amount,investors\n${makeUscc(41)},series_a,2024-01-01,100,x\n`);
    const r1 = await kcjr(['import', 'rounds', bad]);
    expect(r1.code).toBe(2);
    expect(r1.out).toContain('line 2');
    expect(r1.out).toContain('round');
    const good = path.join(dataDir, 'good.csv');
    fs.writeFileSync(good, `uscc,round,date,amount,investors\n${makeUscc(41)},angel,2023-01-01,1000000,天使\n${makeUscc(41)},pre_a,2024-06-01,5000000,某资本\n`);
    const r2 = await kcjr(['import', 'rounds', good, '--format', 'json']);
    expect(r2.code).toBe(0);
    expect(JSON.parse(r2.out)).toMatchObject({ ok: true, imported: 2, created: 2 });
  }, SLOW);

  it('reports linkage as the issue\'s JSON and as xlsx', async () => {
    const r = await kcjr(['report', 'linkage', '--year', '2025']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.modes.find((m: any) => m.mode === 'loan_warrant')).toEqual({ mode: 'loan_warrant', enterprises: 1, loans: 1, balance: 3000000 });
    expect(j.roundsBeforeCredit.find((x: any) => x.round === 'pre_a')).toEqual({ round: 'pre_a', enterprises: 1 });
    expect(Object.keys(j)).toEqual(['year', 'modes', 'roundsBeforeCredit']);
    expect((await kcjr(['report', 'linkage', '--year', '25'])).code).toBe(2);
    expect((await kcjr(['report', 'linkage', '--year', '2025', '--format', 'xlsx'])).code).toBe(2);
    const out = path.join(dataDir, 'l.xlsx');
    expect((await kcjr(['report', 'linkage', '--year', '2025', '--format', 'xlsx', '--out', out])).code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  }, SLOW);

  it('assesses stations as text and JSON', async () => {
    const opened = await openDatabase({ dataDir });
    await opened.db.insertInto('service_stations').values({ code: 'CLI', name: '命令行服务站', host: '园区', parks: '[]' }).execute();
    await opened.close();
    const t = await kcjr(['assess', 'stations', '--year', '2025']);
    expect(t.code).toBe(0);
    expect(t.out).toContain('CLI 命令行服务站: 0');
    expect(t.out).toContain('二.1 screened_projects');
    const j = JSON.parse((await kcjr(['assess', 'stations', '--year', '2025', '--format', 'json'])).out);
    expect(j.stations[0].items.map((i: any) => i.source)).toContain('station screenings (推荐、初审、调查)');
    expect((await kcjr(['assess', 'stations', '--year', 'x'])).code).toBe(2);
  }, SLOW);
});
