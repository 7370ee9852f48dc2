import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entitlementKeySql } from '../../src/server/modules/subsidy/entitlements.repository';
import { registerFactSource, unregisterFactSource, type Candidate } from '../../src/server/modules/subsidy/fact-sources';
import { makeUscc } from '../../src/shared/uscc';
import { createTestContext, type TestContext } from '../helpers/app';
import { ok } from './helpers';

// How a 免申即享 scan stores what it finds (issue #3): only new and changed rows are written, ids stay, what is
// no longer found goes unless confirmed, a key found twice is stored once, and any text survives the array
// literals it travels in. A test fact source supplies exactly the candidates each test wants.

let ctx: TestContext;
let found: Candidate[] = [];
const YEAR = 2025; // the fixture's registry holds nothing a registry source finds this year

const loan = (n: number, interestPaid: number, over: Partial<Candidate> = {}): Candidate => ({
  source: 'test.loans', measure: 'YP2025-8.2', matter: `LOAN-${n}`, eventDate: `${YEAR}-06-0${1 + (n % 9)}`,
  beneficiary: { uscc: makeUscc(500 + n), name: `企业${n}`, kind: 'enterprise', registeredInYangpu: true, registeredInShanghai: true, enterpriseId: null, organizationId: null },
  facts: { interestPaid }, note: `loan ${n}`, ...over,
});

beforeAll(async () => {
  ctx = await createTestContext();
  registerFactSource({ id: 'test.loans', measures: ['YP2025-8.2'], description: 'test', collect: async () => found });
});
afterAll(async () => {
  unregisterFactSource('test.loans');
  await ctx?.close();
});

const scan = () => ok(ctx, 'officer', 'POST', '/subsidy/scans', { year: YEAR });
const rows = async () => {
  const r = await ctx.db.selectFrom('subsidy_entitlements as e')
    .innerJoin('subsidy_scan_beneficiaries as b', (j) => j.onRef('b.year', '=', 'e.year').onRef('b.uscc', '=', 'e.beneficiary_uscc'))
    .select(['e.id', entitlementKeySql('e').as('key'), 'e.matter', 'e.amount', 'e.status', 'e.facts', 'e.scanned_at', 'e.digest', 'b.name as beneficiary_name', 'e.basis_note', 'e.claim_id'])
    .where('e.year', '=', YEAR).where('e.source', '=', 'test.loans').orderBy('key').execute();
  return r.map((x) => ({ ...x, scanned_at: new Date(x.scanned_at).toISOString() }));
};
const beneficiaries = () => ctx.db.selectFrom('subsidy_scan_beneficiaries').selectAll().where('year', '=', YEAR).orderBy('uscc').execute();

describe('scan storage', () => {
  it('writes every candidate once, then nothing on a rescan of unchanged data', async () => {
    found = [loan(1, 100_000), loan(2, 200_000), loan(3, 300_000)];
    const first = await scan();
    expect(first).toMatchObject({ candidates: 3, beneficiaries: 3, byStatus: { granted: 3 }, total: 300_000 });
    const before = await rows();
    expect(before.map((r) => r.amount)).toEqual([5_000_000, 10_000_000, 15_000_000]);
    const again = await scan();
    expect(again.candidates).toBe(3);
    expect(await rows()).toEqual(before); // same ids, digests and scanned_at: nothing was rewritten
    // Ids are time-ordered: this scan's counter follows the order in which it found them.
    const ids = await ctx.db.selectFrom('subsidy_entitlements').select('id').where('source', '=', 'test.loans').orderBy('id').execute();
    expect(ids.map((r) => r.id)).toEqual(before.map((r) => r.id));
    expect(await beneficiaries()).toEqual([1, 2, 3].map((n) => expect.objectContaining({ uscc: makeUscc(500 + n), name: `企业${n}`, kind: 'enterprise', registered_in_yangpu: true })));
  });

  it('rewrites only a row whose facts changed, in place', async () => {
    const before = await rows();
    found = [loan(1, 100_000), loan(2, 250_000), loan(3, 300_000)];
    await scan();
    const after = await rows();
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    expect(after[1]).toMatchObject({ amount: 12_500_000, facts: { interestPaid: 250_000 } });
    expect(after[1]!.scanned_at).not.toBe(before[1]!.scanned_at);
    expect(after[1]!.digest).not.toBe(before[1]!.digest);
    expect([after[0], after[2]]).toEqual([before[0], before[2]]);
  });

  it('rewrites a row stored before digests existed', async () => {
    await ctx.db.updateTable('subsidy_entitlements').set({ digest: null }).where('matter', '=', 'LOAN-3').execute();
    await scan();
    expect((await rows()).find((r) => r.matter === 'LOAN-3')!.digest).toMatch(/^[0-9a-f]{32}$/);
  });

  it('drops what it no longer finds unless an officer confirmed it', async () => {
    const confirmed = (await rows()).find((r) => r.matter === 'LOAN-1')!;
    await ok(ctx, 'officer', 'POST', `/subsidy/entitlements/${confirmed.id}/confirm`);
    found = [loan(2, 250_000)];
    const s = await scan();
    expect(s.candidates).toBe(1);
    expect((await rows()).map((r) => r.matter)).toEqual(['LOAN-1', 'LOAN-2']);
    expect((await rows())[0]!.claim_id).not.toBeNull();
    // The beneficiary of the confirmed entitlement stays; the one left with nothing goes.
    expect((await beneficiaries()).map((b) => b.uscc)).toEqual([makeUscc(501), makeUscc(502)]);
  });

  it('stores a beneficiary once a year, as its first candidate names it, and rewrites its rows when it changes', async () => {
    const first = loan(2, 250_000);
    found = [first, loan(9, 90_000, { beneficiary: { ...first.beneficiary, name: '另一个名字' } })];
    await scan();
    expect((await beneficiaries()).find((b) => b.uscc === makeUscc(502))).toMatchObject({ name: '企业2' });
    const before = await rows();
    expect(before.filter((r) => r.beneficiary_name === '企业2').map((r) => r.matter)).toEqual(['LOAN-2', 'LOAN-9']);
    found = [{ ...first, beneficiary: { ...first.beneficiary, name: '企业2（更名）' } }, loan(9, 90_000, { beneficiary: first.beneficiary })];
    await scan();
    const after = await rows();
    expect((await beneficiaries()).find((b) => b.uscc === makeUscc(502))).toMatchObject({ name: '企业2（更名）' });
    for (const matter of ['LOAN-2', 'LOAN-9']) {
      const [b, a] = [before.find((r) => r.matter === matter)!, after.find((r) => r.matter === matter)!];
      expect(a).toMatchObject({ id: b.id, beneficiary_name: '企业2（更名）' });
      expect(a.digest).not.toBe(b.digest);
    }
  });

  it('stores a key found twice once, as first found, and counts it once', async () => {
    found = [loan(2, 250_000), loan(4, 400_000), loan(2, 999_999, { note: 'second' })];
    const s = await scan();
    expect(s).toMatchObject({ candidates: 2, beneficiaries: 2 });
    const two = (await rows()).find((r) => r.matter === 'LOAN-2')!;
    expect(two).toMatchObject({ facts: { interestPaid: 250_000 }, basis_note: 'loan 2' });
  });

  it('keeps any text intact through the array literals', async () => {
    const odd = 'A "quoted", {braced} \\ back\\slash, NULL, 逗号，\n\ta line break and a tab';
    found = [loan(5, 1_000, { matter: odd, note: odd, beneficiary: { ...loan(5, 1).beneficiary, name: odd } })];
    await scan();
    const r = (await rows()).find((x) => x.key.includes('test.loans|YP2025-8.2|' + makeUscc(505)))!;
    expect(r).toMatchObject({ matter: odd, basis_note: odd, beneficiary_name: odd });
    expect(r.key).toBe(`test.loans|YP2025-8.2|${makeUscc(505)}|${odd}|${YEAR}-06-06`);
  });

  it('lists statuses in the order candidates first had them and sums by measure', async () => {
    const outside = { ...loan(7, 1).beneficiary, registeredInYangpu: false, registeredInShanghai: true };
    found = [loan(7, 10_000, { beneficiary: outside }), loan(8, 20_000)];
    const s = await scan();
    expect(Object.keys(s.byStatus)).toEqual(['ineligible', 'granted']);
    expect(s.byMeasure).toEqual([{ measure: 'YP2025-8.2', title: expect.any(String), candidates: 2, granted: 1, amount: 10_000 }]);
  });
});
