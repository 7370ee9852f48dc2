import type { Locator, Page } from 'playwright-core';

/** Opens an antd Select by its test id, types to filter, and picks the option whose label contains `text`. */
export async function chooseOption(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  // The typed text filters the list and activates the first match; Enter picks it. Clicking instead can hit a
  // dropdown still fading out from the previous select.
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: text }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' }).catch(() => undefined);
}

/** 政策测算 */
export class CalculatorPage {
  constructor(readonly page: Page) {}

  async fillClaim(input: { uscc: string; measure: string; eventDate: string; matter?: string; facts: Record<string, string> }): Promise<void> {
    await this.page.getByTestId('calculator-page').waitFor();
    await this.page.getByTestId('calc-uscc').fill(input.uscc);
    await chooseOption(this.page, 'calc-measure-0', input.measure);
    await this.page.getByTestId('measure-facts').waitFor();
    await this.page.getByTestId('calc-event-date-0').fill(input.eventDate);
    if (input.matter) await this.page.getByTestId('calc-matter-0').fill(input.matter);
    for (const [name, value] of Object.entries(input.facts)) await this.page.getByTestId(`fact-${name}`).fill(value);
  }

  async evaluate(): Promise<Locator> {
    await this.page.getByTestId('calc-evaluate').click();
    const result = this.page.getByTestId('calc-result').first();
    await result.waitFor();
    return result;
  }

  /** The message shown under the form field that holds the element with this test id. */
  fieldError(testId: string): Locator {
    return this.page.locator('.ant-form-item', { has: this.page.getByTestId(testId) }).locator('.ant-form-item-explain-error');
  }

  /** The label of the form field that holds the element with this test id. */
  fieldLabel(testId: string): Locator {
    return this.page.locator('.ant-form-item', { has: this.page.getByTestId(testId) }).locator('.ant-form-item-label');
  }
}

/** 新建申请 (enterprise or institution user) */
export class NewClaimPage {
  constructor(readonly page: Page) {}

  async submit(input: { measure: string; eventDate: string; matter?: string; facts: Record<string, string> }): Promise<void> {
    await this.page.getByTestId('new-claim-page').waitFor();
    await chooseOption(this.page, 'new-claim-measure', input.measure);
    await this.page.getByTestId('new-claim-event-date').fill(input.eventDate);
    if (input.matter) await this.page.getByTestId('new-claim-matter').fill(input.matter);
    for (const [name, value] of Object.entries(input.facts)) await this.page.getByTestId(`fact-${name}`).fill(value);
    await this.page.getByTestId('new-claim-submit').click();
    await this.page.getByTestId('claim-page').waitFor();
  }
}

/** 政策兑现 list */
export class ClaimListPage {
  constructor(readonly page: Page) {}

  async open(number: string): Promise<ClaimPage> {
    await this.page.getByTestId('claim-filter-q').fill(number);
    await this.page.getByTestId('claim-filter-submit').click();
    await this.page.locator('[data-testid="claim-link"]', { hasText: number }).click();
    const claim = new ClaimPage(this.page);
    await claim.waitFor(number);
    return claim;
  }
}

/** One claim and its action buttons. */
export class ClaimPage {
  constructor(readonly page: Page) {}

  async waitFor(number?: string): Promise<void> {
    await this.page.getByTestId('claim-page').waitFor();
    if (number) await this.page.getByTestId('claim-number').filter({ hasText: number }).waitFor();
  }

  number(): Promise<string> {
    return this.page.getByTestId('claim-number').innerText();
  }

  status(): Promise<string> {
    return this.page.locator('[data-testid="claim-page"] .ant-card-head [data-testid="claim-status"]').innerText();
  }

  async waitForStatus(text: string): Promise<void> {
    await this.page.locator('[data-testid="claim-page"] .ant-card-head [data-testid="claim-status"]', { hasText: text }).waitFor();
  }

  action(name: string): Locator {
    return this.page.getByTestId(`action-${name}`);
  }

  /** A button behind a confirmation popover. */
  async confirmAction(name: string, expectStatus?: string): Promise<void> {
    await this.action(name).click();
    const popover = this.page.locator('.ant-popconfirm:visible');
    await popover.locator('.ant-btn-primary').click();
    // On a loaded machine the first click can land while the popover is still settling and be lost; the OK
    // button ignores clicks while its request runs, so clicking again never sends the action twice.
    if (!(await popover.waitFor({ state: 'detached', timeout: 5_000 }).then(() => true, () => false))) {
      await popover.locator('.ant-btn-primary').click().catch(() => undefined);
    }
    if (expectStatus) await this.waitForStatus(expectStatus);
  }

  /** A button that opens a form dialog; `fill` fills it before OK. */
  async modalAction(name: string, modalTestId: string, fill: () => Promise<void>, expectStatus?: string): Promise<void> {
    await this.action(name).click();
    const modal = this.page.getByTestId(modalTestId);
    // The test id sits on antd's modal root, which has no box of its own: wait on the dialog inside it.
    const dialog = modal.locator('.ant-modal-container');
    await dialog.waitFor();
    await fill();
    await modal.locator('.ant-btn-primary').click();
    await dialog.waitFor({ state: 'hidden' });
    if (expectStatus) await this.waitForStatus(expectStatus);
  }

  get explanation(): Locator {
    return this.page.locator('[data-testid="claim-explanation"] [data-testid="explanation"]');
  }
}
