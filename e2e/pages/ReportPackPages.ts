import type { Locator, Page } from 'playwright-core';

/** 报告归档: the archive table, the generate dialog, the download buttons. */
export class ReportPacksPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('report-packs-page');
  }

  get generateButton(): Locator {
    return this.page.getByTestId('pack-generate');
  }

  /** The table row of a period as the page labels it (e.g. 2026年10月). */
  row(label: string): Locator {
    return this.page.locator('[data-testid="packs-table"] tr.ant-table-row', { hasText: label });
  }

  async requestMonthly(month: string): Promise<void> {
    await this.generateButton.click();
    const modal = this.page.getByTestId('pack-form');
    await modal.locator('.ant-modal-container').waitFor();
    await this.page.getByTestId('pack-month').fill(month);
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await modal.locator('.ant-modal-container').waitFor({ state: 'hidden' });
  }

  /** Waits (the page polls while a pack is generating) until the row's status reads `status`. */
  async waitForStatus(label: string, status: string, timeout = 90_000): Promise<void> {
    await this.row(label).getByTestId('pack-status').filter({ hasText: status }).waitFor({ timeout });
  }

  async downloadHref(label: string, format: 'xlsx' | 'pdf'): Promise<string> {
    const href = await this.row(label).getByTestId(`pack-download-${format}`).getAttribute('href');
    if (!href) throw new Error(`no ${format} link for ${label}`);
    return href;
  }
}
