import type { Locator, Page } from 'playwright-core';
import { SLICE_BAR_LAYOUT } from '../../src/web/features/monitoring/chartLayout';

/** The unread badge beside 预警中心 in the side menu (data-count carries the number). */
export async function unreadCount(page: Page): Promise<number | null> {
  const text = await page.getByTestId('side-menu').getByTestId('alerts-unread').getAttribute('data-count');
  return text === null || text === '' ? null : Number(text);
}

/** 监测总览: indicator cards, breakdown bars, funnel, and the drill-down drawers. */
export class OverviewPage {
  constructor(readonly page: Page) {}

  async waitLoaded(): Promise<void> {
    await this.page.getByTestId('indicator-cards').waitFor();
  }

  /** Sets the as-of date and waits until the cards show it. */
  async setAsOf(date: string): Promise<void> {
    await this.page.getByTestId('overview-asof').fill(date);
    await this.page.waitForURL((url) => url.searchParams.get('asOf') === date);
    await this.page.getByTestId('overview-source').filter({ hasText: '按日期实时计算' }).waitFor();
    await this.page.locator(`[data-testid="indicator-cards"][data-asof="${date}"]`).waitFor();
  }

  indicator(key: string): Promise<string> {
    return this.page.getByTestId(`ind-${key}`).innerText();
  }

  chart(key: string): Locator {
    return this.page.getByTestId(`chart-${key}`);
  }

  /** Clicks the n-th bar (0 = the largest, at the top) of a breakdown, just right of the axis where every bar starts. */
  async clickBar(key: string, index = 0): Promise<void> {
    const chart = this.chart(key);
    await chart.locator('canvas').waitFor();
    await chart.scrollIntoViewIfNeeded();
    const box = await chart.boundingBox();
    if (!box) throw new Error(`chart ${key} is not visible`);
    const { left, top, band } = SLICE_BAR_LAYOUT;
    await this.page.mouse.click(box.x + left + 4, box.y + top + band * (index + 0.5));
  }

  /**
   * Clicks a bar and waits for the loans drawer. A click that lands while a closing drawer's mask still covers the
   * page is swallowed, so it is repeated (at most three times) until the drawer opens.
   */
  async drillBar(key: string, index = 0): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await this.page.locator('.ant-drawer-mask').first().waitFor({ state: 'hidden' });
      await this.clickBar(key, index);
      try {
        await this.drilldown.waitFor({ timeout: 5_000 });
        return;
      } catch (err) {
        // A drawer on its way in is not clicked again (a click on its mask would close it).
        if (await this.page.locator('.ant-drawer-mask').first().isVisible()) return this.drilldown.waitFor();
        if (attempt >= 3) throw err;
      }
    }
  }

  get drilldown(): Locator {
    return this.page.getByTestId('drilldown');
  }

  async drilldownTitle(): Promise<string> {
    return this.page.getByTestId('drilldown-title').innerText();
  }

  /** The loan numbers on the drawer's current page. */
  async drilldownLoans(): Promise<string[]> {
    await this.page.locator('[data-testid="drilldown-table"] tr.ant-table-row').first().waitFor();
    return this.page.getByTestId('drilldown-loan').allInnerTexts();
  }

  async drilldownBanks(): Promise<string[]> {
    return this.page.locator('[data-testid="drilldown-table"] tr.ant-table-row td:nth-child(3)').allInnerTexts();
  }
}

/** 预警中心: the inbox table and the alert drawer. */
export class AlertsPage {
  constructor(readonly page: Page) {}

  rows(): Locator {
    return this.page.locator('[data-testid="alerts-table"] tr.ant-table-row');
  }

  async runRules(): Promise<void> {
    await this.page.getByTestId('alerts-run').click();
    await this.page.locator('.ant-message-notice', { hasText: '预警规则已运行' }).waitFor();
  }

  async filterStatus(label: string): Promise<void> {
    await this.page.getByTestId('alerts-filter-status').click();
    await this.page.locator('.ant-select-item-option', { hasText: label }).click();
  }

  /** Opens the row's drawer (which marks the alert read). */
  async open(row: Locator): Promise<void> {
    await row.getByTestId('alert-title').click();
    await this.page.getByTestId('alert-detail').waitFor();
  }

  status(): Promise<string> {
    return this.page.getByTestId('alert-detail').getByTestId('alert-status').innerText();
  }

  async acknowledge(): Promise<void> {
    await this.page.getByTestId('alert-acknowledge').click();
    await this.page.getByTestId('alert-detail').getByTestId('alert-status').filter({ hasText: '已确认' }).waitFor();
  }

  async resolve(note: string): Promise<void> {
    await this.page.getByTestId('alert-note').fill(note);
    await this.page.getByTestId('alert-resolve').click();
    await this.page.getByTestId('alert-detail').getByTestId('alert-status').filter({ hasText: '已办结' }).waitFor();
  }

  history(): Promise<string[]> {
    return this.page.getByTestId('alert-history-item').allInnerTexts();
  }
}
