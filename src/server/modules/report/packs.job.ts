import { loadConfig } from '../../config';
import { registerJob } from '../../platform/jobs';
import { PACK_JOB, PACK_SWEEP_JOB, generatePack, sweepPacks, workerName } from './packs.service';

// KCJR_PDF_FONT is read when the job runs, so a worker picks up a font installed after it started.
const pdfFont = () => loadConfig(process.env).pdfFont;

// On demand: the pack a POST /monitoring/report-packs just queued.
registerJob({
  name: PACK_JOB,
  handler: async (db, data) => {
    if (typeof data.packId !== 'string') throw new Error('report-pack job needs data.packId');
    return generatePack(db, data.packId, { worker: workerName(PACK_JOB), pdfFont: pdfFont() });
  },
});
// Every minute: packs still queued (requested where no runner could queue the job) and stale running ones.
registerJob({ name: PACK_SWEEP_JOB, cron: '* * * * *', handler: (db) => sweepPacks(db, { worker: workerName(PACK_SWEEP_JOB), pdfFont: pdfFont() }) });
