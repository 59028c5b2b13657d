import { ConfigError } from '../core/errors.js';
import type { SqliteDatabase } from './connection.js';

/** One schema step. Step `i` (0-based) brings the database to `user_version = i + 1`. */
export interface Migration {
  readonly name: string;
  up(db: SqliteDatabase): void;
}

const initialSchema = `
CREATE TABLE runs (
  id          TEXT PRIMARY KEY,
  command     TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted', 'rolled_back')),
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  inputs_hash TEXT,
  options     TEXT NOT NULL DEFAULT '{}',
  summary     TEXT,
  error       TEXT
);
CREATE INDEX runs_started_at ON runs (started_at);

CREATE TABLE journal (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id      TEXT NOT NULL REFERENCES runs (id),
  op_id       TEXT NOT NULL,
  job         TEXT NOT NULL,
  kind        TEXT NOT NULL,
  target      TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('pending', 'applied', 'failed', 'reverted')),
  pre_image   TEXT,
  post_image  TEXT,
  remote_id   TEXT,
  error       TEXT,
  by_run_id   TEXT REFERENCES runs (id),
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  duration_ms INTEGER,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);
CREATE INDEX journal_op ON journal (run_id, op_id, seq);
CREATE INDEX journal_pending ON journal (seq) WHERE status = 'pending';

CREATE TRIGGER journal_refuse_update BEFORE UPDATE ON journal
BEGIN
  SELECT RAISE(ABORT, 'the membank journal is append-only: UPDATE refused');
END;
CREATE TRIGGER journal_refuse_delete BEFORE DELETE ON journal
BEGIN
  SELECT RAISE(ABORT, 'the membank journal is append-only: DELETE refused');
END;

CREATE TABLE mappings (
  scope        TEXT NOT NULL,
  source_key   TEXT NOT NULL,
  task_id      INTEGER NOT NULL,
  project_id   INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  base_record  TEXT,
  base_source  TEXT,
  updated_at   TEXT NOT NULL,
  run_id       TEXT REFERENCES runs (id),
  PRIMARY KEY (scope, source_key)
) WITHOUT ROWID;
CREATE UNIQUE INDEX mappings_task ON mappings (scope, task_id);

CREATE TABLE label_cache (
  scope      TEXT NOT NULL,
  title      TEXT NOT NULL,
  hex_color  TEXT NOT NULL,
  label_id   INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (scope, title, hex_color)
) WITHOUT ROWID;

CREATE TABLE run_lock (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  owner        TEXT NOT NULL,
  acquired_at  INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL
);
`;

// Byte-exact copies of a bank's source files: each distinct content once (sha256 → bytes), each distinct manifest
// once (relative path → sha256), and per successful run the manifest it left. `membank restore` writes them back.
const sourceSnapshotSchema = `
CREATE TABLE source_blobs (
  sha256 TEXT PRIMARY KEY,
  size   INTEGER NOT NULL,
  bytes  BLOB NOT NULL
);

CREATE TABLE source_manifests (
  sha256 TEXT PRIMARY KEY,
  files  INTEGER NOT NULL,
  bytes  INTEGER NOT NULL
);

CREATE TABLE source_manifest_files (
  manifest TEXT NOT NULL REFERENCES source_manifests (sha256),
  path     TEXT NOT NULL,
  sha256   TEXT NOT NULL REFERENCES source_blobs (sha256),
  size     INTEGER NOT NULL,
  PRIMARY KEY (manifest, path)
) WITHOUT ROWID;

CREATE TABLE source_snapshots (
  run_id     TEXT PRIMARY KEY REFERENCES runs (id),
  root       TEXT NOT NULL,
  manifest   TEXT NOT NULL REFERENCES source_manifests (sha256),
  created_at TEXT NOT NULL
);
CREATE INDEX source_snapshots_root ON source_snapshots (root, created_at);
`;

// The parse cache (one row per bank file: what was parsed, and the file's size, mtime and sha256 when it was) and
// the checkpoint of the last sync that proved both sides in step (the no-op fast path, docs/sync.md).
const parseCacheSchema = `
CREATE TABLE parse_cache (
  root       TEXT NOT NULL,
  path       TEXT NOT NULL,
  size       INTEGER NOT NULL,
  mtime_ms   REAL NOT NULL,
  sha256     TEXT NOT NULL,
  cache_key  TEXT NOT NULL,
  parse      TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (root, path)
) WITHOUT ROWID;

CREATE TABLE sync_checkpoints (
  scope       TEXT PRIMARY KEY,
  run_id      TEXT NOT NULL,
  checkpoint  TEXT NOT NULL,
  recorded_at TEXT NOT NULL
) WITHOUT ROWID;
`;

/** The schema's history, oldest first. Append new steps; never edit a released one. */
export const migrations: readonly Migration[] = [
  {
    name: 'runs, journal, mappings, label cache, run lock',
    up(db) {
      db.exec(initialSchema);
    },
  },
  {
    name: 'source snapshots: content-addressed blobs and a manifest per successful run (membank restore)',
    up(db) {
      db.exec(sourceSnapshotSchema);
    },
  },
  {
    name: 'parse cache (per bank file) and sync checkpoints (the no-op fast path)',
    up(db) {
      db.exec(parseCacheSchema);
    },
  },
];

/** Reads `PRAGMA user_version`. */
export function readSchemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to the newest schema, each step in its own `BEGIN IMMEDIATE` transaction (so two
 * processes opening a fresh file at once do not both apply it). Throws `ConfigError` when the file was
 * written by a newer membank. Returns the resulting version.
 */
export function applyMigrations(db: SqliteDatabase, path: string, steps: readonly Migration[] = migrations): number {
  assertKnownVersion(readSchemaVersion(db), path, steps.length);
  steps.forEach((step, index) => {
    const target = index + 1;
    db.transaction(() => {
      const current = readSchemaVersion(db);
      assertKnownVersion(current, path, steps.length);
      if (current >= target) return;
      step.up(db);
      db.pragma(`user_version = ${target}`);
    }).immediate();
  });
  return readSchemaVersion(db);
}

function assertKnownVersion(version: number, path: string, known: number): void {
  if (version > known) {
    throw new ConfigError(
      `the state store ${path} has schema version ${version}, but this membank only knows versions up to ${known}: ` +
        'it was written by a newer membank. Upgrade membank, or point it at another state file.',
      { details: { path, version, known } },
    );
  }
}
