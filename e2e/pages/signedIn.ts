import type { E2E } from '../harness';
import { AppShell } from './AppShell';
import { LoginPage } from './LoginPage';

/** A new page signed in as `username` (demo password), with the shell around it. */
export async function signedIn(e2e: E2E, username: string) {
  const page = await e2e.newPage();
  await new LoginPage(page).open();
  await new LoginPage(page).signIn(username);
  return { page, shell: new AppShell(page) };
}
