import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../src/server/db/connect';
import { freshDatabase } from '../helpers/db';

// The demo loans: every five-category class present, platform repayments and bank reports both, and a history.
let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await freshDatabase({ demo: true });
});
afterAll(async () => opened?.close());

describe('demo loans', () => {
  it('cover every class, both sources of days past due, and have class history', async () => {
    const db = opened.db;
    // The risk pool seeds loans of its own (src/server/modules/risk-pool/risk-pool.demo.ts); the listing seed loans DEMO-TDLD-…; the ledger's are DEMO-<bank>-YP-….
    const loans = await db.selectFrom('loans').select(['id', 'loan_no']).where('loan_no', 'like', 'DEMO-%-YP-%').execute();
    expect(loans.length).toBe(16);
    const classes = (await db.selectFrom('loan_status').select('final_class').where('loan_id', 'in', loans.map((l) => l.id)).execute()).map((s) => s.final_class);
    expect(new Set(classes)).toEqual(new Set(['normal', 'special_mention', 'substandard', 'doubtful', 'loss']));
    expect(await db.selectFrom('loan_repayments').select('id').execute()).not.toHaveLength(0);
    expect(await db.selectFrom('loan_reports').select('id').where('source', '=', 'import').execute()).not.toHaveLength(0);
    const history = await db.selectFrom('loan_class_history').select('loan_id').where('loan_id', 'in', loans.map((l) => l.id)).execute();
    expect(history.length).toBeGreaterThan(loans.length);
    const guarantor = await db.selectFrom('organizations').select('uscc').where('code', '=', 'SHGUAR').executeTakeFirstOrThrow();
    expect(guarantor.uscc).toHaveLength(18);
  });
});
