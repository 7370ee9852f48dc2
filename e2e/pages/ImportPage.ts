import type { Locator, Page } from 'playwright-core';

export class ImportPage {
  constructor(readonly page: Page) {}

  async choose(name: string, content: string): Promise<void> {
    await this.page
      .locator('[data-testid="import-page"] input[type="file"]')
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
  }

  async setSkipInvalid(on: boolean): Promise<void> {
    await this.page.getByTestId('import-skip-invalid').setChecked(on);
  }

  async setDryRun(on: boolean): Promise<void> {
    await this.page.getByTestId('import-dry-run').setChecked(on);
  }

  async submit(): Promise<void> {
    const reply = this.page.waitForResponse((r) => r.url().includes('/api/v1/enterprises/import'));
    await this.page.getByTestId('import-submit').click();
    await reply;
    await this.page.getByTestId('import-result').waitFor();
  }

  get summary(): Locator {
    return this.page.getByTestId('import-summary');
  }

  async imported(): Promise<number> {
    const text = await this.page.locator('[data-testid="import-imported"] .ant-statistic-content-value').innerText();
    return Number(text.replace(/[^\d]/g, ''));
  }

  /** The error report as [line, column, message] rows. */
  async errorRows(): Promise<[string, string, string][]> {
    const rows = this.page.locator('[data-testid="import-errors"] tbody tr.ant-table-row');
    const count = await rows.count();
    const out: [string, string, string][] = [];
    for (let i = 0; i < count; i++) {
      const cells = await rows.nth(i).locator('td').allInnerTexts();
      out.push([cells[0] ?? '', cells[1] ?? '', cells[2] ?? '']);
    }
    return out;
  }
}
