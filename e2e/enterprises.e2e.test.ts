import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noBrowser } from './browser';
import { startE2E, type E2E } from './harness';
import { makeUscc } from '../src/shared/uscc';
import { AppShell } from './pages/AppShell';
import { CreateEnterprisePage } from './pages/CreateEnterprisePage';
import { EnterpriseDetailPage } from './pages/EnterpriseDetailPage';
import { EnterpriseListPage } from './pages/EnterpriseListPage';
import { LoginPage } from './pages/LoginPage';

// Column positions in the registry table (after the expand-less first column): name, USCC, sector, …
const SECTOR_COLUMN = 2;

describe.skipIf(noBrowser)('enterprise registry', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('searches by name fragment and sector, keeps the query in the URL, and opens a detail page with a chart', async () => {
    const page = await e2e.newPage();
    await new LoginPage(page).open();
    await new LoginPage(page).signIn('officer1');
    await new AppShell(page).navigate('enterprises');

    const list = new EnterpriseListPage(page);
    await list.waitForRows();
    const [first] = await list.names();
    expect(first).toBeTruthy();
    const sector = (await list.columnTexts(SECTOR_COLUMN))[0]!;

    // Demo names look like 上海<prefix><suffix>有限公司: the 2 characters after 上海 are a real fragment.
    const fragment = first!.slice(2, 4);
    await list.search(fragment);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/enterprises');
    expect(url.searchParams.get('q')).toBe(fragment);
    const names = await list.names();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toContain(fragment);

    await list.filterSector(sector);
    expect(new URL(page.url()).searchParams.get('sector')).toBe(sector);
    expect(new URL(page.url()).searchParams.get('q')).toBe(fragment);
    const sectors = await list.columnTexts(SECTOR_COLUMN);
    expect(sectors.length).toBeGreaterThan(0);
    for (const s of sectors) expect(s).toBe(sector);

    const target = (await list.names())[0]!;
    await list.open(target);
    expect(new URL(page.url()).pathname).toMatch(/^\/enterprises\/[^/]+$/);
    const detail = new EnterpriseDetailPage(page);
    expect(await detail.name.innerText()).toBe(target);

    const canvas = await detail.openFinancials();
    const box = await canvas.first().boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(200);
    expect(box?.height ?? 0).toBeGreaterThan(100);
    await page.locator('[data-testid="financials-table"] tbody tr.ant-table-row').first().waitFor();
    // Let the chart's entry animation finish before the picture.
    await page.waitForTimeout(1200);
    await page.screenshot({ path: '/tmp/kcjr-e2e-detail.png', fullPage: true });
  });

  it('a pasted list URL restores the filters and results', async () => {
    const page = await e2e.newPage();
    await new LoginPage(page).open();
    await new LoginPage(page).signIn('officer1');
    await page.goto('/enterprises?sector=%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD&page=1');
    const list = new EnterpriseListPage(page);
    await list.waitForRows();
    for (const s of await list.columnTexts(SECTOR_COLUMN)) expect(s).toBe('人工智能');
    expect(await page.getByTestId('filter-sector').innerText()).toContain('人工智能');
  });

  it("shows the server's validation message beside the field, then creates the enterprise", async () => {
    const page = await e2e.newPage();
    await new LoginPage(page).open();
    await new LoginPage(page).signIn('officer1');
    await new AppShell(page).navigate('enterprise-new');

    const form = new CreateEnterprisePage(page);
    // The browser does not limit the name's length; the server does (200 characters).
    await form.fill({ uscc: makeUscc(765432), name: '长'.repeat(201), sector: '人工智能', district: '杨浦区', foundedOn: '2021-06-01' });
    await form.submit();
    expect(await form.fieldError('field-name')).toMatch(/200/);
    expect(new URL(page.url()).pathname).toBe('/enterprises/new');

    await form.setName('上海界面新建测试科技有限公司');
    await form.submit();
    const detail = new EnterpriseDetailPage(page);
    await detail.name.waitFor();
    expect(await detail.name.innerText()).toBe('上海界面新建测试科技有限公司');
    expect(new URL(page.url()).pathname).toMatch(/^\/enterprises\/[^/]+$/);
  });
});
