import type { Page } from 'playwright-core';

export class CreateEnterprisePage {
  constructor(readonly page: Page) {}

  private async choose(testId: string, label: string): Promise<void> {
    await this.page.getByTestId(testId).click();
    await this.page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
  }

  async fill(values: { uscc: string; name: string; sector: string; district: string; foundedOn?: string }): Promise<void> {
    await this.page.getByTestId('field-uscc').fill(values.uscc);
    await this.page.getByTestId('field-name').fill(values.name);
    await this.choose('field-sector', values.sector);
    await this.choose('field-district', values.district);
    if (values.foundedOn) await this.page.getByTestId('field-foundedOn').fill(values.foundedOn);
  }

  async setName(name: string): Promise<void> {
    await this.page.getByTestId('field-name').fill(name);
  }

  async submit(): Promise<void> {
    await this.page.getByTestId('enterprise-create-submit').click();
  }

  /** The error text antd shows under a form field. */
  async fieldError(testId: string): Promise<string> {
    const item = this.page.locator('.ant-form-item', { has: this.page.getByTestId(testId) });
    const explain = item.locator('.ant-form-item-explain-error');
    await explain.first().waitFor();
    return explain.first().innerText();
  }
}
