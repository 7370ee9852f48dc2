import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import { makeUscc } from '../../src/shared/uscc';
import { createTestContext, multipartFile, type TestContext } from '../helpers/app';
import { TEST_DB_KIND } from '../helpers/db';
import { monthsAgo, today } from './helpers';

// The 银税互动 feeds (tax filings, social insurance headcounts): row-level errors with line and column, all-or-nothing,
// unknown USCC a row error, upsert on re-import, every write audited; through the API and through `kcjr import`.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const A = makeUscc(1);
const B = makeUscc(2);
const TAX_HEADER = 'uscc,period,tax_type,taxable_revenue,tax_paid,filed_on';
const SI_HEADER = 'uscc,month,headcount';
const year = Number(today().slice(0, 4));

const upload = (feed: string, name: string, text: string, user: 'officer' | 'bank' | 'entA' = 'officer', query = '') => {
  const m = multipartFile(name, text);
  return ctx.as(user, { method: 'POST', url: `/api/v1/data-feeds/${feed}/import${query}`, payload: m.payload, headers: m.headers });
};
const count = async (table: 'enterprise_tax_filings' | 'enterprise_social_insurance') =>
  Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('tax filings import', () => {
  it('reports every bad row with its line and column and writes nothing', async () => {
    const text = [
      TAX_HEADER,
      `${A},${year - 1},企业所得税,1000000.00,25000.00,${year}-03-31`,
      `${A},${year - 1}-Q5,增值税,,100.00,`,
      `${makeUscc(77)},${year - 1}-01,增值税,,100.00,`,
      `${A},${year - 1}-02,增值税,,-1,`,
      `${B},${year - 1}-13,增值税,,1,`,
      `${A},${year - 1},企业所得税,1,1,`,
      `${A},${year + 1},企业所得税,1,1,`,
      `${B},${year - 1}-06,增值税,1,1,${year - 1}-05-31`,
      `91310110ABC,${year - 1}-06,增值税,1,1,`,
    ].join('\n');
    const res = await upload('tax-filings', 'tax.csv', text);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.ok).toBe(false);
    expect(r.imported).toBe(0);
    expect(r.errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([
      [3, 'period'], [4, 'uscc'], [5, 'tax_paid'], [6, 'period'], [7, 'uscc+period+tax_type'], [8, 'period'], [9, 'filed_on'], [10, 'uscc'],
    ]);
    expect(r.errors[1].message).toBe(`no enterprise with USCC ${makeUscc(77)} in the registry`);
    expect(await count('enterprise_tax_filings')).toBe(0);
  });

  it('imports a good file, upserts on re-import and audits per enterprise and per file', async () => {
    const text = [TAX_HEADER, `${A},${year - 1},企业所得税,1000000.00,25000.00,${year}-03-31`, `${A},${monthsAgo(2)},增值税,200000,12000.5,`, `${B},${year - 1}-Q4,增值税,,300,`].join('\n');
    const first = (await upload('tax-filings', 'tax.csv', text)).json();
    expect(first).toMatchObject({ ok: true, imported: 3, created: 3, updated: 0, errors: [] });
    const row = await ctx.db.selectFrom('enterprise_tax_filings').selectAll().where('enterprise_id', '=', ctx.ids.enterpriseA).where('tax_type', '=', '增值税').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ taxable_revenue: 200000_00, tax_paid: 12000_50, filed_on: null, source: 'tax_bureau' });

    const again = (await upload('tax-filings', 'tax2.csv', text.replace('12000.5', '13000'))).json();
    expect(again).toMatchObject({ ok: true, imported: 3, created: 0, updated: 3 });
    expect(await count('enterprise_tax_filings')).toBe(3);
    const audit = await ctx.db.selectFrom('audit_log').select(['entity_type', 'entity_id']).where('action', '=', 'consent_data.tax_filings.import').orderBy('seq').execute();
    expect(audit.map((a) => a.entity_type === 'enterprise' ? a.entity_id : `file:${a.entity_id}`).sort()).toEqual(
      [ctx.ids.enterpriseA, ctx.ids.enterpriseB, ctx.ids.enterpriseA, ctx.ids.enterpriseB, 'file:tax.csv', 'file:tax2.csv'].sort(),
    );
  });

  it('dry run checks and writes nothing; only office staff import', async () => {
    const text = [TAX_HEADER, `${A},${year - 2},企业所得税,1,1,`].join('\n');
    const r = (await upload('tax-filings', 'dry.csv', text, 'officer', '?dryRun=true')).json();
    expect(r).toMatchObject({ ok: true, imported: 0, dryRun: true });
    expect(await count('enterprise_tax_filings')).toBe(3);
    expect((await upload('tax-filings', 'x.csv', text, 'bank')).statusCode).toBe(403);
    expect((await upload('tax-filings', 'x.csv', text, 'entA')).statusCode).toBe(403);
  });
});

describe('social insurance import', () => {
  it('row errors, then a good file', async () => {
    const bad = [SI_HEADER, `${A},${monthsAgo(1)},12`, `${A},${monthsAgo(1)},13`, `${A},2024-1,5`, `${B},${monthsAgo(3)},-2`, `${A},${year + 1}-01,5`, `${makeUscc(78)},${monthsAgo(1)},1`].join('\n');
    const r = (await upload('social-insurance', 'si.csv', bad)).json();
    expect(r.errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([[3, 'uscc+month'], [4, 'month'], [5, 'headcount'], [6, 'month'], [7, 'uscc']]);
    expect(await count('enterprise_social_insurance')).toBe(0);
    const good = (await upload('social-insurance', 'si.csv', [SI_HEADER, `${A},${monthsAgo(1)},12`, `${B},${monthsAgo(1)},30`].join('\n'))).json();
    expect(good).toMatchObject({ ok: true, imported: 2, created: 2 });
    expect(await count('enterprise_social_insurance')).toBe(2);
  });
});

describe('kcjr import tax-filings / social-insurance', { timeout: 180_000 }, () => {
  // The CLI opens its own database: on PostgreSQL the test database by URL; on PGlite a data directory on disk.
  let env: NodeJS.ProcessEnv;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcjr-consent-cli-'));
    if (TEST_DB_KIND === 'pg') {
      env = { DATABASE_URL: await testDatabaseUrl() };
    } else {
      env = { KCJR_DATA_DIR: path.join(dir, 'data') };
      const code = await kcjr(['import', 'enterprises', write('e.csv', `uscc,name,district,sector\n${A},甲科技有限公司,杨浦区,人工智能\n`)]);
      expect(code.code, code.err).toBe(0);
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  async function kcjr(argv: string[]) {
    let out = '';
    let err = '';
    const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), env, readStdin: async () => '' };
    return { code: await main(argv, io), out, err };
  }

  it('exit 2 with the JSON report naming line and column; exit 0 on a good file', async () => {
    const bad = await kcjr(['import', 'tax-filings', write('t.csv', `${TAX_HEADER}\n${A},${year - 1}-Q9,增值税,,1,\n${makeUscc(79)},${year - 1},增值税,,1,\n`), '--format', 'json']);
    expect(bad.code, bad.err).toBe(2);
    expect(JSON.parse(bad.out)).toEqual({
      ok: false, imported: 0,
      errors: [
        { line: 2, column: 'period', message: `'${year - 1}-Q9' is not a period: use YYYY, YYYY-Qn (Q1–Q4) or YYYY-MM` },
        { line: 3, column: 'uscc', message: `no enterprise with USCC ${makeUscc(79)} in the registry` },
      ],
    });
    const good = await kcjr(['import', 'social-insurance', write('s.csv', `${SI_HEADER}\n${A},${monthsAgo(4)},21\n`)]);
    expect(good.code, good.err).toBe(0);
    expect(good.out).toContain('1 record imported');
    const missing = await kcjr(['import', 'social-insurance', path.join(dir, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('ENOENT');
  });
});

/** On PostgreSQL the test context's database is reachable by URL; find it from the connection itself. */
async function testDatabaseUrl(): Promise<string> {
  const { sql } = await import('kysely');
  const r = await sql<{ db: string }>`select current_database() as db`.execute(ctx.db);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${r.rows[0]!.db}`;
  return url.toString();
}
