import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noBrowser } from './browser';
import { startE2E, type E2E } from './harness';
import { FloorsPage, LoanImportPage, LoanListPage, LoanPage } from './pages/LoanPages';
import { signedIn } from './pages/signedIn';

// 贷款台账 end to end (issue #5): an officer imports a bank's report as of a date and finds the loan classified
// from the reported days past due; the bank sees only its own loans and, on a loan repaying through the platform
// that stopped paying, the overdue instalments; an officer adds a dated floors table and classifies now.
const HEADER = 'loan_no,uscc,enterprise_name,district,bank_code,product_code,collateral_mode,disbursed_on,principal,annual_rate,term_months,repayment_method,outstanding,dpd,first_loan,linkage_mode';

describe.skipIf(noBrowser)('loans: import a bank report, the bank\'s view, classification floors', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('an officer imports a report as of a date; the loan is classified from the reported days past due', async () => {
    const { page, shell } = await signedIn(e2e, 'officer1');
    await shell.navigate('loan-import');
    const upload = new LoanImportPage(page);
    await upload.importFile('report.csv', `${HEADER}\nE2E-001,91310110666007217T,上海端到端科技有限公司,杨浦区,BOC-YP,,credit,2025-01-15,1000000,0.04,24,equal_instalment,800000,120,true,loan_warrant\n`, '2025-06-30');
    expect(await upload.counts.innerText()).toContain('截至 2025-06-30：新增 1 笔');

    await shell.navigate('loans');
    const list = new LoanListPage(page);
    await list.search('E2E-001');
    expect(await list.loanNumbers()).toEqual(['E2E-001']);
    await list.open('E2E-001');
    const loan = new LoanPage(page);
    expect(await loan.title.innerText()).toContain('上海端到端科技有限公司');
    expect(await loan.tableRows('loan-schedule')).toHaveLength(24);
    const reports = await loan.tableRows('loan-reports');
    expect(reports.map((r) => [r[0], r[2]])).toContainEqual(['2025-06-30', '120']);
    expect(await loan.finalClass().innerText()).toBe('次级');
    expect(await page.getByText('平台未记录本笔贷款的还款').count()).toBe(1);
  });

  it('a bank sees only its own loans, and the overdue instalments of one that stopped paying', async () => {
    const { page, shell } = await signedIn(e2e, 'bank-icbc');
    await shell.navigate('loans');
    const list = new LoanListPage(page);
    const numbers = await list.loanNumbers();
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers).toContain('DEMO-ICBC-YP-004');
    expect(new Set(await list.banks())).toEqual(new Set(['工商银行杨浦支行（演示）']));
    // DEMO-ICBC-YP-004 repays on the platform and is four instalments behind.
    await list.open('DEMO-ICBC-YP-004');
    const loan = new LoanPage(page);
    const states = (await loan.tableRows('loan-schedule')).map((r) => r[5]);
    expect(states.filter((s) => s === '逾期')).toHaveLength(4);
    expect(Number(await loan.dpd.innerText())).toBeGreaterThan(90);
    expect(await loan.finalClass().innerText()).toBe('次级');
  });

  it('an officer adds a dated floors table and classifies now', async () => {
    const { page, shell } = await signedIn(e2e, 'officer1');
    await shell.navigate('loan-floors');
    const floors = new FloorsPage(page);
    expect(await floors.rows()).toHaveLength(1);
    await floors.add('2030-01-01', 61, '端到端测试：次级自逾期61天起');
    await page.locator('[data-testid="loan-floors-table"] tbody tr.ant-table-row').nth(1).waitFor();
    const rows = await floors.rows();
    expect(rows[1]!.slice(0, 3)).toEqual(['2030-01-01', '逾期 ≥ 1 天', '逾期 ≥ 61 天']);
    expect(await floors.classify('2025-06-30')).toMatch(/已按 2025-06-30 重新分类 \d+ 笔贷款/);
  });
});
