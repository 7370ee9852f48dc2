import type { Locator, Page } from 'playwright-core';

/** The layout around every signed-in page: side menu, header, demo banner. */
export class AppShell {
  constructor(readonly page: Page) {}

  get demoBanner(): Locator {
    return this.page.getByTestId('demo-banner');
  }

  get currentUser(): Locator {
    return this.page.getByTestId('current-user');
  }

  menuItem(key: string): Locator {
    return this.page.getByTestId(`menu-${key}`);
  }

  async navigate(key: string): Promise<void> {
    await this.menuItem(key).click();
  }

  async toggleLanguage(): Promise<void> {
    await this.page.getByTestId('lang-toggle').click();
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('sign-out').click();
    await this.page.getByTestId('login-username').waitFor();
  }
}
