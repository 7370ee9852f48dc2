import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noBrowser } from './browser';
import { startE2E, type E2E } from './harness';
import {
  ApplicationListPage,
  ApplicationPage,
  ConsentsPage,
  FunnelPage,
  MeetingsPage,
  NewApplicationPage,
  pick,
} from './pages/FinancingPages';
import { ApiSession } from './pages/SubsidyApi';
import { signedIn } from './pages/signedIn';

// 融资 end to end (issue #4): an enterprise applies and submits; an officer screens, holds a review meeting and
// recommends it to ICBC; the enterprise consents to ICBC reading its tax and social insurance data; the bank
// finds it in its inbox, reads the consented data, accepts, approves and disburses; the enterprise follows the
// progress and sees who read its data; it revokes the consent and the bank can no longer read; the funnel
// report counts the application. ent010 has no seeded consent, so the revoke is the only thing that can stop
// the bank's read.
const ENTERPRISE = 'ent010';
const BANK = 'bank-icbc';
const PRODUCT = 'KJLYD';

interface FunnelJson {
  total: { applications: number; recommendedCount: number; approvedCount: number };
}

describe.skipIf(noBrowser)('financing: application to disbursement, consented data, funnel report', () => {
  let e2e: E2E;
  let applicationNo = '';
  let enterpriseId = '';
  let before: FunnelJson;
  const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4);

  beforeAll(async () => {
    e2e = await startE2E();
    const officer = await ApiSession.signIn(e2e.url, 'officer1');
    before = await officer.call<FunnelJson>('GET', `/reports/funnel?year=${year}`);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('lets an enterprise see the products it qualifies for, apply, attach a document and submit', async () => {
    const { page, shell } = await signedIn(e2e, ENTERPRISE);
    await shell.navigate('fin-matches');
    await page.getByTestId('match-item').first().waitFor();
    expect(await page.getByTestId('matches-qualifying').innerText()).toMatch(/符合条件的产品 \d+ 个/);

    await shell.navigate('fin-applications');
    await page.getByTestId('application-new').click();
    await new NewApplicationPage(page).apply({ product: PRODUCT, amount: 3_000_000, termMonths: 12, purpose: '研发中心扩建流动资金' });
    const application = new ApplicationPage(page);
    await application.waitForStatus('已提交');
    applicationNo = await application.number();
    expect(applicationNo).toMatch(/^RZ\d{4}-\d{6}$/);
    await application.attach('营业执照.pdf', '%PDF-1.4 demo');
    enterpriseId = (await (await ApiSession.signIn(e2e.url, ENTERPRISE)).call<{ user: { enterpriseId: string } }>('GET', '/auth/me')).user.enterpriseId;
  });

  it('lets an officer screen it, hold a review meeting and recommend it to a bank', async () => {
    const { page, shell } = await signedIn(e2e, 'officer1');
    await shell.navigate('fin-meetings');
    await new MeetingsPage(page).create('2025年第一次评审会');

    await shell.navigate('fin-applications');
    await page.getByTestId('view-queue').click();
    await new ApplicationListPage(page).open(applicationNo);
    const application = new ApplicationPage(page);
    await application.confirm('screen', '初审中');
    await application.act('send_to_review', async () => undefined, '评审中');
    await application.act(
      'recommend',
      async () => {
        await pick(page, page.getByTestId('action-bank'), 'ICBC-YP');
        await page.getByTestId('action-amount').fill('2500000');
        await pick(page, page.getByTestId('action-meeting'), '第一次评审会');
      },
      '已推荐',
    );
  });

  it('lets the enterprise consent to the bank reading its tax and social insurance data', async () => {
    const { page, shell } = await signedIn(e2e, ENTERPRISE);
    await shell.navigate('fin-consents');
    const consents = new ConsentsPage(page);
    await consents.grant({ institution: 'ICBC-YP', clusters: ['纳税申报', '社保缴纳人数'], purpose: '科技履约贷授信审查' });
    await consents.row('科技履约贷授信审查').getByTestId('consent-status').filter({ hasText: '有效' }).waitFor();
  });

  it('lets the bank find it in the inbox, read the consented data, approve and disburse', async () => {
    const { page, shell } = await signedIn(e2e, BANK);
    await shell.navigate('fin-applications');
    await new ApplicationListPage(page).open(applicationNo);
    const application = new ApplicationPage(page);
    await application.waitForStatus('已推荐');

    // Only the granted clusters are offered; opening one reads it through the consented-data API.
    await page.getByTestId('consented-data').waitFor();
    expect(await page.getByTestId('consented-open-financial_statements').count()).toBe(0);
    await page.getByTestId('consented-open-tax_filings').click();
    await page.locator('[data-testid="consented-tax_filings"] tr.ant-table-row').first().waitFor();
    expect(await page.locator('[data-testid="consented-tax_filings"] tr.ant-table-row').count()).toBeGreaterThan(3);
    await page.getByTestId('consented-tab-social_insurance').click();
    await page.locator('[data-testid="consented-social_insurance"] tr.ant-table-row').first().waitFor();

    await application.confirm('accept', '银行已受理');
    await application.act(
      'approve',
      async () => {
        await page.getByTestId('action-amount').fill('2400000');
        await page.getByTestId('action-rate').fill('0.0385');
      },
      '已授信',
    );
    expect(await page.getByTestId('application-approval').innerText()).toContain('3.85%');
    await application.act('disburse', async () => page.getByTestId('action-loan-no').fill('ICBC-E2E-0001'), '已放款');
    expect(await page.getByTestId('application-loan').innerText()).toContain('ICBC-E2E-0001');

    await page.getByTestId('consented-tab-tax_filings').click();
    await page.locator('[data-testid="consented-tax_filings"] tr.ant-table-row').first().waitFor();
    await page.screenshot({ path: '/tmp/kcjr-e2e-bank-application.png', fullPage: true });
  });

  it('shows the enterprise its progress step by step and who read its data; a revoke stops the bank', async () => {
    const { page, shell } = await signedIn(e2e, ENTERPRISE);
    await shell.navigate('fin-applications');
    await new ApplicationListPage(page).open(applicationNo);
    const application = new ApplicationPage(page);
    await application.waitForStatus('已放款');
    const steps = await application.steps();
    expect(steps.titles).toEqual(['提交申请', '初审', '专家评审', '推荐银行', '银行受理', '授信', '放款']);
    const history = (await application.historyTexts()).join('\n');
    for (const step of ['受理初审', '推荐至银行', '银行受理', '放款']) expect(history).toContain(step);

    await shell.navigate('fin-consents');
    const consents = new ConsentsPage(page);
    await consents.row('科技履约贷授信审查').waitFor();
    const reads = await consents.readLog();
    expect(reads.some((r) => r.includes(BANK) && r.includes('纳税申报'))).toBe(true);
    await page.getByTestId('consent-tab-list').click();
    await consents.revoke('科技履约贷授信审查');

    // The bank's page offers nothing now, and a direct read is a 404.
    const bank = await signedIn(e2e, BANK);
    await bank.shell.navigate('fin-applications');
    await bank.page.getByTestId('application-table').waitFor();
    const api = await ApiSession.signIn(e2e.url, BANK);
    const app = await api.call<{ items: Array<{ id: string; applicationNo: string }> }>('GET', `/applications?q=${applicationNo}`);
    await bank.page.goto(`/applications/${app.items[0]!.id}`);
    await bank.page.getByTestId('consented-none').waitFor();
    await expect(api.call('GET', `/consented/${enterpriseId}/tax_filings`)).rejects.toThrow(/404/);
  });

  it('counts the application in the funnel report by district and by bank', async () => {
    const { page, shell } = await signedIn(e2e, 'officer1');
    await shell.navigate('fin-funnel');
    const funnel = new FunnelPage(page);
    const total = await funnel.total();
    expect(total[0]).toBe('总计');
    expect(Number(total[1])).toBe(before.total.applications + 1);
    expect(Number(total[2])).toBe(before.total.recommendedCount + 1);
    expect(Number(total[5])).toBe(before.total.approvedCount + 1);
    await page.getByTestId('funnel-chart').locator('canvas').waitFor();
    await page.screenshot({ path: '/tmp/kcjr-e2e-funnel.png', fullPage: true });

    await page.getByTestId('funnel-by-bank').click();
    await page.locator('[data-testid="funnel-table"] tr.ant-table-row', { hasText: '工商银行' }).waitFor();
    expect(await page.getByTestId('funnel-download-xlsx').getAttribute('href')).toContain('format=xlsx');
  });

  it('opens every 融资 menu entry of each role without an error', async () => {
    const pages: Record<string, string> = {
      'fin-products': 'product-list', 'fin-filings': 'filing-queue', 'fin-matches': 'matches-page',
      'fin-applications': 'application-list', 'fin-meetings': 'meetings-page', 'fin-warnings': 'warnings-page',
      'fin-funnel': 'funnel-page', 'fin-consents': 'consents-page', 'fin-imports': 'fin-imports-page',
    };
    const menus: Record<string, string[]> = {
      officer1: Object.keys(pages).filter((k) => k !== 'fin-matches'),
      reviewer1: ['fin-products', 'fin-applications', 'fin-meetings'],
      'bank-spdb': ['fin-products', 'fin-filings', 'fin-applications', 'fin-warnings', 'fin-consents'],
      ent001: ['fin-products', 'fin-matches', 'fin-applications', 'fin-consents'],
    };
    for (const [user, keys] of Object.entries(menus)) {
      const { page, shell } = await signedIn(e2e, user);
      const shown = await shell.sideMenu.locator('[data-testid^="menu-fin-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
      expect(shown).toEqual(keys.map((k) => `menu-${k}`));
      for (const key of keys) {
        await shell.navigate(key);
        await page.getByTestId(pages[key]!).waitFor();
        await page.waitForLoadState('networkidle');
        expect(await page.getByTestId('error-alert').count(), `${user} ${key}`).toBe(0);
      }
    }
  });

  it('versions an edited product; files it; one officer reviews with the designation, another approves', async () => {
    const bank = await signedIn(e2e, 'bank-boc');
    await bank.shell.navigate('fin-products');
    await bank.page.getByTestId('product-filter-q').fill('BOC-ZJTX');
    await bank.page.getByTestId('product-filter-submit').click();
    // Wait for the filtered list: clicking the first link of the list still on screen opened another product.
    await expect.poll(() => bank.page.getByTestId('product-link').count(), { timeout: 15_000 }).toBe(1);
    await bank.page.getByTestId('product-link').first().click();
    await bank.page.getByTestId('product-page').waitFor();
    await bank.page.getByTestId('product-edit').click();
    await filling(bank.page, 'product-form', async () => {
      await bank.page.getByTestId('product-amountMax').fill('6000000');
    });
    await bank.page.locator('.ant-tabs-tab', { hasText: '版本记录' }).click();
    const rows = bank.page.locator('[data-testid="product-versions"] tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    expect(await rows.first().innerText()).toContain('当前版本');
    await bank.page.locator('.ant-tabs-tab', { hasText: '备案' }).click();
    await bank.page.getByTestId('filing-file').click();
    await bank.page.getByTestId('filing-status').filter({ hasText: '已提交' }).waitFor();

    const maker = await signedIn(e2e, 'officer1');
    await maker.shell.navigate('fin-filings');
    const row = maker.page.locator('[data-testid="filing-queue"] tr.ant-table-row', { hasText: 'BOC-ZJTX' });
    await row.getByTestId('filing-review').click();
    await filling(maker.page, 'filing-dialog', async () => {
      await maker.page.getByTestId('filing-propose').check();
      await maker.page.getByTestId('filing-note').fill('条款齐全，建议认定');
    });
    // The reviewer is told that another officer decides, and sees no approve button.
    await row.getByTestId('filing-four-eyes').waitFor();
    expect(await row.getByTestId('filing-approve').count()).toBe(0);
    expect(await row.getByTestId('filing-reviewer').innerText()).not.toBe('—');

    const checker = await signedIn(e2e, 'officer2');
    await checker.shell.navigate('fin-filings');
    const checkerRow = checker.page.locator('[data-testid="filing-queue"] tr.ant-table-row', { hasText: 'BOC-ZJTX' });
    await checkerRow.getByTestId('filing-approve').click();
    await filling(checker.page, 'filing-dialog', async () => undefined);
    await checkerRow.waitFor({ state: 'detached' });
    await checker.shell.navigate('fin-products');
    await checker.page.getByTestId('product-filter-q').fill('BOC-ZJTX');
    await checker.page.getByTestId('product-filter-submit').click();
    await checker.page.locator('[data-testid="product-table"] tr.ant-table-row', { hasText: 'BOC-ZJTX' }).getByTestId('tag-policy-product').waitFor();

    // The bank follows its own filings from its menu: the approved one, with who submitted it.
    await bank.shell.navigate('fin-filings');
    await bank.page.getByTestId('filing-view').getByText('已批准').click();
    const own = bank.page.locator('[data-testid="filing-queue"] tr.ant-table-row', { hasText: 'BOC-ZJTX' });
    await own.waitFor();
    expect(await own.getByTestId('filing-submitter').innerText()).not.toBe('');
    expect(await own.getByTestId('filing-review').count()).toBe(0);
  });
});

async function filling(page: import('playwright-core').Page, testId: string, fill: () => Promise<void>): Promise<void> {
  const modal = page.getByTestId(testId);
  const dialog = modal.locator('.ant-modal-container');
  await dialog.waitFor();
  await fill();
  await modal.locator('.ant-modal-footer .ant-btn-primary').click();
  await dialog.waitFor({ state: 'hidden' });
}
