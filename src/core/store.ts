/**
 * The state store contract: runs, the hash-chained journal, source ↔ Vikunja mappings, the label cache and
 * the run lock. Types only; `src/store/` implements it with better-sqlite3 and `src/runtime.ts` wires it.
 *
 * Every method is synchronous (SQLite is local and each write is its own durable transaction); callers that
 * need several writes to commit together wrap them in {@link StateStore.transaction}.
 */

import type { Clock } from './ports.js';

/** Lifecycle states of a run. */
export const RunStatus = {
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  interrupted: 'interrupted',
  rolledBack: 'rolled_back',
} as const;
export type RunStatusValue = (typeof RunStatus)[keyof typeof RunStatus];

/** One pipeline run (`migrate`, `apply`, `sync`, `rollback`…), as recorded in the store. */
export interface RunRecord {
  /** Sortable id, e.g. `2026-11-21T13-40-00Z-k3x9q2`. */
  id: string;
  /** The command or job that started the run. */
  command: string;
  status: RunStatusValue;
  /** ISO 8601 UTC, millisecond precision. */
  startedAt: string;
  finishedAt: string | null;
  /** Hash of the run's inputs (plan file, source tree), when the caller computed one. */
  inputsHash: string | null;
  /** The options the run was started with (never secrets: the caller passes them). */
  options: Record<string, unknown>;
  /** Counts and other totals, written when the run finishes. */
  summary: Record<string, unknown> | null;
  error: string | null;
}

/** What `runs.create` needs. */
export interface CreateRunInput {
  /** Caller-chosen id; generated (time-sortable) when omitted. */
  id?: string;
  command: string;
  inputsHash?: string | null;
  options?: Record<string, unknown>;
}

/** What `runs.finish` records. */
export interface FinishRunInput {
  status: Exclude<RunStatusValue, 'running'>;
  /** Omitted: the current summary is kept. */
  summary?: Record<string, unknown> | null;
  /** Omitted: cleared, except for `rolled_back`, which keeps the run's own error. */
  error?: string | null;
}

/** Filters for `runs.list`. */
export interface ListRunsOptions {
  command?: string;
  status?: RunStatusValue;
  limit?: number;
}

/**
 * Runs. Allowed status changes: running → succeeded | failed | interrupted; succeeded | failed | interrupted →
 * rolled_back; interrupted | failed → running (resume). Anything else throws `InternalError`.
 */
export interface RunStore {
  create(input: CreateRunInput): RunRecord;
  get(id: string): RunRecord | undefined;
  /** Newest first. */
  list(options?: ListRunsOptions): RunRecord[];
  /** Sets a final status; `finishedAt` is set once (a later `rolled_back` keeps the run's own finish time). */
  finish(id: string, input: FinishRunInput): RunRecord;
  /** Records that a run stopped early (signal, crash found at the next start) and can be resumed. */
  markInterrupted(id: string, reason?: string): RunRecord;
  /** Puts an interrupted or failed run back to `running` so the pipeline can continue it. */
  resume(id: string): RunRecord;
}

/** States of a journaled operation; each transition is a new journal row. */
export const JournalStatus = {
  pending: 'pending',
  applied: 'applied',
  failed: 'failed',
  reverted: 'reverted',
} as const;
export type JournalStatusValue = (typeof JournalStatus)[keyof typeof JournalStatus];

/** Kinds of journaled write. New kinds need only an entry here (the column has no CHECK). */
export const OpKind = {
  create: 'create',
  bulkCreate: 'bulk_create',
  update: 'update',
  move: 'move',
  close: 'close',
  reopen: 'reopen',
  delete: 'delete',
  adopt: 'adopt',
  label: 'label',
  unlabel: 'unlabel',
  relation: 'relation',
  comment: 'comment',
  project: 'project',
  bucket: 'bucket',
  view: 'view',
  position: 'position',
  writeBack: 'write_back',
} as const;
export type OpKindValue = (typeof OpKind)[keyof typeof OpKind];

/**
 * One journal row. `preImage`/`postImage` are JSON values exactly as the caller gave them (read back as
 * `unknown`: parse them with the schema of what was stored).
 */
export interface JournalEntry {
  /** Position in the journal; strictly increasing across all runs. */
  seq: number;
  runId: string;
  /** Stable id of the operation within its run, e.g. `create:tasks/x.md#PM-003`. */
  opId: string;
  job: string;
  kind: OpKindValue;
  /** What the write touches: `task:123`, `label:7`, or the source key for a create. */
  target: string;
  status: JournalStatusValue;
  preImage: unknown;
  postImage: unknown;
  /** Id the server gave or used (task id, label id…), as a string. */
  remoteId: string | null;
  error: string | null;
  /** For a `reverted` row: the run (usually a rollback) that undid the write. */
  byRunId: string | null;
  /** When the write started (the pending row's time); ISO 8601 UTC. */
  startedAt: string;
  /** When this transition was recorded; null on `pending` rows. */
  finishedAt: string | null;
  /** finishedAt − startedAt for `applied` and `failed` rows. */
  durationMs: number | null;
  prevHash: string;
  /** sha256(prevHash + canonical JSON of this row's content fields), hex. */
  hash: string;
}

/** What the pipeline records before a write. */
export interface AppendPendingInput {
  runId: string;
  opId: string;
  job: string;
  kind: OpKindValue;
  target: string;
  /** State of what will change, before the write; `null` when nothing exists yet (a create). */
  preImage: unknown;
}

/** Outcome of an applied write. */
export interface AppliedDetails {
  remoteId?: string | number | null;
  postImage?: unknown;
}

/** Details of an undone write. */
export interface RevertedDetails {
  /** The run that undid it (the rollback run). */
  byRunId?: string | null;
  /** State after the revert (`null` for a deleted task). */
  postImage?: unknown;
}

/** Result of re-computing every hash in the journal. */
export type ChainVerification =
  | { ok: true; rows: number; lastHash: string | null }
  | { ok: false; rows: number; firstBadSeq: number; reason: string };

/**
 * The append-only, hash-chained journal. Each append is its own durable transaction (unless wrapped in
 * `StateStore.transaction`). Transitions: (none | failed | reverted) → pending → applied | failed;
 * applied → reverted. The entry passed to a `mark*` method must be the op's latest row, else `InternalError`.
 */
export interface Journal {
  appendPending(input: AppendPendingInput): JournalEntry;
  markApplied(entry: JournalEntry, details?: AppliedDetails): JournalEntry;
  markFailed(entry: JournalEntry, error: unknown): JournalEntry;
  markReverted(entry: JournalEntry, details?: RevertedDetails): JournalEntry;
  /** The latest row of one op, if any. */
  latestEntry(runId: string, opId: string): JournalEntry | undefined;
  /** Every row of a run, oldest first. */
  entries(runId: string): JournalEntry[];
  /** Ids of the runs with journal rows from `seq` on (newest id first); reads no row content, so tampered rows cannot stop it. */
  runIdsFromSeq(seq: number): string[];
  /** The latest row of each op of a run, ordered by that row's seq. */
  currentEntries(runId: string): JournalEntry[];
  /** Ops, across all runs, whose latest row is `pending`: writes whose outcome must be reconciled. Oldest first. */
  pendingEntries(): JournalEntry[];
  /** Ops of a run whose latest row is `applied`, newest first (rollback order). */
  appliedEntries(runId: string): JournalEntry[];
  /** The last row's seq and hash, or null when the journal is empty. */
  head(): { seq: number; hash: string } | null;
  /** Re-computes every hash; reports the first row that was edited, deleted around or reordered. */
  verifyChain(): ChainVerification;
}

/** One source item's link to its Vikunja task, with the base copies used for 3-way sync. */
export interface MappingRecord {
  /** Which server/project the mapping belongs to (the caller builds it, e.g. server URL + project id). */
  scope: string;
  sourceKey: string;
  taskId: number;
  projectId: number;
  contentHash: string;
  /** Last synced copy of the task record (JSON), or null. */
  baseRecord: unknown;
  /** Last synced copy of the source fragment (text or its hash), or null. */
  baseSource: string | null;
  /** ISO 8601 UTC. */
  updatedAt: string;
  /** The run that last wrote this mapping. */
  runId: string | null;
}

/** What `mappings.upsert` needs. */
export interface UpsertMappingInput {
  scope: string;
  sourceKey: string;
  taskId: number;
  projectId: number;
  contentHash: string;
  baseRecord?: unknown;
  baseSource?: string | null;
  runId?: string | null;
}

/**
 * Source key ↔ Vikunja task id. A task id maps to at most one source key per scope: an upsert that would
 * break that throws `ConflictError`.
 */
export interface MappingStore {
  get(scope: string, sourceKey: string): MappingRecord | undefined;
  getByTaskId(scope: string, taskId: number): MappingRecord | undefined;
  upsert(input: UpsertMappingInput): MappingRecord;
  /** Returns whether a row was deleted. */
  delete(scope: string, sourceKey: string): boolean;
  /** Ordered by source key. */
  list(scope: string): MappingRecord[];
  /** Each mapping's key and task id, ordered by source key: `list` without reading the base copies. */
  listTasks(scope: string): Array<{ sourceKey: string; taskId: number }>;
  /** sha256 over every mapping row (of one scope, or all): equal digests mean nothing changed. */
  digest(scope?: string): string;
}

/** A cached Vikunja label. `hexColor` is stored lower-case without `#` (`''` for none). */
export interface CachedLabel {
  scope: string;
  title: string;
  hexColor: string;
  labelId: number;
  updatedAt: string;
}

/** Label lookups, so a label is looked up or created once and never duplicated. */
export interface LabelCache {
  get(scope: string, title: string, hexColor: string): number | undefined;
  put(input: { scope: string; title: string; hexColor: string; labelId: number }): CachedLabel;
  /** Ordered by title, then colour. */
  list(scope: string): CachedLabel[];
  /** Returns how many entries were removed. */
  clear(scope: string): number;
}

/** Who holds the run lock. */
export interface LockHolder {
  owner: string;
  /** ISO 8601 UTC. */
  acquiredAt: string;
  heartbeatAt: string;
  heartbeatAgeMs: number;
}

/** Result of a successful `lock.acquire`. */
export interface LockAcquisition {
  owner: string;
  acquiredAt: string;
  /** True when this owner already held the lock (its heartbeat was refreshed). */
  reentrant: boolean;
  /** Set when a stale lock was taken over: who held it and how old its heartbeat was. */
  takeover: { previousOwner: string; previousAcquiredAt: string; heartbeatAgeMs: number } | null;
}

/**
 * One run at a time. `acquire` succeeds when the lock is free, already ours, or its holder's heartbeat is older
 * than `ttlMs` (stale takeover); otherwise it throws `RunLockedError` naming the holder and the way out.
 */
export interface RunLock {
  acquire(owner: string, ttlMs: number): LockAcquisition;
  /** Refreshes the heartbeat; throws `RunLockedError` if the lock is no longer ours (taken over or forced). */
  heartbeat(owner: string): void;
  /** Returns whether `owner` held the lock (and so released it). */
  release(owner: string): boolean;
  /** Removes the lock whoever holds it (a dead holder's takeover); returns who held it. */
  forceRelease(): LockHolder | null;
  holder(): LockHolder | null;
}

/** One source file as a run read it: its path relative to the bank's root and its exact bytes. */
export interface SourceFileBytes {
  /** Relative to the snapshot's root, POSIX separators. */
  path: string;
  bytes: Uint8Array;
}

/**
 * One source file as a run already read and hashed it (the parse cache's read in `readBank`): a snapshot stores it
 * without reading it again while a stat still gives this size and mtime.
 */
export interface SourceFileIdentity {
  /** Relative to the run's root, POSIX separators. */
  path: string;
  size: number;
  mtimeMs: number;
  /** Hex sha256 of the bytes read. */
  sha256: string;
}

/** What `snapshots.prune` removed. */
export interface PrunedSnapshots {
  /** Run ids whose snapshots were dropped, newest first. */
  runs: string[];
  manifests: number;
  blobs: number;
  bytes: number;
}

/** One file of a snapshot's manifest. */
export interface SnapshotFile {
  path: string;
  /** Hex sha256 of the file's bytes: the key of its blob. */
  sha256: string;
  size: number;
}

/** The source snapshot of one successful run: which root it read, how many files and bytes. */
export interface SourceSnapshot {
  runId: string;
  /** Absolute root the run scanned (the `dir` given to sync, migrate or plan). */
  root: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  files: number;
  bytes: number;
}

/** What `snapshots.record` stored: the snapshot, and how many blobs (and bytes) were new. */
export interface RecordedSnapshot {
  snapshot: SourceSnapshot;
  newBlobs: number;
  newBytes: number;
}

/**
 * Byte-exact copies of a bank's source files per successful run: content-addressed (each distinct content stored
 * once, whatever the number of runs) plus one manifest per run. `membank restore` reads them back.
 */
export interface SourceSnapshotStore {
  /**
   * Stores a run's files in one transaction; blobs already stored are not written again. A file given by its hash
   * (`SnapshotFile`, no bytes) must name a blob already stored (else InternalError).
   */
  record(input: { runId: string; root: string; files: readonly (SourceFileBytes | SnapshotFile)[] }): RecordedSnapshot;
  /** Whether a blob with this hash is stored. */
  hasBlob(sha256: string): boolean;
  /**
   * Keeps the newest `keep` snapshots of `root` and drops the older ones, then every manifest no snapshot names and
   * every blob no manifest uses, in one transaction. Returns what was removed.
   */
  prune(input: { root: string; keep: number }): PrunedSnapshots;
  get(runId: string): SourceSnapshot | undefined;
  /** Newest first; only those of `root` when given. */
  list(options?: { root?: string }): SourceSnapshot[];
  /** A snapshot's manifest, ordered by path. */
  files(runId: string): SnapshotFile[];
  /** A blob's bytes, or undefined when no blob has that hash. */
  readBlob(sha256: string): Uint8Array | undefined;
  /** How many blobs are stored and their total size. */
  blobStats(): { blobs: number; bytes: number };
}

/** Connection settings read back from SQLite. */
export interface StorePragmas {
  /** `wal` for a file; `memory` for `:memory:`. */
  journalMode: string;
  /** 2 = FULL. */
  synchronous: number;
  /** 1 = ON. */
  foreignKeys: number;
  busyTimeoutMs: number;
}

/** The state store: one SQLite file (or `:memory:`). */
/** One cached per-file parse: the file as it was when parsed, the cache key it was parsed under, and the parse. */
export interface ParseCacheEntry {
  /** Absolute root the bank was read from. */
  root: string;
  /** Relative to the root, POSIX separators. */
  path: string;
  size: number;
  mtimeMs: number;
  sha256: string;
  /** Parser version, config and the file's discovery decisions, hashed: another key means parse again. */
  cacheKey: string;
  /** The parser's per-file output (plain JSON). */
  parse: unknown;
}

/** Per-file parses kept between runs, so unchanged files are not parsed again (`src/store/parse-cache.ts`). */
export interface ParseCacheStore {
  /** Every entry of one root. */
  list(root: string): ParseCacheEntry[];
  /** Stores (or replaces) entries and deletes the root's entries for files not in `keep`, in one transaction. */
  replace(root: string, entries: readonly ParseCacheEntry[], keep: ReadonlySet<string>): void;
}

/** The checkpoint of the last sync that proved both sides in step, per mapping scope (the no-op fast path). */
export interface SyncCheckpointRecord {
  scope: string;
  runId: string;
  /** The sync job's checkpoint (plain JSON; the job validates it). */
  checkpoint: unknown;
  recordedAt: string;
}

/** Sync checkpoints: at most one per scope. */
export interface SyncCheckpointStore {
  get(scope: string): SyncCheckpointRecord | undefined;
  put(input: { scope: string; runId: string; checkpoint: unknown }): void;
  /** Forgets a scope's checkpoint (the next sync reads everything); returns whether there was one. */
  clear(scope: string): boolean;
}

export interface StateStore {
  /** The file path, or `:memory:`. */
  readonly path: string;
  readonly runs: RunStore;
  readonly journal: Journal;
  readonly mappings: MappingStore;
  readonly labels: LabelCache;
  readonly lock: RunLock;
  /** Byte-exact copies of the bank's source files per successful run (`membank restore`). */
  readonly snapshots: SourceSnapshotStore;
  /** Per-file parses of the bank (no Markdown parse of an unchanged file). */
  readonly parseCache: ParseCacheStore;
  /** The last in-step sync per scope (the no-op fast path). */
  readonly syncCheckpoints: SyncCheckpointStore;
  /** Schema version (`PRAGMA user_version`). */
  schemaVersion(): number;
  /** The connection's durability settings as SQLite reports them (for `doctor` and tests). */
  pragmas(): StorePragmas;
  /**
   * Runs `fn` in one write transaction (`BEGIN IMMEDIATE`), e.g. an `applied` row and its mapping together.
   * `fn` must be synchronous; nested calls become savepoints. Rolled back if `fn` throws.
   */
  transaction<T>(fn: () => T): T;
  /** Closes the connection; calling it again does nothing. Any other call after it throws `InternalError`. */
  close(): void;
  readonly closed: boolean;
}

/** Options for opening a store. */
export interface OpenStoreOptions {
  /** Time source for run, journal and lock timestamps. Defaults to the system clock. */
  clock?: Clock;
  /** How long to wait for another connection's write transaction. Default 5000 ms. */
  busyTimeoutMs?: number;
}
