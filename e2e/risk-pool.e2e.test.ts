import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noBrowser } from './browser';
import { startE2E, type E2E } from './harness';
import { PoolPages, RiskClaimPage } from './pages/RiskPoolPages';
import { signedIn } from './pages/signedIn';

// 风险补偿资金池 end to end (issue #5), on the demo pools: a bank files a claim on its non-performing enrolled loan
// RP-DEMO-004 (guarantee, outstanding 800,000 yuan); officer1 reviews; officer1 cannot approve (four-eyes); officer2
// approves and the 9:1 pool pays 90% of the loss at once; the pool page shows the new balance, its charts and the
// loss rate against the 3% tolerance, in Chinese and in English.

describe.skipIf(noBrowser)('risk compensation pool: claim, review, approval, payout, pool page', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => e2e?.close());

  it('a bank files, officer1 reviews, officer2 approves, the pool pays 90% and its page shows it', async () => {
    // The bank: from its pool view, a claim on the non-performing loan; loss = 800,000 − 50,000 recovered.
    const bank = await signedIn(e2e, 'bank-icbc');
    await bank.shell.navigate('risk-pools');
    const bankPools = new PoolPages(bank.page);
    await bankPools.openPool('YP-RCP-DEMO');
    await bankPools.fileClaim('RP-DEMO-004', { defaultedOn: '2025-06-05', recoveriesSoFar: '50000' });
    const bankClaim = new RiskClaimPage(bank.page);
    await bankClaim.waitForStatus('已申请');
    expect(await bankClaim.field('loss').innerText()).toBe('750,000.00');
    const claimPath = new URL(bank.page.url()).pathname;
    expect(await bankClaim.action('withdraw').isVisible()).toBe(true);

    // officer1 reviews and is then offered no approval (maker-checker).
    const officer1 = await signedIn(e2e, 'officer1');
    const review = new RiskClaimPage(officer1.page);
    await review.open(claimPath);
    await review.review();
    await review.waitForStatus('已审核');
    expect(await review.action('approve').count()).toBe(0);

    // officer2 approves: 90% of 750,000, paid at once from the pool's balance.
    const officer2 = await signedIn(e2e, 'officer2');
    const approve = new RiskClaimPage(officer2.page);
    await approve.open(claimPath);
    await approve.approve();
    await approve.waitForStatus('已拨付');
    expect(await approve.field('payable').innerText()).toBe('675,000.00');
    expect(await approve.field('paid').innerText()).toBe('675,000.00');

    // The bank sees its claim paid.
    await bank.page.reload();
    await bankClaim.waitForStatus('已拨付');

    // The pool page: 48,830,000 − 675,000 = 48,155,000 yuan = 4,815.50 万元; both charts drawn; loss rate vs 3%.
    await officer2.shell.navigate('risk-pools');
    const pools = new PoolPages(officer2.page);
    await pools.openPool('YP-RCP-DEMO');
    expect((await pools.balance.innerText()).replace(/\s/g, '')).toBe('4,815.50');
    await pools.balanceChart.waitFor();
    await pools.claimsChart.waitFor();
    // Accepted net loss 1,300,000 + 750,000 = 2,050,000 over 12,500,000 enrolled = 16.40%: over the 3% tolerance.
    expect(await pools.lossRate.innerText()).toBe('16.40%');
    expect(await pools.toleranceTag.innerText()).toBe('超出容忍度');
    await officer2.shell.toggleLanguage();
    expect(await pools.toleranceTag.innerText()).toBe('Over tolerance');
    expect(await officer2.shell.menuItem('risk-pool-claims').innerText()).toBe('Compensation claims');
  });
});
