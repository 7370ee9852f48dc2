import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noBrowser } from './browser';
import { startE2E, type E2E } from './harness';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/LoginPage';

describe.skipIf(noBrowser)('sign-in, demo banner and language', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('rejects a wrong password with a visible error, then signs in and out', async () => {
    const page = await e2e.newPage();
    const login = await new LoginPage(page).open();

    await login.submit('officer1', 'not-the-password');
    expect(await login.errorText()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');

    await login.signIn('officer1');
    await page.getByTestId('home-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    const shell = new AppShell(page);
    expect(await shell.currentUser.innerText()).toContain('王敏');

    await shell.signOut();
    expect(new URL(page.url()).pathname).toBe('/login');
    // The session is gone: a protected page sends us back to sign in.
    await page.goto('/enterprises');
    await page.getByTestId('login-username').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('shows the demo banner on the sign-in page and inside the app', async () => {
    const page = await e2e.newPage();
    await new LoginPage(page).open();
    const shell = new AppShell(page);
    await shell.demoBanner.waitFor();
    expect(await shell.demoBanner.innerText()).toContain('演示数据 / Demo data');

    await new LoginPage(page).signIn('admin');
    await shell.demoBanner.waitFor();
    expect(await shell.demoBanner.isVisible()).toBe(true);
  });

  it('switches the interface to English and remembers the choice', async () => {
    const page = await e2e.newPage();
    await new LoginPage(page).open();
    await new LoginPage(page).signIn('admin');
    const shell = new AppShell(page);
    expect(await shell.menuItem('enterprises').innerText()).toBe('企业名录');

    await shell.toggleLanguage();
    expect(await shell.menuItem('enterprises').innerText()).toBe('Enterprises');
    expect(await page.getByTestId('sign-out').innerText()).toContain('Sign out');

    await page.reload();
    await shell.reveal('enterprises');
    expect(await shell.menuItem('enterprises').innerText()).toBe('Enterprises');
    expect(await shell.sideMenu.getByTestId('menu-group-enterprises').innerText()).toBe('Enterprises');
    expect(await shell.sideMenu.getByTestId('menu-group-admin').innerText()).toBe('Administration');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');
  });
});
