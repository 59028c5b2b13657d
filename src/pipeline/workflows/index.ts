/**
 * The workflows the CLI calls (one per command that runs jobs): each is composed from the job registry
 * (`jobs/index.ts`) and runs its writes through the one journal loop (`src/pipeline/journal-loop.ts`).
 */
export { type ApplyOutcome, applyPlan, checkPlanInputs, createListedPlan, createPlan, type DeferredPlan, deferPlan } from './apply-plan.js';
export { createWriteContext, selectWriteConcurrency, type WorkflowDeps, type WorkflowRuntime } from './deps.js';
export { migrate } from './migrate.js';
export { type RollbackOutcome, rollbackRun } from './rollback.js';
export { recordSourceSnapshot, type RestoreDeps, type RestoreFileResult, type RestoreOptions, type RestoreResult, restoreBank } from './restore.js';
