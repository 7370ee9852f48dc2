import { factSources, registerFactSource } from './fact-sources';
import { listingMilestoneSource } from '../listing/milestone-facts';
import { registryListingSource, registryRevenueSource } from './registry-facts';

/** The fact sources: the enterprise registry (issue #3) and the listing pool's milestones (issue #7). */
export function registerSubsidyFactSources(): void {
  const have = new Set(factSources().map((s) => s.id));
  for (const s of [registryListingSource, registryRevenueSource, listingMilestoneSource]) if (!have.has(s.id)) registerFactSource(s);
}
