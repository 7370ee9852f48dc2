import { registerJob } from '../../platform/jobs';
import { sweepSlaWarnings, SWEEP_JOB } from './sla.service';

// Daily at 01:10 Shanghai time; also `kcjr jobs run application-sla-sweep --data '{"asOf":"YYYY-MM-DD"}'`.
registerJob({ name: SWEEP_JOB, cron: '10 1 * * *', handler: (db, data) => sweepSlaWarnings(db, { asOf: data.asOf }) });
