import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import { openDatabase } from '../../src/server/db/connect';
import { makeUscc } from '../../src/shared/uscc';
import { runCli } from '../helpers/cli';

// `kcjr policy evaluate | list | scan` through main(argv, io) on an on-disk PGlite data directory.

// Each command opens the on-disk PGlite and runs pending migrations: slow on a loaded machine.
vi.setConfig({ testTimeout: 180_000 });

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcjr-policy-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  return runCli(argv, { env: { KCJR_DATA_DIR: path.join(dir, 'data') } });
}

const writeJson = (name: string, value: unknown) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};

const request = (facts: Record<string, unknown>) => ({
  beneficiary: { uscc: makeUscc(1), kind: 'enterprise', registeredInYangpu: true, registeredInShanghai: true },
  claims: [{ id: 'c1', measure: 'YP2025-8.2', eventDate: '2025-06-30', matter: 'LOAN-001', facts }],
  granted: [{ measure: 'YP2025-8.2', year: 2025, amount: 300000 }],
});

describe('kcjr policy evaluate', () => {
  it('prints the response JSON of the evaluation contract', async () => {
    const r = await run('policy', 'evaluate', '--input', writeJson('ok.json', request({ interestPaid: 1200000 })));
    expect(r.code, r.err).toBe(0);
    const body = JSON.parse(r.out);
    expect(body.total).toBe(600000);
    expect(body.results[0]).toMatchObject({ id: 'c1', status: 'granted', amount: 600000 });
    expect(body.rulesetVersion).toMatch(/^[0-9a-f]{16}$/);
  });

  it('exits 2 naming the claim and the field on bad input', async () => {
    const r = await run('policy', 'evaluate', '--input', writeJson('bad.json', request({ interestPaid: -1 })));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('claims[0].facts.interestPaid');
    expect(r.err).toContain('claim c1');
    const notJson = await run('policy', 'evaluate', '--input', writeJson('broken.json', '{"beneficiary":'));
    expect(notJson.code).toBe(2);
    expect(notJson.err).toContain('invalid JSON');
    const missing = await run('policy', 'evaluate', '--input', path.join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--input');
  });
});

describe('kcjr policy list', () => {
  it('lists measures and parameters, with officer-approved values from the database', async () => {
    const text = await run('policy', 'list');
    expect(text.code).toBe(0);
    expect(text.out).toContain('YP2025-8.2');
    const before = JSON.parse((await run('policy', 'list', '--format', 'json')).out);
    expect(before.parameters.find((p: { key: string }) => p.key === 'YP2025-12.rate').value).toBeNull();

    // An approval made through the server lands in the database; the CLI reads it from there.
    const opened = await openDatabase({ dataDir: path.join(dir, 'data') });
    const users = await opened.db.selectFrom('users').select('id').execute();
    let maker = users[0]?.id;
    let checker = users[1]?.id;
    if (!maker || !checker) {
      const org = await opened.db.insertInto('organizations').values({ code: 'OFF', name: 'office', kind: 'office', enterprise_id: null }).returning('id').executeTakeFirstOrThrow();
      const mk = (u: string) => opened.db.insertInto('users').values({ organization_id: org.id, username: u, display_name: u, role: 'officer', password_hash: 'x', locked_until: null }).returning('id').executeTakeFirstOrThrow();
      maker = (await mk('m')).id;
      checker = (await mk('c')).id;
    }
    await opened.db.insertInto('policy_parameter_changes').values({ key: 'YP2025-12.rate', value: '0.01', effective_from: '2025-07-01', reference: '细则第3条', reason: 'r', status: 'approved', proposed_by: maker, decided_by: checker, decided_at: new Date(), approved_seq: 1 }).execute();
    await opened.db.updateTable('policy_parameter_state').set({ token: 'cli-test', approved_count: 1 }).execute();
    await opened.close();

    const after = JSON.parse((await run('policy', 'list', '--format', 'json')).out);
    expect(after.parameters.find((p: { key: string }) => p.key === 'YP2025-12.rate')).toMatchObject({ value: '0.01', source: 'officer' });
    expect(after.version).not.toBe(before.version);
  });
});

describe('kcjr policy scan', () => {
  it('scans a year and reports in text or JSON; a bad year is exit 2', async () => {
    const json = await run('policy', 'scan', '--year', '2025', '--format', 'json');
    expect(json.code, json.err).toBe(0);
    const scan = JSON.parse(json.out);
    expect(scan).toMatchObject({ year: 2025, candidates: 0 });
    // Every module's fact source: the registry's, the listing milestones' and the loan ledger's.
    expect(scan.sources.map((x: { id: string }) => x.id).sort()).toEqual([
      'listing.milestones', 'loans.bank-small-micro-balance', 'loans.guarantee', 'loans.ip-pledge-interest', 'loans.performance-insurance',
      'registry.listing', 'registry.revenue-milestone',
    ]);
    const text = await run('policy', 'scan', '--year', '2025');
    expect(text.out).toContain('免申即享 scan 2025: 0 candidates');
    const bad = await run('policy', 'scan', '--year', '25');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--year');
  });
});
