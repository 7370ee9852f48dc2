import { registerJob } from '../../platform/jobs';
import { defaultEvaluationYear, runEvaluations } from './evaluation.service';

export const NIGHTLY_JOB = 'evaluation-nightly';

// Nightly at 02:30 Shanghai time: re-evaluate what changed (new facts or model versions) for the last complete
// year; also `kcjr jobs run evaluation-nightly --data '{"year":2025}'` or `kcjr evaluate run [--year]`.
registerJob({
  name: NIGHTLY_JOB,
  cron: '30 2 * * *',
  handler: async (db, data) => {
    if (data.year !== undefined && !(typeof data.year === 'number' && Number.isInteger(data.year) && data.year >= 1900 && data.year <= 2200)) {
      throw new Error(`evaluation-nightly: data.year must be a year such as 2025, got ${JSON.stringify(data.year)}`);
    }
    const year = (data.year as number | undefined) ?? (await defaultEvaluationYear(db));
    return runEvaluations(db, { principal: null, requestId: null, systemActor: `job:${NIGHTLY_JOB}` }, { year, trigger: 'nightly' });
  },
});
