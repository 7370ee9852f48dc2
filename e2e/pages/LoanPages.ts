import type { Locator, Page } from 'playwright-core';

/** The <input> a test id marks, whether antd put the id on the input itself or on its wrapper. */
const inputOf = (page: Page, testId: string): Locator => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/** 贷款台账 list. */
export class LoanListPage {
  constructor(readonly page: Page) {}

  async search(text: string): Promise<void> {
    // The reply to this search, not the list's first load (which may still be in flight).
    const reply = this.page.waitForResponse((r) => r.url().includes('/api/v1/loans?') && new URL(r.url()).searchParams.get('q') === text && r.request().method() === 'GET');
    const box = inputOf(this.page, 'loan-search');
    await box.fill(text);
    await box.press('Enter');
    await reply;
  }

  async loanNumbers(): Promise<string[]> {
    await this.page.getByTestId('loan-table').waitFor();
    await this.page.locator('[data-testid="loan-table"] .ant-spin-spinning').waitFor({ state: 'detached' });
    return this.page.getByTestId('loan-link').allInnerTexts();
  }

  /** The bank column of every row shown. */
  async banks(): Promise<string[]> {
    await this.loanNumbers();
    return this.page.locator('[data-testid="loan-table"] tbody tr.ant-table-row td:nth-child(3)').allInnerTexts();
  }

  async open(loanNo: string): Promise<void> {
    await this.page.getByTestId('loan-link').filter({ hasText: loanNo }).click();
    await this.page.getByTestId('loan-page').waitFor();
  }
}

/** One loan. */
export class LoanPage {
  constructor(readonly page: Page) {}

  get title(): Locator {
    return this.page.getByTestId('loan-title');
  }

  get dpd(): Locator {
    return this.page.getByTestId('loan-dpd');
  }

  async tableRows(testId: string): Promise<string[][]> {
    const rows = this.page.locator(`[data-testid="${testId}"] tbody tr.ant-table-row`);
    const out: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++) out.push(await rows.nth(i).locator('td').allInnerTexts());
    return out;
  }

  finalClass(): Locator {
    return this.page.locator('[data-testid="loan-standing"] .ant-descriptions-item').last().locator('.ant-tag');
  }
}

/** 贷款报送导入. */
export class LoanImportPage {
  constructor(readonly page: Page) {}

  async importFile(name: string, content: string, asOf: string): Promise<void> {
    await inputOf(this.page, 'loan-import-asof').fill(asOf);
    await this.page.locator('[data-testid="loan-import-page"] input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
    const reply = this.page.waitForResponse((r) => r.url().includes('/api/v1/loans/import'));
    await this.page.getByTestId('loan-import-submit').click();
    await reply;
    await this.page.getByTestId('import-result').waitFor();
  }

  get counts(): Locator {
    return this.page.getByTestId('loan-import-counts');
  }
}

/** 五级分类标准. */
export class FloorsPage {
  constructor(readonly page: Page) {}

  /** The table's rows once it has loaded (there is always at least the seeded default table). */
  async rows(): Promise<string[][]> {
    const rows = this.page.locator('[data-testid="loan-floors-table"] tbody tr.ant-table-row');
    await rows.first().waitFor();
    const out: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++) out.push(await rows.nth(i).locator('td').allInnerTexts());
    return out;
  }

  async add(effectiveFrom: string, substandardFrom: number, source: string): Promise<void> {
    await inputOf(this.page, 'floors-effective-from').fill(effectiveFrom);
    await inputOf(this.page, 'floors-substandard').fill(String(substandardFrom));
    await inputOf(this.page, 'floors-source').fill(source);
    const reply = this.page.waitForResponse((r) => r.url().includes('/api/v1/loans/classification-floors') && r.request().method() === 'POST');
    await this.page.getByTestId('floors-submit').click();
    await reply;
  }

  async classify(asOf: string): Promise<string> {
    await inputOf(this.page, 'classify-asof').fill(asOf);
    await this.page.getByTestId('classify-run').click();
    const result = this.page.getByTestId('classify-result');
    await result.waitFor();
    return result.innerText();
  }
}
