/**
 * The rollback workflow: plan a run's undo steps (the rollback job asks the job that wrote each entry), then
 * apply them as a new `rollback` run through the one journal loop; `includeLater` first undoes the later runs
 * that changed the same tasks.
 */
import { hostname } from 'node:os';
import { rollbackJob } from '../../../jobs/index.js';
import type { RollbackPlan } from '../../../jobs/rollback.js';
import { ConflictError, ExitCode, RunLockedError, UsageError } from '../../core/errors.js';
import type { ReportError } from '../../core/report.js';
import type { RunRecord } from '../../core/store.js';
import { reconcilePending, requireWriteJob, runJournalLoop } from '../journal-loop.js';
import { lockTtlMs, releaseDeadHolder, withRun } from '../run.js';
import { findLaterRuns } from '../../../jobs/rollback.js';
import { createWriteContext, selectWriteConcurrency, type WorkflowDeps } from './deps.js';

/**
 * Throws RunLockedError when another live run holds the run lock (a dead holder's lock is taken over, as a run
 * does). Holding it meanwhile, settles the undo steps a killed rollback left `pending` (each through the job that
 * wrote the undone entry: did the delete happen?), so the plan is made from what is really undone. Leaves the
 * lock free: the run takes it when it starts writing.
 */
async function settleKilledRollbacks(deps: WorkflowDeps): Promise<void> {
  const { store } = deps.runtime;
  const probe = `${hostname()}:${process.pid}:lock-check`;
  try {
    store.lock.acquire(probe, lockTtlMs);
  } catch (error) {
    if (!(error instanceof RunLockedError) || !releaseDeadHolder(store, deps.log)) throw error;
    store.lock.acquire(probe, lockTtlMs);
  }
  try {
    const reconciled = await reconcilePending(createWriteContext(deps, 'rollback-reconcile'), { jobs: [rollbackJob.name] });
    if (reconciled.applied + reconciled.failed > 0) deps.log.info({ event: 'reconcile.done', ...reconciled });
  } finally {
    store.lock.release(probe);
  }
}

/** What a rollback produced. */
export interface RollbackOutcome {
  run: RunRecord | null;
  plan: RollbackPlan;
  applied: number;
  failures: ReportError[];
  /** With `includeLater`: the later runs rolled back first (newest first), each with its outcome. */
  later?: RollbackOutcome[];
  /** Why the rollback stopped before its last step (re-run it to resume), or null. */
  stoppedBy?: 'signal' | 'server-unavailable' | null;
}

/**
 * Rolls back one run: plans undo steps newest first (refusing on later edits unless forced), then applies each
 * as a journaled write of a new `rollback` run and marks the original entries reverted. `dryRun` only plans.
 */
export async function rollbackRun(
  deps: WorkflowDeps,
  runId: string,
  options: { force: boolean; dryRun: boolean; includeLater?: boolean },
): Promise<RollbackOutcome> {
  const { store } = deps.runtime;
  if (options.includeLater === true) {
    // Later membank runs that changed the same tasks are undone first, newest first; stop at the first that fails.
    const later: RollbackOutcome[] = [];
    for (const run of findLaterRuns(store, runId)) {
      const outcome = await rollbackRun(deps, run.runId, { force: options.force, dryRun: options.dryRun });
      later.push(outcome);
      if (outcome.failures.length > 0) return { ...outcome, later };
    }
    if (options.dryRun && later.length > 0) {
      // The later runs' undo steps were not applied, so their edits still show as conflicts of this run: list its
      // steps without refusing (a dry run writes nothing); the real run checks again after undoing the later runs.
      return { ...(await rollbackRun(deps, runId, { force: true, dryRun: true })), later };
    }
    return { ...(await rollbackRun(deps, runId, { force: options.force, dryRun: options.dryRun })), later };
  }
  const target = store.runs.get(runId);
  if (target === undefined) {
    throw new UsageError(`no run ${runId} in the state store ${store.path}; membank runs lists them`);
  }
  if (target.status === 'rolled_back') {
    throw new UsageError(`run ${runId} was already rolled back; nothing to undo`);
  }
  const chain = store.journal.verifyChain();
  if (!chain.ok) {
    const where = `the journal in ${store.path} fails its hash check at row ${chain.firstBadSeq} (${chain.reason}): it was edited outside membank, so its pre-images cannot be trusted`;
    if (!options.force) {
      throw new ConflictError(`rollback of run ${runId} refused: ${where}. Nothing was changed. Inspect it with membank runs --verify; re-run with --force to roll back from it anyway.`, {
        details: { firstBadSeq: chain.firstBadSeq, reason: chain.reason },
      });
    }
    deps.log.warn({ event: 'rollback.tampered_journal', firstBadSeq: chain.firstBadSeq }, `${where}; rolling back anyway (--force)`);
  }
  // A rollback that will write stops before planning when another run holds the lock: its plan would be read
  // from a state that run is changing.
  if (!options.dryRun) await settleKilledRollbacks(deps);
  const planCtx = createWriteContext(deps, `rollback-plan:${runId}`);
  const { output: plan, ops } = await rollbackJob.plan(planCtx, { runId, force: options.force });
  if (options.dryRun) return { run: null, plan, applied: 0, failures: [] };
  let applied = 0;
  let stoppedBy: RollbackOutcome['stoppedBy'] = null;
  const failures: ReportError[] = [];
  const { run } = await withRun(store, deps.log, { command: 'rollback', inputsHash: null, options: { target: runId, force: options.force } }, async (started) => {
    const ctx = createWriteContext(deps, started.id);
    for (const label of await ctx.vikunja.listLabels()) if (!ctx.refs.labels.has(label.title)) ctx.refs.labels.set(label.title, label.id);
    const loop = await runJournalLoop(ctx, requireWriteJob(rollbackJob), {
      runId: started.id,
      ops,
      concurrency: await selectWriteConcurrency(deps),
      // Any "Vikunja is gone" failure stops the rollback instead of failing every remaining step; a re-run resumes.
      isStop: (error) => error.exitCode === ExitCode.serverUnavailable,
    });
    applied = loop.applied.length;
    failures.push(...loop.failures.map((failure) => ({ opId: failure.opId, where: failure.where, message: failure.message })));
    stoppedBy = loop.stoppedBy;
    const notReached = plan.ops.length - applied - failures.length;
    return {
      status: stoppedBy !== null ? 'interrupted' : failures.length > 0 ? 'failed' : 'succeeded',
      error:
        stoppedBy === 'server-unavailable'
          ? `Vikunja became unavailable with ${notReached + 1} undo step(s) not done; re-run the rollback to resume`
          : stoppedBy === 'signal'
            ? `interrupted with ${notReached} undo step(s) not done; re-run the rollback to resume`
            : failures.length > 0
              ? `${failures.length} undo step(s) failed`
              : null,
      summary: { undone: applied, failed: failures.length, planned: plan.ops.length },
      value: undefined,
    };
  });
  if (run.status === 'succeeded') store.runs.finish(runId, { status: 'rolled_back' });
  return { run, plan, applied, failures, stoppedBy };
}
