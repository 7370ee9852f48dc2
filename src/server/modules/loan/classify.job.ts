import { registerJob } from '../../platform/jobs';
import { CLASSIFY_JOB, runClassification, tidyLoanStatus } from './classify.service';

// Daily at 01:30 Shanghai time, after the day's reports and repayments are in; also
// `kcjr jobs run loan-classification --data '{"asOf":"YYYY-MM-DD"}'` and `kcjr loans classify --as-of D`.
registerJob({
  name: CLASSIFY_JOB,
  cron: '30 1 * * *',
  handler: async (db, data) => {
    const r = await runClassification(db, { principal: null, requestId: null, systemActor: `job:${CLASSIFY_JOB}` }, { asOf: data.asOf });
    await tidyLoanStatus(db, r);
    return r;
  },
});
