/**
 * Run lifecycle: one run at a time (lock with heartbeat and stale takeover), a run row that ends as
 * succeeded, failed or interrupted, and the lock released however the run ends.
 */
import { hostname } from 'node:os';
import { MembankError, RunLockedError, ServerUnavailableError } from '../core/errors.js';
import type { Logger } from '../core/ports.js';
import type { RunRecord, RunStatusValue, StateStore } from '../core/store.js';

/** How long a lock may go without a heartbeat before another run may take it over. */
export const lockTtlMs = 60_000;
const heartbeatEveryMs = 10_000;

/** What a run body returns. */
export interface RunOutcome<T> {
  status: Exclude<RunStatusValue, 'running' | 'rolled_back'>;
  summary: Record<string, unknown>;
  error?: string | null;
  value: T;
}

/** What starts a run. */
export interface RunSpec {
  command: string;
  options: Record<string, unknown>;
  inputsHash: string | null;
}

/** Whether a process id is alive on this machine. */
function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock over from a holder that is provably gone: a process of this host that no longer exists (killed,
 * crashed). Its run is marked interrupted so the next run resumes it. Returns whether it took over.
 */
export function releaseDeadHolder(store: StateStore, log: Logger): boolean {
  const holder = store.lock.holder();
  if (holder === null) return false;
  const [host, pidText, ...runParts] = holder.owner.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || isProcessAlive(pid)) return false;
  store.lock.forceRelease();
  const runId = runParts.join(':');
  const run = runId === '' ? undefined : store.runs.get(runId);
  if (run?.status === 'running') store.runs.markInterrupted(run.id, `process ${pid} ended without finishing the run`);
  log.warn({ event: 'lock.takeover', previousOwner: holder.owner, reason: 'holder process is gone' }, 'took over the lock of a process that no longer exists');
  return true;
}

/**
 * Runs `body` as one recorded run under the run lock. The body decides the final status; an exception marks
 * the run failed (and is rethrown); the lock is always released.
 */
export async function withRun<T>(
  store: StateStore,
  log: Logger,
  spec: RunSpec,
  body: (run: RunRecord) => Promise<RunOutcome<T>>,
): Promise<{ run: RunRecord; value: T }> {
  const run = store.runs.create({ command: spec.command, inputsHash: spec.inputsHash, options: spec.options });
  const owner = `${hostname()}:${process.pid}:${run.id}`;
  try {
    let acquisition;
    try {
      acquisition = store.lock.acquire(owner, lockTtlMs);
    } catch (error) {
      if (!(error instanceof RunLockedError) || !releaseDeadHolder(store, log)) throw error;
      acquisition = store.lock.acquire(owner, lockTtlMs);
    }
    if (acquisition.takeover !== null) {
      log.warn(
        { event: 'lock.takeover', previousOwner: acquisition.takeover.previousOwner, ageMs: acquisition.takeover.heartbeatAgeMs },
        'took over a stale run lock',
      );
    }
  } catch (error) {
    store.runs.finish(run.id, { status: 'failed', error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
  const heartbeat = setInterval(() => {
    try {
      store.lock.heartbeat(owner);
    } catch (error) {
      // The store now refuses the next pending row (RunLockedError, exit 4): the run stops before its next write.
      log.error({ event: 'lock.lost', err: (error as Error).message }, 'lost the run lock; stopping before the next write');
    }
  }, heartbeatEveryMs);
  heartbeat.unref();
  const runLog = log.child({ run: run.id });
  runLog.info({ event: 'run.started', command: spec.command });
  try {
    const outcome = await body(run);
    const finished = store.runs.finish(run.id, {
      status: outcome.status,
      summary: outcome.summary,
      error: outcome.error ?? null,
    });
    runLog.info({ event: 'run.finished', status: outcome.status });
    return { run: finished, value: outcome.value };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The server went away, or the run lost its lock and stopped before its next write: the run stopped and
    // resumes on the next start; it did not fail.
    const stopped = error instanceof ServerUnavailableError || error instanceof RunLockedError;
    store.runs.finish(run.id, { status: stopped ? 'interrupted' : 'failed', error: message });
    runLog.error({ event: 'run.failed', err: message, code: error instanceof MembankError ? error.code : 'INTERNAL' });
    throw error;
  } finally {
    clearInterval(heartbeat);
    store.lock.release(owner);
  }
}
