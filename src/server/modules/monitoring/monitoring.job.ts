import { registerJob } from '../../platform/jobs';
import { ALERT_JOB, runAlertRules } from './alert-run.service';
import { DAILY_JOB, MONTH_END_JOB, runMonthEndSnapshots, storeDaily } from './snapshots.service';

const system = (name: string) => ({ principal: null, requestId: null, systemActor: `job:${name}` });
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

// 1st of each month 02:30 Shanghai: the month end just passed, and a restatement check of the 12 before it.
registerJob({ name: MONTH_END_JOB, cron: '30 2 1 * *', handler: (db, data) => runMonthEndSnapshots(db, system(MONTH_END_JOB), { today: str(data.today) }) });
// Daily 02:00: the dashboards' indicators for today (after the ledger's classification run).
registerJob({ name: DAILY_JOB, cron: '0 2 * * *', handler: (db, data) => storeDaily(db, system(DAILY_JOB), str(data.asOf)) });
// Daily 02:20: every early-warning rule as of today; idempotent.
registerJob({ name: ALERT_JOB, cron: '20 2 * * *', handler: (db, data) => runAlertRules(db, system(ALERT_JOB), { asOf: str(data.asOf) }) });
