import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../src/shared/uscc';
import { noBrowser } from './browser';
import { startE2E, type E2E } from './harness';
import { ApiCaller, BankAssessmentPage, EventsPage } from './pages/AssessmentPages';
import { signedIn } from './pages/signedIn';

// 合作银行考核 end to end (issue #5): an officer keeps the events register (records, edits, deletes, imports with
// the error report), the assessment shows every bank's indicators, values and scores as the API computes them from
// the year's applications (imported history), loans and events; a bank sees its own row only; product statistics
// (表4) count the loan a bank disbursed and download as CSV.
type Assessment = { banks: Array<{ bank: string; bankName: string; total: number; indicators: Record<string, { value?: number; score: number }> }> };
type Statistics = { rows: Array<{ product: string | null; amount: number }>; total: { amount: number; enterprises: number } };

const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4)) - 1;

const HISTORY = [
  'application_no,uscc,enterprise_name,district,product_code,submitted_on,screening_result,recommended_on,recommended_amount,bank_code,bank_decision,decided_on,approved_amount',
  `E2E-A1,${makeUscc(880001)},考核甲科技有限公司,杨浦区,KJLYD,${year}-02-01,recommended,${year}-02-10,3000000,ICBC-YP,approved,${year}-03-01,3000000`,
  `E2E-A2,${makeUscc(880002)},考核乙科技有限公司,杨浦区,KJLYD,${year}-03-01,recommended,${year}-03-10,2000000,ICBC-YP,approved,${year}-04-01,2000000`,
  `E2E-A3,${makeUscc(880003)},考核丙科技有限公司,杨浦区,KJLYD,${year}-04-01,recommended,${year}-04-10,1000000,SPDB-YP,approved,${year}-05-01,1000000`,
  `E2E-A4,${makeUscc(880004)},考核丁科技有限公司,杨浦区,KJLYD,${year}-05-01,recommended,${year}-05-10,1000000,SPDB-YP,pending,,`,
  `E2E-A5,${makeUscc(880005)},考核戊科技有限公司,杨浦区,KJWDT,${year}-06-01,recommended,${year}-06-10,500000,BOC-YP,approved,${year}-07-01,500000`,
].join('\n');

describe.skipIf(noBrowser)('assessment: events register, bank assessment, product statistics', () => {
  let e2e: E2E;
  let officer: ApiCaller;
  let before: Assessment;
  let statsBefore: Statistics;

  beforeAll(async () => {
    e2e = await startE2E();
    officer = await ApiCaller.signIn(e2e.url, 'officer1');
    before = await officer.call<Assessment>('GET', `/assessments/banks?year=${year}`);
    statsBefore = await officer.call<Statistics>('GET', `/reports/products?year=${year}`);
    const imported = await officer.upload<{ ok: boolean; errors: unknown[] }>('/applications/import', 'history.csv', HISTORY);
    expect(imported.errors).toEqual([]);
    // ICBC disburses E2E-A1: a 3,000,000 loan of KJLYD starting in the year.
    const found = await officer.call<{ items: Array<{ id: string }> }>('GET', '/applications?q=E2E-A1');
    const bank = await ApiCaller.signIn(e2e.url, 'bank-icbc');
    await bank.call('POST', `/applications/${found.items[0]!.id}/disburse`, {
      loanNo: 'E2E-L1', collateralMode: 'performance_insurance', repaymentMethod: 'equal_instalment', startDate: `${year}-06-01`, annualRate: '0.04', termMonths: 12,
    });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('lets an officer record, edit and delete events, and import a stations\' report with its error table', async () => {
    const { page, shell } = await signedIn(e2e, 'officer1');
    await shell.navigate('assess-events');
    const events = new EventsPage(page);
    await events.record({ heldOn: `${year}-10-20`, title: 'E2E 银企对接会', bank: '浦发', station: 'ST-WJC', attendees: 40 });
    await events.row('E2E 银企对接会').waitFor();
    expect(await events.row('E2E 银企对接会').innerText()).toMatch(/浦发银行杨浦科技支行（演示）\s+ST-WJC\s+40/);
    await events.edit('E2E 银企对接会', { attendees: 55 });
    await events.row('E2E 银企对接会').filter({ hasText: '55' }).waitFor();
    await events.record({ heldOn: `${year}-10-21`, title: 'E2E 误录活动', attendees: 5 });
    await events.remove('E2E 误录活动');

    const header = 'date,title,bank_code,station,attendees';
    const bad = await events.import('bad.csv', `${header}\n${year}-11-02,E2E 导入活动,NOPE,,10\n`);
    expect(bad.summary).toContain('1');
    expect(bad.errors.join('\n')).toMatch(/2\s+bank_code\s+no bank with code 'NOPE'/);
    const good = await events.import('good.csv', `${header}\n${year}-11-02,E2E 导入活动,BOC-YP,ST-KJ,10\n`);
    expect(good.errors).toEqual([]);
    expect(await page.getByTestId('event-import-counts').innerText()).toContain('1');
    const listed = await officer.call<{ total: number }>('GET', `/events?year=${year}&q=E2E`);
    expect(listed.total).toBe(2);
  });

  it('shows every bank\'s indicators and total as the API computes them; a bank sees its own row only', async () => {
    const after = await officer.call<Assessment>('GET', `/assessments/banks?year=${year}`);
    const of = (a: Assessment, code: string) => a.banks.find((b) => b.bank === code)!;
    // The imported history: ICBC approved 3,000,000 + 2,000,000, SPDB 1,000,000, BOC 500,000 (微贷通); one more event each for SPDB and BOC.
    expect(of(after, 'ICBC-YP').indicators.creditTotal!.value! - of(before, 'ICBC-YP').indicators.creditTotal!.value!).toBe(5_000_000);
    expect(of(after, 'SPDB-YP').indicators.activities!.value! - of(before, 'SPDB-YP').indicators.activities!.value!).toBe(1);
    expect(of(after, 'BOC-YP').indicators.microLoan!.score).toBeGreaterThanOrEqual(0.5);

    const { page, shell } = await signedIn(e2e, 'officer1');
    await shell.navigate('assess-banks');
    const assessment = new BankAssessmentPage(page);
    for (const b of after.banks) {
      expect(await assessment.total(b.bank)).toBe(String(b.total));
      expect(await assessment.score(b.bank, 'creditTotal')).toBe(String(b.indicators.creditTotal!.score));
      expect(await assessment.score(b.bank, 'activities')).toBe(String(b.indicators.activities!.score));
    }
    expect(await assessment.banks()).toEqual(after.banks.map((b) => b.bankName));
    await page.getByTestId('assessment-chart').locator('canvas').waitFor();
    await page.screenshot({ path: '/tmp/kcjr-e2e-assessment.png', fullPage: true });

    const bank = await signedIn(e2e, 'bank-icbc');
    await bank.shell.navigate('assess-banks');
    const own = new BankAssessmentPage(bank.page);
    expect(await own.total('ICBC-YP')).toBe(String(of(after, 'ICBC-YP').total));
    expect(await own.banks()).toEqual([of(after, 'ICBC-YP').bankName]);
    expect(await bank.page.getByText('本页仅显示本行的考核结果').count()).toBe(1);
  });

  it('counts the disbursed loan in the product statistics and downloads them as CSV', async () => {
    const stats = await officer.call<Statistics>('GET', `/reports/products?year=${year}`);
    expect(stats.total.amount - statsBefore.total.amount).toBe(3_000_000);
    const { page, shell } = await signedIn(e2e, 'officer1');
    await shell.navigate('report-products');
    await page.getByTestId('products-year').fill(String(year));
    await page.getByTestId('products-year').press('Enter');
    // The year is applied once the download link names it; the table may still show the previous year before.
    await expect.poll(() => page.getByTestId('products-download-csv').getAttribute('href')).toContain(`year=${year}`);
    const row = page.locator('[data-testid="products-table"] tr.ant-table-row', { hasText: '科技履约贷' });
    await row.waitFor();
    const lyd = stats.rows.find((r) => r.product === 'KJLYD')!;
    expect(await row.innerText()).toContain((lyd.amount / 10_000).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    expect(await page.getByTestId('products-total').innerText()).toContain('合计（含其他）');
    const href = await page.getByTestId('products-download-csv').getAttribute('href');
    expect(href).toContain(`year=${year}`);
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('合计（含其他）');
  });
});
