import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noBrowser } from './browser';
import { startE2E, type E2E } from './harness';
import { EnterpriseDetailPage } from './pages/EnterpriseDetailPage';
import { EvaluationModelsPage, EvaluationSection } from './pages/EvaluationPages';
import { ApiSession } from './pages/SubsidyApi';
import { signedIn } from './pages/signedIn';

// Issue #6 in the browser, on the demo (whose seed runs every evaluation once): an officer reads an enterprise's
// 科技型中小企业 score with its items and the clause it rests on, adds a fact and sees the score follow, and runs the
// whole registry from the models page; an enterprise user sees its own evaluations and no one else's.
interface Stored { kind: string; score: number | null; eligible: boolean | null; result: { breakdown: { techStaff: number | null; rd: number | null; ip: number | null }; reasons: string[]; reference: string } }
interface Evaluations { year: number; results: Stored[] }

describe.skipIf(noBrowser)('enterprise evaluations', () => {
  let e2e: E2E;
  let officer: ApiSession;
  let target: { id: string; name: string };
  beforeAll(async () => {
    e2e = await startE2E();
    officer = await ApiSession.signIn(e2e.url, 'officer1');
    // An enterprise the demo evaluated as a tech SME candidate with a score, so the card has items to show.
    const list = await officer.call<{ items: { id: string; name: string }[] }>('GET', '/enterprises?evaluation=tech_sme&pageSize=100');
    expect(list.items.length).toBeGreaterThan(0);
    target = list.items[0]!;
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const techSme = async (id: string) => (await officer.call<Evaluations>('GET', `/enterprises/${id}/evaluations`)).results.find((r) => r.kind === 'tech_sme')!;

  it('shows an officer the tech-SME score, its three items, the reasons and the clause cited, beside the other evaluations', async () => {
    const stored = await techSme(target.id);
    const { page } = await signedIn(e2e, 'officer1');
    await new EnterpriseDetailPage(page).goto(target.id);
    const section = await new EvaluationSection(page).open();
    await section.card('tech_sme').waitFor();
    expect(await section.text('tech-sme-score')).toContain(`得分 ${stored.score} / 100`);
    const { techStaff, rd, ip } = stored.result.breakdown;
    expect(await section.text('tech-sme-breakdown')).toBe(`科技人员 ${techStaff ?? '?'} · 研发投入 ${rd ?? '?'} · 科技成果 ${ip ?? '?'}`);
    expect(await section.techSmeReasons.count()).toBe(stored.result.reasons.length);
    expect(await section.text('tech-sme-reference')).toContain('国科发政〔2017〕115号');
    expect(await section.text('tech-sme-reference')).toContain('第六条');
    expect(await section.card('tech_sme').innerText()).toContain('科技型中小企业（国科发政〔2017〕115号）');
    // The other four, each explained: the platform's own points model says so, with its radar chart.
    await section.card('innovation_points').waitFor();
    expect(await section.text('platform-model-notice')).toContain('并非官方创新积分');
    await page.locator('[data-testid="eval-innovation_points"] canvas').first().waitFor();
    expect(await page.getByTestId('innovation-indicators').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(5);
    expect(['初创期', '成长期', '成熟期']).toContain(await section.text('lifecycle-stage'));
    expect(await page.getByTestId('hnte-checks').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(3);
    expect(await section.text('market-value')).toContain('市值依据');
    expect(await page.getByTestId('basic-star').locator('tbody tr.ant-table-row').count()).toBe(4);
    expect(await section.year()).toBe(String((await officer.call<Evaluations>('GET', `/enterprises/${target.id}/evaluations`)).year));
  });

  it('re-evaluates at once when an officer records the tech staff, and on demand', async () => {
    const before = await techSme(target.id);
    const { page } = await signedIn(e2e, 'officer1');
    await new EnterpriseDetailPage(page).goto(target.id);
    const section = await new EvaluationSection(page).open();
    await section.card('tech_sme').waitFor();
    // No tech staff at all: the tech-staff item scores 0, which closes the score path (第六条(五)).
    await section.saveFacts({ techStaff: 0 });
    await page.getByTestId('tech-sme-breakdown').filter({ hasText: '科技人员 0 ·' }).waitFor();
    const after = await techSme(target.id);
    expect(after.result.breakdown.techStaff).toBe(0);
    expect(await section.text('tech-sme-score')).toContain(`得分 ${after.score} / 100`);
    expect(after.result.reasons.some((r) => r.includes('第六条(五)') || r.includes('第七条'))).toBe(true);
    expect(after).not.toEqual(before);
    await section.refresh();
    expect(await section.text('tech-sme-score')).toContain(`得分 ${after.score} / 100`);
  });

  it('lists tech SMEs by score in the registry and opens the models page, whose run evaluates the whole registry', async () => {
    const { page, shell } = await signedIn(e2e, 'officer1');
    await page.goto('/enterprises?evaluation=tech_sme&minScore=0');
    await page.getByTestId('evaluation-cell').first().waitFor();
    expect(await page.getByTestId('evaluation-cell').count()).toBeGreaterThan(0);

    await shell.navigate('evaluation-models');
    const models = await new EvaluationModelsPage(page).waitFor();
    await models.inForce('innovation_points').waitFor();
    await models.inForce('lifecycle').waitFor();
    await models.runAll();
    expect(await models.runRows().first().innerText()).toContain('家');
  });

  it('shows an enterprise user its own evaluations and no other enterprise’s', async () => {
    const { page, shell } = await signedIn(e2e, 'ent001');
    await shell.navigate('my-enterprise');
    const detail = new EnterpriseDetailPage(page);
    await detail.name.waitFor();
    const ownId = new URL(page.url()).pathname.split('/').pop()!;
    const own = await officer.call<Evaluations>('GET', `/enterprises/${ownId}/evaluations`);
    const section = await new EvaluationSection(page).open();
    if (own.results.length === 0) {
      await page.getByText('该年度尚无评价结果').waitFor();
    } else {
      await section.card('tech_sme').waitFor();
      const mine = own.results.find((r) => r.kind === 'tech_sme')!;
      expect(await section.text('tech-sme-score')).toContain(`得分 ${mine.score} / 100`);
    }
    expect(await shell.menuItem('evaluation-models').count()).toBe(0);
    const foreign = target.id === ownId ? undefined : target.id;
    if (foreign) {
      await detail.goto(foreign);
      await detail.notFound.waitFor();
    }
  });
});
