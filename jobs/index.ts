/**
 * The job registry, in run order. Registered explicitly: no globbing, no dynamic import.
 */
import { importJob } from './import.js';
import { planJob } from './plan.js';
import { reportJob } from './report.js';
import { rollbackJob } from './rollback.js';
import { verifyJob } from './verify.js';

/** Every write-side job, in the order a migration runs them. */
export const jobs = [planJob, importJob, verifyJob, reportJob, rollbackJob] as const;

export { importJob, planJob, reportJob, rollbackJob, verifyJob };
