import type { Locator, Page } from 'playwright-core';

export class EnterpriseListPage {
  constructor(readonly page: Page) {}

  get rows(): Locator {
    return this.page.locator('[data-testid="enterprise-table"] tbody tr.ant-table-row');
  }

  async waitForRows(): Promise<void> {
    await this.page.locator('[data-testid="enterprise-table"] .ant-spin-spinning').waitFor({ state: 'detached' });
    await this.rows.first().waitFor();
  }

  async names(): Promise<string[]> {
    return this.page.locator('[data-testid="enterprise-table"] [data-testid="enterprise-link"]').allInnerTexts();
  }

  /** The text of one column for every row, by the column's position. */
  async columnTexts(index: number): Promise<string[]> {
    return this.rows.locator(`td:nth-child(${index + 1})`).allInnerTexts();
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('filter-q').fill(text);
    await this.submitAndWait();
  }

  async filterSector(label: string): Promise<void> {
    await this.page.getByTestId('filter-sector').click();
    await this.page.locator(`.ant-select-dropdown .ant-select-item-option[title="${label}"]`).click();
    await this.submitAndWait();
  }

  private async submitAndWait(): Promise<void> {
    const reply = this.page.waitForResponse((r) => r.url().includes('/api/v1/enterprises?') && r.request().method() === 'GET');
    await this.page.getByTestId('filter-submit').click();
    await reply;
    await this.waitForRows();
  }

  async open(name: string): Promise<void> {
    await this.page.locator('[data-testid="enterprise-link"]', { hasText: name }).first().click();
    await this.page.getByTestId('enterprise-detail').waitFor();
  }
}
