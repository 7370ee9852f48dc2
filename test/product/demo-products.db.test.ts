import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoProducts } from '../../src/server/modules/product/demo-products';
import { freshDatabase } from '../helpers/db';
import type { OpenedDatabase } from '../../src/server/db/connect';

// The demo catalog on top of the demo seed: programmes through the three banks, bank products, two policy products.
let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await freshDatabase({ demo: true });
}, 120_000);
afterAll(async () => opened?.close());

describe('seedDemoProducts', () => {
  it('is part of the demo seed, inserts the catalog once, with partners and two filed, designated policy products', async () => {
    const seeded = await opened.db.selectFrom('products').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(seeded.n)).toBeGreaterThanOrEqual(8);
    // Calling it again (a restart, a second server) adds nothing.
    expect(await opened.db.transaction().execute((trx) => seedDemoProducts(trx))).toBe(0);
    const programmes = await opened.db.selectFrom('products').select('code').where('is_programme', '=', true).orderBy('code').execute();
    expect(programmes.map((p) => p.code)).toEqual(['CTD', 'KJLYD', 'KJWDT', 'XJRXYD']);
    const partners = await opened.db.selectFrom('product_partners as pp').innerJoin('products as p', 'p.id', 'pp.product_id').innerJoin('organizations as o', 'o.id', 'pp.org_id')
      .select('o.code').where('p.code', '=', 'KJLYD').orderBy('o.code').execute();
    expect(partners.map((p) => p.code)).toEqual(['BOC-YP', 'ICBC-YP', 'SPDB-YP']);
    const policy = await opened.db.selectFrom('products').select(['code', 'filing_status']).where('policy_product', '=', true).orderBy('code').execute();
    expect(policy).toEqual([{ code: 'ICBC-ZSCQ', filing_status: 'approved' }, { code: 'KJLYD', filing_status: 'approved' }]);
    const filings = await opened.db.selectFrom('product_filings').select(['reviewed_by', 'decided_by']).execute();
    expect(filings).toHaveLength(2);
    for (const f of filings) expect(f.reviewed_by).not.toBe(f.decided_by);
  });
});
