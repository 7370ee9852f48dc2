import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './connect';
import * as m0001 from './migrations/0001_create_foundation';
import * as m0002 from './migrations/0002_create_subsidy';
import * as m0003 from './migrations/0003_create_financing';
import * as m0008 from './migrations/0008_protect_consent_reads';
import * as m0007 from './migrations/0007_index_enterprise_search';
import * as m0005 from './migrations/0005_application_numbers_and_indexes';
import * as m0009 from './migrations/0009_create_loan_ledger';
import * as m0015 from './migrations/0015_create_listing_pool';
import * as m0016 from './migrations/0016_create_equity';
import * as m0017 from './migrations/0017_create_stations';
import * as m0012 from './migrations/0012_create_events';
import * as m0018 from './migrations/0018_count_applications_by_status';
import * as m0011 from './migrations/0011_create_risk_pool';
import * as m0010 from './migrations/0010_loan_fact_sources';
import * as m0013 from './migrations/0013_create_enterprise_evaluations';
import * as m0014 from './migrations/0014_create_evaluation_models';
import * as m0019 from './migrations/0019_create_monitoring';
import * as m0021 from './migrations/0021_lean_subsidy_entitlements';
import * as m0023 from './migrations/0023_loan_standing_indexes';
import * as m0022 from './migrations/0022_report_pack_generation';
import * as m0027 from './migrations/0027_maintain_loan_standing';
import * as m0026 from './migrations/0026_create_stored_results';
import * as m0024 from './migrations/0024_compact_subsidy_entitlements';
import * as m0028 from './migrations/0028_stored_loan_status_counts';

// Migrations are listed here (not read from disk) so they load the same under tsx, tests and bundles.
// Forward-only and additive: never edit a migration that has shipped; add the next number.
const migrations: Record<string, Migration> = {
  '0001_create_foundation': m0001,
  '0002_create_subsidy': m0002,
  '0003_create_financing': m0003,
  '0005_application_numbers_and_indexes': m0005,
  '0007_index_enterprise_search': m0007,
  '0008_protect_consent_reads': m0008,
  '0009_create_loan_ledger': m0009,
  '0015_create_listing_pool': m0015,
  '0016_create_equity': m0016,
  '0017_create_stations': m0017,
  '0012_create_events': m0012,
  '0018_count_applications_by_status': m0018,
  '0011_create_risk_pool': m0011,
  '0010_loan_fact_sources': m0010,
  '0013_create_enterprise_evaluations': m0013,
  '0014_create_evaluation_models': m0014,
  '0019_create_monitoring': m0019,
  '0021_lean_subsidy_entitlements': m0021,
  '0023_loan_standing_indexes': m0023,
  '0022_report_pack_generation': m0022,
  '0027_maintain_loan_standing': m0027,
  '0026_create_stored_results': m0026,
  '0024_compact_subsidy_entitlements': m0024,
  '0028_stored_loan_status_counts': m0028,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Database): Promise<string[]> {
  // Modules get migration numbers in advance and may land out of order; each migration is additive and
  // independent of the ones numbered around it, so a late lower number is applied rather than refused.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export function migrationNames(): string[] {
  return Object.keys(migrations);
}
