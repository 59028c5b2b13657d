/**
 * The journaling loop: for every write, commit a `pending` row with the pre-image, perform the write, then
 * commit `applied` with the remote id and post-image (and the mapping, in the same transaction). A write whose
 * outcome is unknown is reconciled by marker before anything else happens.
 */
import {
  AmbiguousWriteError,
  MembankError,
  ServerUnavailableError,
} from '../core/errors.js';
import type { WriteJobContext } from '../core/job.js';
import type { CreateOp, Plan, WriteOp } from '../core/plan.js';
import type { JournalEntry, OpKindValue } from '../core/store.js';
import type { VikunjaTask } from '../core/vikunja.js';

/** What the loop needs from the import job. */
export interface WriteJob<Result extends { remoteId: string | null; postImage: unknown }> {
  name: string;
  apply(ctx: WriteJobContext, op: WriteOp): Promise<Result>;
  applyBulk(ctx: WriteJobContext, ops: readonly CreateOp[]): Promise<Result>;
  findApplied(ctx: WriteJobContext, op: WriteOp | readonly CreateOp[]): Promise<Result | null>;
  journalKind(op: WriteOp | readonly CreateOp[]): OpKindValue;
  /** Whether an op's effect is already in place when the loop reaches it: then it is neither sent nor journaled. */
  isSatisfied?(ctx: WriteJobContext, op: WriteOp): boolean;
}

/** Options for one pass over a plan's ops. */
export interface JournalLoopOptions {
  runId: string;
  plan: Plan;
  ops: readonly WriteOp[];
  /** Group consecutive creates into atomic bulk calls of this size (0 = one create per call). */
  bulkSize: number;
  /** Tasks as read before the first write: pre-images and the staleness check come from here. */
  remoteTasks: ReadonlyMap<number, VikunjaTask>;
  /** Refuse update/move ops whose target changed since the plan (apply of a saved plan). */
  checkStale: boolean;
  /**
   * Called after each op: ops done of all, and the writes (requests) done of those expected — a bulk create is
   * one write for many ops — which the progress ETA counts.
   */
  onProgress?: (done: number, total: number, writes: { done: number; total: number }) => void;
}

/** One op the loop did not apply, with the reason. */
export interface LoopFailure {
  opId: string;
  where: string;
  message: string;
  /** `refused`: stale target, not attempted. `failed`: attempted and failed. */
  outcome: 'refused' | 'failed';
}

/** What the loop did. */
export interface JournalLoopResult {
  applied: string[];
  failures: LoopFailure[];
  /** Ops not reached because the run was interrupted (signal) or the server became unavailable. */
  notReached: number;
  stoppedBy: 'signal' | 'server-unavailable' | null;
  /** With `stoppedBy: 'server-unavailable'`: the error that stopped the loop (the run re-throws it: exit 5). */
  stopError?: ServerUnavailableError;
}

/** One journaled write: a single op, or one bulk create. */
export type Unit = { kind: 'single'; op: WriteOp } | { kind: 'bulk'; ops: CreateOp[] };

/**
 * Groups consecutive creates into bulk calls of `bulkSize`, and sends those batches **last batch first**: a v2
 * bulk create ignores `position` and puts each batch on top of every view in payload order (API.md §17.1), so
 * batches sent in reverse source order end up in source order — at no extra request (docs/pipeline.md).
 */
export function groupUnits(ops: readonly WriteOp[], bulkSize: number): Unit[] {
  const units: Unit[] = [];
  let run: CreateOp[] = [];
  const flush = (): void => {
    const batches: Unit[] = [];
    for (let start = 0; start < run.length; start += bulkSize) {
      const batch = run.slice(start, start + bulkSize);
      batches.push(batch.length === 1 ? { kind: 'single', op: batch[0] as WriteOp } : { kind: 'bulk', ops: batch });
    }
    units.push(...batches.reverse());
    run = [];
  };
  for (const op of ops) {
    if (op.kind === 'create' && bulkSize > 1) {
      run.push(op);
      continue;
    }
    flush();
    units.push({ kind: 'single', op });
  }
  flush();
  return units;
}

function describeUnit(unit: Unit): { opId: string; target: string; where: string; count: number } {
  if (unit.kind === 'bulk') {
    const first = unit.ops[0] as CreateOp;
    const last = unit.ops.at(-1) as CreateOp;
    return {
      opId: `bulk_create:${first.key}..${last.key}`,
      target: `tasks:${unit.ops.length}`,
      where: `${first.source} … ${last.source}`,
      count: unit.ops.length,
    };
  }
  const op = unit.op;
  const target =
    'taskId' in op && op.taskId !== null
      ? `task:${op.taskId}`
      : op.kind === 'label' || op.kind === 'project' || op.kind === 'bucket'
        ? `${op.kind}:${op.title}`
        : op.kind === 'kanban'
          ? 'view:kanban'
          : op.key;
  return { opId: op.id, target, where: 'source' in op ? op.source : op.id, count: 1 };
}

function preImageOf(unit: Unit, remoteTasks: ReadonlyMap<number, VikunjaTask>): unknown {
  if (unit.kind === 'bulk') return { op: unit.ops, before: null };
  const op = unit.op;
  const taskId = 'taskId' in op ? op.taskId : null;
  const before = taskId === null ? null : (remoteTasks.get(taskId) ?? null);
  return { op, before };
}

function staleReason(unit: Unit, remoteTasks: ReadonlyMap<number, VikunjaTask>): string | null {
  if (unit.kind !== 'single') return null;
  const op = unit.op;
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

function upsertCreatedMappings(ctx: WriteJobContext, plan: Plan, runId: string, unit: Unit): void {
  const ops = unit.kind === 'bulk' ? unit.ops : unit.op.kind === 'create' ? [unit.op] : [];
  const projectId = ctx.refs.projectId;
  if (projectId === null) return;
  for (const op of ops) {
    const taskId = ctx.refs.tasks.get(op.key);
    if (taskId === undefined) continue;
    ctx.store.mappings.upsert({ scope: plan.scope, sourceKey: op.key, taskId, projectId, contentHash: 'unsynced', runId });
  }
}

async function applyUnit<R extends { remoteId: string | null; postImage: unknown }>(
  ctx: WriteJobContext,
  job: WriteJob<R>,
  unit: Unit,
): Promise<R> {
  const payload = unit.kind === 'bulk' ? unit.ops : unit.op;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return unit.kind === 'bulk' ? await job.applyBulk(ctx, unit.ops) : await job.apply(ctx, unit.op);
    } catch (error) {
      if (!(error instanceof AmbiguousWriteError)) throw error;
      ctx.log.warn({ event: 'op.ambiguous', op: describeUnit(unit).opId, attempt }, 'write outcome unknown; reconciling by marker');
      let found: R | null;
      try {
        found = await job.findApplied(ctx, payload);
      } catch (lookupError) {
        // The write may have happened and the lookup could not tell: the row stays pending for the next run.
        throw new OutcomeUnknown(lookupError);
      }
      if (found !== null) return found;
      if (attempt >= 3) throw error;
    }
  }
}

/** A write that may have been applied, whose reconciling lookup failed: its journal row stays `pending`. */
class OutcomeUnknown extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason), { cause: reason });
  }
}

/**
 * Applies ops in order, journaling each one. Stops cleanly between writes when `ctx.signal` aborts or the
 * server becomes unavailable; every other failure is recorded and the loop goes on.
 */
export async function runJournalLoop<R extends { remoteId: string | null; postImage: unknown }>(
  ctx: WriteJobContext,
  job: WriteJob<R>,
  options: JournalLoopOptions,
): Promise<JournalLoopResult> {
  const units = groupUnits(options.ops, options.bulkSize);
  const result: JournalLoopResult = { applied: [], failures: [], notReached: 0, stoppedBy: null };
  let done = 0;
  let writesDone = 0;
  // Every unit is one write; one skipped (refused as stale, already in place) costs none.
  let writesTotal = units.length;
  const progress = (): void => options.onProgress?.(done, options.ops.length, { done: writesDone, total: writesTotal });
  for (const [index, unit] of units.entries()) {
    const info = describeUnit(unit);
    if (ctx.signal.aborted) {
      result.stoppedBy = 'signal';
      result.notReached = units.slice(index).reduce((sum, rest) => sum + describeUnit(rest).count, 0);
      break;
    }
    if (options.checkStale) {
      const reason = staleReason(unit, options.remoteTasks);
      if (reason !== null) {
        result.failures.push({ opId: info.opId, where: info.where, message: reason, outcome: 'refused' });
        ctx.log.warn({ event: 'op.refused', op: info.opId }, reason);
        done += info.count;
        writesTotal -= 1;
        progress();
        continue;
      }
    }
    if (unit.kind === 'single' && job.isSatisfied?.(ctx, unit.op) === true) {
      done += info.count;
      writesTotal -= 1;
      progress();
      continue;
    }
    const log = ctx.log.child({ op: info.opId });
    const pending: JournalEntry = ctx.store.journal.appendPending({
      runId: options.runId,
      opId: info.opId,
      job: job.name,
      kind: job.journalKind(unit.kind === 'bulk' ? unit.ops : unit.op),
      target: info.target,
      preImage: preImageOf(unit, options.remoteTasks),
    });
    try {
      const applied = await applyUnit(ctx, job, unit);
      ctx.store.transaction(() => {
        ctx.store.journal.markApplied(pending, { remoteId: applied.remoteId, postImage: applied.postImage });
        upsertCreatedMappings(ctx, options.plan, options.runId, unit);
      });
      result.applied.push(info.opId);
      log.info({ event: 'op.applied', remoteId: applied.remoteId });
    } catch (caught) {
      const unknownOutcome = caught instanceof OutcomeUnknown;
      const error = unknownOutcome ? caught.reason : caught;
      const message = error instanceof Error ? error.message : String(error);
      if (unknownOutcome) {
        // Not marked failed: it may have been applied. The next run reconciles the pending row first.
        log.warn({ event: 'op.outcome_unknown', err: message });
      } else {
        ctx.store.journal.markFailed(pending, message);
        log.warn({ event: 'op.failed', err: message });
      }
      result.failures.push({ opId: info.opId, where: info.where, message, outcome: 'failed' });
      if (error instanceof ServerUnavailableError) {
        result.stoppedBy = 'server-unavailable';
        result.stopError = error;
        result.notReached = units.slice(index + 1).reduce((sum, rest) => sum + describeUnit(rest).count, 0);
        break;
      }
      if (unknownOutcome || !(error instanceof MembankError)) throw error;
    }
    done += info.count;
    writesDone += 1;
    progress();
  }
  return result;
}

/**
 * Reconciles writes left `pending` by an earlier run of `job` that stopped mid-write (crash, kill): finds whether
 * each happened (by marker, or by reading the target) and records `applied` or `failed` before anything else runs.
 * A lookup that fails leaves the row pending and stops the run (the error propagates: exit 5 when the server is
 * unavailable).
 */
export async function reconcilePending<R extends { remoteId: string | null; postImage: unknown }>(
  ctx: WriteJobContext,
  job: WriteJob<R>,
): Promise<{ applied: number; failed: number }> {
  let applied = 0;
  let failed = 0;
  for (const entry of ctx.store.journal.pendingEntries()) {
    // Only this job can look its own writes up: another job's pending row (a rollback step) is not concluded
    // "not applied" for want of a lookup; it stays pending.
    if (entry.job !== job.name) continue;
    const image = entry.preImage as { op?: WriteOp | CreateOp[] } | null;
    const op = image?.op;
    let found: R | null = null;
    if (op !== undefined) {
      try {
        found = await job.findApplied(ctx, op);
      } catch (error) {
        // The lookup could not tell whether the write happened: the row stays pending, and the run stops here
        // (a later run reconciles it) rather than guessing.
        ctx.log.warn({ event: 'reconcile.lookup_failed', op: entry.opId, err: (error as Error).message });
        throw error;
      }
    }
    if (found !== null) {
      ctx.store.journal.markApplied(entry, { remoteId: found.remoteId, postImage: found.postImage });
      applied += 1;
      ctx.log.info({ event: 'reconcile.applied', op: entry.opId, run: entry.runId });
    } else {
      ctx.store.journal.markFailed(entry, 'not applied (reconciled after an interrupted run; re-planned)');
      failed += 1;
      ctx.log.info({ event: 'reconcile.not_applied', op: entry.opId, run: entry.runId });
    }
  }
  return { applied, failed };
}
