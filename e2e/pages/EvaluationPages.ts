import type { Locator, Page } from 'playwright-core';

/** The enterprise page's 企业评价 tab: a year's stored evaluations, their explanations and the facts form. */
export class EvaluationSection {
  constructor(readonly page: Page) {}

  /** Opens the tab on the enterprise page already shown and waits for the section. */
  async open(): Promise<this> {
    await this.page.getByTestId('tab-evaluation').click();
    await this.page.getByTestId('evaluation-section').waitFor();
    return this;
  }

  card(kind: 'tech_sme' | 'hnte' | 'innovation_points' | 'lifecycle' | 'listing_readiness'): Locator {
    return this.page.getByTestId(`eval-${kind}`);
  }

  text(testId: string): Promise<string> {
    return this.page.getByTestId(testId).first().innerText();
  }

  get techSmeReasons(): Locator {
    return this.page.getByTestId('tech-sme-reasons').locator('.ant-list-item');
  }

  /** The year shown in the year selector. */
  year(): Promise<string> {
    return this.page.getByTestId('evaluation-section').locator('.ant-select').first().innerText();
  }

  /** Re-evaluates the shown year and waits for the confirmation. */
  async refresh(): Promise<void> {
    await this.page.getByTestId('evaluation-refresh').click();
    await this.page.locator('.ant-message-success').last().waitFor();
  }

  /** Sets number facts in the facts form and saves; the section reloads the re-evaluated year. */
  async saveFacts(numbers: Record<string, number>): Promise<void> {
    await this.page.getByTestId('evaluation-facts').click();
    const first = this.page.getByTestId(`fact-${Object.keys(numbers)[0]}`);
    await first.waitFor();
    // The form is filled from the stored facts once they arrive; wait for that before typing over them.
    await this.page.waitForLoadState('networkidle');
    for (const [name, value] of Object.entries(numbers)) await this.page.getByTestId(`fact-${name}`).fill(String(value));
    await this.page.getByTestId('facts-save').click();
    await first.waitFor({ state: 'hidden' });
  }
}

/** 评价模型: the models in force, proposals awaiting a checker, and the whole-registry runs. */
export class EvaluationModelsPage {
  constructor(readonly page: Page) {}

  async waitFor(): Promise<this> {
    await this.page.getByTestId('models-page').waitFor();
    return this;
  }

  inForce(kind: 'innovation_points' | 'lifecycle'): Locator {
    return this.page.getByTestId(`in-force-${kind}`);
  }

  runRows(): Locator {
    return this.page.getByTestId('evaluation-runs').locator('tbody tr.ant-table-row');
  }

  async runAll(): Promise<void> {
    const before = await this.runRows().count();
    await this.page.getByTestId('run-all').click();
    await this.page.waitForFunction(
      ([n]) => document.querySelectorAll('[data-testid="evaluation-runs"] tbody tr.ant-table-row').length > n!,
      [before],
    );
  }
}
