import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noBrowser } from './browser';
import { startE2E, type E2E } from './harness';
import { EquityPage, LinkagePage, PoolEntryPage, PoolPage } from './pages/ListingPages';
import { ApiSession } from './pages/SubsidyApi';
import { signedIn } from './pages/signedIn';

// Issue #7 end to end on the demo: an officer nominates an enterprise into the cultivation pool, moves it to
// cultivating with a criterion and logs a site visit, which the dashboard's workload counts; the linkage report
// shows the demo's linked loans; an enterprise posts an equity need that the demo fund sees and shows interest in.
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

interface Workload { workload: { total: { contacted: number; visited: number } } }

describe.skipIf(noBrowser)('listing pool, linkage report, equity needs', () => {
  let e2e: E2E;
  let officer: ApiSession;
  beforeAll(async () => {
    e2e = await startE2E();
    officer = await ApiSession.signIn(e2e.url, 'officer1');
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('nominates, changes the tier with its criterion, logs a visit; the dashboard counts it', async () => {
    const pool = await officer.call<{ items: { enterpriseId: string }[] }>('GET', '/listing/pool?pageSize=200');
    const inPool = new Set(pool.items.map((i) => i.enterpriseId));
    const ents = await officer.call<{ items: { id: string; name: string }[] }>('GET', '/enterprises?pageSize=100');
    const target = ents.items.find((e) => !inPool.has(e.id))!;
    const from = `${today().slice(0, 4)}-01-01`;
    const before = await officer.call<Workload>('GET', `/listing/dashboard?from=${from}&to=${today()}`);

    const { page, shell } = await signedIn(e2e, 'officer1');
    await shell.navigate('listing-pool');
    await new PoolPage(page).nominate({ enterprise: target.name, board: '科创板', reason: '掌握关键核心技术，拟科创板上市' });
    const entry = new PoolEntryPage(page);
    expect(await entry.tier()).toBe('储备');
    await entry.changeTier('培育', '掌握关键核心技术');
    await page.getByTestId('entry-tier').filter({ hasText: '培育' }).waitFor();
    expect(await entry.rows('tier-history').count()).toBe(2);
    await entry.logService({ kind: '专业咨询', mode: '实地走访', date: today(), summary: '实地走访，股改咨询' });
    await entry.rows('services-table').first().waitFor();
    expect(await entry.rows('services-table').count()).toBe(1);

    const after = await officer.call<Workload>('GET', `/listing/dashboard?from=${from}&to=${today()}`);
    expect(after.workload.total.contacted).toBe(before.workload.total.contacted + 1);
    expect(after.workload.total.visited).toBe(before.workload.total.visited + 1);
    await shell.navigate('listing-dashboard');
    await page.getByTestId('workload-total').waitFor();
    expect(await page.getByTestId('workload-total').innerText()).toContain(String(after.workload.total.contacted));
  });

  it('shows the linkage report of the demo year and its workbook link', async () => {
    const year = Number(today().slice(0, 4)) - 1;
    const report = await officer.call<{ modes: { mode: string; loans: number }[] }>('GET', `/reports/linkage?year=${year}`);
    const { page, shell } = await signedIn(e2e, 'officer1');
    await shell.navigate('linkage-report');
    await page.getByTestId('linkage-page').waitFor();
    const cells = await new LinkagePage(page).modeRow('贷款+远期权益');
    expect(cells[2]).toBe(String(report.modes.find((m) => m.mode === 'loan_warrant')!.loans));
    expect(await page.getByTestId('linkage-xlsx').getAttribute('href')).toContain('format=xlsx');
    expect(await page.getByTestId('linkage-rounds').locator('tbody tr.ant-table-row').count()).toBe(11);
    // A stored report: the page says when it was computed.
    expect(await page.getByTestId('linkage-computed-at').innerText()).toMatch(/统计时间：\d{4}/);
  });

  it('an enterprise posts an equity need; the demo fund sees it and shows interest', async () => {
    const ent = await signedIn(e2e, 'ent003');
    await ent.shell.navigate('equity-needs');
    const use = `端到端测试：扩产 ${Date.now()}`;
    await new EquityPage(ent.page).post({ round: 'B轮', amount: 50_000_000, use });
    await new EquityPage(ent.page).needRow(use).waitFor();

    const fund = await signedIn(e2e, 'fund1');
    await fund.shell.navigate('equity-needs');
    const row = new EquityPage(fund.page).needRow(use);
    await row.waitFor();
    await row.getByRole('button', { name: '表达意向' }).click();
    await row.getByRole('button', { name: '撤回意向' }).waitFor();
  });
});
