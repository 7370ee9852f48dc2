import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { pick } from './FinancingPages';
import { DEMO_PASSWORD } from './LoginPage';

/** A signed-in API caller for setting up data, including multipart uploads (imports). */
export class ApiCaller {
  private constructor(private readonly base: string, private readonly cookie: string, private readonly csrf: string) {}

  static async signIn(base: string, username: string): Promise<ApiCaller> {
    const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
    if (!res.ok) throw new Error(`sign-in ${username}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { csrfToken: string };
    return new ApiCaller(base, res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), body.csrfToken);
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}/api/v1${path}`, {
      method,
      headers: { cookie: this.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': this.csrf }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async upload<T>(path: string, filename: string, content: string): Promise<T> {
    const form = new FormData();
    form.append('file', new Blob([content], { type: 'text/csv' }), filename);
    const res = await fetch(`${this.base}/api/v1${path}`, { method: 'POST', headers: { cookie: this.cookie, 'x-csrf-token': this.csrf }, body: form });
    const text = await res.text();
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }
}

/** 银行活动登记: list, the record/edit dialog, delete, and the import tab. */
export class EventsPage {
  constructor(readonly page: Page) {}

  row(title: string): Locator {
    return this.page.locator('[data-testid="events-table"] tr.ant-table-row', { hasText: title });
  }

  async record(input: { heldOn: string; title: string; bank?: string; station?: string; attendees: number }): Promise<void> {
    await this.page.getByTestId('event-new').click();
    await this.fill(input);
  }

  async edit(title: string, input: { attendees: number }): Promise<void> {
    await this.row(title).locator('[data-testid^="event-edit-"]').click();
    const dialog = this.page.getByTestId('event-form').locator('.ant-modal-container');
    await dialog.waitFor();
    const attendees = this.page.getByTestId('event-attendees');
    // The dialog opens with the event's values; change one only once they are there.
    await expect.poll(() => attendees.inputValue()).not.toBe('');
    await attendees.fill(String(input.attendees));
    await this.submit();
  }

  async remove(title: string): Promise<void> {
    await this.row(title).locator('[data-testid^="event-delete-"]').click();
    await this.page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await this.row(title).waitFor({ state: 'detached' });
  }

  private async fill(input: { heldOn: string; title: string; bank?: string; station?: string; attendees: number }) {
    const dialog = this.page.getByTestId('event-form').locator('.ant-modal-container');
    await dialog.waitFor();
    await this.page.getByTestId('event-held-on').fill(input.heldOn);
    await this.page.getByTestId('event-title').fill(input.title);
    if (input.bank) await pick(this.page, this.page.getByTestId('event-bank'), input.bank);
    if (input.station) await this.page.getByTestId('event-station').fill(input.station);
    await this.page.getByTestId('event-attendees').fill(String(input.attendees));
    await this.submit();
  }

  private async submit() {
    const modal = this.page.getByTestId('event-form');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await modal.locator('.ant-modal-container').waitFor({ state: 'hidden' });
  }

  /** Uploads a CSV on the import tab and returns the summary line and the error table's rows. */
  async import(name: string, content: string, options: { skipInvalid?: boolean } = {}): Promise<{ summary: string; errors: string[] }> {
    await this.page.getByTestId('event-tab-import').click();
    await this.page.locator('[data-testid="event-import"] input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
    if (options.skipInvalid) await this.page.getByText('跳过有误的行，导入其余行').click();
    await this.page.getByTestId('event-import-submit').click();
    const summary = this.page.getByTestId('import-summary');
    await summary.waitFor();
    const errors = await this.page.locator('[data-testid="import-result"] tr.ant-table-row').allInnerTexts();
    return { summary: await summary.innerText(), errors };
  }
}

/** 合作银行考核: the table's per-bank cells. */
export class BankAssessmentPage {
  constructor(readonly page: Page) {}

  async total(bank: string): Promise<string> {
    const cell = this.page.getByTestId(`assess-total-${bank}`);
    await cell.waitFor();
    return cell.innerText();
  }

  score(bank: string, indicator: string): Promise<string> {
    return this.page.getByTestId(`assess-score-${bank}-${indicator}`).innerText();
  }

  banks(): Promise<string[]> {
    return this.page.locator('[data-testid="assessment-table"] [data-testid^="assess-bank-"]').allInnerTexts();
  }
}
