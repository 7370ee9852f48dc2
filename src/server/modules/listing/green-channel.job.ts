import { registerJob } from '../../platform/jobs';
import { ALERT_JOB, sweepGreenChannelAlerts } from './green-channel.service';

// Daily at 08:30 Shanghai time, before the working day; also `kcjr jobs run listing-green-channel-alerts --data '{"asOf":"YYYY-MM-DD"}'`.
registerJob({ name: ALERT_JOB, cron: '30 8 * * *', handler: (db, data) => sweepGreenChannelAlerts(db, { asOf: data.asOf }) });
