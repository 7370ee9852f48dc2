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

  /** The side menu itself: antd also renders each section's entries into a hidden pop-up copy outside it. */
  get sideMenu(): Locator {
    return this.page.getByTestId('side-menu');
  }

  menuItem(key: string): Locator {
    return this.sideMenu.getByTestId(`menu-${key}`);
  }

  /** Opens the menu section holding the entry when it is closed (entries of closed sections are in the page, hidden). */
  async reveal(key: string): Promise<Locator> {
    const item = this.menuItem(key);
    await item.waitFor({ state: 'attached' });
    if (!(await item.isVisible())) {
      const group = await item.getAttribute('data-menu-group');
      if (group) await this.sideMenu.getByTestId(`menu-group-${group}`).click();
      await item.waitFor();
    }
    return item;
  }

  async navigate(key: string): Promise<void> {
    await (await this.reveal(key)).click();
  }

  async toggleLanguage(): Promise<void> {
    await this.page.getByTestId('lang-toggle').click();
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('sign-out').click();
    await this.page.getByTestId('login-username').waitFor();
  }
}
