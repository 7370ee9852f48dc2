import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import { createTestContext, multipartFile, type FixtureUser, type TestContext } from '../helpers/app';

// `kcjr import institutions` / `kcjr import products` and their API twins: row errors with line and column,
// all-or-nothing, upsert by code, audited.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

type Report = { ok: boolean; imported: number; created: number; updated: number; unchanged: number; errors: { line: number; column: string; message: string }[] };
async function upload(kind: 'institutions' | 'products', content: string | Buffer, filename = 'f.csv', query = '', user: FixtureUser = 'officer') {
  const { payload, headers } = multipartFile(filename, content);
  return ctx.as(user, { method: 'POST', url: `/api/v1/${kind}/import${query}`, payload, headers });
}
const orgCount = async () => Number((await ctx.db.selectFrom('organizations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('institutions import', () => {
  it('reports every bad row by line and column and writes nothing', async () => {
    const before = await orgCount();
    const res = await upload('institutions', 'code,name,kind\nICBC-YP,工商银行杨浦支行,bank\nbad code,某行,bank\nSPDB-YP,,bank\nX1,某机构,securities\nICBC-YP,重复,bank\nBANK1,测试银行,insurer\n');
    expect(res.statusCode).toBe(200);
    const r = res.json() as Report;
    expect(r.ok).toBe(false);
    expect(r.imported).toBe(0);
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([[3, 'code'], [4, 'name'], [5, 'kind'], [6, 'code'], [7, 'kind']]);
    expect(r.errors[4]!.message).toMatch(/exists as a bank; its kind cannot change to insurer/);
    expect(await orgCount()).toBe(before);
  });

  it('upserts by code: creates, renames, leaves the same row alone; audited; a second run changes nothing', async () => {
    const file = 'code,name,kind\nICBC-YP,工商银行杨浦支行,bank\nSHGUAR,市担保基金,guarantor\nBANK1,测试银行（更名）,bank\n';
    const r = (await upload('institutions', file, 'i.csv')).json() as Report;
    expect(r).toMatchObject({ ok: true, imported: 3, created: 2, updated: 1, unchanged: 0 });
    const renamed = await ctx.db.selectFrom('organizations').select('name').where('code', '=', 'BANK1').executeTakeFirstOrThrow();
    expect(renamed.name).toBe('测试银行（更名）');
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('action', 'like', 'organization.import%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['organization.import', 'organization.import.create', 'organization.import.create', 'organization.import.update']);
    expect((await upload('institutions', file, 'i.csv')).json()).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 3 });
  });

  it('reads XLSX; institutions and enterprises may not import', async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('机构');
    s.addRow(['code', 'name', 'kind']);
    s.addRow(['BOC-YP', '中国银行杨浦支行', 'bank']);
    const res = await upload('institutions', Buffer.from(await wb.xlsx.writeBuffer()), 'i.xlsx');
    expect(res.json()).toMatchObject({ ok: true, created: 1 });
    expect((await upload('institutions', 'code,name,kind\n', 'i.csv', '', 'bank')).statusCode).toBe(403);
  });
});

describe('products import', () => {
  it('unknown owner and partner codes are row errors naming the column', async () => {
    const res = await upload('products', [
      'code,name,type,owner_code,partner_codes',
      'KJLYD,科技履约贷,performance_insurance_loan,OFFICE,ICBC-YP;NOPE',
      'X-1,某贷,credit_loan,NOBODY,',
      'X-2,某贷,credit_loan,BANK1,BANK2',
      'X-3,某贷,mortgage,BANK1,',
      'X-4,某贷,credit_loan,ENT-A,',
      'X-5,某贷,credit_loan,OFFICE,ENT-A',
    ].join('\n'));
    const r = res.json() as Report;
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([[2, 'partner_codes'], [3, 'owner_code'], [4, 'partner_codes'], [5, 'type'], [6, 'owner_code'], [7, 'partner_codes']]);
    expect(r.errors[0]!.message).toBe("no institution with code 'NOPE'");
    expect(await ctx.db.selectFrom('products').select('id').execute()).toHaveLength(0);
  });

  it('creates programmes with partners and institution products with version 1; re-import updates partners', async () => {
    const file = (partners: string) => `code,name,type,owner_code,partner_codes\nKJLYD,科技履约贷,performance_insurance_loan,OFFICE,${partners}\nB1-CR,测试信用贷,credit_loan,BANK1,\n`;
    const r = (await upload('products', file('ICBC-YP;BANK2；BOC-YP'))).json() as Report;
    expect(r).toMatchObject({ ok: true, imported: 2, created: 2 });
    const prog = await ctx.as('entA', { method: 'GET', url: '/api/v1/products?isProgramme=true' });
    expect(prog.json().items[0]).toMatchObject({ code: 'KJLYD', isProgramme: true, status: 'active', currentVersion: 1, owner: { code: 'OFFICE' } });
    expect(prog.json().items[0].partners.map((o: { code: string }) => o.code)).toEqual(['BANK2', 'BOC-YP', 'ICBC-YP']);
    const again = (await upload('products', file('BANK2'))).json() as Report;
    expect(again).toMatchObject({ ok: true, created: 0, updated: 1, unchanged: 1 });
    const partners = await ctx.db.selectFrom('product_partners').innerJoin('products', 'products.id', 'product_partners.product_id').select('org_id').where('code', '=', 'KJLYD').execute();
    expect(partners).toHaveLength(1);
  });

  it('an owner cannot change by import', async () => {
    const r = (await upload('products', 'code,name,type,owner_code,partner_codes\nB1-CR,测试信用贷,credit_loan,BANK2,\n')).json() as Report;
    expect(r.errors).toEqual([{ line: 2, column: 'owner_code', message: 'product B1-CR is already offered by another organisation; its owner cannot change' }]);
  });
});

describe('kcjr import institutions / products', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcjr-prod-cli-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  async function kcjr(argv: string[]) {
    let out = '';
    let err = '';
    const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), env: { KCJR_DATA_DIR: dataDir }, readStdin: async () => '' };
    return { code: await main(argv, io), out: () => out, err: () => err };
  }
  const write = (name: string, text: string) => {
    const p = path.join(dataDir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  it('exit 2 with the JSON report on a bad row, 0 when imported', { timeout: 180_000 }, async () => {
    const bad = await kcjr(['import', 'products', write('p.csv', 'code,name,type,owner_code,partner_codes\nP1,贷,credit_loan,NOBODY,\n'), '--format', 'json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.out())).toEqual({ ok: false, imported: 0, errors: [{ line: 2, column: 'owner_code', message: "no institution with code 'NOBODY'" }] });
    const inst = await kcjr(['import', 'institutions', write('i.csv', 'code,name,kind\nYP-STEC,区科技经济委,office\nICBC-YP,工行,bank\n')]);
    expect(inst.code).toBe(0);
    expect(inst.out()).toContain('created 2, updated 0, unchanged 0');
    const ok = await kcjr(['import', 'products', write('p2.csv', 'code,name,type,owner_code,partner_codes\nKJWDT,科技微贷通,micro_loan,YP-STEC,ICBC-YP\n'), '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out())).toEqual({ ok: true, imported: 1, errors: [] });
  });
});
