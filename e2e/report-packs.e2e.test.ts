import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noBrowser } from './browser';
import { startE2E, type E2E } from './harness';
import { ReportPacksPage } from './pages/ReportPackPages';
import { signedIn } from './pages/signedIn';

// 报告归档 end to end (issue #8): an officer asks for last month's pack from the page, the server's own job runner
// generates it (the page polls until it is ready), and both files download; an auditor reads the archive but has
// no generate button.
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const [y, m] = today.split('-').map(Number) as [number, number];
const lastMonth = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
const label = `${Number(lastMonth.slice(0, 4))}年${Number(lastMonth.slice(5, 7))}月`;

describe.skipIf(noBrowser)('report packs: generate a monthly pack and download it', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('an officer generates last month\'s pack; the worker makes it and both files download', async () => {
    const { page, shell } = await signedIn(e2e, 'officer1');
    await shell.navigate('report-packs');
    const packs = new ReportPacksPage(page);
    await packs.root.waitFor();
    await packs.requestMonthly(lastMonth);
    await packs.row(label).waitFor();
    await packs.waitForStatus(label, '已生成');

    const xlsx = await page.request.get(await packs.downloadHref(label, 'xlsx'));
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-disposition']).toBe(`attachment; filename="kcjr-monthly-${lastMonth}.xlsx"`);
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
    const pdf = await page.request.get(await packs.downloadHref(label, 'pdf'));
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // The row expands to the commentary the worker wrote (the demo's month ends are stored, so it compares).
    await packs.row(label).locator('.ant-table-row-expand-icon').click();
    const details = page.getByTestId('pack-details');
    await details.waitFor();
    expect(await details.innerText()).toContain('评述');
    expect(await details.innerText()).toContain('较上期');
    expect(await packs.row(label).innerText()).toContain('officer1');
  });

  it('an auditor reads the archive without a generate button', async () => {
    const { page, shell } = await signedIn(e2e, 'auditor1');
    await shell.navigate('report-packs');
    const packs = new ReportPacksPage(page);
    await packs.row(label).waitFor();
    expect(await packs.generateButton.count()).toBe(0);
    expect(await packs.row(label).getByTestId('pack-download-pdf').count()).toBe(1);
  });
});
