import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noBrowser } from './browser';
import { startE2E, type E2E } from './harness';
import { AppShell } from './pages/AppShell';
import { EnterpriseListPage } from './pages/EnterpriseListPage';
import { LoginPage } from './pages/LoginPage';

describe.skipIf(noBrowser)('tokens, audit and role-specific views', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('creates an API token whose secret is shown once, then revokes it', async () => {
    const page = await e2e.newPage();
    await new LoginPage(page).open();
    await new LoginPage(page).signIn('bank-icbc');
    await new AppShell(page).navigate('tokens');

    await page.getByTestId('token-create').click();
    await page.getByTestId('token-name').fill('核心系统对接');
    const createModal = page.getByTestId('token-create-modal');
    await createModal.locator('.ant-checkbox-wrapper').first().click();
    await createModal.locator('.ant-btn-primary').click();
    const secret = page.getByTestId('token-secret');
    await secret.waitFor();
    expect(await secret.inputValue()).toMatch(/^kcjr_/);
    await page.getByTestId('token-secret-modal').locator('.ant-btn-primary').click();
    await secret.waitFor({ state: 'hidden' });

    const row = page.locator('[data-testid="token-table"] tbody tr.ant-table-row', { hasText: '核心系统对接' });
    await row.waitFor();
    expect(await row.innerText()).toContain('有效');
    await row.getByTestId('token-revoke').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await row.getByText('已吊销').waitFor();
  });

  it('lets an auditor filter the audit log, expand a diff and verify the chain', async () => {
    const page = await e2e.newPage();
    await new LoginPage(page).open();
    await new LoginPage(page).signIn('auditor1');
    const shell = new AppShell(page);
    // Auditors read; they neither create nor import enterprises.
    expect(await shell.menuItem('enterprise-new').count()).toBe(0);
    await shell.navigate('audit');

    const rows = page.locator('[data-testid="audit-table"] tbody tr.ant-table-row');
    await rows.first().waitFor();
    // Signing in is audited, so there is at least our own sign-in to find.
    const reply = page.waitForResponse((r) => r.url().includes('/api/v1/audit?') && r.url().includes('action='));
    await page.getByTestId('audit-filter-action').fill('auth.sign_in');
    await page.getByTestId('audit-filter-submit').click();
    await reply;
    expect(new URL(page.url()).searchParams.get('action')).toBe('auth.sign_in');
    await rows.first().waitFor();
    const actions = await rows.locator('td:nth-child(5)').allInnerTexts();
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action).toBe('auth.sign_in');

    await page.locator('[data-testid="audit-table"] .ant-table-row-expand-icon').first().click();
    await page.getByTestId('audit-diff').first().waitFor();

    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    await result.waitFor();
    expect(await result.innerText()).toContain('哈希链完整');
  });

  it('shows an institution user the summary but asks for consent before financials', async () => {
    const page = await e2e.newPage();
    await new LoginPage(page).open();
    await new LoginPage(page).signIn('bank-spdb');
    await new AppShell(page).navigate('enterprises');
    const list = new EnterpriseListPage(page);
    await list.waitForRows();
    const [first] = await list.names();
    await list.open(first!);
    await page.getByTestId('profile-tab').waitFor();
    expect(await page.getByTestId('enterprise-edit').count()).toBe(0);
    await page.getByTestId('tab-financials').click();
    await page.getByTestId('restricted').waitFor();
  });
});
