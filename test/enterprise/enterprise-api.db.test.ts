import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/shared/uscc';
import { createTestContext, type TestContext } from '../helpers/app';

// The enterprise registry API (issue #2, "Enterprise registry" and "Bad input and limits"), through the
// real HTTP stack on a fresh database.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

const base = { name: '丙智能制造有限公司', district: '杨浦区', street: '五角场街道', foundedOn: '2020-03-15', sector: '智能制造' };
const fullWidth = (s: string) => Array.from(s, (c) => (c >= '!' && c <= '~' ? String.fromCodePoint(c.codePointAt(0)! + 0xfee0) : c)).join('');

async function create(body: Record<string, unknown>) {
  const res = await ctx.as('officer', { method: 'POST', url: '/api/v1/enterprises', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; uscc: string; [k: string]: unknown };
}

async function auditRows(entityId: string, action: string) {
  const rows = await ctx.db.selectFrom('audit_log').selectAll().where('entity_id', '=', entityId).where('action', '=', action).orderBy('seq').execute();
  return rows.map((r) => ({ ...r, diff: (typeof r.diff === 'string' ? JSON.parse(r.diff) : r.diff) as { before: Record<string, unknown> | null; after: Record<string, unknown> | null } }));
}

const issuePaths = (res: { json(): unknown }) => ((res.json() as { issues?: { path: string; message: string }[] }).issues ?? []);

describe('create', () => {
  it('registers an enterprise (201) with the USCC normalised from lower-case, padded, full-width input, and audits it', async () => {
    const uscc = makeUscc('91310110MA1G5P7Q0');
    const created = await create({ ...base, uscc: `  ${uscc.toLowerCase()} ` });
    expect(created.uscc).toBe(uscc);
    expect(created).toMatchObject({ name: base.name, district: '杨浦区', foundedOn: '2020-03-15', sector: '智能制造', listingStatus: 'unlisted' });
    const [row] = await auditRows(created.id, 'enterprise.create');
    expect(row?.actor_username).toBe('officer');
    expect(row?.diff.after).toMatchObject({ uscc, name: base.name });

    const fw = makeUscc(301);
    const second = await create({ ...base, name: '全角代码有限公司', uscc: `\u3000${fullWidth(fw)}` });
    expect(second.uscc).toBe(fw);
  });

  it('rejects a USCC that is already registered with 409, however it is written', async () => {
    const res = await ctx.as('officer', { method: 'POST', url: '/api/v1/enterprises', payload: { ...base, uscc: fullWidth(makeUscc(1)).toLowerCase() } });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain(makeUscc(1));
  });

  it('answers concurrent registrations of one USCC with one 201 and 409s, never a 500', async () => {
    await ctx.session('officer');
    const payload = { ...base, name: '并发登记有限公司', uscc: makeUscc(304) };
    const results = await Promise.all([1, 2, 3, 4].map(() => ctx.as('officer', { method: 'POST', url: '/api/v1/enterprises', payload })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
  });

  const valid = { ...base, uscc: makeUscc(302) };
  const badCases: [string, Record<string, unknown>, string, RegExp][] = [
    ['a wrong check character', { ...valid, uscc: `${makeUscc(302).slice(0, 17)}${makeUscc(302).endsWith('0') ? '1' : '0'}` }, 'body.uscc', /check character should be/],
    ['a short USCC', { ...valid, uscc: '9131011012345' }, 'body.uscc', /must be 18 characters, got 13/],
    ['a letter GB 32100 excludes', { ...valid, uscc: `${makeUscc(302).slice(0, 10)}O${makeUscc(302).slice(11)}` }, 'body.uscc', /excludes I, O, S, V, Z/],
    ['a district outside Shanghai', { ...valid, district: '朝阳区' }, 'body.district', /Shanghai district/],
    ['an unknown sector', { ...valid, sector: '房地产' }, 'body.sector', /must be one of/],
    ['a date that does not exist', { ...valid, foundedOn: '2025-02-30' }, 'body.foundedOn', /calendar date/],
    ['an unknown field', { ...valid, bogus: 1 }, 'body.bogus', /unknown field/],
    ['an empty name', { ...valid, name: '   ' }, 'body.name', /./],
    ['a missing name', { uscc: valid.uscc, district: '杨浦区', sector: '其他' }, 'body.name', /./],
  ];
  it.each(badCases)('rejects %s with 400 naming the field', async (_label, payload, path, message) => {
    const res = await ctx.as('officer', { method: 'POST', url: '/api/v1/enterprises', payload });
    expect(res.statusCode, res.body).toBe(400);
    const issue = issuePaths(res).find((i) => i.path === path);
    expect(issue, JSON.stringify(issuePaths(res))).toBeDefined();
    expect(issue!.message).toMatch(message);
  });

  it('wrote nothing for the rejected requests', async () => {
    const n = await ctx.db.selectFrom('enterprises').select((eb) => eb.fn.countAll<number>().as('n')).where('uscc', '=', makeUscc(302)).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });
});

describe('bad bodies', () => {
  it('rejects a body over 1 MiB with 413', async () => {
    const res = await ctx.as('officer', { method: 'POST', url: '/api/v1/enterprises', payload: { ...base, uscc: makeUscc(303), street: 'x'.repeat(1024 * 1024 + 10) } });
    expect(res.statusCode).toBe(413);
  });

  it('rejects malformed JSON with 400, not 500', async () => {
    const res = await ctx.as('officer', { method: 'POST', url: '/api/v1/enterprises', payload: '{"uscc": "91', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(issuePaths(res)[0]?.path).toBe('body');
  });

  it('rejects a path id that is not a UUID with 400 naming params.id', async () => {
    const res = await ctx.as('officer', { method: 'GET', url: '/api/v1/enterprises/not-a-uuid' });
    expect(res.statusCode).toBe(400);
    expect(issuePaths(res).map((i) => i.path)).toContain('params.id');
  });
});

describe('patch', () => {
  it('changes the given fields and audits only what changed', async () => {
    const e = await create({ ...base, name: '待修改有限公司', uscc: makeUscc(310) });
    const res = await ctx.as('officer', { method: 'PATCH', url: `/api/v1/enterprises/${e.id}`, payload: { name: '已修改有限公司', district: '杨浦区', sector: '数字经济' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '已修改有限公司', sector: '数字经济', district: '杨浦区', foundedOn: '2020-03-15' });
    const rows = await auditRows(e.id, 'enterprise.update');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.diff).toEqual({ before: { name: '待修改有限公司', sector: '智能制造' }, after: { name: '已修改有限公司', sector: '数字经济' } });
  });

  it('treats a patch that repeats the current values as no change: no audit row, updated_at kept', async () => {
    const e = await create({ ...base, name: '不变有限公司', uscc: makeUscc(312) });
    const res = await ctx.as('officer', { method: 'PATCH', url: `/api/v1/enterprises/${e.id}`, payload: { name: ' 不变有限公司 ', foundedOn: '2020-03-15', sector: '智能制造' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().updatedAt).toBe(e.updatedAt);
    expect(await auditRows(e.id, 'enterprise.update')).toEqual([]);
  });

  it('rejects an unknown field and a changed USCC (not editable) with 400', async () => {
    const res = await ctx.as('officer', { method: 'PATCH', url: `/api/v1/enterprises/${ctx.ids.enterpriseA}`, payload: { uscc: makeUscc(311) } });
    expect(res.statusCode).toBe(400);
    expect(issuePaths(res).map((i) => i.path)).toContain('body.uscc');
  });

  it('404s for an enterprise that does not exist', async () => {
    const res = await ctx.as('officer', { method: 'PATCH', url: '/api/v1/enterprises/00000000-0000-4000-8000-000000000000', payload: { name: 'x' } });
    expect(res.statusCode).toBe(404);
  });
});

describe('financials', () => {
  const url = () => `/api/v1/enterprises/${ctx.ids.enterpriseA}/financials/2024`;

  it('takes yuan and gives yuan back to the fen, including a loss', async () => {
    const res = await ctx.as('officer', {
      method: 'PUT', url: url(),
      payload: { revenue: 12345678.9, rdExpense: 0.29, totalCost: 1000000, netProfit: -250000.55, totalAssets: 5e6, totalLiabilities: 0, employees: 120, rdStaff: 45 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const f = (res.json().financials as { year: number }[]).find((x) => x.year === 2024);
    expect(f).toMatchObject({ revenue: 12345678.9, rdExpense: 0.29, totalCost: 1000000, netProfit: -250000.55, totalAssets: 5000000, totalLiabilities: 0, employees: 120, rdStaff: 45 });
    const row = await ctx.db.selectFrom('enterprise_financials').selectAll().where('enterprise_id', '=', ctx.ids.enterpriseA).where('year', '=', 2024).executeTakeFirstOrThrow();
    expect([row.revenue, row.rd_expense, row.net_profit]).toEqual([1234567890, 29, -25000055]);
    const audit = await auditRows(ctx.ids.enterpriseA, 'enterprise.financials.put');
    expect(audit.at(-1)!.diff.after).toMatchObject({ year: 2024, revenue: 1234567890 });
  });

  it.each([
    ['three decimals', { revenue: 1.234 }, 'body.revenue'],
    ['a negative revenue', { revenue: -1 }, 'body.revenue'],
    ['an amount sent as text', { totalCost: '100' }, 'body.totalCost'],
    ['more R&D staff than employees', { employees: 10, rdStaff: 11 }, 'body.rdStaff'],
    ['a fractional head count', { employees: 10.5 }, 'body.employees'],
    ['an unknown field', { profit: 1 }, 'body.profit'],
  ])('rejects %s with 400 naming the field', async (_label, payload, path) => {
    const res = await ctx.as('officer', { method: 'PUT', url: url(), payload });
    expect(res.statusCode, res.body).toBe(400);
    expect(issuePaths(res).map((i) => i.path)).toContain(path);
  });

  it('rejects a year out of range with 400 naming params.year', async () => {
    const res = await ctx.as('officer', { method: 'PUT', url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/financials/1800`, payload: {} });
    expect(res.statusCode).toBe(400);
    expect(issuePaths(res).map((i) => i.path)).toContain('params.year');
  });

  it('left the stored figures as they were after the rejected requests', async () => {
    const row = await ctx.db.selectFrom('enterprise_financials').selectAll().where('enterprise_id', '=', ctx.ids.enterpriseA).where('year', '=', 2024).executeTakeFirstOrThrow();
    expect([row.revenue, row.employees, row.rd_staff]).toEqual([1234567890, 120, 45]);
  });
});

describe('certifications, IP assets and rounds', () => {
  it('adds and removes each, with an audit row for every change', async () => {
    const e = await create({ ...base, name: '子记录有限公司', uscc: makeUscc(320) });
    const post = (path: string, payload: unknown) => ctx.as('officer', { method: 'POST', url: `/api/v1/enterprises/${e.id}/${path}`, payload });

    const cert = await post('certifications', { type: '专精特新', certificateNo: 'ZJTX-2024-001', issuedOn: '2024-01-01', expiresOn: '2099-12-31' });
    expect(cert.statusCode, cert.body).toBe(201);
    expect(cert.json().certifications).toEqual(['专精特新']);
    const ip = await post('ip-assets', { kind: 'invention_patent', number: 'ZL202410000001.1', status: 'granted', grantedOn: '2024-06-01' });
    expect(ip.statusCode, ip.body).toBe(201);
    expect(ip.json().ipAssets).toMatchObject([{ kind: 'invention_patent', number: 'ZL202410000001.1', pledged: false }]);
    const dupIp = await post('ip-assets', { kind: 'invention_patent', number: 'ZL202410000001.1', status: 'granted' });
    expect(dupIp.statusCode).toBe(409);
    const round = await post('rounds', { round: 'a', date: '2024-03-01', amount: 30000000.5, investors: '某创投' });
    expect(round.statusCode, round.body).toBe(201);
    expect(round.json().rounds).toMatchObject([{ round: 'a', amount: 30000000.5 }]);

    const detail = round.json() as { certificationRecords: { id: string }[]; ipAssets: { id: string }[]; rounds: { id: string }[] };
    for (const [path, id] of [['certifications', detail.certificationRecords[0]!.id], ['ip-assets', detail.ipAssets[0]!.id], ['rounds', detail.rounds[0]!.id]] as const) {
      const del = await ctx.as('officer', { method: 'DELETE', url: `/api/v1/enterprises/${e.id}/${path}/${id}` });
      expect(del.statusCode, `${path}: ${del.body}`).toBe(204);
      const again = await ctx.as('officer', { method: 'DELETE', url: `/api/v1/enterprises/${e.id}/${path}/${id}` });
      expect(again.statusCode).toBe(404);
    }
    const after = (await ctx.as('officer', { method: 'GET', url: `/api/v1/enterprises/${e.id}` })).json();
    expect([after.certificationRecords, after.ipAssets, after.rounds]).toEqual([[], [], []]);

    const actions = (await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', e.id).orderBy('seq').execute()).map((r) => r.action);
    expect(actions).toEqual([
      'enterprise.create',
      'enterprise.certification.add', 'enterprise.ip_asset.add', 'enterprise.round.add',
      'enterprise.certification.remove', 'enterprise.ip_asset.remove', 'enterprise.round.remove',
    ]);
  });

  it.each([
    ['certifications', { type: '高新技术企业', issuedOn: '2024-05-01', expiresOn: '2024-04-30' }, 'body.expiresOn'],
    ['certifications', { type: '高新技术企业', issuedOn: '2024-13-01' }, 'body.issuedOn'],
    ['ip-assets', { kind: 'patent', number: '1', status: 'granted' }, 'body.kind'],
    ['rounds', { round: 'a', date: '2024-03-01', amount: -1 }, 'body.amount'],
    ['rounds', { round: 'a', date: '2024-03-01', amount: 1.001 }, 'body.amount'],
  ])('rejects a bad %s body with 400 naming %#', async (path, payload, field) => {
    const res = await ctx.as('officer', { method: 'POST', url: `/api/v1/enterprises/${ctx.ids.enterpriseB}/${path}`, payload });
    expect(res.statusCode, res.body).toBe(400);
    expect(issuePaths(res).map((i) => i.path)).toContain(field);
  });
});

describe('search, sort and page', () => {
  // Every enterprise here has 检索 in its name so that q=检索 isolates them from the rest of the file.
  const set = [
    { n: 401, name: '检索甲数字科技', sector: '数字经济', district: '杨浦区', foundedOn: '2010-01-01' },
    { n: 402, name: '检索乙人工智能', sector: '人工智能', district: '徐汇区', foundedOn: '2015-06-30' },
    { n: 403, name: '检索丙生命健康', sector: '生命健康', district: '杨浦区', foundedOn: '2019-12-31' },
    { n: 404, name: '检索丁绿色低碳', sector: '绿色低碳', district: '浦东新区', foundedOn: '2022-02-28' },
    { n: 405, name: '检索戊无日期', sector: '其他', district: '杨浦区', foundedOn: null },
  ];
  const ids: Record<number, string> = {};
  type Page = { items: { id: string; name: string; uscc: string; certifications: string[] }[]; total: number; page: number; pageSize: number };
  const get = async (query: string, user: 'officer' | 'entA' | 'bank' = 'officer') => {
    const res = await ctx.as(user, { method: 'GET', url: `/api/v1/enterprises?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Page;
  };
  const names = (p: Page) => p.items.map((i) => i.name);

  beforeAll(async () => {
    for (const s of set) ids[s.n] = (await create({ uscc: makeUscc(s.n), name: s.name, sector: s.sector, district: s.district, foundedOn: s.foundedOn })).id;
    const cert = async (n: number, issuedOn: string, expiresOn: string | null) => {
      const res = await ctx.as('officer', { method: 'POST', url: `/api/v1/enterprises/${ids[n]}/certifications`, payload: { type: '高新技术企业', issuedOn, expiresOn } });
      expect(res.statusCode, res.body).toBe(201);
    };
    await cert(401, '2023-01-01', '2099-12-31'); // valid
    await cert(402, '2015-01-01', '2018-01-01'); // expired
    await cert(403, '2020-01-01', null); // valid, no expiry
  });

  it('finds by a fragment of the name', async () => {
    expect(names(await get(`q=${encodeURIComponent('乙人工')}`))).toEqual(['检索乙人工智能']);
  });

  it('finds by a USCC prefix, typed in lower case', async () => {
    const uscc = makeUscc(404);
    const page = await get(`q=${uscc.slice(0, 16).toLowerCase()}`);
    expect(page.items.map((i) => i.uscc)).toContain(uscc);
    expect(page.items.map((i) => i.uscc)).not.toContain(makeUscc(501));
    expect(names(await get(`uscc=${uscc.toLowerCase()}`))).toEqual(['检索丁绿色低碳']);
    expect(names(await get(`uscc=${encodeURIComponent(fullWidth(uscc))}`))).toEqual(['检索丁绿色低碳']);
    expect((await get(`q=${encodeURIComponent(fullWidth(uscc.slice(0, 16)))}`)).items.map((i) => i.uscc)).toContain(uscc);
  });

  it('filters by sector and by district', async () => {
    expect(names(await get(`q=检索&sector=${encodeURIComponent('生命健康')}`))).toEqual(['检索丙生命健康']);
    expect(names(await get(`q=检索&district=${encodeURIComponent('杨浦区')}&sort=name`)).sort()).toEqual(['检索丙生命健康', '检索戊无日期', '检索甲数字科技'].sort());
  });

  it('filters by a certification that is valid today, not one that expired', async () => {
    const page = await get(`q=检索&certification=${encodeURIComponent('高新技术企业')}`);
    expect(names(page).sort()).toEqual(['检索丙生命健康', '检索甲数字科技'].sort());
    expect(page.items.every((i) => i.certifications.includes('高新技术企业'))).toBe(true);
    const all = await get('q=检索&pageSize=50');
    expect(all.items.find((i) => i.name === '检索乙人工智能')!.certifications).toEqual([]);
  });

  it('filters by founding date range, both ends inclusive', async () => {
    expect(names(await get('q=检索&foundedFrom=2015-06-30&foundedTo=2019-12-31&sort=foundedOn'))).toEqual(['检索乙人工智能', '检索丙生命健康']);
    expect(names(await get('q=检索&foundedFrom=2020-01-01'))).toEqual(['检索丁绿色低碳']);
    expect(names(await get('q=检索&foundedTo=2010-01-01'))).toEqual(['检索甲数字科技']);
  });

  it('sorts in both directions, undated last', async () => {
    expect(names(await get('q=检索&sort=foundedOn'))).toEqual(['检索甲数字科技', '检索乙人工智能', '检索丙生命健康', '检索丁绿色低碳', '检索戊无日期']);
    expect(names(await get('q=检索&sort=-foundedOn'))).toEqual(['检索丁绿色低碳', '检索丙生命健康', '检索乙人工智能', '检索甲数字科技', '检索戊无日期']);
    const byUscc = (await get('q=检索&sort=uscc')).items.map((i) => i.uscc);
    expect(byUscc).toEqual([...byUscc].sort());
    expect((await get('q=检索&sort=-uscc')).items.map((i) => i.uscc)).toEqual([...byUscc].reverse());
  });

  it('pages with the total of all matches', async () => {
    const p1 = await get('q=检索&sort=foundedOn&pageSize=2&page=1');
    const p3 = await get('q=检索&sort=foundedOn&pageSize=2&page=3');
    const p4 = await get('q=检索&sort=foundedOn&pageSize=2&page=4');
    expect([p1.total, p1.page, p1.pageSize]).toEqual([5, 1, 2]);
    expect(names(p1)).toEqual(['检索甲数字科技', '检索乙人工智能']);
    expect(names(p3)).toEqual(['检索戊无日期']);
    expect([p4.items.length, p4.total]).toEqual([0, 5]);
  });

  it.each([
    ['sort=bogus', 'querystring.sort'],
    ['pageSize=201', 'querystring.pageSize'],
    ['page=0', 'querystring.page'],
    ['foundedFrom=2025-02-30', 'querystring.foundedFrom'],
    ['sector=房地产', 'querystring.sector'],
    ['colour=red', 'querystring.colour'],
  ])('rejects %s with 400 naming the parameter', async (query, path) => {
    const res = await ctx.as('officer', { method: 'GET', url: `/api/v1/enterprises?${encodeURI(query)}` });
    expect(res.statusCode, res.body).toBe(400);
    expect(issuePaths(res).map((i) => i.path)).toContain(path);
  });
});

describe('scoping', () => {
  it('shows an enterprise user only its own enterprise in the list', async () => {
    const res = await ctx.as('entA', { method: 'GET', url: '/api/v1/enterprises?pageSize=200' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 1, items: [{ id: ctx.ids.enterpriseA }] });
    const searched = await ctx.as('entA', { method: 'GET', url: `/api/v1/enterprises?q=${encodeURIComponent('乙生物')}` });
    expect(searched.json().total).toBe(0);
  });

  it('gives an enterprise user 404 for another enterprise, for reading and for writing', async () => {
    const b = ctx.ids.enterpriseB;
    expect((await ctx.as('entA', { method: 'GET', url: `/api/v1/enterprises/${b}` })).statusCode).toBe(404);
    expect((await ctx.as('entA', { method: 'PATCH', url: `/api/v1/enterprises/${b}`, payload: { name: '被篡改' } })).statusCode).toBe(404);
    expect((await ctx.as('entA', { method: 'PUT', url: `/api/v1/enterprises/${b}/financials/2024`, payload: { revenue: 1 } })).statusCode).toBe(404);
    expect((await ctx.as('entA', { method: 'POST', url: `/api/v1/enterprises/${b}/rounds`, payload: { round: 'a', date: '2024-01-01', amount: 1 } })).statusCode).toBe(404);
    const row = await ctx.db.selectFrom('enterprises').select('name').where('id', '=', b).executeTakeFirstOrThrow();
    expect(row.name).toBe('乙生物医药有限公司');
  });

  it('lets an enterprise user read and edit its own enterprise, financials included', async () => {
    const own = await ctx.as('entA', { method: 'GET', url: `/api/v1/enterprises/${ctx.ids.enterpriseA}` });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toHaveProperty('financials');
    const res = await ctx.as('entA', { method: 'PATCH', url: `/api/v1/enterprises/${ctx.ids.enterpriseA}`, payload: { street: '殷行街道' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().street).toBe('殷行街道');
    const [row] = (await auditRows(ctx.ids.enterpriseA, 'enterprise.update')).slice(-1);
    expect(row?.actor_username).toBe('entA');
  });

  it('shows an institution user the public profile only, without financials, IP or rounds', async () => {
    const res = await ctx.as('bank', { method: 'GET', url: `/api/v1/enterprises/${ctx.ids.enterpriseA}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.uscc).toBe(makeUscc(1));
    expect(body).not.toHaveProperty('financials');
    expect(body).not.toHaveProperty('ipAssets');
    expect(body).not.toHaveProperty('rounds');
    const staff = await ctx.as('auditor', { method: 'GET', url: `/api/v1/enterprises/${ctx.ids.enterpriseA}` });
    expect(staff.json().financials.length).toBeGreaterThan(0);
  });

  it('forbids institution users, reviewers and auditors to change the registry (403)', async () => {
    expect((await ctx.as('bank', { method: 'PATCH', url: `/api/v1/enterprises/${ctx.ids.enterpriseA}`, payload: { name: 'x' } })).statusCode).toBe(403);
    expect((await ctx.as('reviewer', { method: 'POST', url: '/api/v1/enterprises', payload: { ...base, uscc: makeUscc(330) } })).statusCode).toBe(403);
    expect((await ctx.as('auditor', { method: 'PUT', url: `/api/v1/enterprises/${ctx.ids.enterpriseA}/financials/2024`, payload: {} })).statusCode).toBe(403);
    expect((await ctx.as('entA', { method: 'POST', url: '/api/v1/enterprises', payload: { ...base, uscc: makeUscc(330) } })).statusCode).toBe(403);
  });

  it('needs a session: 401 without one', async () => {
    expect((await ctx.as(null, { method: 'GET', url: '/api/v1/enterprises' })).statusCode).toBe(401);
  });
});
