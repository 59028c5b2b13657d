/**
 * The one journaling loop, for any write job's ops (import, rollback, sync — Vikunja requests and Markdown
 * write-back alike): for every op, commit a `pending` row with the pre-image, perform the write (`job.apply`),
 * then commit `applied` with the remote id and post-image, together with the job's `onApplied` bookkeeping, in
 * one transaction. A write whose outcome is unknown is looked up (`job.findApplied`) before anything else.
 *
 * Ops whose lanes do not overlap (`OpDescription.lanes`) may be in flight together, up to `concurrency`. They go
 * in windows: the pending rows of a window are committed in one transaction before its first request leaves
 * (group commit); the outcomes of the window, once all of its writes have answered, commit in the same
 * transaction as the next window's pending rows (or on their own when the loop ends).
 * A crash at any point leaves each op's latest row `pending` (reconciled by the next run) or final.
 */
import { AmbiguousWriteError, InternalError, MembankError, ServerUnavailableError } from '../core/errors.js';
import { type AppliedWrite, barrierLane, type OpDescription, type WriteJobContext } from '../core/job.js';
import type { JournalEntry } from '../core/store.js';

/**
 * A write job as the loop drives it: `apply`, `describeOp` and `findApplied` present. Build one from a
 * registered job with {@link requireWriteJob}.
 */
export interface LoopJob<Op> {
  name: string;
  apply(ctx: WriteJobContext, op: Op): Promise<AppliedWrite>;
  describeOp(op: Op): OpDescription;
  findApplied(ctx: WriteJobContext, op: Op): Promise<AppliedWrite | null>;
  onApplied?(ctx: WriteJobContext, op: Op, applied: AppliedWrite, run: { runId: string }): void;
  isSatisfied?(ctx: WriteJobContext, op: Op): boolean;
}

/** The job as the loop drives it; throws InternalError when the job lacks `apply`, `describeOp` or `findApplied`. */
export function requireWriteJob<Op>(job: { name: string } & Partial<Omit<LoopJob<Op>, 'name'>>): LoopJob<Op> {
  const { apply, describeOp, findApplied } = job;
  if (apply === undefined || describeOp === undefined || findApplied === undefined) {
    throw new InternalError(`job ${job.name} is not a write job: it needs apply, describeOp and findApplied`);
  }
  return {
    name: job.name,
    apply,
    describeOp,
    findApplied,
    ...(job.onApplied === undefined ? {} : { onApplied: job.onApplied }),
    ...(job.isSatisfied === undefined ? {} : { isSatisfied: job.isSatisfied }),
  };
}

/** Options for one pass over a job's ops. */
export interface JournalLoopOptions<Op> {
  runId: string;
  /** The ops, in plan order. Ops sharing a lane are sent in this order. */
  ops: readonly Op[];
  /** Most writes in flight at once: 1 (the default) sends one at a time; only a server that allows it gets more. */
  concurrency?: number;
  /**
   * Most ops journaled in one window (default 8, at least `concurrency`): their pending rows commit together, then
   * they are sent, at most `concurrency` at a time, and their outcomes commit together — one durable commit per
   * window even where writes go one at a time. A crash leaves at most this many rows to reconcile.
   */
  journalBatch?: number;
  /** What the op's target looked like before the write (the journal's pre-image `before`); null when unknown. */
  readBefore?(op: Op): unknown;
  /** Why an op is refused without being sent (e.g. its target changed since a saved plan), or null. */
  refuse?(op: Op): string | null;
  /**
   * Called after each op: ops done of all, and the writes (requests) done of those expected — a bulk create is
   * one write for many ops — which the progress ETA counts.
   */
  onProgress?: (done: number, total: number, writes: { done: number; total: number }) => void;
  /**
   * Which failures stop the loop (the server is gone: every later write would fail too) instead of being recorded
   * as the op's failure. Default: `ServerUnavailableError`.
   */
  isStop?: (error: MembankError) => boolean;
}

/** One op the loop did not apply, with the reason. */
export interface LoopFailure {
  opId: string;
  where: string;
  message: string;
  /** `refused`: not attempted (see `refuse`). `failed`: attempted and failed. */
  outcome: 'refused' | 'failed';
}

/** What the loop did. */
export interface JournalLoopResult {
  /** Op ids applied, in the order their outcomes were committed. */
  applied: string[];
  failures: LoopFailure[];
  /** Source items (op counts) not reached because the run was interrupted or the server became unavailable. */
  notReached: number;
  stoppedBy: 'signal' | 'server-unavailable' | null;
  /** With `stoppedBy: 'server-unavailable'`: the error that stopped the loop (the run re-throws it: exit 5). */
  stopError?: MembankError;
}

/** How far past the first op not yet sent the loop looks for ops to send alongside it. */
const lookahead = 256;

/** Default of `JournalLoopOptions.journalBatch`. */
const defaultJournalBatch = 8;

/**
 * Chooses the next window: up to `limit` ops, in plan order, none of which shares a lane with an earlier op not
 * yet done, nor waits for a lane such an op holds (so a labels op waits for its task's create and its labels'
 * creates, and creates into one project stay one at a time).
 * `reached(index)` is asked of each op the window may take, when every op before it on its lanes is done; it
 * returns false for an op it has dealt with (refused, already in place), which then takes no place.
 */
export function selectWindow(
  lanes: readonly (readonly string[])[],
  open: readonly boolean[],
  start: number,
  limit: number,
  reached: (index: number) => boolean,
  waitsFor: readonly (readonly string[] | undefined)[] = [],
): number[] {
  const window: number[] = [];
  const held = new Set<string>();
  let earlierOpen = false;
  for (let index = start; index < lanes.length && index < start + lookahead && window.length < limit; index += 1) {
    if (open[index] !== true) continue;
    const own = lanes[index] ?? [];
    if (own.includes(barrierLane)) {
      if (earlierOpen) break;
      if (!reached(index)) continue;
      window.push(index);
      break;
    }
    if (own.some((lane) => held.has(lane)) || (waitsFor[index] ?? []).some((lane) => held.has(lane))) {
      for (const lane of own) held.add(lane);
      earlierOpen = true;
      continue;
    }
    if (!reached(index)) continue;
    window.push(index);
    for (const lane of own) held.add(lane);
    earlierOpen = true;
  }
  return window;
}

async function applyWithLookup<Op>(ctx: WriteJobContext, job: LoopJob<Op>, op: Op, opId: string): Promise<AppliedWrite> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await job.apply(ctx, op);
    } catch (error) {
      if (!(error instanceof AmbiguousWriteError)) throw error;
      ctx.log.warn({ event: 'op.ambiguous', op: opId, attempt }, 'write outcome unknown; reconciling by marker');
      let found: AppliedWrite | null;
      try {
        found = await job.findApplied(ctx, op);
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

/** A journaled write the loop did not send: it stopped (signal, server gone, a bug) before the write's turn. */
class NotSent extends Error {}

/**
 * Sends a window's writes, at most `concurrency` at a time, in window order. Once one of them stops the loop (or
 * the signal aborts), the writes not yet sent are not sent: their outcome is `NotSent`.
 */
async function sendWindow<Op>(
  ctx: WriteJobContext,
  job: LoopJob<Op>,
  units: ReadonlyArray<{ op: Op; opId: string }>,
  concurrency: number,
  isStop: (error: MembankError) => boolean,
): Promise<Array<PromiseSettledResult<AppliedWrite>>> {
  const outcomes: Array<PromiseSettledResult<AppliedWrite>> = [];
  let next = 0;
  let stopped = false;
  const work = async (): Promise<void> => {
    while (next < units.length) {
      const position = next;
      next += 1;
      const unit = units[position] as { op: Op; opId: string };
      if (stopped || ctx.signal.aborted) {
        outcomes[position] = { status: 'rejected', reason: new NotSent(`${unit.opId} was not sent`) };
        continue;
      }
      try {
        outcomes[position] = { status: 'fulfilled', value: await applyWithLookup(ctx, job, unit.op, unit.opId) };
      } catch (reason) {
        outcomes[position] = { status: 'rejected', reason };
        if (!(reason instanceof MembankError) || isStop(reason)) stopped = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, units.length) }, work));
  return outcomes;
}

/**
 * Applies a job's ops, journaling each one (see the file comment). Stops cleanly between windows when
 * `ctx.signal` aborts or the server becomes unavailable; every other `MembankError` is recorded as the op's
 * failure and the loop goes on. Any other error (a bug) is thrown once the window's outcomes are committed.
 */
export async function runJournalLoop<Op>(ctx: WriteJobContext, job: LoopJob<Op>, options: JournalLoopOptions<Op>): Promise<JournalLoopResult> {
  const { ops } = options;
  const infos = ops.map((op) => job.describeOp(op));
  const lanes = infos.map((info) => info.lanes);
  const waits = infos.map((info) => info.waitsFor);
  const open = ops.map(() => true);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const windowSize = Math.max(concurrency, Math.floor(options.journalBatch ?? defaultJournalBatch));
  const isStop = options.isStop ?? ((error: MembankError) => error instanceof ServerUnavailableError);
  const result: JournalLoopResult = { applied: [], failures: [], notReached: 0, stoppedBy: null };
  const totalItems = infos.reduce((sum, info) => sum + info.count, 0);
  let done = 0;
  let writesDone = 0;
  // Every op is one write; one skipped (refused, already in place) costs none.
  let writesTotal = ops.length;
  const progress = (): void => options.onProgress?.(done, totalItems, { done: writesDone, total: writesTotal });
  const skip = (index: number): void => {
    open[index] = false;
    done += infos[index]?.count ?? 0;
    writesTotal -= 1;
    progress();
  };
  const reached = (index: number): boolean => {
    const op = ops[index] as Op;
    const info = infos[index] as OpDescription;
    const reason = options.refuse?.(op) ?? null;
    if (reason !== null) {
      result.failures.push({ opId: info.opId, where: info.where, message: reason, outcome: 'refused' });
      ctx.log.warn({ event: 'op.refused', op: info.opId }, reason);
      skip(index);
      return false;
    }
    if (job.isSatisfied?.(ctx, op) === true) {
      skip(index);
      return false;
    }
    return true;
  };
  let start = 0;
  const countOpen = (): number => infos.reduce((sum, info, index) => sum + (open[index] === true ? info.count : 0), 0);
  // The outcomes of the last window, not yet committed: they commit in the transaction that appends the next
  // window's pending rows (one durable commit per window instead of two), or on their own when the loop ends.
  let unsettled: (() => void) | null = null;
  const settle = (): void => {
    const outcomes = unsettled;
    unsettled = null;
    if (outcomes !== null) ctx.store.transaction(outcomes);
  };
  try {
    for (;;) {
      while (start < ops.length && open[start] !== true) start += 1;
      if (start >= ops.length) break;
      if (ctx.signal.aborted) {
        result.stoppedBy = 'signal';
        result.notReached = countOpen();
        break;
      }
      const window = selectWindow(lanes, open, start, windowSize, reached, waits);
      if (window.length === 0) continue;
      const previous = unsettled;
      unsettled = null;
      const append = (): JournalEntry[] =>
        window.map((index) => {
          const op = ops[index] as Op;
          const info = infos[index] as OpDescription;
          return ctx.store.journal.appendPending({
            runId: options.runId,
            opId: info.opId,
            job: job.name,
            kind: info.kind,
            target: info.target,
            preImage: { op, before: options.readBefore?.(op) ?? null },
          });
        });
      // Group commit: every pending row of the window is durable before the first of its requests leaves.
      let pending: JournalEntry[];
      try {
        pending = ctx.store.transaction(() => {
          previous?.();
          return append();
        });
      } catch (error) {
        // The store refused the new rows (e.g. the run lost its lock): the last window's outcomes still commit.
        unsettled = previous;
        throw error;
      }
      const outcomes = await sendWindow(
        ctx,
        job,
        window.map((index) => ({ op: ops[index] as Op, opId: (infos[index] as OpDescription).opId })),
        concurrency,
        isStop,
      );
      let stop: MembankError | undefined;
      let rethrow: unknown;
      const records: Array<() => void> = [];
      outcomes.forEach((outcome, position) => {
        const index = window[position] as number;
        const info = infos[index] as OpDescription;
        const entry = pending[position] as JournalEntry;
        const log = ctx.log.child({ op: info.opId });
        if (outcome.status === 'rejected' && outcome.reason instanceof NotSent) {
          // Never sent, so certainly not applied: its row is closed, and the op counts as not reached.
          records.push(() => ctx.store.journal.markFailed(entry, 'not sent: the run stopped first (planned again by the next run)'));
          return;
        }
        open[index] = false;
        if (outcome.status === 'fulfilled') {
          result.applied.push(info.opId);
          records.push(() => {
            ctx.store.journal.markApplied(entry, { remoteId: outcome.value.remoteId, postImage: outcome.value.postImage });
            job.onApplied?.(ctx, ops[index] as Op, outcome.value, { runId: options.runId });
            log.info({ event: 'op.applied', remoteId: outcome.value.remoteId });
          });
          return;
        }
        const unknownOutcome = outcome.reason instanceof OutcomeUnknown;
        const error: unknown = unknownOutcome ? (outcome.reason as OutcomeUnknown).reason : outcome.reason;
        const message = error instanceof Error ? error.message : String(error);
        if (unknownOutcome) {
          // Not marked failed: it may have been applied. The next run reconciles the pending row first.
          log.warn({ event: 'op.outcome_unknown', err: message });
        } else {
          records.push(() => {
            ctx.store.journal.markFailed(entry, message);
            log.warn({ event: 'op.failed', err: message });
          });
        }
        result.failures.push({ opId: info.opId, where: info.where, message, outcome: 'failed' });
        if (error instanceof MembankError && isStop(error)) stop ??= error;
        else if (unknownOutcome || !(error instanceof MembankError)) rethrow ??= error;
      });
      // Each applied row commits with its job's bookkeeping, in one transaction for the window.
      unsettled = () => {
        for (const record of records) record();
      };
      for (const index of window) {
        if (open[index] === true) continue;
        done += infos[index]?.count ?? 0;
        writesDone += 1;
        progress();
      }
      if (rethrow !== undefined) throw rethrow;
      if (stop !== undefined) {
        result.stoppedBy = 'server-unavailable';
        result.stopError = stop;
        result.notReached = countOpen();
        break;
      }
    }
  } catch (error) {
    // A store that cannot commit the outcomes is the bigger problem: its error then propagates instead.
    settle();
    throw error;
  }
  settle();
  return result;
}

/**
 * Reconciles writes left `pending` by an earlier run that stopped mid-write (crash, kill), before anything else
 * runs: each row goes to the job named in it (`ctx.jobs`), whose `findApplied` says whether the write happened;
 * the row becomes `applied` (with the job's `onApplied` bookkeeping, in one transaction) or `failed`. A row of a
 * job that cannot look its writes up stays pending. A lookup that fails leaves the row pending and stops the run
 * (the error propagates: exit 5 when the server is unavailable).
 */
export async function reconcilePending(
  ctx: WriteJobContext,
  options: { jobs?: readonly string[] } = {},
): Promise<{ applied: number; failed: number; left: number }> {
  let applied = 0;
  let failed = 0;
  let left = 0;
  for (const entry of ctx.store.journal.pendingEntries()) {
    if (options.jobs !== undefined && !options.jobs.includes(entry.job)) continue;
    const job = ctx.jobs.find(entry.job);
    const op = (entry.preImage as { op?: unknown } | null)?.op;
    if (job?.findApplied === undefined || op === undefined) {
      // Nobody can tell whether it happened: never concluded "not applied" for want of a lookup.
      ctx.log.warn({ event: 'reconcile.no_lookup', op: entry.opId, job: entry.job }, `pending write ${entry.opId} of job ${entry.job} cannot be looked up; left pending`);
      left += 1;
      continue;
    }
    let found: AppliedWrite | null;
    try {
      found = await job.findApplied(ctx, op);
    } catch (error) {
      // The lookup could not tell whether the write happened: the row stays pending, and the run stops here
      // (a later run reconciles it) rather than guessing.
      ctx.log.warn({ event: 'reconcile.lookup_failed', op: entry.opId, err: (error as Error).message });
      throw error;
    }
    if (found !== null) {
      const write = found;
      ctx.store.transaction(() => {
        ctx.store.journal.markApplied(entry, { remoteId: write.remoteId, postImage: write.postImage });
        job.onApplied?.(ctx, op, write, { runId: entry.runId });
      });
      applied += 1;
      ctx.log.info({ event: 'reconcile.applied', op: entry.opId, run: entry.runId });
    } else {
      ctx.store.journal.markFailed(entry, 'not applied (reconciled after an interrupted run; re-planned)');
      failed += 1;
      ctx.log.info({ event: 'reconcile.not_applied', op: entry.opId, run: entry.runId });
    }
  }
  return { applied, failed, left };
}
