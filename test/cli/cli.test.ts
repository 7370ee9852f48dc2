import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/connect';
import { makeUscc } from '../../src/shared/uscc';
import { runCli } from '../helpers/cli';

// `kcjr` in-process against PGlite on disk, one data directory for the whole file: each command opens it,
// migrates and closes it, like separate runs of the real command. Calls that open the database are slow
// (~3 s), so the cases below share state in order: import → export → re-import → accounts → audit.

// The first command creates the PGlite cluster on disk (initdb): 15 s or more on a busy machine.
const SLOW = 120_000;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcjr-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function kcjr(argv: string[], stdin = '') {
  return runCli(argv, { env: { KCJR_DATA_DIR: dataDir }, stdin });
}

const HEADER = 'uscc,name,district,street,founded_on,sector,employees,rd_staff,revenue,rd_expense,total_cost,net_profit,total_assets,total_liabilities,year';
const line = (n: number, over: Partial<Record<'uscc' | 'founded_on' | 'revenue' | 'sector', string>> = {}) =>
  [over.uscc ?? makeUscc(n), `命令行企业${n}`, '杨浦区', '', over.founded_on ?? '2019-01-01', over.sector ?? '数字经济', '20', '5', over.revenue ?? '1000000.50', '', '', '-10', '', '', '2024'].join(',');
const file = (name: string, lines: string[]) => {
  const p = path.join(dataDir, name);
  fs.writeFileSync(p, `${[HEADER, ...lines].join('\n')}\n`);
  return p;
};

describe('kcjr uscc check (no database)', () => {
  it('exits 0 when every code is valid, 1 when one is not, 2 with no code', async () => {
    const ok = await kcjr(['uscc', 'check', makeUscc(1).toLowerCase(), makeUscc(2)]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`${makeUscc(1)}  valid`);
    const bad = await kcjr(['uscc', 'check', makeUscc(1), '91310110MA1G5P7Q0X']);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/91310110MA1G5P7Q0X {2}invalid: check character should be/);
    const none = await kcjr(['uscc', 'check']);
    expect(none.code).toBe(2);
  });

  it('exits 2 on an unknown command', async () => {
    const r = await kcjr(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command/);
  });

  it('exits 2 naming the file when it cannot be read', async () => {
    const missing = path.join(dataDir, 'no-such-file.csv');
    const r = await kcjr(['import', 'enterprises', missing, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(missing);
    expect(r.err).toContain('ENOENT');
  });
});

describe('kcjr import / export enterprises', { timeout: SLOW }, () => {
  it('imports a good CSV: exit 0 and the JSON report', async () => {
    const r = await kcjr(['import', 'enterprises', file('good.csv', [line(11), line(12), line(13)]), '--format', 'json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ ok: true, imported: 3, errors: [] });
  });

  it('rejects a bad CSV: exit 2, each error with its line and column, nothing written', async () => {
    const bad = file('bad.csv', [line(21), line(22, { uscc: '91310110ABC' }), line(23, { founded_on: '2023-02-29' }), line(24, { revenue: '-1' }), line(25, { sector: '金融' }), line(26, { uscc: makeUscc(21) })]);
    const r = await kcjr(['import', 'enterprises', bad, '--format', 'json']);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ ok: false, imported: 0 });
    expect(report.errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([[3, 'uscc'], [4, 'founded_on'], [5, 'revenue'], [6, 'sector'], [7, 'uscc']]);
    expect(report.errors[4].message).toMatch(/first seen on line 2/);
  });

  it('checks a file with --dry-run and writes nothing', async () => {
    const r = await kcjr(['import', 'enterprises', file('dry.csv', [line(31)]), '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('dry run: the file is valid; nothing was written');
  });

  it('exports what was imported, and the export re-imports unchanged', async () => {
    const out = path.join(dataDir, 'out.csv');
    const exp = await kcjr(['export', 'enterprises', out]);
    expect(exp.code).toBe(0);
    const text = fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, '');
    const rows = text.trim().split(/\r?\n/);
    expect(rows[0]).toBe(HEADER);
    // Only the good file's rows: the bad file and the dry run wrote nothing.
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual([makeUscc(11), makeUscc(12), makeUscc(13)]);
    expect(rows[1]).toContain('1000000.5');

    const again = await kcjr(['import', 'enterprises', out]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('created 0, updated 0, unchanged 3');
  });

  it('refuses an export file that is neither .csv nor .xlsx (exit 2)', async () => {
    const r = await kcjr(['export', 'enterprises', path.join(dataDir, 'out.txt')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/must end in \.csv or \.xlsx/);
  });
});

describe('kcjr org create / user create', { timeout: SLOW }, () => {
  it('creates an enterprise organisation linked by USCC and a user whose password comes from stdin', async () => {
    const org = await kcjr(['org', 'create', '--code', 'CLI-ENT', '--name', '命令行企业11', '--kind', 'enterprise', '--enterprise', makeUscc(11).toLowerCase()]);
    expect(org.err).toBe('');
    expect(org.code).toBe(0);
    expect(org.out).toContain('created organisation CLI-ENT (enterprise)');
    const user = await kcjr(['user', 'create', '--username', 'cli.user', '--display-name', '命令行用户', '--role', 'enterprise_user', '--org', 'CLI-ENT'], 'a-long-password-1\n');
    expect(user.err).toBe('');
    expect(user.code).toBe(0);
    expect(user.out).toContain('created user cli.user (enterprise_user)');
  });

  it('exits 2 naming --role for a role that does not exist', async () => {
    const r = await kcjr(['user', 'create', '--username', 'cli.bad', '--display-name', 'x', '--role', 'superuser', '--org', 'CLI-ENT'], 'a-long-password-1\n');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--role/);
  });
});

describe('kcjr audit verify', { timeout: SLOW }, () => {
  it('exits 0 on the intact chain the commands above wrote, and 1 naming the row after tampering', async () => {
    const intact = await kcjr(['audit', 'verify']);
    expect(intact.code).toBe(0);
    const checked = Number(/audit chain intact: (\d+) rows verified/.exec(intact.out)?.[1]);
    // 3 creates + 3 financials + 1 summary for the import, 1 summary for the re-import, org and user.
    expect(checked).toBeGreaterThanOrEqual(10);

    const opened = await openDatabase({ dataDir });
    try {
      await sql`alter table audit_log disable trigger audit_log_no_update_delete`.execute(opened.db);
      await sql`update audit_log set action = 'enterprise.delete' where seq = 3`.execute(opened.db);
    } finally {
      await opened.close();
    }
    const broken = await kcjr(['audit', 'verify', '--format', 'json']);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.out)).toMatchObject({ ok: false, checked: 2, firstBroken: { seq: 3, reason: expect.stringMatching(/row 3 was altered/) } });
  });
});
