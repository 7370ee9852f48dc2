import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noBrowser } from './browser';
import { startE2E, type E2E } from './harness';
import { StationsPage } from './pages/ListingPages';
import { ApiSession } from './pages/SubsidyApi';
import { signedIn } from './pages/signedIn';

// Issue #7: an administrator edits a service station's officers and the area and parks it serves on the demo.
interface Detail { parks: string[]; areas: { district: string; street: string | null }[]; officers: { name: string; phone: string | null; active: boolean }[] }

describe.skipIf(noBrowser)('service stations', () => {
  let e2e: E2E;
  let admin: ApiSession;
  beforeAll(async () => {
    e2e = await startE2E();
    admin = await ApiSession.signIn(e2e.url, 'admin');
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('an administrator edits an officer, adds one, and changes the parks and areas the station serves', async () => {
    const { page, shell } = await signedIn(e2e, 'admin');
    await shell.navigate('stations');
    const stations = new StationsPage(page);
    await stations.edit('YP-DH');
    await stations.editOfficer('郑洁（演示）', { phone: '021-65009999', active: false });
    await expect.poll(() => stations.officerRow('郑洁（演示）').innerText()).toContain('021-65009999');
    expect(await stations.officerRow('郑洁（演示）').innerText()).toContain('停用');
    await stations.addOfficer({ name: '王新（端到端）', phone: '021-65008888' });
    await stations.officerRow('王新（端到端）').waitFor();
    await stations.editDetails({ parks: '杨浦滨江，滨江二期', areas: '杨浦区 大桥街道\n杨浦区 平凉路街道' });
    await expect.poll(() => page.getByTestId('station-parks').innerText()).toContain('滨江二期');
    expect(await page.getByTestId('station-areas').innerText()).toContain('杨浦区平凉路街道');

    const list = await admin.call<{ items: { id: string; code: string }[] }>('GET', '/stations');
    const d = await admin.call<Detail>('GET', `/stations/${list.items.find((s) => s.code === 'YP-DH')!.id}`);
    expect(d.officers).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: '郑洁（演示）', phone: '021-65009999', active: false }),
      expect.objectContaining({ name: '王新（端到端）', phone: '021-65008888', active: true }),
    ]));
    expect(d.parks).toEqual(['杨浦滨江', '滨江二期']);
    expect(d.areas).toEqual([{ district: '杨浦区', street: '大桥街道' }, { district: '杨浦区', street: '平凉路街道' }]);
  });
});
