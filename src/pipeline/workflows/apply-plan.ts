/**
 * The apply-plan workflow behind `plan`, `apply` and `migrate`: make (or take) a plan, then run it as one
 * journaled run — lock, run row, reconcile, the journal loop over the import job's ops, verify, base copies,
 * report. Composed from the job registry (`jobs/index.ts`).
 */
import { importJob, planJob, verifyJob } from '../../../jobs/index.js';
import { assignTaskIndexes, findSatisfiedOps, groupUnits, hydrateRefs, type ImportOp } from '../../../jobs/import.js';
import { createScope, fillRefsFromRemote, hashRecords, type ListedPlan, makeListedPlan, makePlan, type PlanInput, type RemoteSnapshot } from '../../../jobs/plan.js';
import { buildReport } from '../../../jobs/report.js';
import { GuardTrippedError, InternalError, ServerUnavailableError, StalePlanError } from '../../core/errors.js';
import { describeGuardRefusal, type GuardCounts, type GuardRecord } from '../../core/guards.js';
import type { WriteJobContext } from '../../core/job.js';
import type { Plan, WriteOp } from '../../core/plan.js';
import type { ReportError, RunReport } from '../../core/report.js';
import type { RunRecord } from '../../core/store.js';
import type { InputProblem } from '../../core/task-record.js';
import type { VikunjaTask } from '../../core/vikunja.js';
import { type JournalLoopResult, reconcilePending, requireWriteJob, runJournalLoop } from '../journal-loop.js';
import { withRun } from '../run.js';
import { createWriteContext, describeRunEnd, selectWriteConcurrency, type WorkflowDeps } from './deps.js';
import { type GuardOptions, judgeRunGuards } from './guard-check.js';
import { recordSourceSnapshot } from './restore.js';

/** Plans a migration: reads Vikunja and the store, writes nothing. */
export async function createPlan(
  deps: WorkflowDeps,
  input: PlanInput,
): Promise<Plan> {
  const ctx = createWriteContext(deps, 'plan');
  const { output } = await planJob.plan(ctx, input);
  return output;
}

/**
 * Plans a migration for a dry run that prints the plan and stops: the same plan as `createPlan`, its ops and
 * desired tasks made from the records as they are listed instead of held (see `makeListedPlan`).
 */
export async function createListedPlan(deps: WorkflowDeps, input: PlanInput): Promise<ListedPlan> {
  return makeListedPlan(createWriteContext(deps, 'plan'), input);
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

/** The task an op writes to, as read before the first write (the journal's pre-image). */
function readBefore(unit: ImportOp, remoteTasks: ReadonlyMap<number, VikunjaTask>): VikunjaTask | null {
  if (Array.isArray(unit)) return null;
  const op = unit as WriteOp;
  const taskId = 'taskId' in op ? op.taskId : null;
  return taskId === null ? null : (remoteTasks.get(taskId) ?? null);
}

/** Why an update, close or move of a saved plan is refused: its task changed or went since the plan was made. */
function staleReason(unit: ImportOp, remoteTasks: ReadonlyMap<number, VikunjaTask>): string | null {
  if (Array.isArray(unit)) return null;
  const op = unit as WriteOp;
  if (op.kind !== 'update' && op.kind !== 'close' && op.kind !== 'move') return null;
  const current = remoteTasks.get(op.taskId);
  if (current === undefined) {
    return `task #${op.taskId} no longer exists in Vikunja (deleted after the plan was made); re-run membank plan`;
  }
  if ((current.updated ?? '') !== op.expectedUpdated) {
    return `task #${op.taskId} changed in Vikunja at ${current.updated} after the plan was made (planned against ${op.expectedUpdated}); re-run membank plan to see the new diff`;
  }
  return null;
}

/** What an apply run produced. */
export interface ApplyOutcome {
  run: RunRecord;
  plan: Plan;
  report: RunReport;
  loop: JournalLoopResult;
  /** The blast-radius guards' verdict. */
  guard?: GuardRecord | null;
}

/** Checks that a saved plan still matches its inputs (when the records are available). */
export function checkPlanInputs(plan: Plan, currentHash: string | null): void {
  if (currentHash !== null && currentHash !== plan.inputsHash) {
    throw new StalePlanError(
      `the memory bank at ${plan.root} changed after this plan was made (inputs hash ${plan.inputsHash.slice(0, 12)}… → ${currentHash.slice(0, 12)}…); re-run membank plan and review the new plan`,
    );
  }
}

/**
 * Records the mapping of each adopted task before the first write. A renamed item's task moves from its old key with
 * its base copy (the updates planned against it are then written, and the next run compares with the same base).
 */
function markAdopted(ctx: WriteJobContext, plan: Plan, runId: string): void {
  const projectId = ctx.refs.projectId;
  if (projectId === null) return;
  ctx.store.transaction(() => {
    for (const op of plan.ops) {
      if (op.kind !== 'adopt') continue;
      if (ctx.store.mappings.get(plan.scope, op.key) !== undefined) continue;
      const old = op.renamedFrom === undefined ? undefined : ctx.store.mappings.get(plan.scope, op.renamedFrom.key);
      const moved = old?.taskId === op.taskId ? old : undefined;
      if (moved !== undefined) ctx.store.mappings.delete(plan.scope, moved.sourceKey);
      const kept = moved === undefined ? { contentHash: 'unsynced' } : { contentHash: moved.contentHash, baseRecord: moved.baseRecord };
      ctx.store.mappings.upsert({ scope: plan.scope, sourceKey: op.key, taskId: op.taskId, projectId, ...kept, runId });
      ctx.refs.tasks.set(op.key, op.taskId);
    }
  });
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
    /** `--allow-mass-change` and what discovery found (stored in the run's options for the next runs' guards). */
    guard?: GuardOptions & { counts?: GuardCounts };
  },
): Promise<ApplyOutcome> {
  const { runtime } = deps;
  let loop: JournalLoopResult = { applied: [], failures: [], notReached: 0, stoppedBy: null };
  let verify: RunReport['verify'] = null;
  let made: Plan | null = isDeferredPlan(source) ? null : source;
  let projectId: number | null = made?.project.id ?? null;
  const refused: ReportError[] = [];
  let guard: GuardRecord | null = null;
  const guardCounts = options.guard?.counts ?? null;
  const { run } = await withRun(
    runtime.store,
    deps.log,
    {
      command: options.command,
      inputsHash: source.inputsHash,
      options: {
        scope: source.scope,
        project: isDeferredPlan(source) ? source.projectTitle : source.project.title,
        root: source.root,
        // What discovery found: the blast-radius guards of the next runs compare with it.
        ...(guardCounts === null ? {} : { guardCounts }),
      },
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
      ctx.refs.scope = plan.scope;
      const reconciled = await reconcilePending(ctx);
      if (reconciled.applied + reconciled.failed > 0) {
        deps.log.info({ event: 'reconcile.done', ...reconciled });
        // Writes of an interrupted run were found: read again so the ops below see them.
        remote = await hydrateRefs(ctx, plan);
      }
      const remoteTasks = new Map<number, VikunjaTask>(remote.map((task) => [task.id, task]));
      markAdopted(ctx, plan, started.id);
      const capabilities = await runtime.vikunja.capabilities();
      const concurrency = await selectWriteConcurrency(deps);
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
      // Blast-radius guards: judged on the ops about to be sent, before the first write (and its journal row).
      guard = judgeRunGuards(deps, { runId: started.id, scope: plan.scope, root: plan.root, ops, projectTasks: remoteTasks.size, counts: guardCounts, options: options.guard ?? {} });
      if (guard.refused) {
        return { status: 'failed', error: `guard tripped: ${guard.tripped.map((trip) => trip.guard).join(', ')}; nothing written`, summary: { applied: 0, failed: 0, notReached: ops.length, writes: 0, guard }, value: undefined };
      }
      loop = await runJournalLoop(ctx, requireWriteJob(importJob), {
        runId: started.id,
        ops: groupUnits(ops, bulkSize),
        concurrency,
        readBefore: (unit) => readBefore(unit, remoteTasks),
        ...(options.checkStale ? { refuse: (unit: ImportOp) => staleReason(unit, remoteTasks) } : {}),
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
      const { status, error } = describeRunEnd(loop, verify);
      // Byte-exact copies of the bank as this successful run leaves it (`membank restore`).
      if (status === 'succeeded') await recordSourceSnapshot(deps, started.id, plan.root);
      return {
        status,
        error,
        summary: { applied: loop.applied.length, failed: loop.failures.length, notReached: loop.notReached, writes: ops.length, guard },
        value: undefined,
      };
    },
  );
  if (made === null) throw new InternalError(`run ${run.id} ended without making its plan`);
  const plan = made;
  const judged = guard as GuardRecord | null;
  if (judged?.refused === true) {
    // A refused run gets its report like any other (what it planned, each guard and its numbers, the override).
    const report = buildReport({ run, plan, journal: [], errors: [], problems: options.problems ?? [], stats: runtime.vikunja.stats(), verify: null, dryRun: false });
    throw new GuardTrippedError(describeGuardRefusal(judged, run.id, options.command), { guard: judged, runId: run.id, report: { ...report, guard: judged } });
  }
  if (loop.stopError !== undefined) {
    // The server went away mid-run: the run is recorded as interrupted; the error reaches main (exit 5).
    throw new ServerUnavailableError(
      `Vikunja unavailable — run ${run.id} stopped with ${loop.notReached} op(s) not applied; re-run to resume (nothing is repeated). ${loop.stopError.message}`,
      { cause: loop.stopError, details: { runId: run.id, notReached: loop.notReached } },
    );
  }
  const built = buildReport({
    run,
    plan: { ...plan, project: { ...plan.project, id: projectId } },
    journal: runtime.store.journal.entries(run.id),
    errors: refused,
    problems: options.problems ?? [],
    stats: runtime.vikunja.stats(),
    verify,
    dryRun: false,
  });
  // The report names the guards only when one tripped (and was overridden) or an alert was raised.
  const report = judged === null || judged.tripped.length + judged.alerts.length === 0 ? built : { ...built, guard: judged };
  return { run, plan, report, loop, guard: judged };
}

