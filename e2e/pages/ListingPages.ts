import type { Locator, Page } from 'playwright-core';
import { pick } from './FinancingPages';

// Page models of issue #7: the cultivation pool and a pool enterprise, the linkage report, equity needs, stations.

async function inDialog(page: Page, testId: string, fill: (dialog: Locator) => Promise<void>): Promise<void> {
  const modal = page.getByTestId(testId);
  const dialog = modal.locator('.ant-modal-container');
  await dialog.waitFor();
  await fill(dialog);
  await modal.locator('.ant-modal-footer .ant-btn-primary').click();
  await dialog.waitFor({ state: 'hidden' });
}

export class PoolPage {
  constructor(readonly page: Page) {}

  async nominate(input: { enterprise: string; board: string; reason: string }): Promise<void> {
    await this.page.getByTestId('pool-page').waitFor();
    await this.page.getByTestId('pool-nominate').click();
    await inDialog(this.page, 'nominate-form', async () => {
      await pick(this.page, this.page.getByTestId('nominate-enterprise'), input.enterprise);
      await pick(this.page, this.page.getByTestId('nominate-board'), input.board);
      await this.page.getByTestId('nominate-reason').fill(input.reason);
    });
    await this.page.getByTestId('pool-entry-page').waitFor();
  }
}

export class PoolEntryPage {
  constructor(readonly page: Page) {}

  tier(): Promise<string> {
    return this.page.getByTestId('entry-tier').innerText();
  }

  async changeTier(to: string, criterion: string): Promise<void> {
    await this.page.getByTestId('tier-change').click();
    await inDialog(this.page, 'tier-form', async (dialog) => {
      await pick(this.page, this.page.getByTestId('tier-to'), to);
      await dialog.getByText(criterion).click();
    });
  }

  async logService(input: { kind: string; mode: string; date: string; summary: string }): Promise<void> {
    await this.page.getByTestId('service-add').click();
    await inDialog(this.page, 'service-form', async () => {
      await pick(this.page, this.page.getByTestId('service-kind'), input.kind);
      await pick(this.page, this.page.getByTestId('service-mode'), input.mode);
      await this.page.getByTestId('service-date').fill(input.date);
      await this.page.getByTestId('service-summary').fill(input.summary);
    });
  }

  rows(testId: 'services-table' | 'tier-history'): Locator {
    return testId === 'tier-history' ? this.page.getByTestId('tier-history').locator('.ant-timeline-item') : this.page.getByTestId(testId).locator('tbody tr.ant-table-row');
  }
}

export class LinkagePage {
  constructor(readonly page: Page) {}

  async modeRow(label: string): Promise<string[]> {
    const row = this.page.getByTestId('linkage-modes').locator('tbody tr.ant-table-row', { hasText: label });
    return row.locator('td').allInnerTexts();
  }
}

export class EquityPage {
  constructor(readonly page: Page) {}

  async post(input: { round: string; amount: number; use: string }): Promise<void> {
    await this.page.getByTestId('equity-page').waitFor();
    await this.page.getByTestId('need-new').click();
    await inDialog(this.page, 'need-form', async () => {
      await pick(this.page, this.page.getByTestId('need-round'), input.round);
      await this.page.getByTestId('need-amount').fill(String(input.amount));
      await this.page.getByTestId('need-use').fill(input.use);
    });
  }

  needRow(text: string): Locator {
    return this.page.getByTestId('needs-table').locator('tbody tr.ant-table-row', { hasText: text });
  }
}

export class StationsPage {
  constructor(readonly page: Page) {}

  /** Opens a station's editor from the stations table (administrators). */
  async edit(code: string): Promise<void> {
    await this.page.getByTestId('stations-page').waitFor();
    await this.page.getByTestId(`station-edit-${code}`).click();
    await this.page.getByTestId('station-officers').waitFor();
  }

  officerRow(name: string): Locator {
    return this.page.getByTestId('station-officers').locator('tbody tr.ant-table-row', { hasText: name });
  }

  async editOfficer(name: string, input: { name?: string; phone?: string; active?: boolean }): Promise<void> {
    await this.page.getByTestId(`officer-edit-${name}`).click();
    await inDialog(this.page, 'officer-form', async (dialog) => {
      if (input.name !== undefined) await dialog.locator('#name').fill(input.name);
      if (input.phone !== undefined) await dialog.locator('#phone').fill(input.phone);
      if (input.active !== undefined) {
        const sw = this.page.getByTestId('officer-active');
        if ((await sw.getAttribute('aria-checked')) !== String(input.active)) await sw.click();
      }
    });
  }

  async addOfficer(input: { name: string; phone?: string }): Promise<void> {
    await this.page.getByTestId('officer-add').click();
    await inDialog(this.page, 'officer-add-form', async (dialog) => {
      await dialog.locator('#name').fill(input.name);
      if (input.phone) await dialog.locator('#phone').fill(input.phone);
    });
  }

  async editDetails(input: { parks?: string; areas?: string }): Promise<void> {
    await this.page.getByTestId('station-edit-details').click();
    await inDialog(this.page, 'station-form', async () => {
      if (input.parks !== undefined) await this.page.getByTestId('station-parks-input').fill(input.parks);
      if (input.areas !== undefined) await this.page.getByTestId('station-areas-input').fill(input.areas);
    });
  }
}
