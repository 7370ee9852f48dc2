// Data for the monitoring benchmarks (issue #8: 1,000,000 loans and 200,000 applications), reusable by any bench
// that needs a platform-sized ledger and application history (the report packs' bench reads the same tables).
// Applications come from bench/applications/data.ts (office, 10 banks, users `officer` and `bank` with
// BENCH_PASSWORD, the programme product LYD, 20,000 enterprises over the 16 districts); loans from
// bench/loans/data.ts over those banks and enterprises (every third on LYD). Both fill in SQL, set-based.
import { sql } from 'kysely';
import type { Database } from '../../src/server/db/connect';
import { BENCH_PASSWORD, loadApplications } from '../applications/data';
import { fillLoans } from '../loans/data';

export { BENCH_PASSWORD };

export interface MonitoringFill {
  loans: number;
  applications: number;
  /** Loans' repayments are recorded up to this date (default 2025-06-30). */
  asOf?: string;
}

/** Fills an empty, migrated database; returns the row counts. Vacuums and analyses as autovacuum would. */
export async function fillMonitoringData(db: Database, opts: MonitoringFill) {
  const { bankOrgId } = await loadApplications(db, opts.applications);
  // The registry's streets and sectors, so the indicators' slices have several rows.
  await sql`update enterprises set street = (array['五角场街道','殷行街道','大桥街道','平凉路街道'])[1 + abs(hashtext(uscc)) % 4],
    sector = (array['数字经济','人工智能','生命健康','绿色低碳','智能制造','其他'])[1 + abs(hashtext(uscc || 's')) % 6]`.execute(db);
  const loans = await fillLoans(db, opts.loans, { asOf: opts.asOf ?? '2025-06-30' });
  await sql`vacuum analyze`.execute(db);
  const apps = (await sql<{ n: number }>`select count(*)::int as n from applications`.execute(db)).rows[0]!.n;
  const enterprises = (await sql<{ n: number }>`select count(*)::int as n from enterprises`.execute(db)).rows[0]!.n;
  return { ...loans, applications: apps, enterprises, bankOrgId };
}
