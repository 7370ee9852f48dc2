import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../src/shared/uscc';
import { noBrowser } from './browser';
import { startE2E, type E2E } from './harness';
import { AppShell } from './pages/AppShell';
import { EnterpriseListPage } from './pages/EnterpriseListPage';
import { ImportPage } from './pages/ImportPage';
import { LoginPage } from './pages/LoginPage';

const HEADER = 'uscc,name,district,street,founded_on,sector';

describe.skipIf(noBrowser)('enterprise import', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('reports row errors with line and column, imports nothing, then imports a valid file', async () => {
    const page = await e2e.newPage();
    await new LoginPage(page).open();
    await new LoginPage(page).signIn('officer1');
    await new AppShell(page).navigate('enterprise-import');

    const good1 = makeUscc(987001);
    const good2 = makeUscc(987002);
    const badUscc = `${makeUscc(987003).slice(0, 17)}${makeUscc(987003).endsWith('0') ? '1' : '0'}`;
    const bad = [
      HEADER,
      `${good1},上海导入测试甲科技有限公司,杨浦区,五角场街道,2019-05-01,人工智能`,
      `${badUscc},上海导入测试乙科技有限公司,杨浦区,五角场街道,2020-01-01,数字经济`,
      `${good2},上海导入测试丙科技有限公司,杨浦区,五角场街道,2020-13-45,智能制造`,
    ].join('\n');

    const importPage = new ImportPage(page);
    await importPage.choose('bad.csv', bad);
    await importPage.submit();
    const errors = await importPage.errorRows();
    // Line 1 is the header, so the bad USCC is on line 3 and the bad date on line 4.
    expect(errors.some(([line, column]) => line === '3' && column === 'uscc')).toBe(true);
    expect(errors.some(([line, column]) => line === '4' && column === 'founded_on')).toBe(true);
    expect(await importPage.imported()).toBe(0);

    const good = [
      HEADER,
      `${good1},上海导入测试甲科技有限公司,杨浦区,五角场街道,2019-05-01,人工智能`,
      `${good2},上海导入测试丙科技有限公司,杨浦区,五角场街道,2020-03-15,智能制造`,
    ].join('\n');
    await importPage.choose('good.csv', good);
    await importPage.submit();
    expect(await importPage.imported()).toBe(2);
    expect(await importPage.errorRows()).toEqual([]);

    // The imported enterprises are in the registry now.
    await new AppShell(page).navigate('enterprises');
    const list = new EnterpriseListPage(page);
    await list.waitForRows();
    await list.search('导入测试');
    expect((await list.names()).sort()).toEqual(['上海导入测试丙科技有限公司', '上海导入测试甲科技有限公司']);
  });
});
