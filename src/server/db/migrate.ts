import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './connect';
import * as m0001 from './migrations/0001_create_foundation';
import * as m0002 from './migrations/0002_create_subsidy';
import * as m0003 from './migrations/0003_create_financing';
import * as m0008 from './migrations/0008_protect_consent_reads';
import * as m0007 from './migrations/0007_index_enterprise_search';
import * as m0005 from './migrations/0005_application_numbers_and_indexes';

// Migrations are listed here (not read from disk) so they load the same under tsx, tests and bundles.
// Forward-only and additive: never edit a migration that has shipped; add the next number.
const migrations: Record<string, Migration> = {
  '0001_create_foundation': m0001,
  '0002_create_subsidy': m0002,
  '0003_create_financing': m0003,
  '0005_application_numbers_and_indexes': m0005,
  '0007_index_enterprise_search': m0007,
  '0008_protect_consent_reads': m0008,
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
