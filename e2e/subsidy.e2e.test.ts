import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { noBrowser } from './browser';
import { startE2E, type E2E } from './harness';
import { ApiSession } from './pages/SubsidyApi';
import { CalculatorPage, ClaimListPage, ClaimPage, NewClaimPage, chooseOption } from './pages/SubsidyPages';
import { signedIn } from './pages/signedIn';

// 政策兑现 end to end (issue #3): the calculator explains a result clause by clause; an enterprise applies;
// officers review, determine, publish, approve (a second officer above the threshold) and pay; the budget
// shows the commitment; a simulation shows the changed total.
//
// YP2025-8.2 pays 50% of IP-pledge loan interest, at most 1,000,000 yuan a year: interest of 1,200,000 yuan
// gives 600,000 yuan. The threshold is lowered to 500,000 so that amount needs a second officer.
const MEASURE = 'YP2025-8.2';
const EVENT_DATE = '2026-06-30';
const YEAR = 2026;
const DAY = 86_400_000;

describe.skipIf(noBrowser)('subsidy claims: calculator, application, review to payment, budget, simulation', () => {
  let e2e: E2E;
  let uscc: string;
  let claimNumber = '';

  beforeAll(async () => {
    e2e = await startE2E();
    // What the demo seed does not hold: a budget for the measure, a lower second-approval threshold and a
    // one-working-day notice (set through the API, as an admin and an officer would).
    const admin = await ApiSession.signIn(e2e.url, 'admin');
    await admin.call('PUT', '/subsidy/settings', { secondApprovalThreshold: 500_000, noticeWorkingDays: 1 });
    const officer = await ApiSession.signIn(e2e.url, 'officer1');
    await officer.call('PUT', `/subsidy/budgets/${MEASURE}/${YEAR}`, { allocated: 5_000_000, reason: 'e2e budget' });
    const ent = await ApiSession.signIn(e2e.url, 'ent001');
    const me = await ent.call<{ user: { enterpriseId: string } }>('GET', '/auth/me');
    uscc = (await ent.call<{ uscc: string }>('GET', `/enterprises/${me.user.enterpriseId}`)).uscc;
  });
  afterAll(async () => {
    vi.useRealTimers();
    await e2e?.close();
  });

  it('explains a calculation in Chinese with the clause, and in English on the toggle', async () => {
    const { page, shell } = await signedIn(e2e, 'officer1');
    await shell.navigate('policy-calculator');
    const calculator = new CalculatorPage(page);
    await calculator.fillClaim({ uscc, measure: MEASURE, eventDate: EVENT_DATE, matter: 'LOAN-CALC', facts: { interestPaid: '1200000' } });
    const result = await calculator.evaluate();

    const explanation = result.getByTestId('explanation');
    const zh = await explanation.innerText();
    expect(zh).toContain('按贷款利息 1,200,000 元的 50% 计 600,000 元');
    expect(zh).toContain('核定 600,000 元（杨府发〔2025〕2号 第8条）');
    expect(await result.getByTestId('engine-status').innerText()).toBe('予以支持');
    expect(await result.getByTestId('trace-step').count()).toBeGreaterThan(3);
    expect(await result.getByTestId('trace-timeline').innerText()).toContain('第8条');

    await result.getByTestId('explanation-lang').getByText('English').click();
    expect(await explanation.innerText()).toContain('50% of loan interest paid 1,200,000 yuan = 600,000 yuan');
  });

  it('shows each of the server\'s messages beside its field, and English fact labels in English', async () => {
    const { page, shell } = await signedIn(e2e, 'officer1');
    await shell.navigate('policy-calculator');
    const calculator = new CalculatorPage(page);
    // A USCC with a wrong check character, and no loan (matter) for a measure in a non-duplication group.
    await calculator.fillClaim({ uscc: `${uscc.slice(0, 17)}${uscc.endsWith('0') ? '1' : '0'}`, measure: MEASURE, eventDate: EVENT_DATE, facts: { interestPaid: '1200000' } });
    await page.getByTestId('calc-evaluate').click();
    await calculator.fieldError('calc-uscc').filter({ hasText: '统一社会信用代码' }).waitFor();
    expect(await calculator.fieldError('calc-matter-0').innerText()).toContain('claim c1: YP2025-8.2 needs matter');
    // Both are beside their fields, so the alert lists nothing of its own.
    expect(await page.getByTestId('error-alert').locator('li').count()).toBe(0);

    expect(await calculator.fieldLabel('fact-interestPaid').innerText()).toContain('贷款利息 (interestPaid)');
    await shell.toggleLanguage();
    await calculator.fieldLabel('fact-interestPaid').filter({ hasText: 'loan interest paid (interestPaid)' }).waitFor();
  });

  it('lets an enterprise user create and submit a claim with evidence', async () => {
    const { page, shell } = await signedIn(e2e, 'ent001');
    await shell.navigate('subsidy-claims');
    await page.getByTestId('claim-new').click();
    await new NewClaimPage(page).submit({ measure: MEASURE, eventDate: EVENT_DATE, matter: 'LOAN-E2E-001', facts: { interestPaid: '1200000' } });

    const claim = new ClaimPage(page);
    await claim.waitForStatus('已提交');
    claimNumber = await claim.number();
    expect(claimNumber).toMatch(/^ZC\d{4}-\d{6}$/);
    // Before a determination the page shows the engine's preliminary answer.
    await claim.explanation.waitFor();
    expect(await claim.explanation.innerText()).toContain('核定 600,000 元（杨府发〔2025〕2号 第8条）');

    const upload = page.waitForResponse((r) => r.url().includes('/files') && r.request().method() === 'POST');
    await page.locator('[data-testid="claim-files"]').waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: '贷款利息凭证.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 e2e') });
    expect((await upload).status()).toBe(201);
    await page.getByTestId('claim-file-link').filter({ hasText: '贷款利息凭证.pdf' }).waitFor();
    // Claimants take no staff steps.
    expect(await claim.action('start_review').count()).toBe(0);
  });

  it('takes the claim through review, determination, second approval, notice, payment approval and payment', async () => {
    expect(claimNumber).not.toBe('');
    const first = await signedIn(e2e, 'officer1');
    await first.shell.navigate('subsidy-claims');
    const claim = await new ClaimListPage(first.page).open(claimNumber);
    await claim.confirmAction('start_review', '审核中');
    await claim.modalAction('determine', 'determine-modal', async () => undefined, '已认定');
    expect(await first.page.getByTestId('claim-amount').innerText()).toBe('600,000.00 元');
    expect(await claim.explanation.innerText()).toContain('核定 600,000 元（杨府发〔2025〕2号 第8条）');
    // Above the threshold: the determiner cannot approve it a second time, and the notice waits for another officer.
    expect(await first.page.getByTestId('second-approval').innerText()).toContain('需另一位专员复核');
    expect(await first.page.getByTestId('claim-determined-by').innerText()).toContain('officer1');
    // The server offers the determiner neither the second approval nor the notice, so there are no buttons for them.
    expect(await claim.action('approve_determination').count()).toBe(0);
    expect(await claim.action('publish').count()).toBe(0);
    expect(await claim.action('adjust').count()).toBe(1);
    await first.page.screenshot({ path: '/tmp/kcjr-e2e-claim.png', fullPage: true });

    // The budget now counts the determined amount as committed.
    await first.shell.navigate('subsidy-budgets');
    const row = first.page.locator('[data-testid="budget-table"] tbody tr.ant-table-row', { hasText: MEASURE });
    await row.waitFor();
    expect(await row.getByTestId('budget-committed').innerText()).toBe('60.00');
    await first.page.getByTestId('budget-chart').locator('canvas').waitFor();

    const second = await signedIn(e2e, 'officer2');
    await second.shell.navigate('subsidy-claims');
    const claim2 = await new ClaimListPage(second.page).open(claimNumber);
    await claim2.confirmAction('approve_determination');
    await second.page.getByTestId('second-approval').filter({ hasText: '已复核' }).waitFor();
    expect(await second.page.getByTestId('second-approval').innerText()).toContain('officer2');
    await claim2.confirmAction('publish', '公示中');
    const noticeTo = (await second.page.getByTestId('claim-notice').innerText()).split(' ~ ')[1]!;

    await second.shell.navigate('subsidy-notices');
    const noticeRow = second.page.locator('[data-testid="notice-table"] tbody tr.ant-table-row', { hasText: claimNumber });
    await noticeRow.waitFor();
    expect(await noticeRow.getByTestId('notice-to').innerText()).toBe(noticeTo);
    expect(await noticeRow.getByTestId('notice-objections').innerText()).toBe('无异议');

    // While the notice runs there is no payment approval to click, only objections; the page says until when.
    await noticeRow.getByTestId('notice-link').click();
    await claim2.waitFor(claimNumber);
    expect(await claim2.action('approve_payment').count()).toBe(0);
    expect(await second.page.getByTestId('claim-actions').innerText()).toContain(noticeTo);
    await claim2.modalAction('record_objection', 'objection-modal', async () => {
      await second.page.getByTestId('objection-raised-by').fill('匿名来信');
      await second.page.getByTestId('objection-content').fill('该笔贷款利息已获其他补贴');
    });
    await second.page.getByTestId('objection-resolve').waitFor();

    // The notice list counts it without opening the claim.
    await second.shell.navigate('subsidy-notices');
    await noticeRow.getByTestId('notice-objections').filter({ hasText: '异议 1 条，待处理 1 条' }).waitFor();
    await noticeRow.getByTestId('notice-link').click();
    await claim2.waitFor(claimNumber);
    await second.page.getByTestId('objection-resolve').click();
    await second.page.getByTestId('resolve-resolution').fill('经核实未重复享受');
    await second.page.getByTestId('resolve-modal').locator('.ant-btn-primary').click();
    await second.page.locator('[data-testid="claim-objections"]').getByText('经核实未重复享受').waitFor();
    expect(await second.page.getByTestId('objection-resolve').count()).toBe(0);

    // The server's calendar moves past the notice (only Date is faked; sessions made before then have expired).
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(`${noticeTo}T04:00:00Z`).getTime() + 2 * DAY });
    try {
      const later = await signedIn(e2e, 'officer2');
      await later.shell.navigate('subsidy-claims');
      const claim3 = await new ClaimListPage(later.page).open(claimNumber);
      await claim3.confirmAction('approve_payment', '待拨付');
      await claim3.modalAction('pay', 'pay-modal', () => later.page.getByTestId('pay-reference').fill('GK-2026-0001'), '已拨付');
      expect(await later.page.getByTestId('claim-payment').innerText()).toContain('GK-2026-0001');
      expect(await later.page.getByTestId('claim-payment').innerText()).toContain('officer2');
      const history = await later.page.getByTestId('history-entry').allInnerTexts();
      expect(history.map((h) => h.split(' ')[0])).toEqual(['创建', '提交', '开始审核', '认定', '复核通过', '开始公示', '批准拨付', '拨付']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows a changed total when an officer simulates a lower subsidy rate', async () => {
    const { page, shell } = await signedIn(e2e, 'officer1');
    await shell.navigate('subsidy-simulation');
    await page.getByTestId('simulation-page').waitFor();
    await chooseOption(page, 'sim-param-0', `${MEASURE}.rate`);
    await page.getByTestId('sim-value-0').fill('0.3');
    await chooseOption(page, 'sim-measure', MEASURE);
    await page.getByTestId('sim-year').fill(String(YEAR));
    await page.getByTestId('sim-run').click();
    const result = page.getByTestId('sim-result');
    await result.waitFor();

    // The paid claim: 600,000 yuan at 50%, 360,000 yuan at 30%.
    expect(await page.getByTestId('sim-total-scenario').innerText()).toContain('36.00');
    expect(await page.getByTestId('sim-total-delta').innerText()).toContain('-24.00');
    const measureRow = page.locator('[data-testid="sim-by-measure"] tbody tr.ant-table-row', { hasText: MEASURE });
    expect(await measureRow.getByTestId('sim-measure-scenario').innerText()).toBe('36.00');
    await page.locator('[data-testid="sim-changes"] tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('sim-chart').locator('canvas').waitFor();
    await page.screenshot({ path: '/tmp/kcjr-e2e-simulation.png', fullPage: true });
  });

  it('keeps the four-eyes rule on a 细则 parameter: the proposer sees no approve button, another officer approves', async () => {
    const key = 'YP2024-12.amount.star';
    const maker = await signedIn(e2e, 'officer1');
    await maker.shell.navigate('policy-parameters');
    await maker.page.getByTestId('parameters-page').waitFor();
    await maker.page.locator('[data-testid="parameter-table"] tbody tr.ant-table-row').first().waitFor();
    await maker.page.getByTestId(`propose-${key}`).click();
    await maker.page.getByTestId('propose-value').fill('5000000');
    await maker.page.getByTestId('propose-reference').fill('杨浦区上市企业培育实施细则 第3条');
    await maker.page.getByTestId('propose-reason').fill('细则确定科创板上市奖励 500 万元');
    await maker.page.getByTestId('propose-modal').locator('.ant-btn-primary').click();
    const pending = maker.page.locator('[data-testid="pending-table"] tbody tr.ant-table-row', { hasText: key });
    await pending.getByTestId('awaiting-checker').waitFor();
    expect(await pending.getByTestId('param-approve').count()).toBe(0);

    const checker = await signedIn(e2e, 'officer2');
    await checker.shell.navigate('policy-parameters');
    const row = checker.page.locator('[data-testid="pending-table"] tbody tr.ant-table-row', { hasText: key });
    await row.getByTestId('param-approve').click();
    await checker.page.getByTestId('decide-modal').locator('.ant-btn-primary').click();
    await checker.page.locator('[data-testid="history-table"] tbody tr.ant-table-row', { hasText: key }).getByText('已通过').waitFor();

    // The catalog now shows the officer's value with its reference.
    await checker.shell.navigate('policy-measures');
    await checker.page.getByTestId('measures-page').waitFor();
    const measureRow = checker.page.locator('[data-testid="measure-table"] tbody tr.ant-table-row', { hasText: 'YP2024-12' });
    await measureRow.locator('.ant-table-row-expand-icon').click();
    const paramRow = checker.page.locator('[data-testid="parameters-YP2024-12"] tbody tr', { hasText: key });
    expect(await paramRow.innerText()).toContain('杨浦区上市企业培育实施细则 第3条');
  });

  it('reaches every policy page from the menu by role', async () => {
    const officer = await signedIn(e2e, 'officer1');
    for (const [menu, testId] of [
      ['policy-measures', 'measures-page'], ['subsidy-notices', 'notices-page'],
      ['subsidy-budgets', 'budgets-page'], ['subsidy-entitlements', 'entitlements-page'],
    ] as const) {
      await officer.shell.navigate(menu);
      await officer.page.getByTestId(testId).waitFor();
    }
    await officer.page.getByTestId('entitlement-scan').click();
    await officer.page.getByTestId('scan-result').waitFor();

    const enterprise = await signedIn(e2e, 'ent001');
    expect(await enterprise.shell.menuItem('subsidy-claims').count()).toBe(1);
    expect(await enterprise.shell.menuItem('subsidy-budgets').count()).toBe(0);
    expect(await enterprise.shell.menuItem('policy-calculator').count()).toBe(0);
    const auditor = await signedIn(e2e, 'auditor1');
    await auditor.shell.navigate('subsidy-budgets');
    await auditor.page.getByTestId('budgets-page').waitFor();
    expect(await auditor.page.getByTestId('budget-add').count()).toBe(0);
  });
});
