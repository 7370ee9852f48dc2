import type { Database } from '../../db/connect';
import { todayInShanghai } from '../../platform/dates';
import { runAlertRules } from './alert-run.service';
import { runMonthEndSnapshots, storeDaily } from './snapshots.service';

const demo = { principal: null, requestId: null, systemActor: 'system:demo-seed' };

/**
 * After the demo seed commits (issue #8): the month ends of the past year stored as the monthly job would have
 * (so trends, restatement checks and report packs have history), today's dashboard cache, and one run of the
 * early-warning rules (the demo's overdue and non-performing loans raise alerts). The demo loans start relative to
 * today, so the months before them are stored with an empty portfolio, as they were.
 */
export async function seedDemoMonitoring(db: Database, today = todayInShanghai()) {
  const snapshots = await runMonthEndSnapshots(db, demo, { today, recheck: 11 });
  await storeDaily(db, demo, today);
  const alerts = await runAlertRules(db, demo, { asOf: today });
  return { snapshots: snapshots.results.length, alerts };
}
