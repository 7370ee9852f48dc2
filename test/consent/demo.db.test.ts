import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../src/server/db/connect';
import { seedDemoConsentData } from '../../src/server/modules/consent/consent.demo';
import { addMonths } from '../../src/server/modules/consent/consent-rules';
import { freshDatabase } from '../helpers/db';
import { today } from './helpers';

// The demo's 银税 data and consents: plausible, deterministic (two runs write the same rows), consents active.
let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await freshDatabase({ demo: true });
});
afterAll(async () => opened?.close());

class Rollback extends Error {}

async function runOnce() {
  let snapshot: unknown;
  await opened.db
    .transaction()
    .execute(async (trx) => {
      // The demo seed may already call it (src/server/seed/demo.ts): start from none, inside this rolled-back transaction.
      await trx.deleteFrom('consent_reads').execute();
      await trx.deleteFrom('consents').execute();
      await trx.deleteFrom('enterprise_tax_filings').execute();
      await trx.deleteFrom('enterprise_social_insurance').execute();
      const enterprises = await trx.selectFrom('enterprises').select('id').where('demo', '=', true).orderBy('uscc').execute();
      const before = await trx.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
      const result = await seedDemoConsentData(trx, enterprises);
      const tax = await trx.selectFrom('enterprise_tax_filings').selectAll().orderBy('enterprise_id').orderBy('period').orderBy('tax_type').execute();
      const si = await trx.selectFrom('enterprise_social_insurance').selectAll().orderBy('enterprise_id').orderBy('month').execute();
      const consents = await trx.selectFrom('consents').innerJoin('organizations', 'organizations.id', 'consents.institution_org_id')
        .select(['organizations.code', 'consents.clusters', 'consents.lookback_months', 'consents.expires_on', 'consents.granted_by', 'consents.revoked_at']).orderBy('organizations.code').execute();
      const audit = await trx.selectFrom('audit_log').select('action').where('action', '=', 'demo.seed.consent_data').where('seq', '>', before.seq).execute();
      snapshot = { result, tax, si, consents, audit: audit.length, enterprises: enterprises.length };
      throw new Rollback();
    })
    .catch((err: unknown) => {
      if (!(err instanceof Rollback)) throw err;
    });
  return snapshot as { result: { taxFilings: number; socialInsurance: number; consents: number }; tax: { tax_paid: number; taxable_revenue: number | null; tax_type: string; filed_on: string }[]; si: { headcount: number }[]; consents: { code: string; expires_on: string; granted_by: string | null; revoked_at: Date | null }[]; audit: number; enterprises: number };
}

describe('seedDemoConsentData', () => {
  it('writes 24 months of VAT and headcounts plus two years of income tax per enterprise, and three active consents to the demo banks', async () => {
    const s = await runOnce();
    expect(s.enterprises).toBeGreaterThan(10);
    expect(s.result).toEqual({ taxFilings: s.enterprises * 26, socialInsurance: s.enterprises * 24, consents: 3 });
    expect(s.tax).toHaveLength(s.enterprises * 26);
    expect(s.consents.map((c) => c.code)).toEqual(['BOC-YP', 'ICBC-YP', 'SPDB-YP']);
    for (const c of s.consents) {
      expect(c.expires_on).toBe(addMonths(today(), 6));
      expect(c.revoked_at).toBeNull();
      expect(c.granted_by).not.toBeNull();
    }
    expect(s.si.every((r) => r.headcount >= 1)).toBe(true);
    const vat = s.tax.filter((t) => t.tax_type === '增值税');
    expect(vat.every((t) => t.tax_paid === Math.round(t.taxable_revenue! * 0.06))).toBe(true);
    expect(s.audit).toBe(1);
  });

  it('is deterministic', async () => {
    const [a, b] = [await runOnce(), await runOnce()];
    expect(b).toEqual(a);
  });
});
