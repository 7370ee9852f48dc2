import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noBrowser } from './browser';
import { startE2E, type E2E } from './harness';
import { AppShell } from './pages/AppShell';
import { EnterpriseDetailPage } from './pages/EnterpriseDetailPage';
import { LoginPage } from './pages/LoginPage';

describe.skipIf(noBrowser)('scoping of an enterprise user', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('opens its own enterprise from the menu and gets not-found for another one', async () => {
    // Find another enterprise's id the way an officer would see it.
    const officer = await e2e.newPage();
    await new LoginPage(officer).open();
    await new LoginPage(officer).signIn('officer1');
    const otherId = await officer.evaluate(async () => {
      const reply = await fetch('/api/v1/enterprises?pageSize=100', { credentials: 'same-origin' });
      const body = (await reply.json()) as { items: { id: string }[] };
      return body.items.map((e) => e.id);
    });

    const page = await e2e.newPage();
    await new LoginPage(page).open();
    await new LoginPage(page).signIn('ent001');
    const shell = new AppShell(page);
    await shell.navigate('my-enterprise');
    const detail = new EnterpriseDetailPage(page);
    await detail.name.waitFor();
    const ownId = new URL(page.url()).pathname.split('/').pop()!;
    expect(await detail.name.innerText()).not.toBe('');
    // An enterprise user may edit its own profile.
    expect(await page.getByTestId('enterprise-edit').isVisible()).toBe(true);

    const foreign = otherId.find((id) => id !== ownId);
    expect(foreign).toBeTruthy();
    await detail.goto(foreign!);
    await detail.notFound.waitFor();
    expect(await detail.name.count()).toBe(0);

    await detail.goto(ownId);
    await detail.name.waitFor();
  });
});
