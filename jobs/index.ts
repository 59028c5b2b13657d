/**
 * The job registry, in run order. Registered explicitly: no globbing, no dynamic import. The workflows in
 * `src/pipeline/workflows/` are composed from it, and reconcile and rollback reach the job that wrote a journal
 * entry through it (by the entry's `job` name).
 */
import { createJobRegistry } from '../src/core/job.js';
import { discoverJob } from './discover.js';
import { importJob } from './import.js';
import { parseJob } from './parse.js';
import { planJob } from './plan.js';
import { reportJob } from './report.js';
import { rollbackJob } from './rollback.js';
import { syncJob } from './sync.js';
import { validateJob } from './validate.js';
import { verifyJob } from './verify.js';

/** Every job, in the order a migration runs them (rollback last: it runs on demand). */
export const jobs = [discoverJob, parseJob, validateJob, planJob, importJob, verifyJob, reportJob, syncJob, rollbackJob] as const;

/** The registry by name: what a write context's `jobs` holds. */
export const registry = createJobRegistry(jobs);

export { discoverJob, importJob, parseJob, planJob, reportJob, rollbackJob, syncJob, validateJob, verifyJob };
