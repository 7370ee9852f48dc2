import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BankDashboard, DrilldownLoan, EnterpriseDashboard, Indicators } from '../src/web/api/monitoring';
import { formatPct, previousMonthEnd, todayShanghai } from '../src/web/features/monitoring/format';
import { noBrowser } from './browser';
import { startE2E, type E2E } from './harness';
import { AlertsPage, OverviewPage, unreadCount } from './pages/MonitoringPages';
import { ApiSession } from './pages/SubsidyApi';
import { signedIn } from './pages/signedIn';

// 监测预警 end to end (issue #8): the office overview shows the API's figures for a date and drills from a bar into
// the loans behind it; an officer runs the rules, acknowledges and resolves an alert while the unread badge falls;
// a bank sees only its own portfolio and alerts; an enterprise its own dashboard; every role's monitoring menu opens.
/** 万元 with two decimals as the page prints it, back to a number. */
const wan = (text: string) => Number(text.replace(/,/g, ''));
const toWan = (yuan: number) => Math.round(yuan / 100) / 100;
type Paged<T> = { total: number; items: T[] };

describe.skipIf(noBrowser)('monitoring: dashboards and the alert inbox', () => {
  let e2e: E2E;
  const today = todayShanghai();
  // A date other than today: the overview without a stored snapshot already shows today, and picking the date
  // shown changes nothing. The demo ledger is relative to today, so yesterday has loans too.
  const asOf = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('an officer sees the API\'s indicators for a date, drills from a bank\'s bar into its loans and opens one', async () => {
    const api = await ApiSession.signIn(e2e.url, 'officer1');
    const ind = await api.call<Indicators>('GET', `/monitoring/indicators?asOf=${asOf}`);
    expect(ind.loans).toBeGreaterThan(0);

    const { page, shell } = await signedIn(e2e, 'officer1');
    await shell.navigate('mon-overview');
    const overview = new OverviewPage(page);
    await overview.waitLoaded();
    await overview.setAsOf(asOf);
    expect(Number(await overview.indicator('borrowers'))).toBe(ind.borrowers);
    expect(Number(await overview.indicator('loans'))).toBe(ind.loans);
    expect(wan(await overview.indicator('outstanding'))).toBe(toWan(ind.outstanding));
    expect(wan(await overview.indicator('nplOutstanding'))).toBe(toWan(ind.nplOutstanding));
    expect(await overview.indicator('nplRatio')).toBe(formatPct(ind.nplRatio));
    expect(Number(await overview.indicator('firstTimeBorrowers'))).toBe(ind.firstTimeBorrowers);
    expect(await overview.indicator('creditLoanShare')).toBe(formatPct(ind.creditLoanShare));
    expect(Number(await overview.indicator('newLoansYtd'))).toBe(ind.newLoans.yearToDate.count);
    await page.getByTestId('mon-funnel-chart').locator('canvas').waitFor();
    await page.screenshot({ path: '/tmp/kcjr-e2e-overview.png', fullPage: true });

    // A card opens the loans behind it: the credit loans, as many as the API lists for the same filter.
    const credit = await api.call<Paged<DrilldownLoan>>('GET', `/monitoring/drilldown/loans?asOf=${asOf}&collateral=credit`);
    await page.getByTestId('ind-card-creditLoanShare').click();
    await overview.drilldown.waitFor();
    await expect.poll(() => page.getByTestId('drilldown-summary').innerText()).toContain(`共 ${credit.total} 笔`);
    await page.keyboard.press('Escape');
    await overview.drilldown.waitFor({ state: 'detached' });

    // The largest bank by outstanding is the top bar; its loans are the drill-down's, and their count the slice's.
    const top = [...ind.byBank].sort((a, b) => b.outstanding - a.outstanding)[0]!;
    await overview.drillBar('bank', 0);
    expect(await overview.drilldownTitle()).toContain(top.bankName!);
    const behind = await api.call<Paged<DrilldownLoan>>('GET', `/monitoring/drilldown/loans?asOf=${asOf}&bank=${top.bank}&pageSize=200`);
    expect(behind.total).toBe(top.loans);
    await expect.poll(() => page.getByTestId('drilldown-summary').innerText()).toContain(`共 ${top.loans} 笔`);
    const numbers = await overview.drilldownLoans();
    expect(numbers).toEqual(behind.items.slice(0, numbers.length).map((l) => l.loanNo));
    expect(new Set(await overview.drilldownBanks())).toEqual(new Set([top.bank]));
    await page.getByTestId('drilldown-loan').first().click();
    await page.waitForURL(`**/loans/${behind.items[0]!.id}`);
    await page.getByText(behind.items[0]!.loanNo).first().waitFor();
  });

  it('the funnel opens the applications behind a stage; the stored view equals the summary panel; a stage bar and a bank\'s dashboard', async () => {
    const api = await ApiSession.signIn(e2e.url, 'officer1');
    const ind = await api.call<Indicators>('GET', `/monitoring/indicators?asOf=${asOf}`);
    const { page, shell } = await signedIn(e2e, 'officer1');
    await shell.navigate('mon-overview');
    const overview = new OverviewPage(page);
    await overview.setAsOf(asOf);
    await page.getByTestId('funnel-deferred').click();
    await page.getByTestId('app-drilldown').waitFor();
    await expect.poll(() => page.getByTestId('app-drilldown-summary').innerText()).toContain(`共 ${ind.funnel.deferredCount} 笔`);
    await page.keyboard.press('Escape');

    // Storing last month end (new, or unchanged when already stored) refreshes the trend and the default view, which
    // shows the freshest stored indicators (today's daily cache, or the latest month end) as the API's summary panel.
    const monthEnd = previousMonthEnd(today);
    await page.getByTestId('overview-latest').click();
    await page.getByTestId('trend-card').waitFor();
    await page.getByTestId('overview-snapshot').click();
    await page.locator('.ant-message-notice', { hasText: monthEnd }).waitFor();
    const summary = await api.call<{ kind: 'daily' | 'month_end'; indicators: Indicators }>('GET', '/monitoring/dashboard/office/summary');
    await page.getByTestId('overview-source').filter({ hasText: summary.kind === 'daily' ? '日快照' : '月末快照' }).waitFor();
    await page.locator(`[data-testid="indicator-cards"][data-asof="${summary.indicators.asOf}"]`).waitFor();
    expect(Number(await overview.indicator('loans'))).toBe(summary.indicators.loans);
    expect(wan(await overview.indicator('outstanding'))).toBe(toWan(summary.indicators.outstanding));
    await page.getByTestId('trend-chart').locator('canvas').waitFor();
    const stored = { data: summary.indicators };

    // The largest lifecycle-stage bar (demo enterprises may have no lifecycle evaluation: the 未评价 bar) opens its loans.
    const stage = [...stored.data.byLifecycleStage].sort((a, b) => b.outstanding - a.outstanding)[0]!;
    await overview.drillBar('stage', 0);
    await expect.poll(() => page.getByTestId('drilldown-summary').innerText()).toContain(`共 ${stage.loans} 笔`);
    await page.keyboard.press('Escape');
    await overview.drilldown.waitFor({ state: 'detached' });

    // From a bank's loans to that bank's dashboard, as office staff.
    const bank = [...stored.data.byBank].sort((a, b) => b.outstanding - a.outstanding)[0]!;
    await overview.drillBar('bank', 0);
    await page.getByTestId('drilldown-bank-dashboard').click();
    await page.getByTestId('bank-dashboard-bank').filter({ hasText: bank.bankName! }).waitFor();
    expect(Number(await page.getByTestId('bank-loans').innerText())).toBe(bank.loans);

    // English on the toggle.
    await shell.toggleLanguage();
    await shell.menuItem('mon-overview').filter({ hasText: 'Monitoring overview' }).waitFor();
    await shell.navigate('mon-overview');
    await page.getByTestId('ind-card-borrowers').filter({ hasText: 'Borrowers' }).waitFor();
  });

  it('an officer runs the rules, then acknowledges and resolves an alert with a note while the unread badge falls', async () => {
    const { page, shell } = await signedIn(e2e, 'officer1');
    await shell.navigate('mon-alerts');
    const alerts = new AlertsPage(page);
    const api = await ApiSession.signIn(e2e.url, 'officer1');
    const before = await api.call<{ unread: number; unresolved: number }>('GET', '/monitoring/alerts/counts');
    await expect.poll(() => unreadCount(page)).toBe(before.unread);
    await alerts.runRules();
    const counts = await api.call<{ unread: number; unresolved: number }>('GET', '/monitoring/alerts/counts');
    expect(counts.unresolved).toBeGreaterThan(0);
    await expect.poll(() => unreadCount(page)).toBe(counts.unread);

    // Opening an unread alert reads it: one fewer unread.
    const row = alerts.rows().filter({ has: page.getByTestId('alert-unread-dot') }).first();
    await row.waitFor();
    const title = await row.getByTestId('alert-title').innerText();
    await alerts.open(row);
    await expect.poll(() => unreadCount(page)).toBe(counts.unread - 1);
    expect(await alerts.status()).toBe('待处理');
    await alerts.acknowledge();

    // A resolution without a note is refused beside the field; with one it closes the alert and enters the history.
    await page.getByTestId('alert-resolve').click();
    await page.getByText('办结预警须填写处理说明').waitFor();
    await alerts.resolve('已电话联系企业，确认还款计划');
    await page.screenshot({ path: '/tmp/kcjr-e2e-alert.png' });
    const history = await alerts.history();
    expect(history.some((h) => h.includes('确认'))).toBe(true);
    expect(history.some((h) => h.includes('办结') && h.includes('已电话联系企业，确认还款计划'))).toBe(true);
    await page.keyboard.press('Escape');

    await alerts.filterStatus('已办结');
    await page.waitForURL((url) => url.searchParams.get('status') === 'resolved');
    await expect.poll(async () => [...new Set(await page.locator('[data-testid="alerts-table"] [data-testid="alert-status"]').allInnerTexts())]).toEqual(['已办结']);
    await alerts.rows().filter({ hasText: title }).first().waitFor();
    const after = await api.call<{ unread: number; unresolved: number }>('GET', '/monitoring/alerts/counts');
    expect(after.unresolved).toBe(counts.unresolved - 1);
    expect(await unreadCount(page)).toBe(after.unread);
  });

  // After the month end stored above: the bank's portfolio is its row of the stored indicators.
  it('a bank sees only its own portfolio and alerts', async () => {
    const api = await ApiSession.signIn(e2e.url, 'bank-icbc');
    const dash = await api.call<BankDashboard>('GET', '/monitoring/dashboard/bank');
    expect(dash.bank.code).toBe('ICBC-YP');
    expect(dash.portfolio).not.toBeNull();
    const own = await api.call<Paged<{ owner: { name: string } }>>('GET', '/monitoring/alerts?status=unresolved&pageSize=200');

    const { page, shell } = await signedIn(e2e, 'bank-icbc');
    await shell.navigate('mon-bank');
    await page.getByTestId('bank-dashboard-bank').filter({ hasText: '工商银行杨浦支行（演示）' }).waitFor();
    expect(wan(await page.getByTestId('bank-outstanding').innerText())).toBe(toWan(dash.portfolio!.outstanding));
    expect(Number(await page.getByTestId('bank-loans').innerText())).toBe(dash.portfolio!.loans);
    expect(Number(await page.getByTestId('bank-alerts-total').innerText())).toBe(own.total);
    await page.screenshot({ path: '/tmp/kcjr-e2e-bank-dashboard.png', fullPage: true });

    await page.getByTestId('bank-card-outstanding').click();
    const overview = new OverviewPage(page);
    await overview.drilldown.waitFor();
    expect((await overview.drilldownLoans()).length).toBeGreaterThan(0);
    expect(new Set(await overview.drilldownBanks())).toEqual(new Set(['ICBC-YP']));
    await page.keyboard.press('Escape');

    await shell.navigate('mon-alerts');
    const alerts = new AlertsPage(page);
    await alerts.filterStatus('未办结');
    if (own.total > 0) {
      await alerts.rows().first().waitFor();
      const owners = await page.locator('[data-testid="alerts-table"] tr.ant-table-row td:nth-child(5)').allInnerTexts();
      expect(new Set(owners)).toEqual(new Set(['工商银行杨浦支行（演示）']));
    }
    expect(own.items.every((a) => a.owner.name === '工商银行杨浦支行（演示）')).toBe(true);
    expect(await page.getByTestId('alerts-run').count()).toBe(0);
  });

  it('an enterprise sees its own dashboard', async () => {
    const api = await ApiSession.signIn(e2e.url, 'ent001');
    const dash = await api.call<EnterpriseDashboard>('GET', '/monitoring/dashboard/enterprise');
    const { page, shell } = await signedIn(e2e, 'ent001');
    await shell.navigate('mon-enterprise');
    expect(await page.getByTestId('enterprise-dashboard-name').innerText()).toBe(dash.enterprise.name);
    await page.getByTestId('ent-next-products').waitFor();
    expect(await page.getByTestId('ent-next-product').count()).toBe(dash.nextProducts.length);
    expect(await page.locator('[data-testid="ent-applications"] tr.ant-table-row').count()).toBe(dash.applications.length);
    expect(await shell.menuItem('mon-alerts').count()).toBe(0);
  });

  it('opens every monitoring menu entry of each role without an error', async () => {
    const pages: Record<string, string> = {
      'mon-overview': 'overview-page', 'mon-bank': 'bank-dashboard', 'mon-enterprise': 'enterprise-dashboard', 'mon-alerts': 'alerts-page',
    };
    const menus: Record<string, string[]> = {
      admin: ['mon-overview', 'mon-alerts'],
      auditor1: ['mon-overview', 'mon-alerts'],
      'bank-spdb': ['mon-bank', 'mon-alerts'],
      guarantor1: ['mon-bank', 'mon-alerts'],
      ent002: ['mon-enterprise'],
      reviewer1: [],
    };
    for (const [user, keys] of Object.entries(menus)) {
      const { page, shell } = await signedIn(e2e, user);
      const shown = await shell.sideMenu.locator('[data-testid^="menu-mon-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
      expect(shown, user).toEqual(keys.map((k) => `menu-${k}`));
      for (const key of keys) {
        await shell.navigate(key);
        await page.getByTestId(pages[key]!).waitFor();
        await page.waitForLoadState('networkidle');
        expect(await page.getByTestId('error-alert').count(), `${user} ${key}`).toBe(0);
      }
    }
  });
});
