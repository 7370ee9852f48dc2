import type { Locator, Page } from 'playwright-core';

// Page models of the 融资 pages (issue #4). Selectors are our data-testids, plus antd class names where antd
// renders the element (popconfirm, modal, select dropdown, steps).

/** Types into an antd Select and picks the first option matching the text. */
export async function pick(page: Page, select: Locator, text: string): Promise<void> {
  await select.click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: text }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' }).catch(() => undefined);
}

/** A dialog opened by a button: waits for it, fills it, presses OK and waits for it to close. */
async function inDialog(page: Page, testId: string, fill: (dialog: Locator) => Promise<void>): Promise<void> {
  const modal = page.getByTestId(testId);
  const dialog = modal.locator('.ant-modal-container');
  await dialog.waitFor();
  await fill(dialog);
  await modal.locator('.ant-modal-footer .ant-btn-primary').click();
  await dialog.waitFor({ state: 'hidden' });
}

export class NewApplicationPage {
  constructor(readonly page: Page) {}

  async apply(input: { product: string; amount: number; termMonths: number; purpose: string }): Promise<void> {
    await this.page.getByTestId('application-new-page').waitFor();
    await pick(this.page, this.page.getByTestId('application-product'), input.product);
    await this.page.getByTestId('application-amount').fill(String(input.amount));
    await this.page.getByTestId('application-term').fill(String(input.termMonths));
    await this.page.getByTestId('application-purpose').fill(input.purpose);
    await this.page.getByTestId('application-submit-new').click();
    await this.page.getByTestId('application-page').waitFor();
  }
}

export class ApplicationPage {
  constructor(readonly page: Page) {}

  get status(): Locator {
    return this.page.locator('[data-testid="application-page"] .ant-card-head [data-testid="application-status"]');
  }

  async waitForStatus(text: string): Promise<void> {
    await this.page.locator('[data-testid="application-page"] .ant-card-head [data-testid="application-status"]', { hasText: text }).waitFor();
  }

  number(): Promise<string> {
    return this.page.getByTestId('application-no').innerText();
  }

  /** A one-click action behind a confirmation popover. */
  async confirm(action: string, expectStatus: string): Promise<void> {
    await this.page.getByTestId(`action-${action}`).click();
    await this.page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await this.waitForStatus(expectStatus);
  }

  /** An action with a form dialog. */
  async act(action: string, fill: (dialog: Locator) => Promise<void>, expectStatus: string): Promise<void> {
    await this.page.getByTestId(`action-${action}`).click();
    await inDialog(this.page, 'action-dialog', fill);
    await this.waitForStatus(expectStatus);
  }

  async attach(name: string, content: string): Promise<void> {
    await this.page.locator('.ant-tabs-tab', { hasText: '申请材料' }).click();
    await this.page.locator('[data-testid="application-documents"] input[type="file"]').setInputFiles({ name, mimeType: 'application/pdf', buffer: Buffer.from(content) });
    await this.page.getByTestId('document-item').filter({ hasText: name }).waitFor();
  }

  /** The titles of the antd Steps with the index of the current one. */
  async steps(): Promise<{ titles: string[]; current: number }> {
    const items = this.page.locator('[data-testid="application-steps"] .ant-steps-item');
    const titles = await items.locator('.ant-steps-item-title').allInnerTexts();
    const classes = await items.evaluateAll((els) => els.map((e) => e.className));
    return { titles, current: classes.findIndex((c) => c.includes('ant-steps-item-process') || c.includes('ant-steps-item-active')) };
  }

  historyTexts(): Promise<string[]> {
    return this.page.locator('[data-testid="application-history"]').first().getByTestId('history-event').allInnerTexts();
  }
}

export class ApplicationListPage {
  constructor(readonly page: Page) {}

  /** Finds the application by its number, as a user would on a busy list, and opens it. */
  async open(applicationNo: string): Promise<void> {
    await this.page.getByTestId('application-table').waitFor();
    const reply = this.page.waitForResponse((r) => /\/api\/v1\/applications(\/inbox)?\?/.test(r.url()) && new URL(r.url()).searchParams.get('q') === applicationNo);
    const box = this.page.locator('input[data-testid="application-search"], [data-testid="application-search"] input').first();
    await box.fill(applicationNo);
    await box.press('Enter');
    await reply;
    await this.page.getByTestId('application-link').filter({ hasText: applicationNo }).click();
    await this.page.getByTestId('application-page').waitFor();
  }

  row(applicationNo: string): Locator {
    return this.page.locator('[data-testid="application-table"] tr.ant-table-row', { hasText: applicationNo });
  }
}

export class MeetingsPage {
  constructor(readonly page: Page) {}

  async create(title: string): Promise<void> {
    await this.page.getByTestId('meeting-new').click();
    await inDialog(this.page, 'meeting-form', async () => {
      await this.page.getByTestId('meeting-title').fill(title);
    });
    await this.page.locator('[data-testid="meetings-table"] tr', { hasText: title }).waitFor();
  }
}

export class ConsentsPage {
  constructor(readonly page: Page) {}

  async grant(input: { institution: string; clusters: string[]; purpose: string }): Promise<void> {
    await this.page.getByTestId('consent-grant').click();
    await inDialog(this.page, 'consent-form', async (dialog) => {
      await pick(this.page, this.page.getByTestId('consent-institution'), input.institution);
      for (const label of input.clusters) await dialog.locator('.ant-checkbox-wrapper', { hasText: label }).click();
      await this.page.getByTestId('consent-purpose').fill(input.purpose);
    });
  }

  row(text: string): Locator {
    return this.page.locator('[data-testid="consent-table"] tr.ant-table-row', { hasText: text });
  }

  async revoke(text: string): Promise<void> {
    await this.row(text).getByTestId('consent-revoke').click();
    await inDialog(this.page, 'consent-revoke-dialog', async () => undefined);
    await this.row(text).getByTestId('consent-status').filter({ hasText: '已撤销' }).waitFor();
  }

  async readLog(): Promise<string[]> {
    await this.page.getByTestId('consent-tab-reads').click();
    await this.page.locator('[data-testid="consent-reads-table"] tr.ant-table-row').first().waitFor();
    return this.page.locator('[data-testid="consent-reads-table"] tr.ant-table-row').allInnerTexts();
  }
}

export class FunnelPage {
  constructor(readonly page: Page) {}

  /** The total row's cells: name, applications, recommended, amount, deferred, approved, amount. */
  async total(): Promise<string[]> {
    const row = this.page.getByTestId('funnel-total');
    await row.waitFor();
    return row.locator('td').allInnerTexts();
  }

  rowTexts(): Promise<string[]> {
    return this.page.locator('[data-testid="funnel-table"] tr.ant-table-row').allInnerTexts();
  }
}
