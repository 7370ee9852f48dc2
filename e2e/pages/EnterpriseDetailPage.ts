import type { Locator, Page } from 'playwright-core';

export class EnterpriseDetailPage {
  constructor(readonly page: Page) {}

  async goto(id: string): Promise<void> {
    await this.page.goto(`/enterprises/${id}`);
  }

  get name(): Locator {
    return this.page.getByTestId('enterprise-name');
  }

  get notFound(): Locator {
    return this.page.getByTestId('not-found');
  }

  async openFinancials(): Promise<Locator> {
    await this.page.getByTestId('tab-financials').click();
    const canvas = this.page.locator('[data-testid="financial-chart"] canvas');
    await canvas.first().waitFor();
    return canvas;
  }
}
