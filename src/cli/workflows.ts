/**
 * The write workflows behind `plan`, `apply`, `migrate` and `rollback`: they run the jobs through the
 * pipeline (lock, run row, reconcile, journaling loop, verify, report).
 */
import { hostname } from 'node:os';
import { importJob } from '../../jobs/import.js';
import { applyBulkCreate, assignTaskIndexes, findAppliedWrite, findSatisfiedOps, hydrateRefs, isOpSatisfied, selectJournalKind } from '../../jobs/import.js';
import { createScope, fillRefsFromRemote, hashRecords, makePlan, type PlanInput, planJob, type RemoteSnapshot } from '../../jobs/plan.js';
import { buildReport } from '../../jobs/report.js';
import { applyRevert, findLaterRuns, rollbackJob, type RollbackPlan } from '../../jobs/rollback.js';
import { verifyJob } from '../../jobs/verify.js';
import type { MembankConfig } from '../core/config.js';
import { ConflictError, ExitCode, InternalError, MembankError, RunLockedError, ServerUnavailableError, StalePlanError, UsageError } from '../core/errors.js';
import { createRunRefs, type WriteJobContext } from '../core/job.js';
import type { Plan, WriteOp } from '../core/plan.js';
import type { Clock, Logger } from '../core/ports.js';
import type { ReportError, RunReport } from '../core/report.js';
import type { RunRecord } from '../core/store.js';
import type { InputProblem, TaskRecord } from '../core/task-record.js';
import type { VikunjaTask } from '../core/vikunja.js';
import { renderMarkdownToHtml } from '../memory-bank/render-html.js';
import { type JournalLoopResult, reconcilePending, runJournalLoop, type WriteJob } from '../pipeline/journal-loop.js';
import { lockTtlMs, releaseDeadHolder, withRun } from '../pipeline/run.js';
import type { Runtime } from '../runtime.js';

/** What every workflow needs. */
export interface WorkflowDeps {
  runtime: Runtime;
  config: Readonly<MembankConfig>;
  log: Logger;
  signal: AbortSignal;
  clock?: Clock;
  onProgress?: (done: number, total: number) => void;
}

const systemClock: Clock = { now: () => new Date() };

/** Builds a write-job context for one run. */
export function createWriteContext(deps: WorkflowDeps, runId: string): WriteJobContext {
  return {
    runId,
    log: deps.log.child({ run: runId }),
    config: deps.config,
    files: deps.runtime.files,
    signal: deps.signal,
    clock: deps.clock ?? systemClock,
    vikunja: deps.runtime.vikunja,
    store: deps.runtime.store,
    renderHtml: renderMarkdownToHtml,
    refs: createRunRefs(),
    serverUrl: deps.runtime.serverUrl,
  };
}

const importWriteJob: WriteJob<{ remoteId: string | null; postImage: unknown }> = {
  name: importJob.name,
  apply: (ctx, op) => importJob.apply?.(ctx, op) ?? Promise.reject(new InternalError('import job has no apply')),
  applyBulk: applyBulkCreate,
  findApplied: findAppliedWrite,
  journalKind: selectJournalKind,
  isSatisfied: isOpSatisfied,
};

/** Plans a migration: reads Vikunja and the store, writes nothing. */
export async function createPlan(
  deps: WorkflowDeps,
  input: PlanInput,
): Promise<Plan> {
  const ctx = createWriteContext(deps, 'plan');
  const { output } = await planJob.plan(ctx, input);
  return output;
}

/** A migration plan made only once the run holds the lock (see `deferPlan`). */
export interface DeferredPlan {
  inputsHash: string;
  scope: string;
  projectTitle: string;
  root: string;
  make(): Promise<Plan>;
  /** Makes the plan and returns the snapshot of Vikunja it was read from, so the run reads each listing once. */
  makeWithRemote(): Promise<{ plan: Plan; remote: RemoteSnapshot }>;
}

function isDeferredPlan(source: Plan | DeferredPlan): source is DeferredPlan {
  return typeof (source as Partial<DeferredPlan>).make === 'function';
}

/**
 * A migration plan to make inside the run, after the run lock is taken: a run that finds the lock held stops
 * before planning, instead of showing a plan computed against a state another run is half-way through changing.
 */
export function deferPlan(
  deps: WorkflowDeps,
  input: PlanInput,
): DeferredPlan {
  return {
    inputsHash: hashRecords(input.records),
    scope: createScope(deps.runtime.serverUrl, input.projectTitle),
    projectTitle: input.projectTitle,
    root: input.root,
    make: () => createPlan(deps, input),
    makeWithRemote: () => makePlan(createWriteContext(deps, 'plan'), input),
  };
}

/** What an apply run produced. */
export interface ApplyOutcome {
  run: RunRecord;
  plan: Plan;
  report: RunReport;
  loop: JournalLoopResult;
}

/** Checks that a saved plan still matches its inputs (when the records are available). */
export function checkPlanInputs(plan: Plan, currentHash: string | null): void {
  if (currentHash !== null && currentHash !== plan.inputsHash) {
    throw new StalePlanError(
      `the memory bank at ${plan.root} changed after this plan was made (inputs hash ${plan.inputsHash.slice(0, 12)}… → ${currentHash.slice(0, 12)}…); re-run membank plan and review the new plan`,
    );
  }
}

function markAdopted(ctx: WriteJobContext, plan: Plan, runId: string): void {
  const projectId = ctx.refs.projectId;
  if (projectId === null) return;
  for (const op of plan.ops) {
    if (op.kind !== 'adopt') continue;
    if (ctx.store.mappings.get(plan.scope, op.key) !== undefined) continue;
    ctx.store.mappings.upsert({ scope: plan.scope, sourceKey: op.key, taskId: op.taskId, projectId, contentHash: 'unsynced', runId });
  }
}

function recordBaseCopies(ctx: WriteJobContext, plan: Plan, runId: string, failedKeys: ReadonlySet<string>): void {
  const projectId = ctx.refs.projectId;
  if (projectId === null) return;
  ctx.store.transaction(() => {
    for (const [key, desired] of Object.entries(plan.desired)) {
      if (failedKeys.has(key)) continue;
      const taskId = ctx.refs.tasks.get(key);
      if (taskId === undefined) continue;
      ctx.store.mappings.upsert({
        scope: plan.scope,
        sourceKey: key,
        taskId,
        projectId,
        contentHash: desired.contentHash,
        baseRecord: desired,
        runId,
      });
    }
  });
}

/**
 * Applies a plan as one journaled run: reconcile writes left pending by an earlier run, refuse stale items
 * (saved plans), apply every write op (bulk creates where the server has them), verify, record base copies,
 * and build the report.
 */
export async function applyPlan(
  deps: WorkflowDeps,
  source: Plan | DeferredPlan,
  options: {
    command: string;
    checkStale: boolean;
    verify: boolean;
    problems?: readonly InputProblem[];
    /** Called with the plan once it is made (under the lock, for a deferred plan), before the first write. */
    onPlan?: (plan: Plan) => void;
  },
): Promise<ApplyOutcome> {
  const { runtime } = deps;
  let loop: JournalLoopResult = { applied: [], failures: [], notReached: 0, stoppedBy: null };
  let verify: RunReport['verify'] = null;
  let made: Plan | null = isDeferredPlan(source) ? null : source;
  let projectId: number | null = made?.project.id ?? null;
  const refused: ReportError[] = [];
  const { run } = await withRun(
    runtime.store,
    deps.log,
    {
      command: options.command,
      inputsHash: source.inputsHash,
      options: { scope: source.scope, project: isDeferredPlan(source) ? source.projectTitle : source.project.title, root: source.root },
    },
    async (started) => {
      // A deferred plan is made only now, under the run lock: never against a state another run is changing.
      // Its snapshot of Vikunja is read just before the first write, so the run's references come from it
      // instead of reading every listing a second time; a saved plan's run reads them once here.
      const deferred = made === null ? await (source as DeferredPlan).makeWithRemote() : null;
      const plan = deferred?.plan ?? made;
      if (plan === null) throw new InternalError('applyPlan: neither a plan nor a deferred plan');
      made = plan;
      options.onPlan?.(plan);
      const ctx = createWriteContext(deps, started.id);
      let remote = deferred === null ? await hydrateRefs(ctx, plan) : fillRefsFromRemote(ctx, plan, deferred.remote);
      const reconciled = await reconcilePending(ctx, importWriteJob);
      if (reconciled.applied + reconciled.failed > 0) {
        deps.log.info({ event: 'reconcile.done', ...reconciled });
        // Writes of an interrupted run were found: read again so the ops below see them.
        remote = await hydrateRefs(ctx, plan);
      }
      const remoteTasks = new Map<number, VikunjaTask>(remote.map((task) => [task.id, task]));
      markAdopted(ctx, plan, started.id);
      const capabilities = await runtime.vikunja.capabilities();
      const candidates = plan.ops.filter((op): op is WriteOp => {
        if (op.kind === 'adopt' || op.kind === 'skip') return false;
        // A create whose task already exists (found by marker after an interrupted run) is not repeated.
        if (op.kind === 'create' && ctx.refs.tasks.has(op.key)) return false;
        if (op.kind === 'project' && ctx.refs.projectId !== null) return false;
        if (op.kind === 'label' && ctx.refs.labels.has(op.title)) return false;
        return true;
      });
      // Ops whose effect is already in place (this plan applied before, a resumed run) are not sent again.
      const satisfied = await findSatisfiedOps(ctx, candidates, remoteTasks);
      if (satisfied.size > 0) deps.log.info({ event: 'ops.already_applied', count: satisfied.size }, `${satisfied.size} op(s) already in place; not sent again`);
      const ops = candidates.filter((op) => !satisfied.has(op.id));
      // v2 bulk creates (config vikunja.bulkCreateSize per request) go last batch first, with explicit indexes.
      const bulkSize = capabilities.v2BulkCreate ? deps.config.vikunja.bulkCreateSize : 0;
      if (bulkSize > 1) assignTaskIndexes(ctx, ops, remoteTasks.values());
      loop = await runJournalLoop(ctx, importWriteJob, {
        runId: started.id,
        plan,
        ops,
        bulkSize,
        remoteTasks,
        checkStale: options.checkStale,
        ...(deps.onProgress === undefined ? {} : { onProgress: deps.onProgress }),
      });
      projectId = ctx.refs.projectId;
      for (const failure of loop.failures) {
        if (failure.outcome === 'refused') refused.push({ opId: failure.opId, where: failure.where, message: failure.message });
      }
      const failedKeys = new Set(
        loop.failures.map((failure) => plan.ops.find((op) => op.id === failure.opId)).flatMap((op) => (op !== undefined && 'key' in op ? [op.key] : [])),
      );
      if (loop.stoppedBy === null) {
        recordBaseCopies(ctx, plan, started.id, failedKeys);
        if (options.verify) {
          const skipped = new Set(plan.ops.filter((op) => op.kind === 'skip').map((op) => op.key));
          const keys = Object.keys(plan.desired).filter((key) => !skipped.has(key) && !failedKeys.has(key));
          // A run that sent no write checks against the task list it already read (after any reconciled
          // write): reading it again would show the same tasks.
          verify = (await verifyJob.plan(ctx, { plan, keys, ...(ops.length === 0 ? { tasks: remote } : {}) })).output;
        }
      }
      const status =
        loop.stoppedBy !== null ? 'interrupted' : loop.failures.length > 0 || verify?.ok === false ? 'failed' : 'succeeded';
      const error =
        loop.stoppedBy === 'signal'
          ? `interrupted by a signal with ${loop.notReached} op(s) not applied; re-run to resume`
          : loop.stoppedBy === 'server-unavailable'
            ? `Vikunja became unavailable with ${loop.notReached} op(s) not applied; re-run to resume`
            : verify?.ok === false
              ? `verify found ${verify.drift.length} difference(s) between the plan and Vikunja`
              : loop.failures.length > 0
                ? `${loop.failures.length} op(s) failed or were refused`
                : null;
      return {
        status,
        error,
        summary: { applied: loop.applied.length, failed: loop.failures.length, notReached: loop.notReached, writes: ops.length },
        value: undefined,
      };
    },
  );
  if (made === null) throw new InternalError(`run ${run.id} ended without making its plan`);
  const plan = made;
  if (loop.stopError !== undefined) {
    // The server went away mid-run: the run is recorded as interrupted; the error reaches main (exit 5).
    throw new ServerUnavailableError(
      `Vikunja unavailable — run ${run.id} stopped with ${loop.notReached} op(s) not applied; re-run to resume (nothing is repeated). ${loop.stopError.message}`,
      { cause: loop.stopError, details: { runId: run.id, notReached: loop.notReached } },
    );
  }
  const report = buildReport({
    run,
    plan: { ...plan, project: { ...plan.project, id: projectId } },
    journal: runtime.store.journal.entries(run.id),
    errors: refused,
    problems: options.problems ?? [],
    stats: runtime.vikunja.stats(),
    verify,
    dryRun: false,
  });
  return { run, plan, report, loop };
}

/**
 * Throws RunLockedError when another live run holds the run lock (a dead holder's lock is taken over, as a run
 * does). Leaves the lock free: the run takes it when it starts writing.
 */
function refuseWhileLocked(deps: WorkflowDeps): void {
  const { store } = deps.runtime;
  const probe = `${hostname()}:${process.pid}:lock-check`;
  try {
    store.lock.acquire(probe, lockTtlMs);
  } catch (error) {
    if (!(error instanceof RunLockedError) || !releaseDeadHolder(store, deps.log)) throw error;
    store.lock.acquire(probe, lockTtlMs);
  }
  store.lock.release(probe);
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
  if (!options.dryRun) refuseWhileLocked(deps);
  const planCtx = createWriteContext(deps, `rollback-plan:${runId}`);
  const { output: plan } = await rollbackJob.plan(planCtx, { runId, force: options.force });
  if (options.dryRun) return { run: null, plan, applied: 0, failures: [] };
  let applied = 0;
  let stoppedBy: RollbackOutcome['stoppedBy'] = null;
  const failures: ReportError[] = [];
  const { run } = await withRun(store, deps.log, { command: 'rollback', inputsHash: null, options: { target: runId, force: options.force } }, async (started) => {
    const ctx = createWriteContext(deps, started.id);
    const scope = typeof target.options['scope'] === 'string' ? target.options['scope'] : null;
    for (const label of await ctx.vikunja.listLabels()) if (!ctx.refs.labels.has(label.title)) ctx.refs.labels.set(label.title, label.id);
    const entriesBySeq = new Map(store.journal.entries(runId).map((entry) => [entry.seq, entry]));
    for (const op of plan.ops) {
      if (ctx.signal.aborted) break;
      const original = entriesBySeq.get(op.entrySeq);
      const pending = store.journal.appendPending({
        runId: started.id,
        opId: op.id,
        job: rollbackJob.name,
        kind: op.kind.startsWith('delete-') ? 'delete' : 'update',
        target: op.id,
        preImage: { op },
      });
      try {
        const result = await applyRevert(ctx, op);
        store.transaction(() => {
          store.journal.markApplied(pending, result);
          const latest = original === undefined ? undefined : store.journal.latestEntry(runId, original.opId);
          if (latest !== undefined && latest.status === 'applied') {
            store.journal.markReverted(latest, { byRunId: started.id, postImage: result.postImage });
          }
          // Writes on what this step deleted (labels of a deleted task, buckets of a deleted project) go with it.
          for (const seq of plan.subsumed[op.id] ?? []) {
            const entry = entriesBySeq.get(seq);
            const current = entry === undefined ? undefined : store.journal.latestEntry(runId, entry.opId);
            if (current !== undefined && current.status === 'applied') store.journal.markReverted(current, { byRunId: started.id, postImage: null });
          }
          if (op.kind === 'delete-task' && scope !== null) {
            const mapping = store.mappings.getByTaskId(scope, op.taskId);
            if (mapping !== undefined) store.mappings.delete(scope, mapping.sourceKey);
          }
          if (op.kind === 'delete-project' && scope !== null) {
            // Its tasks went with it: so do their mappings.
            for (const mapping of store.mappings.list(scope)) {
              if (mapping.projectId === op.projectId) store.mappings.delete(scope, mapping.sourceKey);
            }
          }
        });
        applied += 1;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        store.journal.markFailed(pending, message);
        failures.push({ opId: op.id, where: op.id, message });
        if (!(error instanceof MembankError)) throw error;
        // Vikunja is gone: stop here instead of failing every remaining step; a re-run resumes.
        if (error.exitCode === ExitCode.serverUnavailable) {
          stoppedBy = 'server-unavailable';
          break;
        }
      }
    }
    if (stoppedBy === null && ctx.signal.aborted && applied + failures.length < plan.ops.length) stoppedBy = 'signal';
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
