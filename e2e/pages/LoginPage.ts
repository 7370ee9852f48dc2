import type { Page } from 'playwright-core';

export const DEMO_PASSWORD = 'demo1234';

export class LoginPage {
  constructor(readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.goto('/login');
    await this.page.getByTestId('login-username').waitFor();
    return this;
  }

  async submit(username: string, password: string): Promise<void> {
    await this.page.getByTestId('login-username').fill(username);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-submit').click();
  }

  /** Signs in and waits for the signed-in shell. */
  async signIn(username: string, password = DEMO_PASSWORD): Promise<void> {
    await this.submit(username, password);
    await this.page.getByTestId('current-user').waitFor();
  }

  errorText(): Promise<string> {
    return this.page.getByTestId('login-error').innerText();
  }
}
