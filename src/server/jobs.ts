// Importing this module registers every background job (registerJob in platform/jobs.ts).
// Each module that owns a job adds its import here, so the server, `kcjr worker` and `kcjr jobs run` see the same set.
import './modules/application/sla.job';
import './modules/listing/green-channel.job';
import './modules/loan/classify.job';
import './modules/evaluation/evaluation.job';
import './modules/monitoring/monitoring.job';
import './modules/report/packs.job';
