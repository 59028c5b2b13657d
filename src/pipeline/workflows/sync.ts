/**
 * The sync workflow behind `membank sync`: one journaled run over the sync job's ops (Vikunja writes and Markdown
 * write-back alike) through the generic loop — lock, run row, plan under the lock, reconcile, loop, base copies,
 * report. A dry run plans and stops: nothing is written anywhere, the state store included.
 */
import { findSatisfiedOps } from '../../../jobs/import.js';
import { createScope, fillRefsFromRemote, type RemoteSnapshot } from '../../../jobs/plan.js';
import { buildReport } from '../../../jobs/report.js';
import { computeSyncMappings, type InboxAppendOp, planSync, recordInboxMappings, settleSyncCheckpoint, type SyncCheckpoint, type SyncInput, syncJob, type SyncOp, type SyncPlan } from '../../../jobs/sync.js';
import { GuardTrippedError, InternalError, ServerUnavailableError } from '../../core/errors.js';
import { describeGuardRefusal, type GuardRecord } from '../../core/guards.js';
import type { WriteJobContext } from '../../core/job.js';
import type { WriteOp } from '../../core/plan.js';
import type { ReportError, RunReport } from '../../core/report.js';
import type { RunRecord } from '../../core/store.js';
import type { InputProblem } from '../../core/task-record.js';
import type { VikunjaTask } from '../../core/vikunja.js';
import { type JournalLoopResult, reconcilePending, requireWriteJob, runJournalLoop } from '../journal-loop.js';
import { withRun } from '../run.js';
import { createWriteContext, describeRunEnd, selectWriteConcurrency, type WorkflowDeps } from './deps.js';
import { recordSourceSnapshot } from './restore.js';
import { countGuardInputs, type GuardOptions, judgeRunGuards } from './guard-check.js';

/** What a sync produced. */
export interface SyncOutcome {
  /** Null for a dry run. */
  run: RunRecord | null;
  plan: SyncPlan;
  /** The run's report (journal counts, requests); null for a dry run. */
  report: RunReport | null;
  loop: JournalLoopResult | null;
  /** Ops not sent because their effect was already in place. */
  satisfied: number;
  /** Inbox items the parser did not read back as task items after the append (reported). */
  unreadInbox: number[];
  /** The blast-radius guards' verdict (null for a dry run). */
  guard?: GuardRecord | null;
}

async function makeSyncPlan(
  ctx: WriteJobContext,
  input: SyncInput,
): Promise<{ plan: SyncPlan; remote: RemoteSnapshot; tasks: VikunjaTask[]; checkpoint: SyncCheckpoint | null }> {
  const { plan, remote, checkpoint } = await planSync(ctx, input);
  const tasks = fillRefsFromRemote(ctx, plan.plan, remote);
  // A renamed item's task is mapped under its old key until the run ends: a subtask created under it finds it here.
  for (const item of plan.items) if (item.state === 'renamed' && item.taskId !== null) ctx.refs.tasks.set(item.key, item.taskId);
  ctx.refs.scope = plan.scope;
  return { plan, remote, tasks, checkpoint };
}

function readBefore(op: SyncOp, remoteTasks: ReadonlyMap<number, VikunjaTask>): unknown {
  if (op.kind === 'file-edit') return { file: op.path, hash: op.hash };
  if (op.kind === 'inbox-append') return { file: op.path, hash: op.hash };
  const taskId = 'taskId' in op ? op.taskId : null;
  return taskId === null ? null : (remoteTasks.get(taskId) ?? null);
}

/**
 * Plans a sync and writes nothing (`--dry-run`): not to Vikunja, not to Markdown, not to the state store. The guards
 * judge the plan as a real run would, so the preview says whether that run would be refused.
 */
export async function planSyncOnly(deps: WorkflowDeps, input: SyncInput, options: { guard?: GuardOptions } = {}): Promise<SyncOutcome> {
  const ctx = createWriteContext(deps, 'sync-plan');
  const { plan, remote } = await planSync(ctx, input);
  const guard = judgeRunGuards(deps, {
    runId: 'dry-run',
    scope: plan.scope,
    root: input.root,
    ops: plan.ops,
    projectTasks: remote.tasks.length,
    counts: countGuardInputs(input.records, options.guard),
    options: options.guard ?? {},
  });
  return { run: null, plan, report: null, loop: null, satisfied: 0, unreadInbox: [], guard };
}

/**
 * Runs one sync: plans under the run lock, settles writes an interrupted run left pending (then plans again), applies
 * every op through the generic journal loop, advances the base copies of the fields both sides now agree on, maps
 * the inbox items it appended (read back with the real parser), and builds the report.
 */
export async function runSync(
  deps: WorkflowDeps,
  input: SyncInput,
  options: { problems?: readonly InputProblem[]; onPlan?: (plan: SyncPlan) => void; guard?: GuardOptions } = {},
): Promise<SyncOutcome> {
  const { runtime } = deps;
  let loop: JournalLoopResult = { applied: [], failures: [], notReached: 0, stoppedBy: null };
  let made: SyncPlan | null = null;
  let satisfiedCount = 0;
  let unreadInbox: number[] = [];
  const refused: ReportError[] = [];
  let guard: GuardRecord | null = null;
  const guardCounts = countGuardInputs(input.records, options.guard);
  const { run } = await withRun(
    runtime.store,
    deps.log,
    {
      command: 'sync',
      inputsHash: null,
      // The scope lets a rollback of this run forget the mappings of the tasks it deletes.
      options: {
        scope: createScope(runtime.serverUrl, input.projectTitle),
        project: input.projectTitle,
        root: input.root,
        conflicts: input.conflicts ?? deps.config.sync.conflicts,
        // What discovery found: the blast-radius guards of the next runs compare with it.
        guardCounts,
        // A run that settled one conflict (MCP resolve_conflict) synced only that item.
        ...(input.resolve === undefined ? {} : { resolve: input.resolve }),
      },
    },
    async (started) => {
      let ctx = createWriteContext(deps, started.id);
      let planned = await makeSyncPlan(ctx, input);
      const reconciled = await reconcilePending(ctx);
      if (reconciled.applied + reconciled.failed > 0) {
        deps.log.info({ event: 'reconcile.done', ...reconciled });
        // Writes of an interrupted run were settled: plan again from what both sides hold now.
        ctx = createWriteContext(deps, started.id);
        planned = await makeSyncPlan(ctx, input);
      }
      const plan = planned.plan;
      made = plan;
      options.onPlan?.(plan);
      const remoteTasks = new Map<number, VikunjaTask>(planned.tasks.map((task) => [task.id, task]));
      const candidates = plan.ops.filter((op) => {
        if (op.kind === 'create' && ctx.refs.tasks.has(op.key)) return false;
        if (op.kind === 'project' && ctx.refs.projectId !== null) return false;
        if (op.kind === 'label' && ctx.refs.labels.has(op.title)) return false;
        return true;
      });
      const vikunjaOps = candidates.filter((op): op is WriteOp => op.kind !== 'file-edit' && op.kind !== 'inbox-append' && op.kind !== 'delete');
      const satisfied = await findSatisfiedOps(ctx, vikunjaOps, remoteTasks);
      satisfiedCount = satisfied.size;
      const ops = candidates.filter((op) => !satisfied.has(op.id));
      // Blast-radius guards: judged on the ops about to be sent, before the first write (and its journal row).
      guard = judgeRunGuards(deps, { runId: started.id, scope: plan.scope, root: input.root, ops, projectTasks: planned.tasks.length, counts: guardCounts, options: options.guard ?? {} });
      if (guard.refused) {
        return { status: 'failed', error: `guard tripped: ${guard.tripped.map((trip) => trip.guard).join(', ')}; nothing written`, summary: { applied: 0, failed: 0, notReached: ops.length, writes: 0, conflicts: plan.conflicts.length, guard }, value: undefined };
      }
      loop = await runJournalLoop(ctx, requireWriteJob(syncJob), {
        runId: started.id,
        ops,
        concurrency: await selectWriteConcurrency(deps),
        readBefore: (op) => readBefore(op, remoteTasks),
        ...(deps.onProgress === undefined ? {} : { onProgress: deps.onProgress }),
      });
      for (const failure of loop.failures) refused.push({ opId: failure.opId, where: failure.where, message: failure.message });
      const applied = new Set(loop.applied);
      const sent = new Set(ops.map((op) => op.id));
      // An op not sent was already in place (or its create/label/project existed): its sides agree.
      const succeeded = (opId: string): boolean => applied.has(opId) || (!sent.has(opId) && plan.ops.some((op) => op.id === opId));
      const mappings = computeSyncMappings(plan, ctx.refs, succeeded, started.id);
      runtime.store.transaction(() => {
        // A renamed item's old key goes first: one task has one mapping.
        for (const key of mappings.forget) runtime.store.mappings.delete(plan.scope, key);
        for (const mapping of mappings.upsert) runtime.store.mappings.upsert(mapping);
      });
      const inbox = plan.ops.find((op): op is InboxAppendOp => op.kind === 'inbox-append');
      if (inbox !== undefined && applied.has(inbox.id)) unreadInbox = (await recordInboxMappings(ctx, plan, inbox, started.id)).unread;
      const { status, error } = describeRunEnd(loop);
      // Byte-exact copies of the bank as this successful run leaves it, write-back included (`membank restore`).
      if (status === 'succeeded') await recordSourceSnapshot(deps, started.id, input.root, inbox !== undefined && applied.has(inbox.id) ? [inbox.path] : []);
      // The no-op fast path (docs/sync.md): a plan that proved nothing left to write keeps its checkpoint; a
      // fast-path run keeps the one it used; any other run drops it (the next sync reads everything).
      if (plan.fastPath === undefined) settleSyncCheckpoint(runtime.store, plan.scope, status === 'succeeded' && ops.length === 0 ? planned.checkpoint : null, started.id);
      return {
        status,
        error,
        summary: {
          applied: loop.applied.length,
          failed: loop.failures.length,
          notReached: loop.notReached,
          writes: ops.length,
          conflicts: plan.conflicts.length,
          // What is still pending, for `get_sync_status` (MCP) without a read of Vikunja.
          pendingConflicts: plan.conflicts.map((conflict) => ({ key: conflict.key, source: conflict.source, taskId: conflict.taskId, field: conflict.field })),
          // The blast-radius guards' verdict (`findLastGuardState`, src/core/guards.ts).
          guard,
        },
        value: undefined,
      };
    },
  );
  const plan = made as SyncPlan | null;
  if (plan === null) throw new InternalError(`sync run ${run.id} ended without making its plan`);
  const judged = guard as GuardRecord | null;
  if (judged?.refused === true) {
    // A refused run gets its report like any other (what it planned, each guard and its numbers, the override).
    const report = buildReport({ run, plan: plan.plan, journal: [], errors: [], problems: options.problems ?? [], stats: runtime.vikunja.stats(), verify: null, dryRun: false });
    throw new GuardTrippedError(describeGuardRefusal(judged, run.id, 'sync'), { guard: judged, runId: run.id, report: { ...report, guard: judged } });
  }
  if (loop.stopError !== undefined) {
    throw new ServerUnavailableError(
      `Vikunja unavailable — sync run ${run.id} stopped with ${loop.notReached} op(s) not applied; re-run to resume (nothing is repeated). ${loop.stopError.message}`,
      { cause: loop.stopError, details: { runId: run.id, notReached: loop.notReached } },
    );
  }
  const built = buildReport({
    run,
    plan: plan.plan,
    journal: runtime.store.journal.entries(run.id),
    errors: refused,
    problems: options.problems ?? [],
    stats: runtime.vikunja.stats(),
    verify: null,
    dryRun: false,
  });
  // The report names the guards only when one tripped (and was overridden) or an alert was raised.
  const report = judged === null || judged.tripped.length + judged.alerts.length === 0 ? built : { ...built, guard: judged };
  return { run, plan, report, loop, satisfied: satisfiedCount, unreadInbox, guard: judged };
}
