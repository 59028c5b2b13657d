import { z } from 'zod';
import { InternalError, RunLockedError } from '../core/errors.js';
import type { LockAcquisition, LockHolder, RunLock } from '../core/store.js';
import { hasSqliteCode } from './connection.js';
import type { StoreConnection } from './connection.js';
import { parseRow } from './json-column.js';

const lockRowSchema = z.object({
  owner: z.string(),
  acquired_at: z.number().int(),
  heartbeat_at: z.number().int(),
});
type LockRow = z.infer<typeof lockRowSchema>;

/** Formats a duration for a message: `850 ms`, `42 s`, `7 min 5 s`, `3 h 2 min`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * Throws `RunLockedError` when this connection took the run lock and no longer holds it (another run took it
 * over, it was force-released, or its heartbeat could not be written): the journal calls it before each pending
 * row, so a run that lost its lock stops before its next write. Without a lock taken here it checks nothing.
 */
export function assertLockHeld(conn: StoreConnection): void {
  const { owner, lost } = conn.heldLock;
  if (owner === null) return;
  if (lost !== null) throw lost;
  const row = conn.db.prepare('SELECT owner FROM run_lock WHERE id = 1').get() as { owner: string } | undefined;
  if (row?.owner === owner) return;
  const how = row === undefined ? 'nobody holds it now (it was force-released)' : `it is now held by "${row.owner}"`;
  conn.heldLock.lost = new RunLockedError(
    `this run ("${owner}") lost the lock on ${conn.path}: ${how}. It stopped before its next write; ` +
      'another run may be working on the same data. Re-run once it has finished: the run resumes where it stopped.',
    { details: { path: conn.path, owner, holder: row?.owner ?? null } },
  );
  throw conn.heldLock.lost;
}

/** Creates the run lock API over a store connection. */
export function createRunLock(conn: StoreConnection): RunLock {
  const { db } = conn;
  const selectLock = db.prepare('SELECT owner, acquired_at, heartbeat_at FROM run_lock WHERE id = 1');
  const replaceLock = db.prepare(
    'INSERT OR REPLACE INTO run_lock (id, owner, acquired_at, heartbeat_at) VALUES (1, @owner, @now, @now)',
  );
  const touchLock = db.prepare('UPDATE run_lock SET heartbeat_at = @now WHERE id = 1 AND owner = @owner');
  const deleteOwned = db.prepare('DELETE FROM run_lock WHERE id = 1 AND owner = ?');
  const deleteAny = db.prepare('DELETE FROM run_lock WHERE id = 1');

  function readLock(): LockRow | undefined {
    const row = selectLock.get();
    return row === undefined ? undefined : parseRow(lockRowSchema, row, 'run_lock');
  }

  function toHolder(row: LockRow, now: number): LockHolder {
    return {
      owner: row.owner,
      acquiredAt: new Date(row.acquired_at).toISOString(),
      heartbeatAt: new Date(row.heartbeat_at).toISOString(),
      heartbeatAgeMs: Math.max(0, now - row.heartbeat_at),
    };
  }

  function lockedError(holder: LockHolder, ttlMs: number): RunLockedError {
    return new RunLockedError(
      `another membank run holds the lock on ${conn.path}: owner "${holder.owner}", acquired ${holder.acquiredAt}, ` +
        `last heartbeat ${formatDuration(holder.heartbeatAgeMs)} ago (taken over automatically once it is older than ` +
        `${formatDuration(ttlMs)}). Wait for that run to finish and re-run. If that run was killed, the next run takes ` +
        `the lock over by itself: at once when its process ran on this machine, else once its heartbeat is older than ${formatDuration(ttlMs)}.`,
      { details: { path: conn.path, ...holder, ttlMs } },
    );
  }

  const acquire = db.transaction((owner: string, ttlMs: number): LockAcquisition => {
    const now = conn.clock.now().getTime();
    const current = readLock();
    if (current !== undefined && current.owner === owner) {
      touchLock.run({ owner, now });
      return { owner, acquiredAt: new Date(current.acquired_at).toISOString(), reentrant: true, takeover: null };
    }
    let takeover: LockAcquisition['takeover'] = null;
    if (current !== undefined) {
      const holder = toHolder(current, now);
      if (holder.heartbeatAgeMs <= ttlMs) throw lockedError(holder, ttlMs);
      takeover = {
        previousOwner: holder.owner,
        previousAcquiredAt: holder.acquiredAt,
        heartbeatAgeMs: holder.heartbeatAgeMs,
      };
    }
    replaceLock.run({ owner, now });
    return { owner, acquiredAt: new Date(now).toISOString(), reentrant: false, takeover };
  });

  const forceRelease = db.transaction((): LockHolder | null => {
    const current = readLock();
    if (current === undefined) return null;
    deleteAny.run();
    return toHolder(current, conn.clock.now().getTime());
  });

  return {
    acquire(owner: string, ttlMs: number): LockAcquisition {
      conn.assertOpen();
      if (owner.length === 0) throw new InternalError('run lock: the owner must be a non-empty string');
      if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
        throw new InternalError(`run lock: ttlMs must be a positive number of milliseconds, got ${ttlMs}`);
      }
      try {
        const acquisition = acquire.immediate(owner, ttlMs);
        conn.heldLock.owner = owner;
        conn.heldLock.lost = null;
        return acquisition;
      } catch (error) {
        if (hasSqliteCode(error, 'SQLITE_BUSY')) {
          throw new RunLockedError(
            `the state store ${conn.path} stayed busy (another process kept a write open), so the run lock could not ` +
              'be checked. Wait for the other membank process to finish, then try again.',
            { cause: error, details: { path: conn.path } },
          );
        }
        throw error;
      }
    },

    heartbeat(owner: string): void {
      conn.assertOpen();
      const now = conn.clock.now().getTime();
      let current: LockRow | undefined;
      try {
        if (touchLock.run({ owner, now }).changes > 0) return;
        current = readLock();
      } catch (error) {
        // The heartbeat could not be written: another run may take the lock over as stale, so stop writing.
        const lost = new RunLockedError(
          `this run ("${owner}") could not write the heartbeat of its lock on ${conn.path}: ${(error as Error).message}. ` +
            'It stops before its next write, since another run may take the lock over; re-run to resume.',
          { cause: error, details: { path: conn.path, owner } },
        );
        if (conn.heldLock.owner === owner) conn.heldLock.lost = lost;
        throw lost;
      }
      const how =
        current === undefined
          ? 'nobody holds it now (it was force-released)'
          : `it is now held by "${current.owner}" (taken over at ${new Date(current.acquired_at).toISOString()})`;
      const lost = new RunLockedError(
        `this run ("${owner}") lost the lock on ${conn.path}: ${how}. Stop writing; another run may be working ` +
          'on the same data. Start again once it has finished.',
        { details: { path: conn.path, owner, holder: current?.owner ?? null } },
      );
      if (conn.heldLock.owner === owner) conn.heldLock.lost = lost;
      throw lost;
    },

    release(owner: string): boolean {
      conn.assertOpen();
      if (conn.heldLock.owner === owner) {
        conn.heldLock.owner = null;
        conn.heldLock.lost = null;
      }
      return deleteOwned.run(owner).changes > 0;
    },

    forceRelease(): LockHolder | null {
      conn.assertOpen();
      return forceRelease.immediate();
    },

    holder(): LockHolder | null {
      conn.assertOpen();
      const current = readLock();
      return current === undefined ? null : toHolder(current, conn.clock.now().getTime());
    },
  };
}
