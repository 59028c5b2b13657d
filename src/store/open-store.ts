import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError, MembankError } from '../core/errors.js';
import type { OpenStoreOptions, StateStore } from '../core/store.js';
import { createStoreConnection } from './connection.js';
import type { SqliteDatabase } from './connection.js';
import { createJournal } from './journal.js';
import { createLabelCache } from './label-cache.js';
import { createMappingStore } from './mappings.js';
import { applyMigrations, readSchemaVersion } from './migrations.js';
import { createRunLock } from './run-lock.js';
import { createRunStore } from './runs.js';
import { createSnapshotStore } from './snapshots.js';
import { createParseCacheStore, createSyncCheckpointStore } from './parse-cache.js';

/** Path of the state store inside a working directory: `snapshots/membank.sqlite`. */
export function defaultStatePath(cwd: string): string {
  return join(cwd, 'snapshots', 'membank.sqlite');
}

const memoryPath = ':memory:';
const systemClock = { now: () => new Date() };

/**
 * Opens (creating if needed) the state store at `path`, or an in-memory one for `':memory:'`: creates the
 * directory, sets WAL, `synchronous=FULL`, `foreign_keys=ON` and a busy timeout, and applies pending schema
 * migrations. Throws `ConfigError` when the file cannot be opened, is not a SQLite database, or was written
 * by a newer membank.
 */
export function openStore(path: string, options: OpenStoreOptions = {}): StateStore {
  const isMemory = path === memoryPath;
  const displayPath = isMemory ? memoryPath : resolve(path);
  if (!isMemory) {
    try {
      mkdirSync(dirname(displayPath), { recursive: true });
    } catch (error) {
      throw new ConfigError(
        `cannot create the directory for the state store ${displayPath}: ${(error as Error).message}. ` +
          'Choose a writable location for the state file.',
        { cause: error, details: { path: displayPath } },
      );
    }
  }

  let db: SqliteDatabase;
  try {
    db = new Database(isMemory ? memoryPath : displayPath);
  } catch (error) {
    throw new ConfigError(
      `cannot open the state store ${displayPath}: ${(error as Error).message}. Check the path and its permissions.`,
      { cause: error, details: { path: displayPath } },
    );
  }

  try {
    configureConnection(db, options.busyTimeoutMs ?? 5000);
    applyMigrations(db, displayPath);
  } catch (error) {
    db.close();
    if (error instanceof MembankError) throw error;
    throw new ConfigError(
      `cannot use ${displayPath} as a membank state store: ${(error as Error).message}. ` +
        'If it is not a membank state file, point membank at another path; if it is damaged, restore it from a backup.',
      { cause: error, details: { path: displayPath } },
    );
  }

  let closed = false;
  const conn = createStoreConnection(db, options.clock ?? systemClock, displayPath, () => closed);

  return {
    path: displayPath,
    runs: createRunStore(conn),
    journal: createJournal(conn),
    mappings: createMappingStore(conn),
    labels: createLabelCache(conn),
    lock: createRunLock(conn),
    snapshots: createSnapshotStore(conn),
    parseCache: createParseCacheStore(conn),
    syncCheckpoints: createSyncCheckpointStore(conn),
    schemaVersion() {
      conn.assertOpen();
      return readSchemaVersion(db);
    },
    pragmas() {
      conn.assertOpen();
      return {
        journalMode: String(db.pragma('journal_mode', { simple: true })),
        synchronous: Number(db.pragma('synchronous', { simple: true })),
        foreignKeys: Number(db.pragma('foreign_keys', { simple: true })),
        busyTimeoutMs: Number(db.pragma('busy_timeout', { simple: true })),
      };
    },
    transaction<T>(fn: () => T): T {
      conn.assertOpen();
      return db.transaction(fn).immediate();
    },
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
    get closed() {
      return closed;
    },
  };
}

function configureConnection(db: SqliteDatabase, busyTimeoutMs: number): void {
  // busy_timeout first: switching to WAL needs a moment of exclusive access when another process is opening.
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}
