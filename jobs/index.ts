/**
 * The job registry, in run order. Registered explicitly: no globbing, no dynamic import.
 */
import { discoverJob } from './discover.js';
import { importJob } from './import.js';
import { parseJob } from './parse.js';
import { planJob } from './plan.js';
import { reportJob } from './report.js';
import { rollbackJob } from './rollback.js';
import { validateJob } from './validate.js';
import { verifyJob } from './verify.js';

/** Every job, in the order a migration runs them (rollback last: it runs on demand). */
export const jobs = [discoverJob, parseJob, validateJob, planJob, importJob, verifyJob, reportJob, rollbackJob] as const;

export { discoverJob, importJob, parseJob, planJob, reportJob, rollbackJob, validateJob, verifyJob };
