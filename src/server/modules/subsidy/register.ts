import { factSources, registerFactSource } from './fact-sources';
import { registryListingSource, registryRevenueSource } from './registry-facts';

/** The fact sources this issue ships (the enterprise registry). Later modules (loans, listing) add theirs. */
export function registerSubsidyFactSources(): void {
  const have = new Set(factSources().map((s) => s.id));
  for (const s of [registryListingSource, registryRevenueSource]) if (!have.has(s.id)) registerFactSource(s);
}
