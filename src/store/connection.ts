import type Database from 'better-sqlite3';
import { InternalError } from '../core/errors.js';
import type { Clock } from '../core/ports.js';

/** A better-sqlite3 connection. */
export type SqliteDatabase = Database.Database;

/** What each part of the store shares: the connection, the clock, and a guard against use after close. */
export interface StoreConnection {
  readonly db: SqliteDatabase;
  readonly clock: Clock;
  readonly path: string;
  /** Throws `InternalError` once the store is closed. */
  assertOpen(): void;
  /** The clock's time as ISO 8601 UTC. */
  nowIso(): string;
  /**
   * The run lock this connection took (`owner`), and why it was lost (`lost`: taken over, force-released, or a
   * heartbeat that could not be written). While an owner is set, no write may be journaled once the lock is lost.
   */
  readonly heldLock: { owner: string | null; lost: Error | null };
}

/** Creates the shared connection context; `isClosed` tells whether `close()` has run. */
export function createStoreConnection(
  db: SqliteDatabase,
  clock: Clock,
  path: string,
  isClosed: () => boolean,
): StoreConnection {
  return {
    db,
    clock,
    path,
    assertOpen() {
      if (isClosed()) throw new InternalError(`the state store at ${path} is closed; open it again before using it`);
    },
    nowIso() {
      return clock.now().toISOString();
    },
    heldLock: { owner: null, lost: null },
  };
}

/** Tells whether `error` is a SQLite error with the given extended code (e.g. `SQLITE_CONSTRAINT_UNIQUE`). */
export function hasSqliteCode(error: unknown, code: string): boolean {
  if (!(error instanceof Error)) return false;
  const actual: unknown = (error as Error & { code?: unknown }).code;
  return typeof actual === 'string' && (actual === code || actual.startsWith(`${code}_`));
}
