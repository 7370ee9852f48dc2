import type { Locator, Page } from 'playwright-core';

/** A form dialog (ModalForm): wait for it, fill it, press OK, wait for it to close. */
async function submitModal(page: Page, testId: string, fill: () => Promise<void>): Promise<void> {
  const modal = page.getByTestId(testId);
  // The test id sits on antd's modal root, which has no box of its own: wait on the dialog inside it.
  const dialog = modal.locator('.ant-modal-container');
  await dialog.waitFor();
  await fill();
  await modal.locator('.ant-btn-primary').click();
  await dialog.waitFor({ state: 'hidden' });
}

/** 风险补偿资金池 list and one pool's page. */
export class PoolPages {
  constructor(readonly page: Page) {}

  async openPool(code: string): Promise<void> {
    await this.page.getByTestId('pool-list-page').waitFor();
    await this.page.getByTestId('pool-link').filter({ hasText: code }).click();
    await this.page.getByTestId('pool-page').waitFor();
  }

  get balance(): Locator {
    return this.page.locator('[data-testid="pool-stat-balance"] .ant-statistic-content');
  }

  get balanceChart(): Locator {
    return this.page.locator('[data-testid="pool-balance-chart"] canvas');
  }

  get claimsChart(): Locator {
    return this.page.locator('[data-testid="pool-claims-chart"] canvas');
  }

  get lossRate(): Locator {
    return this.page.locator('[data-testid="pool-loss-rate"] .ant-statistic-content');
  }

  get toleranceTag(): Locator {
    return this.page.getByTestId('pool-tolerance-tag');
  }

  /** From the enrolled loans tab: file a claim on a non-performing loan; lands on the new claim's page. */
  async fileClaim(loanNo: string, input: { defaultedOn: string; principalAtDefault?: string; recoveriesSoFar: string }): Promise<void> {
    await this.page.getByTestId(`file-claim-${loanNo}`).click();
    await submitModal(this.page, 'file-claim-modal', async () => {
      await this.page.getByTestId('file-claim-defaulted-on').fill(input.defaultedOn);
      if (input.principalAtDefault) await this.page.getByTestId('file-claim-principal').fill(input.principalAtDefault);
      await this.page.getByTestId('file-claim-recoveries').fill(input.recoveriesSoFar);
    });
    await this.page.getByTestId('risk-claim-page').waitFor();
  }
}

/** A compensation claim's page. */
export class RiskClaimPage {
  constructor(readonly page: Page) {}

  async open(path: string): Promise<void> {
    await this.page.goto(path);
    await this.page.getByTestId('risk-claim-page').waitFor();
  }

  get status(): Locator {
    return this.page.getByTestId('risk-claim-page').getByTestId('risk-claim-status').first();
  }

  field(name: 'loss' | 'payable' | 'paid'): Locator {
    return this.page.getByTestId(`risk-claim-${name}`);
  }

  action(name: string): Locator {
    return this.page.getByTestId(`risk-action-${name}`);
  }

  async waitForStatus(text: string): Promise<void> {
    await this.page.getByTestId('risk-claim-page').locator('[data-testid="risk-claim-status"]', { hasText: text }).first().waitFor();
  }

  async review(opts: { assessedLoss?: string; note?: string } = {}): Promise<void> {
    await this.action('review').click();
    await submitModal(this.page, 'risk-review-modal', async () => {
      if (opts.assessedLoss) await this.page.getByTestId('risk-review-assessed').fill(opts.assessedLoss);
      if (opts.note) await this.page.getByTestId('risk-review-note').fill(opts.note);
    });
  }

  async approve(): Promise<void> {
    await this.action('approve').click();
    const popover = this.page.locator('.ant-popconfirm:visible');
    await popover.locator('.ant-btn-primary').click();
    // On a loaded machine the first click can land while the popover is still settling and be lost; the approval
    // carries one Idempotency-Key per page, so a second click never pays twice.
    if (!(await popover.waitFor({ state: 'detached', timeout: 5_000 }).then(() => true, () => false))) {
      await popover.locator('.ant-btn-primary').click().catch(() => undefined);
    }
  }
}
